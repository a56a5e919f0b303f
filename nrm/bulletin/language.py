"""Writing the bulletin in one language: texts, names, dates and lists.

The builder runs inside `translation.override(language)`, so gettext gives the language's
words; these helpers handle what catalogues cannot: texts written by people (kept per
language, Serbian Latin derived from Cyrillic), names stored in Latin script (shown in
Cyrillic to Serbian Cyrillic readers), and dates with the months in the right case.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.transliterate import cyrillic_to_latin, latin_to_cyrillic

LANGUAGES: tuple[str, ...] = ("en", "bs", "hr", "sr", "sr-latn")
# The languages people write texts in; Serbian Latin is transliterated from Serbian Cyrillic.
WRITTEN_LANGUAGES: tuple[str, ...] = ("en", "bs", "hr", "sr")


def check_language(code: str) -> str:
    value = (code or "").strip().lower().replace("_", "-")
    if value not in LANGUAGES:
        raise ValidationError(
            _("%(value)r is not a bulletin language: use one of %(choices)s.")
            % {"value": code, "choices": ", ".join(LANGUAGES)},
            fields={"lang": [_("choose from: %(choices)s") % {"choices": ", ".join(LANGUAGES)}]},
        )
    return value


def text_in(texts: Mapping[str, str] | None, language: str) -> str:
    """A text written by people, in `language`: its own version, else the closest one.

    Serbian Latin is the Serbian Cyrillic text transliterated; Serbian Cyrillic falls back on
    the Bosnian or Croatian text in Cyrillic script; any language falls back on English.
    """
    available = {k: v.strip() for k, v in (texts or {}).items() if v and v.strip()}
    if not available:
        return ""
    if language == "sr-latn":
        if "sr" in available:
            return cyrillic_to_latin(available["sr"])
        fallback = _first(available, ("bs", "hr", "en"))
        return cyrillic_to_latin(fallback)
    if language == "sr":
        if "sr" in available:
            return latin_to_cyrillic(available["sr"])
        for neighbour in ("bs", "hr"):
            if neighbour in available:
                return latin_to_cyrillic(available[neighbour])
        return _first(available, ("en",))
    if language in ("bs", "hr"):
        other = "hr" if language == "bs" else "bs"
        return _first(available, (language, other, "en", "sr"))
    return _first(available, ("en", "bs", "hr", "sr"))


def _first(available: Mapping[str, str], order: Sequence[str]) -> str:
    for code in order:
        if code in available:
            return available[code]
    return next(iter(available.values()))


def missing_languages(texts: Mapping[str, str] | None) -> list[str]:
    """Written languages without their own version of a text (the bulletin falls back)."""
    available = {k for k, v in (texts or {}).items() if v and v.strip()}
    if not available:
        return []
    return [code for code in WRITTEN_LANGUAGES if code not in available]


def name_in(name: str, language: str) -> str:
    """A name stored in Latin script (a place, an organisation), in the reader's script."""
    return latin_to_cyrillic(name) if language == "sr" else name


# Dates ---------------------------------------------------------------------------------------


def month_name(month: int) -> str:
    """Nominative: "July" in "July - December 2024"."""
    names = (
        pgettext("month name", "January"),
        pgettext("month name", "February"),
        pgettext("month name", "March"),
        pgettext("month name", "April"),
        pgettext("month name", "May"),
        pgettext("month name", "June"),
        pgettext("month name", "July"),
        pgettext("month name", "August"),
        pgettext("month name", "September"),
        pgettext("month name", "October"),
        pgettext("month name", "November"),
        pgettext("month name", "December"),
    )
    return names[month - 1]


def month_of_date(month: int) -> str:
    """The month as it is written in a date ("20 August": genitive in bs, hr, sr)."""
    names = (
        pgettext("month in a date", "January"),
        pgettext("month in a date", "February"),
        pgettext("month in a date", "March"),
        pgettext("month in a date", "April"),
        pgettext("month in a date", "May"),
        pgettext("month in a date", "June"),
        pgettext("month in a date", "July"),
        pgettext("month in a date", "August"),
        pgettext("month in a date", "September"),
        pgettext("month in a date", "October"),
        pgettext("month in a date", "November"),
        pgettext("month in a date", "December"),
    )
    return names[month - 1]


def format_date(day: datetime.date) -> str:
    """20 August 2024 / 20. augusta 2024."""
    return _("%(day)s %(month)s %(year)s") % {
        "day": day.day,
        "month": month_of_date(day.month),
        "year": day.year,
    }


def format_date_range(start: datetime.date, end: datetime.date | None) -> str:
    """20-23 August 2024; 30 October - 1 November 2024; one day: 20 August 2024."""
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return _("%(first)s–%(last)s %(month)s %(year)s") % {
            "first": start.day,
            "last": end.day,
            "month": month_of_date(end.month),
            "year": end.year,
        }
    if start.year == end.year:
        return _("%(first_day)s %(first_month)s – %(last_day)s %(last_month)s %(year)s") % {
            "first_day": start.day,
            "first_month": month_of_date(start.month),
            "last_day": end.day,
            "last_month": month_of_date(end.month),
            "year": end.year,
        }
    return f"{format_date(start)} – {format_date(end)}"


def period_label(period: Period) -> str:
    """July – December 2024; the year alone for a whole year."""
    if period.start.month == 1 and period.end.month == 12 and period.start.year == period.end.year:
        return str(period.end.year)
    return _("%(first)s – %(last)s %(year)s") % {
        "first": month_name(period.start.month),
        "last": month_name(period.end.month),
        "year": period.end.year,
    }


def span_phrase(period: Period) -> str:
    """The opening of a sentence about the statistics: "In 2024" or "From 1 January to
    30 June 2024"."""
    whole_year = period.start == datetime.date(period.end.year, 1, 1) and period.end == (
        datetime.date(period.end.year, 12, 31)
    )
    if whole_year:
        return _("In %(year)s") % {"year": period.end.year}
    return _("From %(start)s to %(end)s") % {
        "start": format_date(period.start),
        "end": format_date(period.end),
    }


# Lists and numbers ----------------------------------------------------------------------------


def join_list(items: Sequence[str]) -> str:
    """a, b and c."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def number(value: int | float) -> str:
    """1 194 614 with the language's grouping (a non-breaking thin space everywhere, so the
    figure reads the same in every edition)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value):,}".replace(",", "\u202f")
