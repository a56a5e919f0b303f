"""The demo data: the bulletin's activities as reported, with the problems the checks must see."""

from __future__ import annotations

import pytest

from nrm.accounts.demo import load_demo as load_accounts
from nrm.accounts.models import User
from nrm.activities import quality, selectors, services
from nrm.activities.demo import load_demo
from nrm.activities.models import Activity, JointEvent
from nrm.core.periods import Period
from nrm.testing.fixtures import loaded_once_per_module

H2 = Period.parse("2024-H2")
pytestmark = pytest.mark.django_db

SYMPOSIUM = {
    "Council of Europe": (39, "2024-09-01", "2024-09-04"),
    "OSCE": (31, "2024-09-01", "2024-09-04"),
    "IOM BiH": (31, "2024-09-02", "2024-09-04"),
}


demo_data = loaded_once_per_module(load_accounts, load_demo)


@pytest.fixture
def demo(demo_data, db):
    """The accounts and the activities of the demo, loaded once for the module."""


def symposium_reports():
    return list(
        Activity.objects.filter(places__municipality_id="neum", type="conference")
        .select_related("reporter")
        .order_by("pk")
    )


def test_the_review_screen_flags_the_symposium_and_the_campaign(demo):
    coordinator = User.objects.get(username="coordinator")
    items = {item.activity.pk: item for item in selectors.review_queue(actor=coordinator)}
    reports = symposium_reports()
    assert {
        str(a.reporter): (a.participants_total, a.start_date.isoformat(), a.end_date.isoformat())
        for a in reports
    } == SYMPOSIUM
    assert all(a.event_id is None and a.status == "submitted" for a in reports)
    for report in reports:
        others = {c.activity.pk for c in items[report.pk].candidates}
        assert others == {r.pk for r in reports} - {report.pk}
    campaign = Activity.objects.get(reach_people=1_194_614)
    assert (campaign.reach_women, campaign.reach_men) == (700_181, 662_547)
    assert [w.code for w in items[campaign.pk].warnings] == ["reach_parts_exceed_reach"]
    kinds = {(f.kind, f.record) for f in quality.parts_exceed_total(period=H2)}
    assert ("parts_exceed_total", campaign.record) in kinds
    duplicates = {f.record for f in quality.possible_duplicates(period=H2)}
    assert {r.record for r in reports} <= duplicates


def test_linking_the_three_symposium_reports_counts_one_event(demo):
    coordinator = User.objects.get(username="coordinator")
    reports = symposium_reports()
    for report in reports:
        services.activity_approve(actor=coordinator, activity=report)
    before = selectors.activity_statistics(period=H2)
    services.event_link(actor=coordinator, activities=symposium_reports())
    after = selectors.activity_statistics(period=H2)
    assert after["total"] == before["total"] - 2
    assert after["by_type"]["conference"] == before["by_type"]["conference"] - 2
    assert after["participants"]["total"] == before["participants"]["total"] - 31 - 31
    assert after["linked_reports_merged"] == before["linked_reports_merged"] + 2
    section = next(
        s
        for s in selectors.bulletin_activities(period=H2, language="en")
        for a in s.activities
        if a.record == reports[0].record
    )
    item = next(a for a in section.activities if a.record == reports[0].record)
    assert item.participants["total"] == 39
    assert {
        "Council of Europe Office in Sarajevo",
        "OSCE Mission to Bosnia and Herzegovina",
        "International Organization for Migration in BiH",
    } <= set(item.organisers)


def test_the_demo_has_every_state_titles_and_loads_twice_without_duplicates(demo):
    statuses = set(Activity.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "approved"}
    assert Activity.objects.filter(status="returned").count() == 1
    count, events = Activity.objects.count(), JointEvent.objects.count()
    assert count >= 45 and events == 1  # the Summer Police School, linked by the coordinator
    load_demo()
    assert (Activity.objects.count(), JointEvent.objects.count()) == (count, events)
    untitled = Activity.objects.filter(title_en="") | Activity.objects.filter(title_bs="")
    assert not untitled.exists()
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in a.title_sr) for a in Activity.objects.all())
