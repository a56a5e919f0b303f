"""Notification kinds: what an app may tell a user about, declared on its AppConfig.

An app lists its kinds in `NrmAppConfig.notification_kinds` (the dotted path of a sequence of
`NotificationKind`) and calls `nrm.inbox.services.notify(...)` when the event happens. The
inbox app stores the notification, shows it under the bell and, as each user prefers, sends
an e-mail at once or in the daily digest. E-mails carry the kind's `email` sentence, which
names codes only (a case code, a report reference), never a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a user wants to hear about one kind, beyond the bell (which always shows it)."""

    OFF = "off", _("only in NRM")
    IMMEDIATE = "immediate", _("e-mail at once")
    DIGEST = "digest", _("e-mail in the daily digest")


@dataclass(frozen=True)
class NotificationKind:
    key: str  # stable, e.g. "cases.referral_received"
    label: str | Promise  # for the preferences page, e.g. "A referral is received"
    # In the application, formatted with the notification's params (codes, organisation names).
    message: str | Promise
    # In e-mails: formatted with the params too, but may use codes only (never a name).
    email: str | Promise
    default: str = Delivery.IMMEDIATE
    # Roles that can receive this kind: the preferences page offers it to them only.
    roles: tuple[str, ...] = ()
