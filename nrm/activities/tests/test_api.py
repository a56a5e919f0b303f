"""The API applies the same rules as the pages, with the one error body."""

from __future__ import annotations

import pytest

from nrm.activities.models import Activity

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "type": "training",
    "start_date": "2024-09-24",
    "end_date": "2024-09-26",
    "titles": {"en": "Digital investigations", "bs": "Digitalne istrage"},
    "participants_total": 30,
    "participants_women": 12,
    "participants_men": 18,
    "target_groups": ["prosecutors", "police"],
    "funding_programme": "wbjast",
    "places": [{"municipality": "banja-luka"}],
    "sessions": [{"start_date": "2024-09-25", "city": "Vienna", "country": "AT"}],
}


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]


def test_a_partner_creates_reads_updates_and_submits(api_for, personas):
    api = api_for(personas.partner)
    created = api.post("/api/v1/activities", PAYLOAD, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["reporter"]["name"] == "Test Partner IO"
    assert body["places"][0]["text"] == "Banja Luka"
    assert body["sessions"][0]["text"] == "Vienna, Austria"
    assert body["warnings"] == []
    pk = body["id"]
    updated = api.put(
        f"/api/v1/activities/{pk}",
        {**PAYLOAD, "participants_women": 20, "version": body["version"]},
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert [w["code"] for w in updated.json()["warnings"]] == ["participants_parts_exceed_total"]
    stale = api.put(
        f"/api/v1/activities/{pk}", {**PAYLOAD, "version": 1}, content_type="application/json"
    )
    assert_error(stale, 409, "conflict")
    submitted = api.post(
        f"/api/v1/activities/{pk}/submit",
        {"version": updated.json()["version"]},
        content_type="application/json",
    )
    assert submitted.json()["status"] == "submitted"


def test_invalid_input_names_the_fields(api_for, personas):
    api = api_for(personas.partner)
    bad = {**PAYLOAD, "end_date": "2024-09-01", "places": [{"city": "Sarajevo", "country": "BA"}]}
    error = assert_error(
        api.post("/api/v1/activities", bad, content_type="application/json"), 422, "invalid"
    )
    assert set(error["fields"]) >= {"end_date", "places.0.country"}
    negative = {**PAYLOAD, "participants_total": -3}
    error = assert_error(
        api.post("/api/v1/activities", negative, content_type="application/json"), 422, "invalid"
    )
    assert "participants_total" in error["fields"]


def test_a_partner_cannot_see_or_change_another_partners_draft(api_for, personas, report):
    draft = report(personas.other_partner)
    api = api_for(personas.partner)
    assert_error(api.get(f"/api/v1/activities/{draft.pk}"), 404, "not_found")
    assert_error(
        api.put(
            f"/api/v1/activities/{draft.pk}",
            {**PAYLOAD, "version": 1},
            content_type="application/json",
        ),
        404,
        "not_found",
    )
    assert_error(api.delete(f"/api/v1/activities/{draft.pk}"), 404, "not_found")
    assert_error(
        api.post(f"/api/v1/activities/{draft.pk}/submit", {}, content_type="application/json"),
        404,
        "not_found",
    )
    listed = api.get("/api/v1/activities").json()
    assert draft.pk not in [item["id"] for item in listed["items"]]
    draft.refresh_from_db()
    assert (draft.status, draft.version) == ("draft", 1)


def test_a_partner_reads_but_cannot_change_another_partners_approved_activity(
    api_for, personas, report
):
    approved = report(personas.other_partner, status="approved")
    api = api_for(personas.partner)
    assert api.get(f"/api/v1/activities/{approved.pk}").status_code == 200
    assert_error(
        api.put(
            f"/api/v1/activities/{approved.pk}",
            {**PAYLOAD, "version": approved.version},
            content_type="application/json",
        ),
        403,
        "forbidden",
    )
    assert_error(
        api.post(
            f"/api/v1/activities/{approved.pk}/return",
            {"comment": "no"},
            content_type="application/json",
        ),
        403,
        "forbidden",
    )


def test_a_partner_cannot_report_for_another_organisation(api_for, personas, orgs):
    response = api_for(personas.partner).post(
        "/api/v1/activities",
        {**PAYLOAD, "reporter": orgs.other_partner.pk},
        content_type="application/json",
    )
    assert_error(response, 403, "forbidden")
    assert not Activity.objects.exists()


def test_the_coordinators_review_link_and_approve(api_for, personas, report):
    coe = report(personas.other_partner, status="submitted", participants_total=39)
    iom = report(personas.partner, status="submitted", participants_total=31)
    api = api_for(personas.coordinator)
    queue = api.get("/api/v1/activities/review").json()
    assert [item["activity"]["id"] for item in queue] == [coe.pk, iom.pk]
    assert [d["id"] for d in queue[0]["possible_duplicates"]] == [iom.pk]
    assert [d["id"] for d in api.get(f"/api/v1/activities/{iom.pk}/duplicates").json()] == [coe.pk]
    linked = api.post(
        "/api/v1/activity-events", {"activities": [coe.pk, iom.pk]}, content_type="application/json"
    )
    assert linked.status_code == 201 and linked.json()["counted"] == coe.pk
    for pk in (coe.pk, iom.pk):
        assert (
            api.post(
                f"/api/v1/activities/{pk}/approve",
                {"version": api.get(f"/api/v1/activities/{pk}").json()["version"]},
                content_type="application/json",
            ).json()["status"]
            == "approved"
        )
    stats = api.get("/api/v1/activities/statistics?period=2024-H2").json()
    assert stats["activities"]["total"] == 1
    assert stats["activities"]["participants"]["total"] == 39
    assert api.delete(f"/api/v1/activities/{iom.pk}/event").status_code == 204
    assert (
        api.get("/api/v1/activities/statistics?from=2024-07-01&to=2024-12-31").json()["activities"][
            "total"
        ]
        == 2
    )


def test_the_review_and_linking_are_denied_to_partners(api_for, personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.partner, status="submitted")
    api = api_for(personas.partner)
    assert_error(api.get("/api/v1/activities/review"), 403, "forbidden")
    assert_error(
        api.post(
            "/api/v1/activity-events", {"activities": [a.pk, b.pk]}, content_type="application/json"
        ),
        403,
        "forbidden",
    )
    assert_error(
        api.post(f"/api/v1/activities/{a.pk}/approve", {}, content_type="application/json"),
        403,
        "forbidden",
    )


@pytest.mark.parametrize(
    "persona",
    ["partner", "case_worker", "field_identifier", "trial_monitor", "auditor", "admin", "norole"],
)
def test_the_activities_statistics_are_the_coordinators(api_for, personas, persona):
    """The statistics API is the coordinator's (docs/permissions.md), activities included."""
    url = "/api/v1/activities/statistics?period=2024-H2"
    assert api_for(personas.coordinator).get(url).status_code == 200
    assert_error(api_for(getattr(personas, persona)).get(url), 403, "forbidden")


def test_the_bulletin_endpoint_speaks_the_language_asked(api_for, personas, report):
    report(personas.partner, status="approved", titles={"bs": "Obuka", "en": "Training"})
    api = api_for(personas.case_worker)
    sections = api.get("/api/v1/activities/bulletin?period=2024-H2&language=sr").json()
    assert sections[0]["activities"][0]["title"] == "Обука"
    assert_error(api.get("/api/v1/activities/bulletin?period=2024-H7"), 422, "invalid")


def test_funding_programmes_over_the_api(api_for, personas):
    listed = api_for(personas.partner).get("/api/v1/funding-programmes").json()
    assert "EU4FAST" in [p["name"] for p in listed]
    payload = {"code": "pragg", "name": "PRAGG"}
    assert_error(
        api_for(personas.partner).post(
            "/api/v1/funding-programmes", payload, content_type="application/json"
        ),
        403,
        "forbidden",
    )
    created = api_for(personas.coordinator).post(
        "/api/v1/funding-programmes", payload, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["code"] == "pragg"


def test_statistics_need_a_period(api_for, personas):
    assert_error(api_for(personas.coordinator).get("/api/v1/activities/statistics"), 422, "invalid")
