"""Statistics for a period: every family that an app declares (NrmAppConfig.statistics)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.registry import statistic_families


def statistics_for_period(
    *, period: Period, families: Iterable[str] | None = None, actor: Any = None, **filters: Any
) -> dict[str, Any]:
    """{"period": {from, to}, <family>: {...}, ...}. `actor` None is the operator (CLI)."""
    available = statistic_families()
    wanted = list(families) if families else list(available)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise ValidationError(
            _("Unknown statistics: %(names)s.") % {"names": ", ".join(unknown)},
            fields={"family": [_("choose from: %(names)s") % {"names": ", ".join(available)}]},
        )
    result: dict[str, Any] = {"period": period.as_dict()}
    for name in wanted:
        result[name] = available[name](period=period, actor=actor, **filters)
    return result
