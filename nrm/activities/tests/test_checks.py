"""Figure warnings: parts above totals are flagged, never refused."""

from __future__ import annotations

from nrm.activities.checks import figure_warnings
from nrm.activities.tests.conftest import activity_data


def codes(data, sessions=()):
    return [w.code for w in figure_warnings(data, sessions)]


def test_consistent_figures_give_no_warning():
    data = activity_data(
        participants_total=30,
        participants_women=12,
        participants_men=18,
        participants_from_bih=30,
        completions=21,
        certificates=21,
        reach_people=100,
        reach_women=60,
        reach_men=40,
        reach_views=1000,
        reach_clicks=10,
    )
    assert codes(data, [10, 20]) == []


def test_the_iom_campaign_whose_women_and_men_exceed_its_reach_is_flagged():
    data = activity_data(
        type="campaign",
        reach_people=1_194_614,
        reach_women=700_181,
        reach_men=662_547,
        reach_views=8_976_439,
        reach_clicks=21_480,
    )
    warnings = figure_warnings(data)
    assert [w.code for w in warnings] == ["reach_parts_exceed_reach"]
    assert warnings[0].field == "reach_women"
    assert "1,362,728" in warnings[0].message and "1,194,614" in warnings[0].message


def test_each_part_above_its_total_is_flagged_at_its_field():
    data = activity_data(
        participants_total=30,
        participants_women=20,
        participants_men=18,
        participants_from_bih=31,
        completions=32,
        certificates=33,
        reach_views=5,
        reach_clicks=6,
    )
    warnings = {w.code: w.field for w in figure_warnings(data, [20, 20])}
    assert warnings == {
        "participants_parts_exceed_total": "participants_women",
        "from_bih_exceeds_total": "participants_from_bih",
        "completions_exceed_participants": "completions",
        "certificates_exceed_completions": "certificates",
        "sessions_exceed_participants": "participants_total",
        "clicks_exceed_views": "reach_clicks",
    }


def test_certificates_are_compared_with_participants_when_completions_are_unknown():
    assert codes(activity_data(participants_total=10, certificates=11)) == [
        "certificates_exceed_participants"
    ]


def test_a_lower_bound_total_is_not_compared():
    data = activity_data(
        participants_total=50,
        participants_qualifier="more_than",
        participants_women=30,
        participants_men=25,
    )
    assert codes(data) == []
    assert codes(
        activity_data(
            participants_total=50,
            participants_qualifier="about",
            participants_women=30,
            participants_men=25,
        )
    ) == ["participants_parts_exceed_total"]


def test_unrecorded_figures_are_not_compared():
    assert codes(activity_data(participants_women=700, participants_men=600)) == []
    assert codes(activity_data(reach_women=700, reach_men=600)) == []
