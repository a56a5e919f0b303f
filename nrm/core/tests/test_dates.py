# ruff: noqa: E501
"""One date formatting in every language, partial dates shown as partial."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from nrm.core.dates import DAY, MONTH, YEAR, format_date, format_range

D = datetime.date(2024, 1, 1)
END = datetime.date(2024, 12, 31)

EXPECTED = {
    # language: (a day, a short day, a month, a year, the year's range)
    "en": ("1 January 2024", "1 Jan 2024", "January 2024", "2024", "1 January 2024 – 31 December 2024"),
    "bs": ("1. januara 2024.", "1. 1. 2024.", "januar 2024.", "2024", "1. januara 2024. – 31. decembra 2024."),
    "hr": ("1. siječnja 2024.", "1. 1. 2024.", "siječanj 2024.", "2024", "1. siječnja 2024. – 31. prosinca 2024."),
    "sr": ("1. јануара 2024.", "1. 1. 2024.", "јануар 2024.", "2024", "1. јануара 2024. – 31. децембра 2024."),
    "sr-latn": ("1. januara 2024.", "1. 1. 2024.", "januar 2024.", "2024", "1. januara 2024. – 31. decembra 2024."),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_dates_in_each_language(language):
    day, short, month, year, span = EXPECTED[language]
    with translation.override(language):
        assert format_date(D) == day
        assert format_date(D, short=True) == short
        assert format_date(D, MONTH) == month
        assert format_date(D, YEAR) == year
        assert format_range(D, END, DAY) == span
        assert ".." not in format_range(D, END, DAY)


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_partial_dates_stay_partial(language):
    with translation.override(language):
        assert format_range(D, END, YEAR) == "2024"
        assert format_range(D, datetime.date(2025, 12, 31), YEAR) == "2024–2025"
        march = format_range(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), MONTH)
        assert "1." not in march and "31" not in march and "2024" in march
        assert "01" not in format_date(D, YEAR)


def test_genitive_for_every_month_in_croatian_and_serbian():
    with translation.override("hr"):
        assert format_date(datetime.date(2024, 11, 5)) == "5. studenoga 2024."
    with translation.override("sr"):
        assert format_date(datetime.date(2024, 3, 8)) == "8. марта 2024."
    with translation.override("bs"):
        assert format_date(datetime.date(2024, 8, 8)) == "8. augusta 2024."


def test_empty_and_iso_text():
    assert format_date(None) == ""
    with translation.override("hr"):
        assert format_date("2024-06-30") == "30. lipnja 2024."
