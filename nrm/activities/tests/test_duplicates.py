"""Possible duplicates: similar titles, same place, overlapping dates, different reporters."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from nrm.activities.duplicates import (
    SIMILARITY_THRESHOLD,
    find_candidates,
    text_similarity,
    title_similarity,
)

D = datetime.date
COE = "Panel on trafficking in human beings at the Annual Symposium of Prosecutors"
OSCE = "Panel discussion on prosecuting trafficking cases at the Annual Prosecutorial Symposium"
IOM = "Panel II “Combating Human Trafficking” at the XVII Prosecutorial Symposium"


@pytest.mark.parametrize(("first", "second"), [(COE, OSCE), (COE, IOM), (OSCE, IOM)])
def test_the_three_symposium_reports_are_similar(first, second):
    assert text_similarity(first, second) >= SIMILARITY_THRESHOLD


def test_inflected_bosnian_titles_match():
    first = "Panel o trgovini ljudima na Godišnjem simpoziju tužilaca"
    second = "Panel II „Borba protiv trgovine ljudima“ na XVII simpozijumu tužilaca"
    assert text_similarity(first, second) >= SIMILARITY_THRESHOLD


def test_cyrillic_and_latin_spellings_are_the_same_title():
    assert (
        text_similarity(
            "Обука о трговини људима за полицију", "Obuka o trgovini ljudima za policiju"
        )
        == 1.0
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Workshop on the use of confiscated property for compensation of victims",
            "Regular co-ordination meeting of local coordinators",
        ),
        (
            "Traditional and online campaign on human trafficking in the digital environment",
            "Social media campaign for European Anti-Trafficking Day",
        ),
        ("Training on trafficking", "Workshop on trafficking"),  # only generic words in common
    ],
)
def test_different_events_are_not_similar(first, second):
    assert text_similarity(first, second) < SIMILARITY_THRESHOLD


def test_titles_are_compared_in_the_languages_both_reports_wrote():
    a = {"en": "Summer Police School", "bs": "Ljetna policijska škola"}
    b = {"bs": "Ljetna policijska škola Brčko distrikta", "en": ""}
    assert title_similarity(a, b) == 1.0
    assert title_similarity({"en": "Summer Police School"}, {}) == 0.0


class FakePlaces(list):
    def all(self):
        return self


def fake(pk, reporter, start, end, title, places=("bih:neum",), event=None, type="conference"):
    place_objects = FakePlaces(SimpleNamespace(place_key=p) for p in places)
    return SimpleNamespace(
        pk=pk,
        reporter_id=reporter,
        start_date=start,
        end_date=end,
        event_id=event,
        type=type,
        places=place_objects,
        sessions=FakePlaces(),
        titles=lambda: {"en": title},
    )


def test_candidates_need_another_reporter_the_same_place_and_overlapping_dates():
    coe = fake(1, 10, D(2024, 9, 1), D(2024, 9, 4), COE)
    pool = [
        coe,
        fake(2, 20, D(2024, 9, 1), D(2024, 9, 4), OSCE),  # a candidate
        fake(3, 30, D(2024, 9, 2), D(2024, 9, 4), IOM),  # a candidate
        fake(4, 10, D(2024, 9, 1), D(2024, 9, 4), OSCE),  # same reporter
        fake(5, 40, D(2024, 9, 5), D(2024, 9, 6), OSCE),  # after it
        fake(6, 50, D(2024, 9, 1), D(2024, 9, 4), OSCE, places=("bih:mostar",)),  # elsewhere
        fake(7, 60, D(2024, 9, 1), D(2024, 9, 4), "Moot court competition"),  # other title
    ]
    found = find_candidates([coe], pool, excluded=set())
    assert [c.activity.pk for c in found[1]] == [2, 3]
    assert found[1][0].places == ("bih:neum",)


def test_a_campaign_is_not_the_same_event_as_a_project_but_other_matches_anything():
    campaign = fake(1, 10, D(2024, 1, 1), D(2024, 12, 31), COE, type="campaign")
    project = fake(2, 20, D(2024, 5, 1), D(2024, 11, 1), OSCE, type="grant_project")
    other = fake(3, 30, D(2024, 9, 1), D(2024, 9, 4), IOM, type="other")
    workshop = fake(4, 40, D(2024, 9, 1), D(2024, 9, 4), OSCE, type="workshop")
    training = fake(5, 50, D(2024, 9, 1), D(2024, 9, 4), OSCE, type="training")
    found = find_candidates(
        [campaign, workshop], [campaign, project, other, workshop, training], excluded=set()
    )
    assert [c.activity.pk for c in found[1]] == [3]
    assert {c.activity.pk for c in found[4]} == {3, 5}


def test_pairs_marked_distinct_and_reports_already_linked_are_not_candidates():
    coe = fake(1, 10, D(2024, 9, 1), D(2024, 9, 4), COE, event=7)
    osce = fake(2, 20, D(2024, 9, 1), D(2024, 9, 4), OSCE, event=7)
    iom = fake(3, 30, D(2024, 9, 2), D(2024, 9, 4), IOM)
    assert find_candidates([coe], [coe, osce, iom], excluded={(1, 3)}) == {}
