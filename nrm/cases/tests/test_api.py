import datetime

import pytest

from nrm.cases.services import referral_create
from nrm.core.models import AccessEntry

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(
        personas.field_identifier,
        first_name="Nina",
        last_name="Apijević",
        age=16,
        exploitation=["sexual", "labour"],
        citizenship="HR",
        consent_referral=True,
    )


def body(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def error_of(response, status):
    data = body(response, status)
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message", "fields"}
    return data["error"]


@pytest.mark.django_db
def test_listing_cases_is_scoped_and_pseudonymous(api_for, personas, case, new_case):
    new_case(personas.case_worker, exploitation=["begging"])
    coordinator = body(api_for(personas.coordinator).get("/api/v1/cases"))
    assert coordinator["count"] == 2
    item = next(i for i in coordinator["items"] if i["code"] == case.code)
    assert item["exploitation"] == ["labour", "sexual"] and item["citizenship"] == "HR"
    assert "Nina" not in str(coordinator) and "first_name" not in item
    mine = body(api_for(personas.field_identifier).get("/api/v1/cases"))
    assert [i["code"] for i in mine["items"]] == [case.code]
    filtered = body(api_for(personas.coordinator).get("/api/v1/cases?exploitation=begging"))
    assert filtered["count"] == 1 and filtered["items"][0]["code"] != case.code


@pytest.mark.django_db
def test_an_unrelated_organisation_gets_not_found(api_for, personas, case):
    for persona in ("outsider", "legal_aid_worker", "case_worker"):
        client = api_for(getattr(personas, persona))
        assert error_of(client.get(f"/api/v1/cases/{case.code}"), 404)["code"] == "not_found"
        error_of(client.get(f"/api/v1/cases/{case.code}/identity"), 404)
        error_of(client.get(f"/api/v1/cases/{case.code}/referrals"), 404)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["trial_monitor", "partner", "auditor", "admin", "norole"])
def test_roles_without_cases_are_forbidden(api_for, personas, case, persona):
    client = api_for(getattr(personas, persona))
    assert error_of(client.get("/api/v1/cases"), 403)["code"] == "forbidden"
    error_of(client.post("/api/v1/cases", {"identified_on": "2024-01-01"}, "application/json"), 403)
    error_of(client.get("/api/v1/referrals"), 403)
    error_of(client.get("/api/v1/services"), 403)
    error_of(client.get("/api/v1/stays"), 403)
    error_of(client.get("/api/v1/decisions"), 403)


@pytest.mark.django_db
def test_anonymous_requests_are_refused(client, case):
    assert error_of(client.get("/api/v1/cases"), 401)["code"] == "unauthenticated"


@pytest.mark.django_db
def test_create_a_case_and_get_field_errors(api_for, personas):
    client = api_for(personas.field_identifier)
    created = body(
        client.post(
            "/api/v1/cases",
            {
                "identified_on": "2024-04-01",
                "sex": "male",
                "age": 12,
                "exploitation": ["begging"],
                "citizenship": "ba",
                "first_name": "Test",
                "last_name": "Apijević",
                "birth_date": None,
            },
            "application/json",
        ),
        201,
    )
    assert created["code"] == "V-2024-0001" and created["age_group"] == "minor"
    assert created["can_see_identity"] and not created["possible_duplicate"]
    error = error_of(
        client.post(
            "/api/v1/cases",
            {"identified_on": "2024-04-01", "exploitation": ["slavery"], "sex": "f"},
            "application/json",
        ),
        422,
    )
    assert "exploitation" in error["fields"] or "sex" in error["fields"]
    error = error_of(
        client.post("/api/v1/cases", {"identified_on": "yesterday"}, "application/json"), 422
    )
    assert "identified_on" in error["fields"]


@pytest.mark.django_db
def test_update_with_a_stale_version_is_a_conflict(api_for, personas, case):
    client = api_for(personas.field_identifier)
    updated = body(
        client.patch(
            f"/api/v1/cases/{case.code}", {"version": 1, "sex": "female"}, "application/json"
        )
    )
    assert updated["version"] == 2
    error = error_of(
        client.patch(
            f"/api/v1/cases/{case.code}", {"version": 1, "sex": "male"}, "application/json"
        ),
        409,
    )
    assert error["code"] == "conflict"


@pytest.mark.django_db
def test_identity_is_logged_and_refused_to_a_coordinator(api_for, personas, case):
    identity = body(api_for(personas.field_identifier).get(f"/api/v1/cases/{case.code}/identity"))
    assert identity["last_name"] == "Apijević"
    assert AccessEntry.objects.count() == 1
    error_of(api_for(personas.coordinator).get(f"/api/v1/cases/{case.code}/identity"), 403)
    assert AccessEntry.objects.count() == 1


@pytest.mark.django_db
def test_the_referral_journey_through_the_api(api_for, personas, orgs, case):
    police = api_for(personas.field_identifier)
    safe_house = api_for(personas.case_worker)
    referral = body(
        police.post(
            f"/api/v1/cases/{case.code}/referrals",
            {
                "to_organisation_id": orgs.safe_house.pk,
                "service_type": "shelter",
                "referred_on": "2024-03-02",
            },
            "application/json",
        ),
        201,
    )
    inbox = body(safe_house.get("/api/v1/referrals?box=received&status=pending"))
    assert [r["id"] for r in inbox] == [referral["id"]]
    error_of(
        safe_house.post(
            f"/api/v1/cases/{case.code}/stays", {"start": "2024-03-02"}, "application/json"
        ),
        403,
    )
    accepted = body(
        safe_house.post(
            f"/api/v1/referrals/{referral['id']}/accept",
            {"on": "2024-03-02", "version": referral["version"]},
            "application/json",
        )
    )
    assert accepted["status"] == "accepted"
    stay = body(
        safe_house.post(
            f"/api/v1/cases/{case.code}/stays",
            {"start": "2024-03-02", "referral_id": referral["id"]},
            "application/json",
        ),
        201,
    )
    assert stay["safe_house"]["id"] == orgs.safe_house.pk and stay["end"] is None
    service = body(
        safe_house.post(
            f"/api/v1/cases/{case.code}/services",
            {"service_type": "medical_care", "delivered_on": "2024-03-04", "count": 2},
            "application/json",
        ),
        201,
    )
    assert service["count"] == 2
    ended = body(
        safe_house.post(
            f"/api/v1/stays/{stay['id']}/end", {"end": "2024-05-01"}, "application/json"
        )
    )
    assert ended["end"] == "2024-05-01"
    assert [s["id"] for s in body(safe_house.get(f"/api/v1/services?case={case.code}"))] == [
        service["id"]
    ]
    assert len(body(api_for(personas.coordinator).get("/api/v1/stays"))) == 1
    assert body(api_for(personas.outsider).get("/api/v1/stays")) == []
    error_of(api_for(personas.outsider).get(f"/api/v1/referrals/{referral['id']}"), 404)


@pytest.mark.django_db
def test_declining_without_a_reason_names_the_field(api_for, personas, orgs, case):
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )
    error = error_of(
        api_for(personas.case_worker).post(
            f"/api/v1/referrals/{referral.pk}/decline", {"reason": ""}, "application/json"
        ),
        422,
    )
    assert "reason" in error["fields"]
    error_of(
        api_for(personas.legal_aid_worker).post(
            f"/api/v1/referrals/{referral.pk}/accept", {}, "application/json"
        ),
        404,
    )


@pytest.mark.django_db
def test_decisions_through_the_api(api_for, personas, orgs, case):
    client = api_for(personas.coordinator)
    decision = body(
        client.post(
            f"/api/v1/cases/{case.code}/decisions",
            {
                "to_status": "identified",
                "decided_on": "2024-04-01",
                "reason": "assessment",
                "authority_id": orgs.police.pk,
                "version": case.version,
            },
            "application/json",
        ),
        201,
    )
    assert decision["authority"]["id"] == orgs.police.pk
    listed = body(client.get(f"/api/v1/decisions?case={case.code}"))
    assert [d["to_status"] for d in listed] == ["identified", "potential"]
    error = error_of(
        client.post(
            f"/api/v1/cases/{case.code}/decisions",
            {"to_status": "reported", "decided_on": "2024-04-02", "reason": "x"},
            "application/json",
        ),
        422,
    )
    assert "to_status" in error["fields"]
    error_of(
        api_for(personas.case_worker).post(
            f"/api/v1/cases/{case.code}/decisions",
            {"to_status": "closed", "decided_on": "2024-04-02", "reason": "x"},
            "application/json",
        ),
        404,
    )
