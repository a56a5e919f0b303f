"""Template filters for activities: text in the reader's language, places, dates, figures."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.activities.languages import localised
from nrm.activities.models import DatePrecision, FigureQualifier
from nrm.activities.selectors import place_text
from nrm.core.dates import format_range

register = template.Library()


def _language() -> str:
    return get_language() or "en"


@register.filter
def local_title(activity: Any) -> str:
    return localised(activity.titles(), _language()).text or _("(untitled)")


@register.filter
def local_summary(activity: Any) -> str:
    return localised(activity.summaries(), _language()).text


@register.filter
def place(value: Any) -> str:
    return place_text(value, _language())


@register.filter
def date_range(item: Any) -> str:
    """'1 – 4 September 2024' style ranges, as precise as the reporter knew them."""
    precision = getattr(item, "date_precision", DatePrecision.DAY)
    return format_range(item.start_date, item.end_date, str(precision))


@register.filter
def figure(value: Any) -> str:
    """A count with thousands separators, or '—' when not recorded."""
    if value is None or value == "":
        return "—"
    return formats.number_format(value, force_grouping=True)


@register.filter
def participants(activity: Any) -> str:
    total = activity.participants_total
    if total is None:
        return "—"
    number = figure(total)
    if activity.participants_qualifier == FigureQualifier.MORE_THAN:
        return _("more than %(number)s") % {"number": number}
    if activity.participants_qualifier == FigureQualifier.ABOUT:
        return _("about %(number)s") % {"number": number}
    return number


@register.filter
def status_badge(status: str) -> str:
    return {
        "approved": "badge--ok",
        "submitted": "badge--warn",
        "returned": "badge--danger",
    }.get(status, "")
