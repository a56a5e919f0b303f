"""Template filters for activities: text in the reader's language, places, dates, figures."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.activities.languages import localised
from nrm.activities.models import DatePrecision, FigureQualifier
from nrm.activities.selectors import place_text

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


def _month(day: datetime.date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


@register.filter
def date_range(item: Any) -> str:
    """'1–4 Sept 2024' style ranges, as precise as the reporter knew them."""
    start, end = item.start_date, item.end_date
    precision = getattr(item, "date_precision", DatePrecision.DAY)
    if precision == DatePrecision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == DatePrecision.MONTH:
        if (start.year, start.month) == (end.year, end.month):
            return _month(start)
        return f"{_month(start)} – {_month(end)}"
    first = formats.date_format(start, "DATE_FORMAT")
    if start == end:
        return first
    return f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"


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
