"""Daily casework: a responsible worker per organisation, the assistance plan, closing with a
reason and reopening, dated notes; every write audited, every read scoped, every denial."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection

from nrm.cases import selectors, services
from nrm.cases.models import CaseAssignment, CaseNote, CasePlan
from nrm.cases.queues import cases_assigned_to_me
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.core.roles import Role
from nrm.inbox.models import Notification
from nrm.tasks.models import Task
from nrm.testing.factories import make_user

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(personas.case_worker, consent_referral=True)


@pytest.fixture
def colleague(orgs):
    return make_user("t_colleague", orgs.safe_house, Role.CASE_WORKER, first_name="Mira")


# Assignment ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_assigning_a_colleague_notifies_them_and_fills_their_queue(personas, case, colleague):
    assignment = services.case_assign(actor=personas.case_worker, case=case, worker=colleague)
    assert assignment.organisation_id == personas.case_worker.organisation_id
    told = Notification.objects.get(recipient=colleague)
    assert told.kind == "cases.case_assigned" and told.params["code"] == case.code
    queue = cases_assigned_to_me(colleague)
    assert [item.title for item in queue.items] == [f"Case {case.code}"]
    assert cases_assigned_to_me(personas.case_worker).items == []
    assert LogEntry.objects.get_for_object(assignment).exists()


@pytest.mark.django_db
def test_reassigning_replaces_the_worker_of_the_organisation(personas, case, colleague):
    services.case_assign(actor=personas.case_worker, case=case, worker=colleague)
    services.case_assign(actor=colleague, case=case, worker=personas.case_worker)
    assert CaseAssignment.objects.get(case=case).worker == personas.case_worker
    assert Notification.objects.filter(recipient=personas.case_worker).count() == 1


@pytest.mark.django_db
def test_assigning_is_denied_to_those_who_do_not_work_on_the_case(personas, case, colleague):
    for actor in (personas.outsider, personas.coordinator, personas.partner):
        with pytest.raises(PermissionDenied):
            services.case_assign(actor=actor, case=case, worker=colleague)
    assert not CaseAssignment.objects.exists()


@pytest.mark.django_db
def test_one_names_only_a_worker_of_ones_own_organisation(personas, case):
    with pytest.raises(PermissionDenied):
        services.case_assign(actor=personas.case_worker, case=case, worker=personas.outsider)
    partner_here = make_user("t_partner_here", personas.case_worker.organisation, Role.PARTNER)
    with pytest.raises(ValidationError) as error:
        services.case_assign(actor=personas.case_worker, case=case, worker=partner_here)
    assert "worker" in error.value.fields


@pytest.mark.django_db
def test_the_assign_page_is_not_found_outside_the_case(personas, case, colleague, client_for):
    response = client_for(personas.outsider).post(
        f"/cases/{case.code}/assign/", {"worker": colleague.pk}
    )
    assert response.status_code == 404
    response = client_for(personas.case_worker).post(
        f"/cases/{case.code}/assign/", {"worker": colleague.pk}, follow=True
    )
    assert "is now responsible for case" in response.content.decode()
    assert CaseAssignment.objects.get().worker == colleague


# The assistance plan ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plan_review_date_becomes_a_task_for_the_responsible_worker(personas, case, colleague):
    services.case_assign(actor=personas.case_worker, case=case, worker=colleague)
    plan = services.plan_save(
        actor=personas.case_worker,
        case=case,
        agreed_with_person=True,
        agreed_on=D(2024, 3, 5),
        review_on=D(2024, 6, 5),
    )
    task = Task.objects.get(case=case, origin="plan_review")
    assert (task.due_on, task.assignee, task.status) == (D(2024, 6, 5), colleague, "open")
    assert task.display_title == "Review the plan with the person"
    services.plan_save(
        actor=personas.case_worker,
        case=case,
        agreed_with_person=True,
        agreed_on=D(2024, 3, 5),
        review_on=D(2024, 7, 1),
        expected_version=plan.version,
    )
    tasks = Task.objects.filter(case=case, origin="plan_review").order_by("pk")
    assert [(t.due_on, t.status) for t in tasks] == [
        (D(2024, 6, 5), "cancelled"),
        (D(2024, 7, 1), "open"),
    ]


@pytest.mark.django_db
def test_the_plan_shows_progress_of_goals_and_services(personas, case):
    actor = personas.case_worker
    plan = services.plan_save(actor=actor, case=case, agreed_with_person=False)
    goal = services.plan_goal_add(actor=actor, plan=plan, text="Safe accommodation")
    services.plan_goal_add(actor=actor, plan=plan, text="Back to school")
    item = services.planned_service_add(
        actor=actor, plan=plan, service_type="psychological_support", target_on=D(2024, 5, 1)
    )
    services.plan_goal_achieve(actor=actor, goal=goal, on=D(2024, 4, 1))
    services.planned_service_done(actor=actor, item=item, on=D(2024, 4, 20))
    read = selectors.plan_of_case(actor=actor, case=case)
    assert read is not None
    assert read.steps == (2, 3) and read.progress_percent == 67
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_plangoal")
        stored = [row[0] for row in cursor.fetchall()]
    assert all("Safe" not in value and "school" not in value for value in stored)


@pytest.mark.django_db
def test_an_agreement_needs_its_date(personas, case):
    with pytest.raises(ValidationError) as error:
        services.plan_save(actor=personas.case_worker, case=case, agreed_with_person=True)
    assert "agreed_on" in error.value.fields
    assert not CasePlan.objects.exists()


@pytest.mark.django_db
def test_the_plan_is_kept_by_case_workers_who_work_on_the_case(personas, case, new_case):
    for actor in (personas.outsider, personas.coordinator, personas.field_identifier):
        with pytest.raises(PermissionDenied):
            services.plan_save(actor=actor, case=case, agreed_with_person=False)
    plan = services.plan_save(actor=personas.case_worker, case=case, agreed_with_person=False)
    with pytest.raises(PermissionDenied):
        services.plan_goal_add(actor=personas.outsider, plan=plan, text="x")
    with pytest.raises(PermissionDenied):
        selectors.plan_of_case(actor=personas.outsider, case=case)
    # The coordinator reads it (the whole case), but does not write it.
    assert selectors.plan_of_case(actor=personas.coordinator, case=case) == plan


@pytest.mark.django_db
def test_the_plan_through_the_pages(personas, case, client_for):
    client = client_for(personas.case_worker)
    response = client.post(
        f"/cases/{case.code}/plan/",
        {"agreed_with_person": "on", "agreed_on": "2024-03-05", "review_on": "2024-06-05"},
        follow=True,
    )
    assert "A task to review it on 2024-06-05 is added." in response.content.decode()
    client.post(f"/cases/{case.code}/plan/goals/", {"text": "Find work"})
    response = client.get(f"/cases/{case.code}/")
    assert "Find work" in response.content.decode()
    assert "0 of 1 steps done" in response.content.decode()
    goal = CasePlan.objects.get().goals.get()
    client.post(f"/cases/{case.code}/plan/goals/{goal.pk}/toggle/")
    assert "1 of 1 steps done" in client.get(f"/cases/{case.code}/").content.decode()
    denied = client_for(personas.coordinator).post(f"/cases/{case.code}/plan/goals/", {"text": "x"})
    assert denied.status_code == 403


# Closing and reopening ----------------------------------------------------------------------


@pytest.mark.django_db
def test_closing_names_a_reason_and_reopening_clears_it(personas, case):
    with pytest.raises(ValidationError) as error:
        services.case_decide(
            actor=personas.case_worker,
            case=case,
            to_status="closed",
            decided_on=D(2024, 9, 1),
            reason="done",
        )
    assert "closure_reason" in error.value.fields
    decision = services.case_close(
        actor=personas.case_worker,
        case=case,
        closure_reason="recovered",
        closed_on=D(2024, 9, 1),
    )
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("closed", "recovered")
    assert decision.closure_reason == "recovered"
    assert decision.reason == "recovered and reintegrated"
    services.case_reopen(
        actor=personas.case_worker, case=case, reason="Back in touch", reopened_on=D(2024, 10, 1)
    )
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("potential", "")


@pytest.mark.django_db
def test_closing_and_reopening_are_denied_to_others(personas, case):
    for actor in (personas.outsider, personas.legal_aid_worker):
        with pytest.raises(PermissionDenied):
            services.case_close(actor=actor, case=case, closure_reason="died")
    with pytest.raises(ValidationError):
        services.case_reopen(actor=personas.case_worker, case=case, reason="x")
    services.case_close(actor=personas.case_worker, case=case, closure_reason="lost_contact")
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=personas.outsider, case=case, reason="x")


@pytest.mark.django_db
def test_closing_through_the_page(personas, case, client_for):
    client = client_for(personas.case_worker)
    page = client.get(f"/cases/{case.code}/close/").content.decode()
    assert "returned to the country of origin" in page
    response = client.post(
        f"/cases/{case.code}/close/",
        {"closure_reason": "returned", "closed_on": "2024-09-01", "version": case.version},
        follow=True,
    )
    assert f"Case {case.code} is closed." in response.content.decode()
    assert "Reopen the case" in response.content.decode()
    assert client_for(personas.outsider).get(f"/cases/{case.code}/close/").status_code == 404


# Notes --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_notes_are_encrypted_signed_and_scoped(personas, case, client_for):
    note = services.case_note_add(
        actor=personas.case_worker, case=case, text="Called the school.", written_on=D(2024, 4, 2)
    )
    assert note.organisation == personas.case_worker.organisation
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casenote")
        (stored,) = cursor.fetchone()
    assert "school" not in stored
    page = client_for(personas.coordinator).get(f"/cases/{case.code}/").content.decode()
    assert "Called the school." in page and "Test Safe House" in page
    with pytest.raises(PermissionDenied):
        selectors.notes_of_case(actor=personas.outsider, case=case)
    with pytest.raises(PermissionDenied):
        services.case_note_add(actor=personas.outsider, case=case, text="x")
    assert client_for(personas.outsider).post(f"/cases/{case.code}/notes/").status_code == 404
    assert CaseNote.objects.count() == 1


@pytest.mark.django_db
def test_a_receiving_organisation_deciding_sees_no_notes(personas, orgs, case, client_for):
    services.case_note_add(actor=personas.case_worker, case=case, text="Private detail.")
    services.referral_create(
        actor=personas.case_worker,
        case=case,
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
        referred_on=D(2024, 3, 2),
    )
    page = client_for(personas.legal_aid_worker).get(f"/cases/{case.code}/").content.decode()
    assert "Private detail." not in page
    with pytest.raises(NotFound):
        selectors.case_for_attachments(actor=personas.legal_aid_worker, code=case.code)


@pytest.mark.django_db
def test_the_case_list_filters_my_cases_and_the_queue_costs_the_same(
    personas, case, new_case, colleague, client_for, django_assert_max_num_queries
):
    other = new_case(personas.case_worker)
    services.case_assign(actor=personas.case_worker, case=case, worker=colleague)
    page = client_for(colleague).get("/cases/", {"assigned": "me"}).content.decode()
    assert case.code in page and other.code not in page.split("<tbody>")[1]
    with django_assert_max_num_queries(2):
        one = cases_assigned_to_me(colleague)
    for _ in range(5):
        more = new_case(personas.case_worker)
        services.case_assign(actor=personas.case_worker, case=more, worker=colleague)
    with django_assert_max_num_queries(2):
        six = cases_assigned_to_me(colleague)
    assert (one.count, six.count) == (1, 6)
