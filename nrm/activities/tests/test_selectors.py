"""Reads are scoped: a partner never sees another partner's drafts or unapproved reports."""

from __future__ import annotations

import datetime

import pytest

from nrm.activities import selectors, services
from nrm.activities.tests.conftest import activity_data
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.periods import Period

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(personas, report):
    return {
        "own_draft": report(personas.partner),
        "own_submitted": report(personas.partner, status="submitted"),
        "other_draft": report(personas.other_partner),
        "other_submitted": report(personas.other_partner, status="submitted"),
        "other_returned": report(personas.other_partner, status="returned"),
        "other_approved": report(personas.other_partner, status="approved"),
    }


def visible(actor, reports):
    ids = set(selectors.activity_list(actor=actor).values_list("pk", flat=True))
    return {name for name, activity in reports.items() if activity.pk in ids}


def test_a_partner_sees_its_own_reports_and_everyones_approved_ones(personas, reports):
    assert visible(personas.partner, reports) == {"own_draft", "own_submitted", "other_approved"}


def test_a_partner_cannot_open_another_partners_draft(personas, reports):
    for name in ("other_draft", "other_submitted", "other_returned"):
        with pytest.raises(NotFound):
            selectors.activity_get(actor=personas.partner, pk=reports[name].pk)
    assert selectors.activity_get(actor=personas.partner, pk=reports["other_approved"].pk)


def test_the_coordinator_sees_everything(personas, reports):
    assert visible(personas.coordinator, reports) == set(reports)


@pytest.mark.parametrize("persona", ["case_worker", "field_identifier", "trial_monitor"])
def test_other_roles_read_approved_activities_only(personas, reports, persona):
    assert visible(getattr(personas, persona), reports) == {"other_approved"}


@pytest.mark.parametrize("persona", ["auditor", "admin", "norole"])
def test_roles_without_activities_are_denied(personas, reports, persona):
    with pytest.raises(PermissionDenied):
        selectors.activity_list(actor=getattr(personas, persona))


def test_own_filter_and_period_filter(personas, report, reports):
    later = report(personas.partner, start_date=D(2025, 2, 1), end_date=D(2025, 2, 2))
    own = selectors.activity_list(actor=personas.partner, own=True)
    assert set(own.values_list("pk", flat=True)) == {
        reports["own_draft"].pk,
        reports["own_submitted"].pk,
        later.pk,
    }
    h2 = selectors.activity_list(actor=personas.partner, own=True, period=Period.parse("2024-H2"))
    assert later.pk not in set(h2.values_list("pk", flat=True))


def test_a_partner_is_only_told_about_approved_duplicates_of_others(personas, report):
    mine = report(personas.partner, status="submitted")
    hidden = report(personas.other_partner, status="submitted")
    shown = report(personas.other_partner, status="approved")
    as_partner = selectors.duplicate_candidates(actor=personas.partner, activities=[mine])
    assert [c.activity.pk for c in as_partner[mine.pk]] == [shown.pk]
    as_coordinator = selectors.duplicate_candidates(actor=personas.coordinator, activities=[mine])
    assert {c.activity.pk for c in as_coordinator[mine.pk]} == {hidden.pk, shown.pk}


def test_the_review_queue_lists_submissions_with_warnings_and_duplicates(personas, report):
    a = report(personas.partner, status="submitted", participants_total=3, participants_women=4)
    b = report(personas.other_partner, status="submitted", titles={"en": "Moot court"})
    report(personas.partner)  # a draft is not in the queue
    items = selectors.review_queue(actor=personas.coordinator)
    assert [i.activity.pk for i in items] == [a.pk, b.pk]
    assert [w.code for w in items[0].warnings] == ["participants_parts_exceed_total"]
    assert items[0].candidates == [] and items[1].warnings == []


def test_marked_distinct_reports_leave_the_review_warnings(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    assert selectors.review_queue(actor=personas.coordinator)[0].candidates
    services.activities_mark_distinct(actor=personas.coordinator, activity=a, other=b)
    assert all(not i.candidates for i in selectors.review_queue(actor=personas.coordinator))


@pytest.mark.parametrize("persona", ["partner", "case_worker"])
def test_the_review_queue_is_the_coordinators(personas, persona):
    with pytest.raises(PermissionDenied):
        selectors.review_queue(actor=getattr(personas, persona))


def test_a_list_page_costs_a_fixed_number_of_queries(
    personas, report, django_assert_max_num_queries
):
    for _ in range(8):
        report(
            personas.partner,
            organisers=[personas.partner.organisation_id],
            target_groups=["police", "judges"],
        )
    with django_assert_max_num_queries(10):
        activities = list(selectors.activity_list(actor=personas.coordinator))
        for activity in activities:
            list(activity.places.all()), list(activity.organisers.all())
            list(activity.audiences.all()), list(activity.sessions.all())
    assert len(activities) == 8


def test_history_follows_read_access(personas, report):
    draft = report(personas.other_partner)
    with pytest.raises(NotFound):
        selectors.activity_history(actor=personas.partner, activity=draft)
    assert [
        s.action for s in selectors.activity_history(actor=personas.coordinator, activity=draft)
    ] == ["created"]


def test_the_data_shape_default_is_valid(personas):
    # The fixture's default report must stay valid, or every test above tests nothing.
    assert services.activity_create(actor=personas.partner, data=activity_data()).pk
