"""Every write of tasks: adding (by hand or from an event), changing, completing.

`task_create` is the entry point for other apps (e.g. a referral accepted, a plan review).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation, User
from nrm.accounts.selectors import members_with_role
from nrm.cases.models import Referral, VictimCase
from nrm.core.dates import today
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.roles import Role
from nrm.core.services import service, update_versioned, validated_save
from nrm.inbox.services import notify
from nrm.tasks import rules
from nrm.tasks.models import Task, TaskOrigin, TaskStatus
from nrm.tasks.notifications import TASK_ASSIGNED, TASK_OVERDUE

# A referral accepted: the first contact with the person within 48 hours.
FIRST_CONTACT_DAYS = 2
MAX_TITLE = 200
EDITABLE = ("title", "details", "due_on", "assignee")


def _title(title: str, origin: str) -> str:
    title = (title or "").strip()
    if not title and origin == TaskOrigin.MANUAL:
        raise ValidationError(fields={"title": [_("Say what is to be done.")]})
    if len(title) > MAX_TITLE:
        raise ValidationError(
            fields={"title": [_("At most %(count)s characters.") % {"count": MAX_TITLE}]}
        )
    return title


def _check_assignee(assignee: User | None, organisation: Organisation, case: VictimCase) -> None:
    if assignee is None:
        return
    if (
        not assignee.is_active
        or assignee.organisation_id != organisation.pk
        or not rules.sees_case(assignee, case)
    ):
        raise ValidationError(
            fields={
                "assignee": [
                    _("Give the task to someone of %(organisation)s who works on this case.")
                    % {"organisation": organisation}
                ]
            }
        )


def _organisation(actor: User | None, organisation: Organisation | None) -> Organisation:
    if actor is None:
        if organisation is None:
            raise ValidationError(fields={"organisation": [_("Name whose task it is.")]})
        return organisation
    if actor.organisation is None:
        raise PermissionDenied(_("Your account belongs to no organisation."))
    if organisation is not None and organisation.pk != actor.organisation_id:
        raise PermissionDenied(_("You add tasks for your own organisation only."))
    return actor.organisation


def _notify_assignee(actor: User | None, task: Task) -> None:
    if task.assignee is None:
        return
    notify(
        actor=actor,
        kind=TASK_ASSIGNED,
        recipients=[task.assignee],
        url=reverse("tasks:detail", args=[task.pk]),
        params={"code": task.case.code, "due": task.due_on.isoformat()},
    )


@service
def task_create(
    *,
    actor: User | None,
    case: VictimCase,
    title: str,
    due_on: datetime.date | None,
    assignee: User | None = None,
    referral: Referral | None = None,
    details: str = "",
    organisation: Organisation | None = None,
    origin: str = TaskOrigin.MANUAL,
) -> Task:
    """Add a task on a case for the actor's organisation (the system names the organisation).

    The title may be empty for a task from an event (`origin`): it then reads as the origin's
    standard title in each reader's language. The assignee is told (unless it is the actor).
    """
    if not rules.can_add(actor, case):
        raise PermissionDenied()
    owner = _organisation(actor, organisation)
    task = _insert(
        actor=actor,
        case=case,
        owner=owner,
        title=title,
        due_on=due_on,
        assignee=assignee,
        referral=referral,
        details=details,
        origin=origin,
    )
    _notify_assignee(actor, task)
    return task


def _insert(
    *,
    actor: User | None,
    case: VictimCase,
    owner: Organisation,
    title: str,
    due_on: datetime.date | None,
    assignee: User | None,
    referral: Referral | None,
    details: str,
    origin: str,
) -> Task:
    if origin not in TaskOrigin.values:
        raise ValidationError(fields={"origin": [_("unknown code: %(code)s") % {"code": origin}]})
    if due_on is None:
        raise ValidationError(fields={"due_on": [_("Give the date it is due.")]})
    if referral is not None and referral.case_id != case.pk:
        raise ValidationError(fields={"referral": [_("This referral is of another case.")]})
    _check_assignee(assignee, owner, case)
    return validated_save(
        Task(
            case=case,
            referral=referral,
            organisation=owner,
            assignee=assignee,
            title=_title(title, origin),
            details=(details or "").strip(),
            due_on=due_on,
            origin=origin,
            created_by=actor,
        )
    )


def _require_work(actor: User | None, task: Task) -> None:
    if not rules.can_work_on(actor, task):
        raise PermissionDenied()


@service
def task_update(
    *, actor: User | None, task: Task, expected_version: int | None = None, **changes: Any
) -> Task:
    """Change what, when or who (unknown fields are refused); a new assignee is told."""
    _require_work(actor, task)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            fields={name: [_("This cannot be changed here.")] for name in sorted(unknown)}
        )
    if "title" in changes:
        changes["title"] = _title(changes["title"], task.origin)
    if "details" in changes:
        changes["details"] = (changes["details"] or "").strip()
    if "due_on" in changes and changes["due_on"] is None:
        raise ValidationError(fields={"due_on": [_("Give the date it is due.")]})
    new_assignee = "assignee" in changes and changes["assignee"] != task.assignee
    if new_assignee:
        _check_assignee(changes["assignee"], task.organisation, task.case)
    if "due_on" in changes and changes["due_on"] != task.due_on:
        changes["overdue_notified_on"] = None  # a new due date may become overdue again
    version = task.version if expected_version is None else expected_version
    task = update_versioned(task, expected_version=version, changes=changes)
    if new_assignee:
        _notify_assignee(actor, task)
    return task


def _set_status(actor: User | None, task: Task, status: str, expected: tuple[str, ...]) -> Task:
    _require_work(actor, task)
    if task.status not in expected:
        raise ValidationError(
            fields={
                "status": [
                    _("This task is “%(status)s”.") % {"status": TaskStatus(task.status).label}
                ]
            }
        )
    done = status == TaskStatus.DONE
    return update_versioned(
        task,
        expected_version=task.version,
        changes={
            "status": status,
            "completed_at": timezone.now() if done else None,
            "completed_by": actor if done else None,
        },
    )


@service
def task_complete(*, actor: User | None, task: Task) -> Task:
    return _set_status(actor, task, TaskStatus.DONE, (TaskStatus.OPEN,))


@service
def task_cancel(*, actor: User | None, task: Task) -> Task:
    return _set_status(actor, task, TaskStatus.CANCELLED, (TaskStatus.OPEN,))


@service
def task_reopen(*, actor: User | None, task: Task) -> Task:
    return _set_status(actor, task, TaskStatus.OPEN, (TaskStatus.DONE, TaskStatus.CANCELLED))


# Tasks from events --------------------------------------------------------------------------


@service
def first_contact_task(*, actor: User | None, referral: Referral) -> Task:
    """A referral accepted (by `actor`): the receiving organisation contacts the person within
    48 hours. Given to the person who accepted when they are a case worker who sees the case,
    else to the organisation as a whole."""
    accepted_on = referral.responded_on or today()
    assignee = actor if actor is not None and Role.CASE_WORKER in actor.roles else None
    if assignee is not None and not rules.sees_case(assignee, referral.case):
        assignee = None
    task = _insert(
        actor=actor,
        case=referral.case,
        owner=referral.to_organisation,
        title="",
        due_on=accepted_on + datetime.timedelta(days=FIRST_CONTACT_DAYS),
        assignee=assignee,
        referral=referral,
        details="",
        origin=TaskOrigin.REFERRAL_ACCEPTED,
    )
    _notify_assignee(actor, task)
    return task


# The daily round ------------------------------------------------------------------------------


def notify_overdue_tasks(now: datetime.datetime) -> int:
    """Tell once about each open task past its due date (`nrm notifications`, idempotent)."""
    day = timezone.localdate(now)
    overdue = (
        Task.objects.filter(status=TaskStatus.OPEN, due_on__lt=day)
        .filter(overdue_notified_on__isnull=True)  # a changed due date clears it
        .select_related("case", "assignee")
        .order_by("pk")
    )
    count = 0
    for task in overdue:
        recipients = (
            [task.assignee]
            if task.assignee is not None
            else list(
                members_with_role(organisation_id=task.organisation_id, roles=rules.TASK_ROLES)
            )
        )
        notify(
            actor=None,
            kind=TASK_OVERDUE,
            recipients=[u for u in recipients if rules.sees_case(u, task.case)],
            url=reverse("tasks:detail", args=[task.pk]),
            params={"code": task.case.code, "due": task.due_on.isoformat()},
        )
        Task.objects.filter(pk=task.pk).update(overdue_notified_on=day)
        count += 1
    return count
