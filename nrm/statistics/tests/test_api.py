"""The statistics API: the selectors of `nrm stats`, the dashboard and the public page."""

import pytest

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "admin",
    "norole",
]


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_read_statistics_and_findings(api_for, personas, persona):
    api = api_for(getattr(personas, persona))
    for url in (
        "/api/v1/statistics?from=2024-01-01&to=2024-12-31",
        "/api/v1/statistics/quality?period=2024-H2",
    ):
        response = api.get(url)
        assert response.status_code == 403, url
        assert response.json()["error"]["code"] == "forbidden"


def test_without_a_token_the_api_asks_for_one(client):
    response = client.get("/api/v1/statistics?from=2024-01-01&to=2024-12-31")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_statistics_have_the_shape_of_nrm_stats(api_for, personas):
    response = api_for(personas.coordinator).get("/api/v1/statistics?from=2024-01-01&to=2024-12-31")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"from": "2024-01-01", "to": "2024-12-31"}


def test_bad_dates_name_the_parameter(api_for, personas):
    api = api_for(personas.coordinator)
    response = api.get("/api/v1/statistics?from=2024-13-01&to=2024-12-31")
    assert response.status_code == 422
    assert "from" in response.json()["error"]["fields"]
    response = api.get("/api/v1/statistics?from=2024-12-31&to=2024-01-01")
    assert response.status_code == 422
    assert "to" in response.json()["error"]["fields"]
    response = api.get("/api/v1/statistics/quality?period=2024-H9")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"period": ["expected YYYY, YYYY-H1 or YYYY-H2"]}


def test_findings_come_as_in_nrm_quality(api_for, personas):
    response = api_for(personas.coordinator).get("/api/v1/statistics/quality?period=2024-H2")
    assert response.status_code == 200
    assert isinstance(response.json()["findings"], list)


def test_the_public_statistics_need_no_token(client):
    response = client.get("/api/v1/statistics/public?period=2024")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert body["threshold"] == 5
