"""Demo tasks: first contacts from the accepted referrals, and tasks due, overdue and done."""

from __future__ import annotations

import datetime

from django.utils import timezone

from nrm.accounts.models import User
from nrm.cases.models import VictimCase
from nrm.core.audit import audit_actor
from nrm.tasks.models import Task
from nrm.tasks.services import task_complete, task_create


def load_demo() -> None:
    """Tasks of IFS-EMMAUS's case worker on the cases the safe house holds (idempotent)."""
    worker = User.objects.filter(username="caseworker").first()
    if worker is None or Task.objects.filter(created_by=worker).exists():
        return
    today = timezone.localdate()
    held = {
        c.code: c
        for c in VictimCase.objects.filter(code__in=["V-2025-0001", "V-2025-0003", "V-2026-0002"])
    }
    plan = [
        ("V-2025-0001", "Accompany to the hearing at the Court of BiH", -3, False),
        ("V-2025-0003", "Call the school about enrolment", 0, False),
        ("V-2025-0003", "Book the psychologist for next week", 4, False),
        ("V-2025-0001", "Renew the temporary residence papers", 12, False),
        ("V-2025-0003", "Medical check-up", -20, True),
    ]
    with audit_actor(None, via="demo data"):
        for code, title, days, done in plan:
            case = held.get(code)
            if case is None:
                continue
            task = task_create(
                actor=worker,
                case=case,
                title=title,
                due_on=today + datetime.timedelta(days=days),
                assignee=worker,
            )
            # Added a week before it was due (or a month before, for a late one).
            added = timezone.now() - datetime.timedelta(days=max(7 - days, 2))
            Task.objects.filter(pk=task.pk).update(created_at=added)
            if done:
                task_complete(actor=worker, task=task)
