"""Who may see and do what with a task (docs/permissions.md, "Tasks").

A task is seen by those who may read its case (the cases app's own rule, asked here, never
copied) and who belong to the task's organisation; coordinators read every task. Only the
task's organisation works on it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from nrm.cases import rules as case_rules
from nrm.cases.models import VictimCase
from nrm.core.roles import Role, has_role
from nrm.tasks.models import Task

TASK_ROLES = case_rules.CASE_ROLES


def visible_tasks(actor: Any, queryset: QuerySet[Task] | None = None) -> QuerySet[Task]:
    qs = queryset if queryset is not None else Task.objects.all()
    if actor is None:
        return qs
    if not has_role(actor, *TASK_ROLES):
        return qs.none()
    qs = qs.filter(case__in=case_rules.visible_cases(actor))
    if has_role(actor, Role.COORDINATOR):
        return qs
    organisation_id = getattr(actor, "organisation_id", None)
    if organisation_id is None:
        return qs.none()
    return qs.filter(organisation_id=organisation_id)


def sees_case(user: Any, case: VictimCase) -> bool:
    return case_rules.visible_cases(user).filter(pk=case.pk).exists()


def can_add(actor: Any, case: VictimCase) -> bool:
    """Those who may change the case add tasks for their own organisation."""
    if actor is None:
        return True
    return (
        has_role(actor, *TASK_ROLES)
        and getattr(actor, "organisation_id", None) is not None
        and case_rules.can_edit_case(actor, case)
    )


def can_work_on(actor: Any, task: Task) -> bool:
    """Change, complete, reopen or cancel: people of the task's organisation who see the case."""
    if actor is None:
        return True
    return (
        has_role(actor, *TASK_ROLES)
        and task.organisation_id == getattr(actor, "organisation_id", None)
        and sees_case(actor, task.case)
    )
