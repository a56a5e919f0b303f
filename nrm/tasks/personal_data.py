"""The tasks app's part of a person's access export and erasure: tasks on their cases (what
was to be done and when; free-text details are erased)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from nrm.core.personal_data import PersonalSection, clear_fields, described
from nrm.tasks.models import Task


def export(case_ids: Sequence[int]) -> list[PersonalSection]:
    tasks = Task.objects.filter(case_id__in=case_ids).select_related("organisation")
    records = [
        [
            (_("what to do"), task.display_title),
            *described(task, ("organisation", "due_on", "status")),
        ]
        for task in tasks
    ]
    return [PersonalSection(_("Tasks for your support"), records)] if records else []


def erase(case_ids: Sequence[int]) -> int:
    # A task by hand may name the person in its title; one from an event has none.
    return clear_fields(Task.objects.filter(case_id__in=case_ids), {"title": "", "details": ""})
