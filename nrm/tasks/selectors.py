"""Every read of tasks, scoped by the case's own rules (nrm.tasks.rules)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.accounts.models import User
from nrm.accounts.selectors import members_with_role
from nrm.cases.models import VictimCase
from nrm.core.errors import NotFound
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import has_role, require_role
from nrm.tasks import rules
from nrm.tasks.models import Task, TaskStatus

# The home page shows tasks due within this many days, and every overdue one.
DUE_SOON_DAYS = 7
QUEUE_SIZE = 10


def _relations(qs: QuerySet[Task]) -> QuerySet[Task]:
    return qs.select_related("case", "referral", "organisation", "assignee", "completed_by")


def task_list(
    *,
    actor: User,
    status: str = TaskStatus.OPEN,
    mine: bool = False,
    case_code: str = "",
) -> QuerySet[Task]:
    """Tasks the actor may see: open ones by due date; `mine`: given to the actor or to
    nobody in their organisation."""
    require_role(actor, *rules.TASK_ROLES)
    qs = rules.visible_tasks(actor)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(_mine(actor))
    if case_code:
        qs = qs.filter(case__code=case_code.strip())
    order = ("due_on", "pk") if status == TaskStatus.OPEN else ("-due_on", "-pk")
    return _relations(qs).order_by(*order)


def _mine(actor: User) -> Q:
    return Q(assignee=actor) | Q(assignee__isnull=True, organisation_id=actor.organisation_id)


def task_get(*, actor: User, pk: int) -> Task:
    require_role(actor, *rules.TASK_ROLES)
    task = _relations(rules.visible_tasks(actor)).filter(pk=pk).first()
    if task is None:
        raise NotFound()
    return task


def tasks_of_case(*, actor: User, case: VictimCase) -> QuerySet[Task]:
    """The tasks of one case the actor may see, open ones first."""
    if not has_role(actor, *rules.TASK_ROLES):
        return Task.objects.none()
    return _relations(rules.visible_tasks(actor).filter(case=case)).order_by(
        "-status", "due_on", "pk"
    )


def assignable_users(*, actor: User) -> QuerySet[User]:
    """People of the actor's organisation a task can be given to (the service checks that
    they see the case)."""
    return members_with_role(organisation_id=actor.organisation_id, roles=rules.TASK_ROLES)


def can_add(*, actor: User, case: VictimCase) -> bool:
    return rules.can_add(actor, case)


def can_work_on(*, actor: User, task: Task) -> bool:
    return rules.can_work_on(actor, task)


def due_moment(day: datetime.date) -> datetime.datetime:
    """A task due on a day is overdue from the next morning."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(start)


def task_queues(user: Any) -> list[WorkQueue]:
    """Home page: my tasks (and my organisation's unassigned ones) due soon or overdue."""
    if not has_role(user, *rules.TASK_ROLES) or user.organisation_id is None:
        return []
    horizon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    qs = (
        _relations(rules.visible_tasks(user))
        .filter(_mine(user), status=TaskStatus.OPEN, due_on__lte=horizon)
        .order_by("due_on", "pk")
    )
    total = qs.count()
    items = [
        QueueItem(
            title=_("%(task)s · case %(code)s") % {"task": t.display_title, "code": t.case.code},
            url=reverse("tasks:detail", args=[t.pk]),
            since=t.created_at,
            action=_("Do it and mark it done") if t.assignee_id else _("Take it or give it"),
            due=due_moment(t.due_on),
            detail="" if t.assignee_id else _("Not given to anyone yet"),
        )
        for t in qs[:QUEUE_SIZE]
    ]
    return [
        WorkQueue(
            key="tasks.due",
            title=gettext_lazy("Your tasks due this week or overdue"),
            items=items,
            total=total,
            more_url=reverse("tasks:list") + "?mine=1",
            order=30,
        )
    ]
