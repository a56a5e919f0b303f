"""Changing a court case needs the version read: 428 from the API, a form error on the web."""

import pytest

from nrm.justice.models import CourtCase


@pytest.mark.django_db
def test_a_court_case_patch_without_version_answers_428(api_for, personas, new_court_case):
    court_case = new_court_case()
    response = api_for(personas.trial_monitor).patch(
        f"/api/v1/justice/court-cases/{court_case.pk}", {"stage": "trial"}, "application/json"
    )
    assert response.status_code == 428, response.content
    assert CourtCase.objects.get(pk=court_case.pk).stage == "indictment"


@pytest.mark.django_db
def test_a_court_case_patch_by_an_outsider_is_still_denied(api_for, personas, new_court_case):
    court_case = new_court_case()
    response = api_for(personas.partner).patch(
        f"/api/v1/justice/court-cases/{court_case.pk}", {"stage": "trial"}, "application/json"
    )
    assert response.status_code in (403, 404)
