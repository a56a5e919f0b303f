"""Reporting rounds: who reports on what, the coordinator's review, notifications, queues,
the dashboard and computed indicators; every denial."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.inbox.models import Notification
from nrm.plans import selectors
from nrm.plans.models import MeasureReport, ReportingRound
from nrm.plans.services import (
    activity_tag,
    report_approve,
    report_return,
    report_save,
    report_submit,
    round_close,
    round_open,
)


def _report(round: ReportingRound, measure: Any, organisation: Any) -> MeasureReport:
    return MeasureReport.objects.get(round=round, measure=measure, organisation=organisation)


def test_opening_a_round_asks_each_institution_per_measure(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    pairs = set(open_round.reports.values_list("measure_id", "organisation_id"))
    assert pairs == {
        (small_plan.police_measure.pk, orgs.police.pk),
        (small_plan.shared_measure.pk, orgs.police.pk),
        (small_plan.shared_measure.pk, orgs.safe_house.pk),
    }
    told = Notification.objects.filter(kind="plans.round_opened")
    assert {n.recipient for n in told} == {personas.field_identifier, personas.case_worker}


def test_only_the_coordinator_opens_and_closes_rounds(
    small_plan: Any, personas: Any, open_round: ReportingRound
) -> None:
    for user in (personas.field_identifier, personas.auditor, personas.partner, personas.admin):
        with pytest.raises(PermissionDenied):
            round_open(
                actor=user,
                plan=small_plan.plan,
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 6, 30),
                deadline=datetime.date(2026, 7, 31),
            )
        with pytest.raises(PermissionDenied):
            round_close(actor=user, round=open_round)
    with pytest.raises(ValidationError):  # one open round at a time
        round_open(
            actor=personas.coordinator,
            plan=small_plan.plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            deadline=datetime.date(2026, 7, 31),
        )


def test_an_institution_reports_on_its_own_measures_only(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    own = _report(open_round, small_plan.police_measure, orgs.police)
    theirs = _report(open_round, small_plan.shared_measure, orgs.safe_house)
    report = report_save(
        actor=personas.field_identifier,
        report=own,
        status="in_progress",
        narrative="Two courses held.",
        spending="1200,50",
        values={small_plan.indicator.pk: 40},
    )
    assert report.spending == Decimal("1200.50")
    assert report.values.get().value == 40
    for user in (personas.field_identifier, personas.outsider, personas.partner, personas.auditor):
        with pytest.raises(PermissionDenied):
            report_save(actor=user, report=theirs, status="completed")
    with pytest.raises(PermissionDenied):
        report_submit(actor=personas.case_worker, report=own)
    with pytest.raises(NotFound):
        selectors.report_get(actor=personas.outsider, pk=own.pk)
    visible = selectors.round_reports(actor=personas.case_worker, round=open_round)
    assert list(visible) == [theirs]


def test_late_needs_a_reason_and_links_must_be_addresses(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    own = _report(open_round, small_plan.police_measure, orgs.police)
    with pytest.raises(ValidationError) as error:
        report_save(actor=personas.field_identifier, report=own, status="late")
    assert "delay_reason" in error.value.fields
    with pytest.raises(ValidationError) as error:
        report_save(
            actor=personas.field_identifier,
            report=own,
            status="in_progress",
            evidence_links=["not a link"],
        )
    assert "evidence_links" in error.value.fields
    with pytest.raises(ValidationError) as error:
        report_save(
            actor=personas.field_identifier,
            report=own,
            status="in_progress",
            values={small_plan.computed.pk: 3},  # computed from the records, not typed
        )


def test_submit_return_and_approve(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    own = _report(open_round, small_plan.police_measure, orgs.police)
    own = report_save(actor=personas.field_identifier, report=own, status="completed")
    own = report_submit(actor=personas.field_identifier, report=own)
    assert Notification.objects.filter(
        kind="plans.report_submitted", recipient=personas.coordinator
    ).exists()
    queues = selectors.plan_queues(personas.coordinator)
    assert [q.key for q in queues] == ["plans.review"]
    with pytest.raises(PermissionDenied):  # sent: no longer the institution's to change
        report_save(actor=personas.field_identifier, report=own, status="late")
    for user in (personas.field_identifier, personas.auditor, personas.partner):
        with pytest.raises(PermissionDenied):
            report_approve(actor=user, report=own)
        with pytest.raises(PermissionDenied):
            report_return(actor=user, report=own, comment="no")
    with pytest.raises(ValidationError):
        report_return(actor=personas.coordinator, report=own, comment=" ")
    own = report_return(actor=personas.coordinator, report=own, comment="Add the list.")
    assert Notification.objects.filter(
        kind="plans.report_returned", recipient=personas.field_identifier
    ).exists()
    assert "plans.owed" in [q.key for q in selectors.plan_queues(personas.field_identifier)]
    own = report_submit(actor=personas.field_identifier, report=own)
    own = report_approve(actor=personas.coordinator, report=own)
    assert own.state == "approved"


def test_missing_reports_and_the_dashboard(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    own = _report(open_round, small_plan.police_measure, orgs.police)
    report_submit(
        actor=personas.field_identifier,
        report=report_save(
            actor=personas.field_identifier,
            report=own,
            status="completed",
            values={small_plan.indicator.pk: 100},
        ),
    )
    shared = _report(open_round, small_plan.shared_measure, orgs.police)
    report_submit(
        actor=personas.field_identifier,
        report=report_save(
            actor=personas.field_identifier, report=shared, status="late", delay_reason="Budget."
        ),
    )
    missing = selectors.missing_reports(actor=personas.coordinator, round=open_round)
    assert [(o, n) for o, n in missing] == [(orgs.safe_house, 1)]
    with pytest.raises(PermissionDenied):
        selectors.missing_reports(actor=personas.field_identifier, round=open_round)
    board = selectors.dashboard(actor=personas.auditor, plan=small_plan.plan)
    assert board.totals.counts == {"completed": 1, "late": 1}
    assert {s.label: s.counts for s in board.by_institution}["Test Safe House"] == {"late": 1}
    achieved = {row.indicator.pk: row.achieved for row in board.indicators}
    assert achieved[small_plan.indicator.pk] == 100
    assert achieved[small_plan.computed.pk] == 0  # no identified victims in the test records


def test_measure_state_combines_the_institutions_reports() -> None:
    assert selectors.combine([]) == "not_reported"
    assert selectors.combine(["completed", "completed"]) == "completed"
    assert selectors.combine(["completed", "in_progress"]) == "in_progress"
    assert selectors.combine(["completed", "late"]) == "late"
    assert selectors.combine(["abandoned"]) == "abandoned"
    assert selectors.combine(["not_started", "abandoned"]) == "not_started"


def test_plans_are_read_by_working_roles_drafts_by_the_coordinator(
    small_plan: Any, personas: Any
) -> None:
    small_plan.plan.status = "draft"
    small_plan.plan.save()
    assert list(selectors.plan_list(actor=personas.coordinator)) == [small_plan.plan]
    assert list(selectors.plan_list(actor=personas.auditor)) == [small_plan.plan]
    assert not selectors.plan_list(actor=personas.partner).exists()
    small_plan.plan.status = "adopted"
    small_plan.plan.save()
    assert list(selectors.plan_list(actor=personas.partner)) == [small_plan.plan]
    for user in (personas.norole, personas.admin):
        with pytest.raises(PermissionDenied):
            selectors.plan_list(actor=user)


def test_activities_are_tagged_by_their_reporter_or_the_coordinator(
    small_plan: Any, personas: Any, orgs: Any
) -> None:
    from nrm.activities.models import Activity

    activity = Activity.objects.create(
        reporter=orgs.partner,
        type="training",
        title_en="Course",
        start_date="2025-03-01",
        end_date="2025-03-02",
    )
    with pytest.raises(PermissionDenied):
        activity_tag(
            actor=personas.other_partner, activity=activity, measure=small_plan.police_measure
        )
    activity_tag(actor=personas.partner, activity=activity, measure=small_plan.police_measure)
    activity_tag(actor=personas.coordinator, activity=activity, measure=small_plan.shared_measure)
    tagged = selectors.measure_activities(
        actor=personas.coordinator, measure=small_plan.police_measure
    )
    assert list(tagged) == [activity]


def test_every_change_is_audited(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    from auditlog.models import LogEntry

    own = _report(open_round, small_plan.police_measure, orgs.police)
    created = LogEntry.objects.get_for_object(own).filter(action=LogEntry.Action.CREATE)
    assert created.count() == 1
    report_save(actor=personas.field_identifier, report=own, status="in_progress")
    changed = LogEntry.objects.get_for_object(own).filter(action=LogEntry.Action.UPDATE).first()
    assert changed is not None
    assert changed.actor == personas.field_identifier


def test_overdue_reports_are_notified_once(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any
) -> None:
    from django.utils import timezone

    from nrm.plans.services import notify_overdue_reports

    own = _report(open_round, small_plan.police_measure, orgs.police)
    report_submit(
        actor=personas.field_identifier,
        report=report_save(actor=personas.field_identifier, report=own, status="completed"),
    )
    before_deadline = timezone.make_aware(datetime.datetime(2026, 1, 15, 8))
    assert notify_overdue_reports(before_deadline) == 0
    after = timezone.make_aware(datetime.datetime(2026, 2, 2, 8))
    assert notify_overdue_reports(after) == 2  # the police's shared one, the safe house's
    assert notify_overdue_reports(after) == 0
    told = Notification.objects.filter(kind="plans.report_overdue")
    assert {n.recipient for n in told} == {personas.field_identifier, personas.case_worker}
