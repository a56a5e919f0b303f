"""Data-quality findings of a period: duplicates, parts above totals, unapproved activities."""

from __future__ import annotations

import datetime

import pytest

from nrm.activities import quality, services
from nrm.core.periods import Period
from nrm.core.registry import quality_checks

D = datetime.date
H2 = Period.parse("2024-H2")
pytestmark = pytest.mark.django_db


def test_the_checks_are_registered():
    checks = quality_checks()
    for check in (quality.possible_duplicates, quality.parts_exceed_total, quality.unapproved):
        assert check in checks


def test_possible_duplicates_name_each_report_and_link_to_it(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="approved")
    report(personas.coordinator)  # a draft is not compared
    findings = quality.possible_duplicates(period=H2)
    assert [(f.kind, f.record, f.url) for f in findings] == [
        ("possible_duplicate", f"activity:{a.pk}", f"/activities/{a.pk}/"),
        ("possible_duplicate", f"activity:{b.pk}", f"/activities/{b.pk}/"),
    ]
    assert f"activity:{b.pk}" not in findings[0].message  # people read titles, not keys
    assert str(b) in findings[0].message


def test_linked_or_distinct_reports_are_no_longer_possible_duplicates(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    c = report(personas.coordinator, status="submitted")
    services.event_link(actor=personas.coordinator, activities=[a, b])
    assert {f.record for f in quality.possible_duplicates(period=H2)} == {
        f"activity:{a.pk}",
        f"activity:{b.pk}",
        f"activity:{c.pk}",
    }
    a.refresh_from_db()
    b.refresh_from_db()
    services.activities_mark_distinct(actor=personas.coordinator, activity=c, other=a)
    services.activities_mark_distinct(actor=personas.coordinator, activity=c, other=b)
    assert quality.possible_duplicates(period=H2) == []


def test_parts_exceeding_totals_are_found(personas, report):
    campaign = report(
        personas.partner,
        status="submitted",
        type="campaign",
        reach_people=1_194_614,
        reach_women=700_181,
        reach_men=662_547,
    )
    report(personas.partner, status="approved", participants_total=10, participants_women=4)
    report(personas.partner, participants_total=1, participants_women=9)  # drafts are private
    findings = quality.parts_exceed_total(period=H2)
    assert [(f.kind, f.record) for f in findings] == [
        ("parts_exceed_total", f"activity:{campaign.pk}")
    ]
    assert "1,362,728" in findings[0].message


def test_unapproved_activities_of_the_period_are_listed_with_their_state(personas, report):
    draft = report(personas.partner)
    submitted = report(personas.partner, status="submitted")
    returned = report(personas.partner, status="returned")
    report(personas.partner, status="approved")
    report(personas.partner, start_date=D(2025, 1, 5), end_date=D(2025, 1, 5))  # another period
    findings = {f.record: f for f in quality.unapproved(period=H2)}
    assert set(findings) == {draft.record, submitted.record, returned.record}
    assert "draft" in findings[draft.record].message
    assert "waits for review" in findings[submitted.record].message
    assert "returned" in findings[returned.record].message
    assert all(f.kind == "unapproved" and f.url for f in findings.values())
