"""Sentences from figures: the right plural form for every number in every language."""

import pytest
from django.utils import translation

from nrm.bulletin import prose
from nrm.core.periods import Period
from nrm.statistics.tables import victim_figures

YEAR = Period.parse("2024")


def victims(n: int, *, unrecorded: int = 0) -> dict:
    """n adult women, citizens of BiH, all in a safe house; `unrecorded` without a form."""
    empty = {"total": 0, "female": 0, "male": 0, "other": 0, "unknown": 0}
    return {
        "total": n,
        "by_status": {"potential": n, "identified": 0},
        "by_sex": {"female": n, "male": 0, "other": 0, "unknown": 0},
        "by_age_group": {
            "adult": {**empty, "total": n, "female": n},
            "minor": empty,
            "unknown": empty,
        },
        "by_exploitation": {
            "sexual": n - unrecorded,
            "labour": 0,
            "begging": 0,
            "criminality": 0,
            "marriage": 0,
            "domestic_servitude": 0,
            "organ_removal": 0,
            "other": 0,
            "not_recorded": unrecorded,
        },
        "by_citizenship": {"BA": n, "unknown": 0},
        "nationals": n,
        "foreigners": 0,
        "citizenship_unknown": 0,
        "in_shelter": n,
    }


def text(language: str, n: int, unrecorded: int = 0) -> str:
    data = victims(n, unrecorded=unrecorded)
    with translation.override(language):
        cells = victim_figures(data).protected(None)
        return " ".join(prose.victims_paragraphs(data, cells, YEAR))


TOTALS = {
    "bs": {
        1: "ukupno je 1 osoba identifikovana kao potencijalna žrtva trgovine ljudima",
        2: "ukupno su 2 osobe identifikovane kao potencijalne žrtve trgovine ljudima",
        5: "ukupno je 5 osoba identifikovano kao potencijalne žrtve trgovine ljudima",
        11: "ukupno je 11 osoba identifikovano kao potencijalne žrtve trgovine ljudima",
        21: "ukupno je 21 osoba identifikovana kao potencijalna žrtva trgovine ljudima",
        22: "ukupno su 22 osobe identifikovane kao potencijalne žrtve trgovine ljudima",
    },
    "sr": {
        1: "укупно је 1 лице идентификовано као потенцијална жртва трговине људима",
        2: "укупно су 2 лица идентификована као потенцијалне жртве трговине људима",
        5: "укупно је 5 лица идентификовано као потенцијалне жртве трговине људима",
        11: "укупно је 11 лица идентификовано као потенцијалне жртве трговине људима",
        21: "укупно је 21 лице идентификовано као потенцијална жртва трговине људима",
        22: "укупно су 22 лица идентификована као потенцијалне жртве трговине људима",
    },
}
SHELTER = {
    "bs": {
        1: "1 žrtva bila je smještena u sigurnoj kući",
        2: "2 žrtve bile su smještene",
        5: "5 žrtava bilo je smješteno",
        11: "11 žrtava bilo je smješteno",
        21: "21 žrtva bila je smještena",
        22: "22 žrtve bile su smještene",
    },
    "sr": {
        1: "1 жртва била је смјештена у сигурној кући",
        2: "2 жртве биле су смјештене",
        5: "5 жртава било је смјештено",
        11: "11 жртава било је смјештено",
        21: "21 жртва била је смјештена",
        22: "22 жртве биле су смјештене",
    },
}
UNRECORDED = {
    "en": {
        1: "For one victim the form of exploitation was not recorded.",
        2: "For 2 victims the form of exploitation was not recorded.",
        21: "For 21 victims the form of exploitation was not recorded.",
    },
    "bs": {
        1: "Za jednu žrtvu oblik iskorištavanja nije evidentiran.",
        2: "Za 2 žrtve oblik iskorištavanja nije evidentiran.",
        5: "Za 5 žrtava oblik iskorištavanja nije evidentiran.",
        11: "Za 11 žrtava oblik iskorištavanja nije evidentiran.",
        21: "Za 21 žrtvu oblik iskorištavanja nije evidentiran.",
        22: "Za 22 žrtve oblik iskorištavanja nije evidentiran.",
    },
    "sr": {
        1: "За једну жртву облик експлоатације није евидентиран.",
        2: "За 2 жртве облик експлоатације није евидентиран.",
        5: "За 5 жртава облик експлоатације није евидентиран.",
        11: "За 11 жртава облик експлоатације није евидентиран.",
        21: "За 21 жртву облик експлоатације није евидентиран.",
        22: "За 22 жртве облик експлоатације није евидентиран.",
    },
}


@pytest.mark.parametrize("language", ["bs", "sr"])
@pytest.mark.parametrize("n", [1, 2, 5, 11, 21, 22])
def test_the_totals_take_the_plural_form_of_their_number(language, n):
    written = text(language, n)
    assert TOTALS[language][n] in written
    assert SHELTER[language][n] in written


@pytest.mark.parametrize(
    ("language", "n"), [(lang, n) for lang, cases in UNRECORDED.items() for n in cases]
)
def test_the_gap_is_stated_with_the_right_form(language, n):
    assert UNRECORDED[language][n] in text(language, n + 3, unrecorded=n)


@pytest.mark.parametrize(
    ("language", "months", "expected"),
    [
        ("en", 3, "3 months"),
        ("en", 12, "1 year"),
        ("en", 30, "2 years and 6 months"),
        ("bs", 3, "3 mjeseca"),
        ("bs", 5, "5 mjeseci"),
        ("bs", 120, "10 godina"),
        ("bs", 21, "1 godina i 9 mjeseci"),
        ("sr", 24, "2 године"),
        ("sr", 1, "1 мјесец"),
    ],
)
def test_durations(language, months, expected):
    with translation.override(language):
        assert prose.duration(months) == expected
