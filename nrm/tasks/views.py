"""Task pages: the list, adding a task to a case, one task (edit, done, cancel, reopen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.cases import selectors as case_selectors
from nrm.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from nrm.core.forms import apply_errors
from nrm.core.roles import require_role
from nrm.tasks import forms, rules, selectors, services
from nrm.tasks.models import Task, TaskStatus

PAGE_SIZE = 25


@require_GET
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, *rules.TASK_ROLES)
    status = request.GET.get("status", TaskStatus.OPEN)
    if status not in TaskStatus.values:
        status = TaskStatus.OPEN
    mine = request.GET.get("mine") == "1"
    tasks = selectors.task_list(actor=request.user, status=status, mine=mine)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tasks/list.html",
        {
            "page": page,
            "status": status,
            "statuses": TaskStatus.choices,
            "mine": mine,
            "query": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def task_create(request: AuthenticatedRequest) -> HttpResponse:
    """Add a task to the case named by ?case=CODE."""
    require_role(request.user, *rules.TASK_ROLES)
    code = request.GET.get("case", "") or request.POST.get("case", "")
    case = case_selectors.case_get(actor=request.user, code=code)
    if not selectors.can_add(actor=request.user, case=case):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    form = forms.TaskForm(
        data, assignees=selectors.assignable_users(actor=request.user), versioned=False
    )
    if data is not None and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            task = services.task_create(actor=request.user, case=case, **values)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The task is added to case %(code)s.") % {"code": case.code}
            )
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/form.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(actor=request.user, pk=pk)
    can_work = selectors.can_work_on(actor=request.user, task=task)
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_work:
        raise PermissionDenied()
    form = forms.TaskForm(
        data,
        assignees=selectors.assignable_users(actor=request.user),
        title_required=not task.origin or task.origin == "manual",
        initial={
            "title": task.title,
            "due_on": task.due_on,
            "assignee": task.assignee_id,
            "details": task.details,
            "version": task.version,
        },
    )
    if data is not None and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        try:
            services.task_update(
                actor=request.user,
                task=task,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except Conflict as error:
            apply_errors(form, error)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The task is saved."))
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/detail.html", {"task": task, "form": form, "can_work": can_work})


ACTIONS: dict[str, Callable[..., Task]] = {
    "done": services.task_complete,
    "cancel": services.task_cancel,
    "reopen": services.task_reopen,
}
DONE_MESSAGES: dict[str, Any] = {
    "done": lambda: _("The task is done."),
    "cancel": lambda: _("The task is cancelled."),
    "reopen": lambda: _("The task is open again."),
}


@require_POST
def task_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise NotFound()
    task = selectors.task_get(actor=request.user, pk=pk)
    try:
        ACTIONS[action](actor=request.user, task=task)
    except PermissionDenied:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.fields.get("status", [error.message])[0]))
    else:
        messages.success(request, DONE_MESSAGES[action]())
    target = request.POST.get("next", "")
    if target.startswith(("/tasks/", "/cases/")) or target == "/":
        return redirect(target)
    return redirect("tasks:detail", pk=task.pk)
