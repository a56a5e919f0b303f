"""Names in the reader's language: transliteration that keeps what must not change, cities
abroad in the reader's words, Django's own messages in ijekavian."""

from __future__ import annotations

import pytest
from django.utils import translation

from nrm.core.places import city_name
from nrm.core.transliterate import name_to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Panel II", "Панел II"),
        ("Panel I", "Панел I"),
        ("Sud BiH, odjel IV", "Суд БиХ, одјел IV"),
        ("Ius Versus Iustitiam", "Ius Versus Iustitiam"),
        ("Council of Europe", "Council of Europe"),
        ("Kantonalni sud u Mostaru", "Кантонални суд у Мостару"),
        ("Ljubuški", "Љубушки"),
        ("I tako dalje", "И тако даље"),
    ],
)
def test_transliteration_keeps_roman_numerals_latin_titles_and_foreign_names(latin, cyrillic):
    assert name_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("language", "city", "country", "expected"),
    [
        ("sr", "Belgrade", "RS", "Београд"),
        ("bs", "Belgrade", "RS", "Beograd"),
        ("hr", "Vienna", "AT", "Beč"),
        ("sr", "Budva", "ME", "Будва"),
        ("sr", "Lyon", "FR", "Lyon"),
        ("en", "Belgrade", "RS", "Belgrade"),
    ],
)
def test_cities_abroad_in_the_readers_language(language, city, country, expected):
    with translation.override(language):
        assert city_name(city, country, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sr", "Унесите исправну вриједност."), ("sr-latn", "Unesite ispravnu vrijednost.")],
)
def test_djangos_messages_are_ijekavian(language, expected):
    from django import forms

    with translation.override(language):
        field = forms.IntegerField(max_value=5)
        with pytest.raises(forms.ValidationError) as raised:
            field.clean("7")
        assert "вредност" not in raised.value.messages[0]
        assert "vrednost" not in raised.value.messages[0]
        assert str(translation.gettext("Enter a valid value.")) == expected


@pytest.mark.django_db
def test_statistics_name_organisations_in_the_readers_language(orgs):
    from nrm.statistics.labels import key_label

    orgs.partner.local_names = {"sr": ["Тест партнер"], "bs": ["Test partner BS"]}
    orgs.partner.save()
    with translation.override("sr"):
        assert key_label(orgs.partner.name, parent="by_organisation") == str(orgs.partner)
        assert key_label("2024-03", parent="by_month") == "март 2024."
