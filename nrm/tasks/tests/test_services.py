"""Tasks: added by those who hold the case, for their own organisation; scoped by the case."""

import datetime

import pytest
from django.utils import timezone

from nrm.cases.services import case_create, referral_accept, referral_create
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.roles import Role
from nrm.inbox.models import Notification
from nrm.tasks import selectors, services
from nrm.tasks.models import Task, TaskOrigin, TaskStatus
from nrm.testing.factories import make_user


def today():
    """Today where NRM is, asked at each use: a run of the suite may cross midnight."""
    return timezone.localdate()


@pytest.mark.django_db
def test_a_case_worker_adds_a_task_and_the_assignee_is_told(personas, orgs, held_case):
    colleague = make_user("t_colleague", orgs.safe_house, Role.CASE_WORKER)
    task = services.task_create(
        actor=personas.case_worker,
        case=held_case,
        title="Call the school",
        due_on=today(),
        assignee=colleague,
    )
    assert task.organisation == orgs.safe_house and task.status == TaskStatus.OPEN
    told = Notification.objects.get(kind="tasks.task_assigned")
    assert told.recipient == colleague and told.params["code"] == held_case.code


@pytest.mark.django_db
def test_no_task_without_a_title_or_a_date(personas, held_case):
    with pytest.raises(ValidationError) as error:
        services.task_create(actor=personas.case_worker, case=held_case, title=" ", due_on=today())
    assert "title" in error.value.fields
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=personas.case_worker,
            case=held_case,
            title="x",
            due_on=None,
        )
    assert "due_on" in error.value.fields


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "partner", "trial_monitor", "auditor", "admin"])
def test_those_who_do_not_hold_the_case_add_no_task(personas, held_case, persona):
    with pytest.raises(PermissionDenied):
        services.task_create(
            actor=getattr(personas, persona), case=held_case, title="x", due_on=today()
        )
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_a_task_goes_only_to_someone_of_the_organisation_who_sees_the_case(personas, held_case):
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=personas.case_worker,
            case=held_case,
            title="x",
            due_on=today(),
            assignee=personas.outsider,
        )
    assert "assignee" in error.value.fields


@pytest.mark.django_db
def test_tasks_are_seen_by_their_organisation_and_coordinators_only(personas, held_case):
    task = services.task_create(
        actor=personas.case_worker, case=held_case, title="Call", due_on=today()
    )
    assert list(selectors.task_list(actor=personas.case_worker)) == [task]
    assert list(selectors.task_list(actor=personas.coordinator)) == [task]
    assert list(selectors.task_list(actor=personas.outsider)) == []
    assert list(selectors.task_list(actor=personas.field_identifier)) == []
    with pytest.raises(PermissionDenied):
        selectors.task_list(actor=personas.partner)


@pytest.mark.django_db
def test_done_cancelled_and_reopened_by_the_organisation_only(personas, held_case):
    task = services.task_create(
        actor=personas.case_worker, case=held_case, title="Call", due_on=today()
    )
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=personas.coordinator, task=task)
    task = services.task_complete(actor=personas.case_worker, task=task)
    assert task.status == TaskStatus.DONE and task.completed_by == personas.case_worker
    with pytest.raises(ValidationError):
        services.task_complete(actor=personas.case_worker, task=task)
    task = services.task_reopen(actor=personas.case_worker, task=task)
    assert task.status == TaskStatus.OPEN and task.completed_at is None


@pytest.mark.django_db
def test_changing_a_task_refuses_unknown_fields_and_tells_a_new_assignee(personas, orgs, held_case):
    colleague = make_user("t_colleague", orgs.safe_house, Role.CASE_WORKER)
    task = services.task_create(
        actor=personas.case_worker, case=held_case, title="Call", due_on=today()
    )
    with pytest.raises(ValidationError) as error:
        services.task_update(actor=personas.case_worker, task=task, organisation=orgs.outsider)
    assert "organisation" in error.value.fields
    services.task_update(
        actor=personas.case_worker,
        task=task,
        expected_version=task.version,
        assignee=colleague,
        due_on=today() + datetime.timedelta(days=3),
    )
    assert Notification.objects.filter(kind="tasks.task_assigned", recipient=colleague).exists()


@pytest.mark.django_db
def test_accepting_a_referral_adds_a_first_contact_task_for_the_receiver(personas, orgs):
    case = case_create(
        actor=personas.field_identifier,
        identified_on=datetime.date(2024, 3, 1),
        consent_referral=True,
    )
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )
    referral_accept(actor=personas.case_worker, referral=referral)
    task = Task.objects.get()
    assert task.origin == TaskOrigin.REFERRAL_ACCEPTED and task.referral == referral
    assert task.organisation == orgs.safe_house and task.assignee == personas.case_worker
    assert task.due_on == today() + datetime.timedelta(days=2)
    assert task.display_title == "First contact with the person (within 48 hours)"
    # The worker who accepted is not notified of their own task.
    assert not Notification.objects.filter(kind="tasks.task_assigned").exists()


@pytest.mark.django_db
def test_overdue_tasks_are_told_once(personas, held_case):
    task = services.task_create(
        actor=personas.case_worker,
        case=held_case,
        title="Call",
        due_on=today() - datetime.timedelta(days=1),
        assignee=personas.case_worker,
    )
    now = timezone.now()
    assert services.notify_overdue_tasks(now) == 1
    assert services.notify_overdue_tasks(now) == 0
    told = Notification.objects.get(kind="tasks.task_overdue")
    assert told.recipient == personas.case_worker
    # A new due date may become overdue again.
    services.task_update(
        actor=personas.case_worker, task=task, due_on=today() - datetime.timedelta(days=2)
    )
    assert services.notify_overdue_tasks(now) == 1
