"""Workflow steps and edits of an activity need the version read (428 / a message, no change)."""

import pytest

from nrm.activities.models import Activity

pytestmark = pytest.mark.django_db


def test_submitting_through_the_api_without_version_answers_428(api_for, personas, report):
    draft = report(personas.partner)
    response = api_for(personas.partner).post(
        f"/api/v1/activities/{draft.pk}/submit", {}, content_type="application/json"
    )
    assert response.status_code == 428, response.content
    assert Activity.objects.get(pk=draft.pk).status == "draft"


def test_submitting_on_the_web_without_version_changes_nothing(client_for, personas, report):
    draft = report(personas.partner)
    response = client_for(personas.partner).post(f"/activities/{draft.pk}/submit/", follow=True)
    assert "Say which version of the record you are changing" in response.content.decode()
    assert Activity.objects.get(pk=draft.pk).status == "draft"
