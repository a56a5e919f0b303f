"""A change to a versioned record must say which version it is based on: without it the API
answers 428 and the web form an error, never a blind write (docs/permissions.md)."""

import datetime

import pytest

from nrm.cases.models import Referral, ReferralStatus, VictimCase
from nrm.cases.services import referral_create

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(personas.field_identifier, age=30, consent_referral=True)


@pytest.fixture
def referral(personas, orgs, case):
    return referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )


def version_required(response):
    assert response.status_code == 428, response.content
    error = response.json()["error"]
    assert error["code"] == "version_required" and list(error["fields"]) == ["version"]


@pytest.mark.django_db
def test_a_case_patch_without_version_answers_428_and_changes_nothing(api_for, personas, case):
    response = api_for(personas.field_identifier).patch(
        f"/api/v1/cases/{case.code}", {"sex": "male"}, "application/json"
    )
    version_required(response)
    case.refresh_from_db()
    assert (case.sex, case.version) == ("female", 1)


@pytest.mark.django_db
def test_a_decision_without_version_answers_428(api_for, personas, case):
    response = api_for(personas.coordinator).post(
        f"/api/v1/cases/{case.code}/decisions",
        {"to_status": "identified", "decided_on": "2024-04-01", "reason": "assessment"},
        "application/json",
    )
    version_required(response)
    assert VictimCase.objects.get(pk=case.pk).status == "potential"


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_a_referral_answer_without_version_answers_428(api_for, personas, referral, action):
    response = api_for(personas.case_worker).post(
        f"/api/v1/referrals/{referral.pk}/{action}", {"reason": "full"}, "application/json"
    )
    version_required(response)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.PENDING


@pytest.mark.django_db
def test_a_denied_change_without_version_is_still_a_403(api_for, personas, referral):
    # The permission is checked first: 428 never tells an outsider more than 403 would.
    response = api_for(personas.legal_aid_worker).post(
        f"/api/v1/referrals/{referral.pk}/accept", {}, "application/json"
    )
    assert response.status_code in (403, 404)


@pytest.mark.django_db
def test_a_referral_answer_with_the_version_goes_through(api_for, personas, referral):
    response = api_for(personas.case_worker).post(
        f"/api/v1/referrals/{referral.pk}/accept",
        {"version": referral.version},
        "application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"


@pytest.mark.django_db
def test_the_web_edit_without_version_is_a_form_error(client_for, personas, case):
    page = client_for(personas.field_identifier).post(
        f"/cases/{case.code}/edit/",
        {"identified_on": "2024-03-01", "sex": "male", "trafficking_scope": "unknown"},
    )
    assert page.status_code == 200
    assert "does not say which version of the record it changes" in page.content.decode()
    case.refresh_from_db()
    assert (case.sex, case.version) == ("female", 1)


@pytest.mark.django_db
def test_the_web_referral_answer_without_version_is_refused(client_for, personas, referral):
    response = client_for(personas.case_worker).post(
        f"/cases/referrals/{referral.pk}/accept/", {"reason": ""}, follow=True
    )
    assert "does not say which version of the record it changes" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.PENDING
