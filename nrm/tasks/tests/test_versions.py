"""Changing a task through the API needs the version read (428 without; docs/permissions.md)."""

import datetime

import pytest

from nrm.tasks.models import Task
from nrm.tasks.services import task_create


@pytest.mark.django_db
def test_a_task_patch_without_version_answers_428(api_for, personas, held_case):
    task = task_create(
        actor=personas.case_worker, case=held_case, title="Call", due_on=datetime.date(2024, 4, 1)
    )
    response = api_for(personas.case_worker).patch(
        f"/api/v1/tasks/{task.pk}", {"title": "Visit"}, "application/json"
    )
    assert response.status_code == 428, response.content
    assert response.json()["error"]["code"] == "version_required"
    assert Task.objects.get(pk=task.pk).title == "Call"


@pytest.mark.django_db
def test_the_web_task_form_without_version_is_a_form_error(client_for, personas, held_case):
    task = task_create(
        actor=personas.case_worker, case=held_case, title="Call", due_on=datetime.date(2024, 4, 1)
    )
    page = client_for(personas.case_worker).post(
        f"/tasks/{task.pk}/", {"title": "Visit", "due_on": "2024-04-02"}
    )
    assert "does not say which version of the record it changes" in page.content.decode()
    assert Task.objects.get(pk=task.pk).title == "Call"
