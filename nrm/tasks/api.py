"""The tasks API (/api/v1/tasks): the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nrm.accounts.models import User
from nrm.cases import selectors as case_selectors
from nrm.core.api_types import (
    VERSION_HELP,
    Day,
    Id,
    Limit,
    Offset,
    Version,
    given_version,
    leave_out,
)
from nrm.core.errors import NotFound, ValidationError
from nrm.tasks import selectors, services
from nrm.tasks.models import Task

router = Router(tags=["tasks"])

MAX_LIMIT = 200


class TaskOut(Schema):
    id: int
    case: str
    referral_id: int | None
    organisation: str
    assignee: str | None = Field(description="username; null: anyone in the organisation")
    title: str
    details: str
    due_on: Day
    status: str
    origin: str
    overdue: bool
    version: int


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class TaskFilters(Schema):
    status: str = "open"
    mine: bool = False
    case: str = ""
    limit: Limit = 50
    offset: Offset = 0


class TaskIn(Schema):
    case: str = Field(description="the case code")
    title: str
    due_on: Day
    assignee: str | None = Field(None, description="username of someone of your organisation")
    details: str = ""


class TaskUpdateIn(Schema):
    title: str = leave_out()
    due_on: Day | None = None
    assignee: str | None = None
    details: str = leave_out()
    version: Version | None = Field(None, description=VERSION_HELP)


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def task_out(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "case": task.case.code,
        "referral_id": task.referral_id,
        "organisation": task.organisation.name,
        "assignee": task.assignee.username if task.assignee else None,
        "title": task.display_title,
        "details": task.details,
        "due_on": task.due_on,
        "status": task.status,
        "origin": task.origin,
        "overdue": task.is_overdue,
        "version": task.version,
    }


def _assignee(actor: User, username: str | None) -> User | None:
    if not username:
        return None
    found = selectors.assignable_users(actor=actor).filter(username=username).first()
    if found is None:
        raise ValidationError(fields={"assignee": [f"no one of your organisation is {username!r}"]})
    return found


@router.get("/tasks", response=TaskPage, summary="Tasks you may see")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    limit = min(max(filters.limit, 1), MAX_LIMIT)
    qs = selectors.task_list(
        actor=_actor(request), status=filters.status, mine=filters.mine, case_code=filters.case
    )
    return {
        "count": qs.count(),
        "items": [task_out(t) for t in qs[filters.offset : filters.offset + limit]],
    }


@router.post("/tasks", response={201: TaskOut}, summary="Add a task to a case")
def create_task(request: HttpRequest, payload: TaskIn) -> Status[dict[str, Any]]:
    actor = _actor(request)
    case = case_selectors.case_get(actor=actor, code=payload.case)
    task = services.task_create(
        actor=actor,
        case=case,
        title=payload.title,
        due_on=payload.due_on,
        assignee=_assignee(actor, payload.assignee),
        details=payload.details,
    )
    return Status(201, task_out(task))


@router.get("/tasks/{task_id}", response=TaskOut, summary="One task")
def get_task(request: HttpRequest, task_id: Id) -> dict[str, Any]:
    return task_out(selectors.task_get(actor=_actor(request), pk=task_id))


@router.patch("/tasks/{task_id}", response=TaskOut, summary="Change a task")
def update_task(request: HttpRequest, task_id: Id, payload: TaskUpdateIn) -> dict[str, Any]:
    actor = _actor(request)
    task = selectors.task_get(actor=actor, pk=task_id)
    changes = payload.dict(exclude_unset=True)
    version = given_version(changes.pop("version", None))
    if "assignee" in changes:
        changes["assignee"] = _assignee(actor, changes["assignee"])
    task = services.task_update(actor=actor, task=task, expected_version=version, **changes)
    return task_out(task)


@router.post("/tasks/{task_id}/{action}", response=TaskOut, summary="done, cancel or reopen")
def act_on_task(request: HttpRequest, task_id: Id, action: str) -> dict[str, Any]:
    actor = _actor(request)
    task = selectors.task_get(actor=actor, pk=task_id)
    do = {
        "done": services.task_complete,
        "cancel": services.task_cancel,
        "reopen": services.task_reopen,
    }.get(action)
    if do is None:
        raise NotFound()
    return task_out(do(actor=actor, task=task))
