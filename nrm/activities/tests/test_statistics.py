"""The `activities` statistics family: approved only, by end date, linked reports once."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from nrm.activities import services
from nrm.activities.models import ActivityType, TargetGroup
from nrm.activities.selectors import activity_statistics
from nrm.core.periods import Period
from nrm.core.registry import statistic_families

D = datetime.date
H2 = Period.parse("2024-H2")
pytestmark = pytest.mark.django_db


def stats(period=H2, **filters):
    return activity_statistics(period=period, **filters)


def test_an_empty_period_has_every_key_at_zero():
    result = stats()
    assert result["total"] == 0
    assert set(result["by_type"]) == set(ActivityType.values)
    assert result["participants"] == {
        "total": 0,
        "women": 0,
        "men": 0,
        "unknown_sex": 0,
        "from_bih": 0,
        "activities_not_recorded": 0,
    }
    assert set(result["people_trained_by_target_group"]) == {*TargetGroup.values, "not_recorded"}
    assert result["campaign_reach"] == {"people": 0, "women": 0, "men": 0, "views": 0, "clicks": 0}


def test_the_family_is_registered_for_nrm_stats():
    assert statistic_families()["activities"] is activity_statistics


def test_only_approved_activities_count(personas, report):
    report(personas.partner, participants_total=10)
    report(personas.partner, status="submitted", participants_total=20)
    report(personas.partner, status="returned", participants_total=40)
    report(personas.partner, status="approved", participants_total=80)
    result = stats()
    assert result["total"] == 1 and result["participants"]["total"] == 80


def test_an_activity_counts_in_the_period_it_ends_in(personas, report):
    report(personas.partner, status="approved", start_date=D(2024, 6, 28), end_date=D(2024, 7, 2))
    report(personas.partner, status="approved", start_date=D(2024, 12, 30), end_date=D(2025, 1, 2))
    assert stats()["total"] == 1
    assert stats(Period.parse("2024-H1"))["total"] == 0
    assert stats(Period.parse("2025"))["total"] == 1


def test_participants_by_sex_with_unrecorded_sex(personas, report):
    report(
        personas.partner,
        status="approved",
        participants_total=54,
        participants_women=12,
        participants_men=42,
    )
    report(personas.partner, status="approved", participants_total=39)
    report(personas.partner, status="approved", participants_women=3, participants_men=4)
    report(personas.partner, status="approved")  # no figures at all
    report(personas.partner, status="approved", type="publication")  # has readers, not participants
    result = stats()["participants"]
    assert result == {
        "total": 54 + 39 + 7,
        "women": 15,
        "men": 46,
        "unknown_sex": 39,
        "from_bih": 0,
        "activities_not_recorded": 1,
    }


def test_people_trained_by_target_group(personas, report):
    report(
        personas.partner,
        status="approved",
        participants_total=30,
        target_groups=["police", "prosecutors"],
    )
    report(
        personas.partner,
        status="approved",
        type="workshop",
        participants_total=5,
        target_groups=["police"],
    )
    report(personas.partner, status="approved", type="conference", participants_total=7)
    report(
        personas.partner,
        status="approved",
        type="coordination_meeting",
        participants_total=100,
        target_groups=["police"],
    )
    result = stats()
    groups = result["people_trained_by_target_group"]
    assert (groups["police"], groups["prosecutors"], groups["not_recorded"]) == (35, 30, 7)
    assert result["people_trained"] == 42
    assert result["by_type"]["coordination_meeting"] == 1


def test_campaign_reach_is_summed_as_reported(personas, report):
    report(
        personas.partner,
        status="approved",
        type="campaign",
        reach_people=1_194_614,
        reach_women=700_181,
        reach_men=662_547,
        reach_views=8_976_439,
        reach_clicks=21_480,
    )
    report(personas.partner, status="approved", type="campaign", reach_people=6, reach_views=10)
    assert stats()["campaign_reach"] == {
        "people": 1_194_620,
        "women": 700_181,
        "men": 662_547,
        "views": 8_976_449,
        "clicks": 21_480,
    }


def test_linked_reports_of_one_event_count_once(personas, report):
    coe = report(
        personas.other_partner,
        status="approved",
        participants_total=39,
        target_groups=["prosecutors"],
    )
    osce = report(personas.coordinator, status="approved", participants_total=31)
    iom = report(personas.partner, status="approved", participants_total=31)
    assert stats()["total"] == 3 and stats()["participants"]["total"] == 101
    services.event_link(actor=personas.coordinator, activities=[coe, osce, iom])
    result = stats()
    assert result["total"] == 1
    assert result["participants"]["total"] == 39
    assert result["people_trained_by_target_group"]["prosecutors"] == 39
    assert result["linked_reports_merged"] == 2


def test_the_coordinators_choice_counts_when_approved_else_the_largest_approved(personas, report):
    big = report(personas.other_partner, status="approved", participants_total=39)
    small = report(personas.partner, status="submitted", participants_total=31)
    services.event_link(actor=personas.coordinator, activities=[big, small], counted=small)
    assert stats()["participants"]["total"] == 39  # the chosen report is not approved yet
    small.refresh_from_db()
    services.activity_approve(actor=personas.coordinator, activity=small)
    assert stats()["participants"]["total"] == 31
    assert stats()["total"] == 1


def test_the_organisation_filter_keeps_what_it_reported_or_organised(personas, report, orgs):
    report(personas.partner, status="approved", participants_total=1)
    report(
        personas.other_partner,
        status="approved",
        participants_total=2,
        organisers=[orgs.partner.pk],
    )
    report(personas.other_partner, status="approved", participants_total=4)
    assert stats(organisation=orgs.partner.pk)["participants"]["total"] == 3
    assert stats(jurisdiction="rs")["total"] == 3  # other families' filters are ignored


def test_nrm_stats_prints_the_family(personas, report, capsys):
    report(personas.partner, status="approved", participants_total=12)
    call_command("stats", "--from", "2024-07-01", "--to", "2024-12-31", "--family", "activities")
    printed = json.loads(capsys.readouterr().out)
    assert printed["activities"]["participants"]["total"] == 12
