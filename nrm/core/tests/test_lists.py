"""Lists people choose from: the reader's alphabet, duplicates told apart, BiH first."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from nrm.core.collation import collation_key, sorted_by_name
from nrm.core.forms import MunicipalityChoiceField, country_choices
from nrm.core.models import Municipality

pytestmark = pytest.mark.django_db


def test_latin_letters_with_diacritics_sort_in_their_place():
    names = ["Žepče", "Zenica", "Čapljina", "Ćelić", "Cazin", "Đurđevik", "Šamac", "Sarajevo"]
    for language in ("bs", "hr", "sr-latn"):
        assert sorted_by_name(names, str, language) == [
            "Cazin", "Čapljina", "Ćelić", "Đurđevik", "Sarajevo", "Šamac", "Zenica", "Žepče",
        ]  # fmt: skip
    assert sorted_by_name(["Lukavac", "Ljubuški", "Livno"], str, "hr") == [
        "Livno",
        "Lukavac",
        "Ljubuški",
    ]


def test_serbian_cyrillic_sorts_in_the_cyrillic_alphabets_order():
    names = ["Цазин", "Бихаћ", "Ћелић", "Шамац", "Вишеград", "Гацко", "Жепче"]
    assert sorted_by_name(names, str, "sr") == [
        "Бихаћ", "Вишеград", "Гацко", "Жепче", "Ћелић", "Цазин", "Шамац",
    ]  # fmt: skip
    assert collation_key("Б", "sr") < collation_key("В", "sr")


def labels(language, names=None):
    queryset = Municipality.objects.all()
    if names is not None:
        queryset = queryset.filter(name__in=names)
    with translation.override(language):
        choices: Any = MunicipalityChoiceField(queryset=queryset).choices
        return [str(label) for _value, label in choices]


def test_municipalities_that_share_a_name_say_their_entity():
    every = labels("bs")
    assert every[0] == "nije evidentirano" and "---------" not in every
    for name in ("Kupres", "Novi Grad", "Trnovo"):
        same = [label for label in every if label.startswith(f"{name} (")]
        assert len(same) == 2 and len(set(same)) == 2, same
    assert "Zenica" in every and "Kupres" not in every  # a repeated name never stands alone


def test_municipalities_sort_by_the_readers_alphabet():
    names = ["Žepče", "Zenica", "Čapljina", "Cazin", "Bihać"]
    assert labels("hr", names)[1:] == ["Bihać", "Cazin", "Čapljina", "Zenica", "Žepče"]
    assert labels("sr", names)[1:] == ["Бихаћ", "Жепче", "Зеница", "Цазин", "Чапљина"]


@pytest.mark.parametrize("language", ["en", "bs", "hr", "sr", "sr-latn"])
def test_bosnia_and_herzegovina_comes_first_among_countries(language):
    with translation.override(language):
        choices = country_choices()
    assert choices[0][0] == "" and choices[1][0] == "BA"
    names = [name for _code, name in choices[2:]]
    assert names == sorted_by_name(names, str, language)
