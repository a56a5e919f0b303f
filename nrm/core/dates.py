"""One date formatting for the whole interface, in the reader's language.

Every page, message and e-mail shows dates through these functions or through Django's `date`
filter with DATE_FORMAT / SHORT_DATE_FORMAT, whose formats per language live in nrm/formats/.
A date known only to the year or the month is shown as such ("2024", "March 2024"), never as
the first day of that period.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import pgettext_lazy

DAY, MONTH, YEAR = "day", "month", "year"


def today() -> datetime.date:
    """Today in the installation's time zone (NRM_TIME_ZONE), not the server's."""
    return timezone.localdate()


# The month names Django's `E` format uses (context "alt. month"): in the local languages the
# genitive ("1. siječnja", "1. januara"). Listed here so that NRM's catalogues carry them; the
# nominative ("siječanj 2024.") comes from the plain month names, also in NRM's catalogues.
GENITIVE_MONTHS = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
MONTHS = (
    pgettext_lazy("month name", "January"),
    pgettext_lazy("month name", "February"),
    pgettext_lazy("month name", "March"),
    pgettext_lazy("month name", "April"),
    pgettext_lazy("month name", "May"),
    pgettext_lazy("month name", "June"),
    pgettext_lazy("month name", "July"),
    pgettext_lazy("month name", "August"),
    pgettext_lazy("month name", "September"),
    pgettext_lazy("month name", "October"),
    pgettext_lazy("month name", "November"),
    pgettext_lazy("month name", "December"),
)


def _as_date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def format_month(value: datetime.date) -> str:
    """'March 2024', 'ožujak 2024.', 'март 2024.' (the nominative, as a heading would say)."""
    pattern = formats.get_format("YEAR_MONTH_FORMAT")
    month = str(MONTHS[value.month - 1])
    return pattern.replace("F", "\x00").replace("Y", str(value.year)).replace("\x00", month)


def format_date(value: Any, precision: str = DAY, short: bool = False) -> str:
    """A date as the reader's language writes it, as precise as it is known."""
    day = _as_date(value)
    if day is None:
        return ""
    if precision == YEAR:
        return str(day.year)
    if precision == MONTH:
        return format_month(day)
    return formats.date_format(day, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")


def format_range(start: Any, end: Any, precision: str = DAY) -> str:
    """A span of dates, as precise as it is known: '2024', 'March – May 2024.', '1 – 4 ...'."""
    first, last = _as_date(start), _as_date(end)
    if first is None:
        return ""
    if last is None or last == first:
        return format_date(first, precision)
    if precision == YEAR:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if precision == MONTH and (first.year, first.month) == (last.year, last.month):
        return format_month(first)
    return f"{format_date(first, precision)} – {format_date(last, precision)}"
