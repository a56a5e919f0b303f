"""The sentences of a notification, in the reader's language (kinds: nrm.core.notifications).

Params whose key ends in `_name` are organisation names: shown in the application (in the
reader's script), never put into an e-mail. Every other param is a code or a number.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.core.dates import format_date
from nrm.core.notifications import NotificationKind
from nrm.core.registry import notification_kinds
from nrm.core.templatetags.nrm import in_reader_script

logger = logging.getLogger(__name__)

_kinds: dict[str, NotificationKind] | None = None


def kinds() -> dict[str, NotificationKind]:
    """Every declared kind by key (read once per process: AppConfigs do not change)."""
    global _kinds
    if _kinds is None:
        _kinds = notification_kinds()
    return _kinds


def kind_of(key: str) -> NotificationKind | None:
    return kinds().get(key)


def codes_only(params: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in params.items() if not key.endswith("_name")}


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _fill(template: Any, params: Mapping[str, Any], key: str) -> str:
    # Dates are stored as ISO text and shown as the reader's language writes them.
    params = {k: format_date(v) if ISO_DATE.fullmatch(str(v)) else v for k, v in params.items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        logger.warning("notification %s: its params do not fill %r", key, str(template))
        return str(template)


def names_in_every_language(organisation: Any) -> dict[str, str]:
    """An organisation's short name per language, to store in a `_name` param."""
    return {
        code: organisation.display_name(code, short=True) for code, _label in settings.LANGUAGES
    }


def _name_for_reader(value: Any) -> str:
    if isinstance(value, Mapping):
        language = get_language() or settings.LANGUAGE_CODE
        if language in value:
            return str(value[language])
        return in_reader_script(str(value.get("en") or next(iter(value.values()), "")))
    return in_reader_script(str(value))


def in_app_text(key: str, params: Mapping[str, Any]) -> str:
    kind = kind_of(key)
    if kind is None:
        return _("A notification of a kind this version of NRM no longer knows.")
    shown = {
        name: _name_for_reader(value) if name.endswith("_name") else str(value)
        for name, value in params.items()
    }
    return _fill(kind.message, shown, key)


def email_text(key: str, params: Mapping[str, Any]) -> str:
    """The e-mail's sentence: codes only, whatever the params hold."""
    kind = kind_of(key)
    if kind is None:
        return _("You have a new notification in NRM.")
    return _fill(kind.email, codes_only(params), key)
