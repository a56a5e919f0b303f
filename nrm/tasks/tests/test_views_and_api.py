"""Task pages and the API: the same rules, and a denial for each endpoint."""

import pytest
from django.utils import timezone

from nrm.tasks import services
from nrm.tasks.models import Task, TaskStatus


def today():
    """Today where NRM is, asked at each use: a run of the suite may cross midnight."""
    return timezone.localdate()


@pytest.fixture
def task(personas, held_case):
    return services.task_create(
        actor=personas.case_worker, case=held_case, title="Call the school", due_on=today()
    )


@pytest.mark.django_db
def test_the_list_the_page_and_the_case_panel(personas, client_for, task, held_case):
    client = client_for(personas.case_worker)
    assert "Call the school" in client.get("/tasks/").content.decode()
    assert "Call the school" in client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Call the school" in client.get(f"/cases/{held_case.code}/").content.decode()


@pytest.mark.django_db
def test_adding_a_task_from_the_case(personas, client_for, held_case):
    client = client_for(personas.case_worker)
    assert client.get(f"/tasks/new/?case={held_case.code}").status_code == 200
    response = client.post(
        "/tasks/new/",
        {"case": held_case.code, "title": "Book the psychologist", "due_on": today().isoformat()},
    )
    assert response.status_code == 302
    assert Task.objects.get().title == "Book the psychologist"


@pytest.mark.django_db
def test_done_from_the_page(personas, client_for, task):
    client = client_for(personas.case_worker)
    client.post(f"/tasks/{task.pk}/done/")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


@pytest.mark.django_db
def test_denials_on_every_task_page(personas, client_for, task, held_case):
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/tasks/{task.pk}/").status_code == 404
    assert outsider.post(f"/tasks/{task.pk}/done/").status_code == 404
    assert outsider.post(f"/tasks/{task.pk}/", {"title": "x"}).status_code == 404
    assert outsider.get(f"/tasks/new/?case={held_case.code}").status_code == 404
    assert "Call the school" not in outsider.get("/tasks/").content.decode()
    partner = client_for(personas.partner)
    assert partner.get("/tasks/").status_code == 403
    # The coordinator reads the task but does not work on another organisation's.
    coordinator = client_for(personas.coordinator)
    assert coordinator.get(f"/tasks/{task.pk}/").status_code == 200
    assert coordinator.post(f"/tasks/{task.pk}/done/").status_code == 403
    assert coordinator.post(f"/tasks/{task.pk}/", {"title": "x"}).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.title == "Call the school"


@pytest.mark.django_db
def test_the_api(personas, api_for, held_case):
    api = api_for(personas.case_worker)
    created = api.post(
        "/api/v1/tasks",
        {"case": held_case.code, "title": "Call", "due_on": today().isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    task_id = created.json()["id"]
    assert api.get("/api/v1/tasks").json()["count"] == 1
    changed = api.patch(
        f"/api/v1/tasks/{task_id}",
        {"title": "Call again", "version": created.json()["version"]},
        content_type="application/json",
    )
    assert changed.json()["title"] == "Call again"
    assert api.post(f"/api/v1/tasks/{task_id}/done").json()["status"] == "done"
    assert api.post(f"/api/v1/tasks/{task_id}/explode").status_code == 404


@pytest.mark.django_db
def test_api_denials(personas, api_for, task, held_case):
    outsider = api_for(personas.outsider)
    assert outsider.get(f"/api/v1/tasks/{task.pk}").status_code == 404
    assert outsider.post(f"/api/v1/tasks/{task.pk}/done").status_code == 404
    assert outsider.get("/api/v1/tasks").json()["count"] == 0
    created = outsider.post(
        "/api/v1/tasks",
        {"case": held_case.code, "title": "x", "due_on": today().isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 404
    assert api_for(personas.partner).get("/api/v1/tasks").status_code == 403
    coordinator = api_for(personas.coordinator)
    assert coordinator.post(f"/api/v1/tasks/{task.pk}/done").status_code == 403
