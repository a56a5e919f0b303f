"""Titles in the reader's language, with sensible fallbacks and the reader's script."""

from __future__ import annotations

import pytest

from nrm.activities.languages import LocalText, in_script, localised, to_cyrillic

TITLES = {
    "en": "Summer Police School",
    "bs": "Ljetna policijska škola",
    "hr": "Ljetna policijska škola (hr)",
    "sr": "Љетна полицијска школа",
}


@pytest.mark.parametrize(
    ("language", "text", "source"),
    [
        ("en", "Summer Police School", "en"),
        ("bs", "Ljetna policijska škola", "bs"),
        ("hr", "Ljetna policijska škola (hr)", "hr"),
        ("sr", "Љетна полицијска школа", "sr"),
        ("sr-latn", "Ljetna policijska škola", "sr"),
        ("sr_Latn", "Ljetna policijska škola", "sr"),
        ("de", "Summer Police School", "en"),
    ],
)
def test_each_language_gets_its_own_text(language, text, source):
    result = localised(TITLES, language)
    assert (result.text, result.language) == (text, source)


def test_bosnian_and_croatian_fall_back_to_each_other_before_serbian_and_english():
    assert localised({"hr": "Izobrazba", "en": "Training"}, "bs").text == "Izobrazba"
    assert localised({"bs": "Obuka", "en": "Training"}, "hr").text == "Obuka"
    assert localised({"sr": "Обука", "en": "Training"}, "bs").text == "Obuka"
    assert localised({"en": "Training"}, "bs") == LocalText("Training", "en")


def test_serbian_readers_get_cyrillic_even_from_a_latin_text():
    text = localised({"bs": "Obuka o trgovini ljudima, projekat EU4FAST"}, "sr")
    assert text.text == "Обука о трговини људима, пројекат EU4FAST"
    assert text.language == "bs"


def test_english_falls_back_to_a_local_language_in_latin_script():
    assert localised({"sr": "Обука"}, "en").text == "Obuka"


def test_nothing_written_gives_an_empty_text():
    result = localised({"en": " ", "bs": ""}, "bs")
    assert (result.text, result.language) == ("", "")


def test_codes_and_foreign_names_stay_latin_in_cyrillic():
    assert to_cyrillic("WBJAST i YouTube kanal, Neum") == "WBJAST и YouTube канал, Неум"
    assert in_script("Neum", "sr") == "Неум"
    assert in_script("Neum", "sr-latn") == "Neum"
