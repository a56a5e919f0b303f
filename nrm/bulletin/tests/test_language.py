"""Writing in each language: people's texts, names, dates."""

import datetime

import pytest
from django.utils import translation

from nrm.bulletin.language import (
    check_language,
    format_date,
    format_date_range,
    missing_languages,
    name_in,
    period_label,
    span_phrase,
    text_in,
)
from nrm.core.errors import ValidationError
from nrm.core.periods import Period

D = datetime.date


def test_serbian_latin_is_made_from_the_cyrillic_text():
    texts = {"en": "Introduction", "sr": "Увод у билтен"}
    assert text_in(texts, "sr") == "Увод у билтен"
    assert text_in(texts, "sr-latn") == "Uvod u bilten"


def test_serbian_cyrillic_falls_back_on_the_bosnian_text_in_cyrillic():
    texts = {"en": "Introduction", "bs": "Uvod u bilten, Banja Luka"}
    assert text_in(texts, "sr") == "Увод у билтен, Бања Лука"
    assert text_in(texts, "hr") == "Uvod u bilten, Banja Luka"
    assert text_in({"en": "Only English"}, "bs") == "Only English"
    assert text_in({}, "en") == ""


def test_missing_languages_are_listed_for_the_coordinator():
    assert missing_languages({"en": "x", "sr": "y", "bs": ""}) == ["bs", "hr"]
    assert missing_languages({}) == []


def test_names_in_latin_script_are_shown_in_cyrillic_to_serbian_readers():
    assert name_in("Banja Luka", "sr") == "Бања Лука"
    assert name_in("Banja Luka", "sr-latn") == "Banja Luka"
    assert name_in("Banja Luka", "bs") == "Banja Luka"


@pytest.mark.parametrize("bad", ["de", "", "SRB", "sr_cyrl"])
def test_unknown_languages_are_refused_with_the_choices(bad):
    with pytest.raises(ValidationError) as error:
        check_language(bad)
    assert "en, bs, hr, sr, sr-latn" in str(error.value)


def test_sr_latn_is_accepted_in_any_spelling():
    assert check_language("sr_Latn") == "sr-latn"


@pytest.mark.parametrize(
    ("language", "day", "span", "across"),
    [
        ("en", "20 August 2024", "20–23 August 2024", "30 October – 1 November 2024"),
        ("bs", "20. augusta 2024.", "20–23. augusta 2024.", "30. oktobra – 1. novembra 2024."),
        (
            "hr",
            "20. kolovoza 2024.",
            "20. – 23. kolovoza 2024.",
            "30. listopada – 1. studenoga 2024.",
        ),
        ("sr", "20. августа 2024.", "20–23. августа 2024.", "30. октобра – 1. новембра 2024."),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, day, span, across):
    with translation.override(language):
        assert format_date(D(2024, 8, 20)) == day
        assert format_date_range(D(2024, 8, 20), D(2024, 8, 23)) == span
        assert format_date_range(D(2024, 10, 30), D(2024, 11, 1)) == across


@pytest.mark.parametrize(
    ("language", "half", "year", "opening"),
    [
        ("en", "July – December 2024", "2024", "In 2024"),
        ("bs", "juli – decembar 2024.", "2024", "U 2024. godini"),
        ("sr", "јул – децембар 2024.", "2024", "У 2024. години"),
    ],
)
def test_periods_are_named_in_each_language(language, half, year, opening):
    with translation.override(language):
        assert period_label(Period.parse("2024-H2")) == half
        assert period_label(Period.parse("2024")) == year
        assert span_phrase(Period.parse("2024-H2").year_to_date()) == opening


def test_funding_lines_name_reference_programmes_in_the_reader_s_language():
    from nrm.bulletin.funding import programme_name

    assert programme_name("European Union", "en") == "European Union"
    assert programme_name("European Union", "bs") == "Evropska unija"
    assert programme_name("European Union", "hr") == "Europska unija"
    assert programme_name("European Union", "sr") == "Европска унија"
    assert programme_name("European Union", "sr-latn") == "Evropska unija"
    assert programme_name("Council of Europe grant programme", "sr") == (
        "Програм грантова Савјета Европе"
    )
    # Acronyms and names typed by people stay as written.
    assert programme_name("EU4FAST", "sr") == "EU4FAST"
