"""Writes: entry, the review workflow, joint events, funding programmes; each denial proven."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry

from nrm.activities import services
from nrm.activities.data import PlaceData, SessionData
from nrm.activities.models import Activity, ActivityStep, FundingProgramme, JointEvent
from nrm.activities.tests.conftest import activity_data
from nrm.core.errors import Conflict, PermissionDenied, ValidationError

D = datetime.date
pytestmark = pytest.mark.django_db


def steps(activity):
    return list(activity.steps.values_list("action", flat=True))


# Entry --------------------------------------------------------------------------------------


def test_a_partner_reports_a_draft_for_its_own_organisation(personas, orgs):
    activity = services.activity_create(
        actor=personas.partner,
        data=activity_data(
            organisers=[orgs.partner.pk],
            partners=[orgs.other_partner.pk],
            target_groups=["prosecutors", "police"],
            participants_total=39,
            funding_programme="eu4fast",
            sessions=[SessionData(start_date=D(2024, 9, 2), municipality="neum", participants=20)],
            links=["https://example.org/symposium"],
        ),
    )
    assert activity.status == "draft"
    assert activity.reporter == orgs.partner
    assert activity.created_by == personas.partner
    assert list(activity.organisers.all()) == [orgs.partner]
    assert sorted(a.target_group for a in activity.audiences.all()) == ["police", "prosecutors"]
    assert activity.places.get().municipality_id == "neum"
    assert activity.sessions.get().end_date == D(2024, 9, 2)  # one day when no end is given
    assert activity.funding_programme is not None
    assert activity.funding_programme.code == "eu4fast"
    assert steps(activity) == ["created"]
    created = LogEntry.objects.get_for_object(activity).get(action=LogEntry.Action.CREATE)
    assert created.actor == personas.partner


@pytest.mark.parametrize(
    "persona", ["case_worker", "field_identifier", "trial_monitor", "auditor", "admin", "norole"]
)
def test_only_partners_and_coordinators_report_activities(personas, persona):
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=getattr(personas, persona), data=activity_data())
    assert Activity.objects.count() == 0


def test_the_coordinator_may_enter_an_activity_on_behalf_of_a_partner(personas, orgs):
    activity = services.activity_create(
        actor=personas.coordinator, data=activity_data(), reporter=orgs.partner
    )
    assert activity.reporter == orgs.partner


def test_a_partner_cannot_report_for_another_organisation(personas, orgs):
    with pytest.raises(PermissionDenied):
        services.activity_create(
            actor=personas.partner, data=activity_data(), reporter=orgs.other_partner
        )


def test_impossible_input_is_refused_with_every_field_named(personas, orgs):
    data = activity_data(
        type="party",
        titles={"en": " "},
        start_date=D(2024, 9, 4),
        end_date=D(2024, 9, 1),
        places=[
            PlaceData(),
            PlaceData(municipality="neum", online=True),
            PlaceData(city="Sarajevo", country="BA"),
            PlaceData(city="Vienna"),
            PlaceData(municipality="atlantis"),
        ],
        sessions=[SessionData(start_date=D(2024, 10, 1), municipality="neum")],
        organisers=[999_999],
        partners=[],
        target_groups=["aliens"],
        participants_total=-1,
        links=["https://example.org", "not a link"],
    )
    with pytest.raises(ValidationError) as caught:
        services.activity_create(actor=personas.partner, data=data)
    fields = caught.value.fields
    assert set(fields) == {
        "type",
        "titles",
        "end_date",
        "places.0.municipality",
        "places.1.municipality",
        "places.2.country",
        "places.3.country",
        "places.4.municipality",
        "sessions.0.start_date",
        "organisers",
        "target_groups",
        "participants_total",
        "links",
    }
    assert "Line 2" in fields["links"][0]
    assert Activity.objects.count() == 0


def test_an_organisation_cannot_be_organiser_and_partner(personas, orgs):
    with pytest.raises(ValidationError) as caught:
        services.activity_create(
            actor=personas.partner,
            data=activity_data(organisers=[orgs.partner.pk], partners=[orgs.partner.pk]),
        )
    assert "partners" in caught.value.fields


def test_inconsistent_figures_are_stored_as_reported(personas):
    activity = services.activity_create(
        actor=personas.partner,
        data=activity_data(
            type="campaign", reach_people=1_194_614, reach_women=700_181, reach_men=662_547
        ),
    )
    activity.refresh_from_db()
    assert (activity.reach_people, activity.reach_women, activity.reach_men) == (
        1_194_614,
        700_181,
        662_547,
    )


def test_places_abroad_and_online_are_stored(personas):
    activity = services.activity_create(
        actor=personas.partner,
        data=activity_data(places=[PlaceData(city="Vienna", country="at"), PlaceData(online=True)]),
    )
    vienna, web = activity.places.all()
    assert (vienna.city, str(vienna.country), vienna.place_key) == ("Vienna", "AT", "AT:vienna")
    assert web.online and web.place_key == "online"


def test_the_reporter_edits_a_draft_and_replaces_its_details(personas, report):
    activity = report(personas.partner, participants_total=10, target_groups=["police"])
    updated = services.activity_update(
        actor=personas.partner,
        activity=activity,
        data=activity_data(participants_total=12, target_groups=["judges"], places=[]),
        expected_version=activity.version,
    )
    assert updated.participants_total == 12
    assert [a.target_group for a in updated.audiences.all()] == ["judges"]
    assert not updated.places.exists()
    assert updated.version == 2


def test_a_stale_edit_is_refused(personas, report):
    activity = report(personas.partner)
    services.activity_update(
        actor=personas.partner, activity=activity, data=activity_data(), expected_version=1
    )
    stale = Activity.objects.get(pk=activity.pk)
    with pytest.raises(Conflict):
        services.activity_update(
            actor=personas.partner, activity=stale, data=activity_data(), expected_version=1
        )


def test_another_partner_cannot_edit_submit_or_delete(personas, report):
    activity = report(personas.partner)
    other = personas.other_partner
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=other, activity=activity, data=activity_data(), expected_version=1
        )
    with pytest.raises(PermissionDenied):
        services.activity_submit(actor=other, activity=activity)
    with pytest.raises(PermissionDenied):
        services.activity_delete(actor=other, activity=activity)
    assert Activity.objects.get(pk=activity.pk).status == "draft"


def test_a_submitted_activity_is_not_the_reporters_to_change(personas, report):
    activity = report(personas.partner, status="submitted")
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=personas.partner,
            activity=activity,
            data=activity_data(),
            expected_version=activity.version,
        )
    with pytest.raises(PermissionDenied):
        services.activity_delete(actor=personas.partner, activity=activity)


def test_the_coordinators_edit_in_review_is_noted(personas, report):
    activity = report(personas.partner, status="submitted")
    services.activity_update(
        actor=personas.coordinator,
        activity=activity,
        data=activity_data(participants_total=31),
        expected_version=activity.version,
    )
    assert steps(activity)[-1] == "edited"


def test_the_reporter_deletes_a_draft(personas, report):
    activity = report(personas.partner)
    services.activity_delete(actor=personas.partner, activity=activity)
    assert not Activity.objects.filter(pk=activity.pk).exists()


# The workflow -------------------------------------------------------------------------------


def test_submit_return_resubmit_approve_is_recorded_step_by_step(personas, report):
    activity = report(personas.partner)
    activity = services.activity_submit(actor=personas.partner, activity=activity)
    assert activity.status == "submitted" and activity.submitted_at is not None
    activity = services.activity_return(
        actor=personas.coordinator, activity=activity, comment="Add the women and men."
    )
    assert activity.status == "returned"
    assert activity.review_comment == "Add the women and men."
    activity = services.activity_update(
        actor=personas.partner,
        activity=activity,
        data=activity_data(participants_women=3, participants_men=4, participants_total=7),
        expected_version=activity.version,
    )
    activity = services.activity_submit(actor=personas.partner, activity=activity)
    activity = services.activity_approve(actor=personas.coordinator, activity=activity)
    assert activity.status == "approved" and activity.reviewed_by == personas.coordinator
    assert steps(activity) == ["created", "submitted", "returned", "submitted", "approved"]
    returned = activity.steps.get(action="returned")
    assert (returned.actor, returned.comment) == (personas.coordinator, "Add the women and men.")
    status_changes = [
        e.changes_dict.get("status")
        for e in LogEntry.objects.get_for_object(activity).order_by("timestamp", "pk")
        if e.action == LogEntry.Action.UPDATE and "status" in e.changes_dict
    ]
    assert [c[1] for c in status_changes] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]


def test_a_return_needs_a_comment(personas, report):
    activity = report(personas.partner, status="submitted")
    with pytest.raises(ValidationError) as caught:
        services.activity_return(actor=personas.coordinator, activity=activity, comment="  ")
    assert "comment" in caught.value.fields


@pytest.mark.parametrize("persona", ["partner", "other_partner", "case_worker", "auditor"])
def test_only_the_coordinator_approves_or_returns(personas, report, persona):
    activity = report(personas.partner, status="submitted")
    actor = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        services.activity_approve(actor=actor, activity=activity)
    with pytest.raises(PermissionDenied):
        services.activity_return(actor=actor, activity=activity, comment="no")
    assert Activity.objects.get(pk=activity.pk).status == "submitted"


def test_a_draft_cannot_be_approved(personas, report):
    with pytest.raises(PermissionDenied):
        services.activity_approve(actor=personas.coordinator, activity=report(personas.partner))


def test_the_reporter_withdraws_a_submission_before_review(personas, report):
    activity = report(personas.partner, status="submitted")
    with pytest.raises(PermissionDenied):
        services.activity_withdraw(actor=personas.other_partner, activity=activity)
    activity = services.activity_withdraw(actor=personas.partner, activity=activity)
    assert activity.status == "draft" and steps(activity)[-1] == "withdrawn"


def test_an_approved_activity_can_be_returned_and_leaves_the_statistics(personas, report):
    activity = report(personas.partner, status="approved")
    activity = services.activity_return(
        actor=personas.coordinator, activity=activity, comment="The dates are wrong."
    )
    assert activity.status == "returned"


def test_a_transition_on_a_stale_version_is_refused(personas, report):
    activity = report(personas.partner, status="submitted")
    with pytest.raises(Conflict):
        services.activity_approve(
            actor=personas.coordinator, activity=activity, expected_version=activity.version - 1
        )


def test_submitting_a_period_sends_every_own_draft_of_it(personas, report):
    draft = report(personas.partner)
    returned = report(personas.partner, status="returned")
    later = report(personas.partner, start_date=D(2025, 1, 10), end_date=D(2025, 1, 10))
    others = report(personas.other_partner)
    from nrm.core.periods import Period

    sent = services.activities_submit_period(actor=personas.partner, period=Period.parse("2024-H2"))
    assert {a.pk for a in sent} == {draft.pk, returned.pk}
    assert Activity.objects.get(pk=later.pk).status == "draft"
    assert Activity.objects.get(pk=others.pk).status == "draft"


# Joint events -------------------------------------------------------------------------------


def test_linking_three_reports_makes_one_event_counting_the_largest(personas, report, orgs):
    coe = report(personas.other_partner, status="submitted", participants_total=39)
    osce = report(personas.coordinator, status="submitted", participants_total=31)
    iom = report(personas.partner, status="submitted", participants_total=31)
    event = services.event_link(actor=personas.coordinator, activities=[osce, iom, coe])
    assert event.counted_report == coe
    assert sorted(event.reports.values_list("pk", flat=True)) == sorted([coe.pk, osce.pk, iom.pk])
    assert steps(iom)[-1] == "linked"


def test_linking_a_report_to_a_linked_one_joins_its_event(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    c = report(personas.coordinator, status="submitted")
    first = services.event_link(actor=personas.coordinator, activities=[a, b])
    a.refresh_from_db()
    second = services.event_link(actor=personas.coordinator, activities=[c, a], counted=c)
    assert second.pk == first.pk and second.counted_report == c
    assert JointEvent.objects.count() == 1
    assert second.reports.count() == 3


def test_unlinking_dissolves_an_event_of_one(personas, report):
    a = report(personas.partner, status="submitted", participants_total=5)
    b = report(personas.other_partner, status="submitted", participants_total=9)
    c = report(personas.coordinator, status="submitted", participants_total=1)
    event = services.event_link(actor=personas.coordinator, activities=[a, b, c])
    b.refresh_from_db()
    services.event_unlink(actor=personas.coordinator, activity=b)
    event.refresh_from_db()
    assert event.counted_report == a  # the counted report left: the next largest counts
    a.refresh_from_db()
    services.event_unlink(actor=personas.coordinator, activity=a)
    assert not JointEvent.objects.exists()
    assert not Activity.objects.filter(event__isnull=False).exists()


def test_only_the_coordinator_links_and_drafts_are_not_linked(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    with pytest.raises(PermissionDenied):
        services.event_link(actor=personas.partner, activities=[a, b])
    with pytest.raises(PermissionDenied):
        services.event_link(actor=personas.coordinator, activities=[a, report(personas.partner)])
    with pytest.raises(ValidationError):
        services.event_link(actor=personas.coordinator, activities=[a])
    event = services.event_link(actor=personas.coordinator, activities=[a, b])
    a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.event_unlink(actor=personas.partner, activity=a)
    with pytest.raises(PermissionDenied):
        services.event_set_counted(actor=personas.partner, event=event, activity=a)


def test_deleting_a_linked_report_unlinks_it_first(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    services.event_link(actor=personas.coordinator, activities=[a, b])
    a.refresh_from_db()
    a = services.activity_return(actor=personas.coordinator, activity=a, comment="Duplicate")
    services.activity_delete(actor=personas.partner, activity=a)
    b.refresh_from_db()
    assert b.event is None and not JointEvent.objects.exists()


def test_the_coordinator_marks_similar_reports_as_different_events(personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    with pytest.raises(PermissionDenied):
        services.activities_mark_distinct(actor=personas.partner, activity=a, other=b)
    pair = services.activities_mark_distinct(actor=personas.coordinator, activity=b, other=a)
    assert (pair.first, pair.second) == (a, b)
    services.activities_mark_distinct(actor=personas.coordinator, activity=a, other=b)  # again
    assert ActivityStep.objects.filter(action="not_duplicate").count() == 2


# Funding programmes -------------------------------------------------------------------------


def test_reference_programmes_are_loaded():
    assert {"eu4fast", "wbjast", "usaid-inspire", "coe-grants"} <= set(
        FundingProgramme.objects.values_list("code", flat=True)
    )


def test_the_coordinator_manages_funding_programmes(personas):
    programme = services.funding_programme_create(
        actor=personas.coordinator, code="inspire-2", name="INSPIRE II", funder="USAID"
    )
    services.funding_programme_update(
        actor=personas.coordinator, programme=programme, is_active=False
    )
    programme.refresh_from_db()
    assert not programme.is_active
    with pytest.raises(ValidationError):
        services.funding_programme_create(actor=personas.coordinator, code="eu4fast", name="X")
    with pytest.raises(PermissionDenied):
        services.funding_programme_create(actor=personas.partner, code="mine", name="Mine")
    with pytest.raises(PermissionDenied):
        services.funding_programme_update(actor=personas.partner, programme=programme, name="Y")


def test_an_inactive_programme_cannot_be_chosen_but_stays_on_old_reports(personas, report):
    activity = report(personas.partner, funding_programme="wbjast")
    wbjast = FundingProgramme.objects.get(code="wbjast")
    services.funding_programme_update(actor=personas.coordinator, programme=wbjast, is_active=False)
    services.activity_update(
        actor=personas.partner,
        activity=activity,
        data=activity_data(funding_programme="wbjast"),
        expected_version=activity.version,
    )
    with pytest.raises(ValidationError) as caught:
        services.activity_create(
            actor=personas.partner, data=activity_data(funding_programme="wbjast")
        )
    assert "funding_programme" in caught.value.fields
