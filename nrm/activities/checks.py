"""Consistency checks of reported figures: warnings, not errors.

Partners report figures as they have them, and the bulletin must be able to say what was
reported; so figures whose parts exceed their total are stored as reported and flagged, at entry
(the partner confirms them) and at review (the coordinator sees them before approving). What is
impossible rather than inconsistent (an end before the start, a negative count, a place that is
neither in BiH nor abroad) is refused by the services instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from nrm.activities.models import FigureQualifier

# The quality-check kind (nrm.core.quality.Finding) of every figure warning.
PARTS_EXCEED_TOTAL = "parts_exceed_total"


@dataclass(frozen=True)
class FigureWarning:
    code: str
    field: str  # the form / API field the warning is shown at
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message": self.message}


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _sum(*values: int | None) -> int:
    return sum(v or 0 for v in values)


def figure_warnings(
    source: Any, session_participants: Iterable[int | None] = ()
) -> list[FigureWarning]:
    """Warnings for the figures of `source` (an Activity or ActivityData: same field names).

    A total given as "more than N" is a lower bound, so nothing is compared with it.
    """
    warnings: list[FigureWarning] = []
    total = source.participants_total
    bounded = total is not None and source.participants_qualifier != FigureQualifier.MORE_THAN
    women, men = source.participants_women, source.participants_men

    if bounded and (women is not None or men is not None) and _sum(women, men) > total:
        warnings.append(
            FigureWarning(
                "participants_parts_exceed_total",
                "participants_women",
                _(
                    "Women (%(women)s) and men (%(men)s) add up to %(parts)s, more than the "
                    "%(total)s participants."
                )
                % {
                    "women": _n(women or 0),
                    "men": _n(men or 0),
                    "parts": _n(_sum(women, men)),
                    "total": _n(total),
                },
            )
        )
    if (
        bounded
        and source.participants_from_bih is not None
        and source.participants_from_bih > total
    ):
        warnings.append(
            FigureWarning(
                "from_bih_exceeds_total",
                "participants_from_bih",
                _("%(part)s participants from BiH are more than the %(total)s participants.")
                % {"part": _n(source.participants_from_bih), "total": _n(total)},
            )
        )
    if bounded and source.completions is not None and source.completions > total:
        warnings.append(
            FigureWarning(
                "completions_exceed_participants",
                "completions",
                _("%(part)s completed, more than the %(total)s participants.")
                % {"part": _n(source.completions), "total": _n(total)},
            )
        )
    if source.certificates is not None:
        if source.completions is not None and source.certificates > source.completions:
            warnings.append(
                FigureWarning(
                    "certificates_exceed_completions",
                    "certificates",
                    _("%(part)s certificates, more than the %(total)s who completed.")
                    % {"part": _n(source.certificates), "total": _n(source.completions)},
                )
            )
        elif source.completions is None and bounded and source.certificates > total:
            warnings.append(
                FigureWarning(
                    "certificates_exceed_participants",
                    "certificates",
                    _("%(part)s certificates, more than the %(total)s participants.")
                    % {"part": _n(source.certificates), "total": _n(total)},
                )
            )
    sessions = [p for p in session_participants if p is not None]
    if bounded and sessions and sum(sessions) > total:
        warnings.append(
            FigureWarning(
                "sessions_exceed_participants",
                "participants_total",
                _(
                    "The sessions' participants add up to %(parts)s, more than the %(total)s "
                    "participants of the activity."
                )
                % {"parts": _n(sum(sessions)), "total": _n(total)},
            )
        )
    warnings += _reach_warnings(source)
    return warnings


def _reach_warnings(source: Any) -> list[FigureWarning]:
    warnings: list[FigureWarning] = []
    reach, women, men = source.reach_people, source.reach_women, source.reach_men
    if reach is not None and (women is not None or men is not None) and _sum(women, men) > reach:
        warnings.append(
            FigureWarning(
                "reach_parts_exceed_reach",
                "reach_women",
                _(
                    "Women reached (%(women)s) and men reached (%(men)s) add up to %(parts)s, "
                    "more than the %(total)s people reached."
                )
                % {
                    "women": _n(women or 0),
                    "men": _n(men or 0),
                    "parts": _n(_sum(women, men)),
                    "total": _n(reach),
                },
            )
        )
    views, clicks = source.reach_views, source.reach_clicks
    if views is not None and clicks is not None and clicks > views:
        warnings.append(
            FigureWarning(
                "clicks_exceed_views",
                "reach_clicks",
                _("%(clicks)s clicks, more than the %(views)s views.")
                % {"clicks": _n(clicks), "views": _n(views)},
            )
        )
    return warnings


def activity_figure_warnings(activity: Any) -> list[FigureWarning]:
    """figure_warnings() of a stored activity (its sessions prefetched or queried)."""
    return figure_warnings(activity, [s.participants for s in activity.sessions.all()])
