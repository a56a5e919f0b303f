"""The statistics API: the selectors of `nrm stats`, the dashboard and the public page."""

import io
import json

import pytest
from django.core.management import call_command

from nrm.testing.publishing import publish_bulletin

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
    assert body.pop("unfiltered") == {}
    out = io.StringIO()
    call_command("stats", "--from", "2024-01-01", "--to", "2024-12-31", stdout=out)
    assert body == json.loads(out.getvalue())  # every family, as the command prints them
    assert {"victims", "trial_monitoring", "compensation"} <= set(body)


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
    publish_bulletin("2024-H2")
    response = client.get("/api/v1/statistics/public?period=2024")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert body["threshold"] == 5
    assert body["name"] == "2024" and body["periods"] == ["2024"]
    # Without a period: the newest public one.
    assert client.get("/api/v1/statistics/public").json()["name"] == "2024"


@pytest.mark.parametrize("period", ["2024-H1", "2024-H2", "2025", "2023"])
def test_only_the_periods_of_published_bulletins_are_public(client, period):
    publish_bulletin("2024-H2")  # the second half's bulletin reports the year 2024
    response = client.get("/api/v1/statistics/public", {"period": period})
    assert response.status_code == 422
    error = response.json()["error"]
    assert f"The statistics of {period} are not public" in error["message"]
    assert error["fields"] == {"period": ["choose one of: 2024"]}


def test_before_any_bulletin_nothing_is_public(client):
    response = client.get("/api/v1/statistics/public")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"period": ["no period is public yet"]}
    response = client.get("/api/v1/statistics/public", {"period": ""})
    assert response.status_code == 422
    assert "period" in response.json()["error"]["fields"]


def test_a_year_and_its_halves_cannot_be_subtracted_through_the_api(client, orgs):
    """The issue's example on the public API: 2025 showed 7 victims, 2025-H1 5 and 2025-H2
    hid 2 (7 - 5 = 2), and "Nepal x" told that a Nepalese victim exists."""
    import datetime

    from nrm.cases.services import case_create

    days = [(1, 14), (2, 3), (3, 22), (5, 9), (6, 30), (8, 17), (10, 2)]
    for number, (month, day) in enumerate(days):
        case_create(
            actor=None,
            organisation=orgs.police,
            identified_on=datetime.date(2025, month, day),
            sex="female",
            age=30,
            citizenship="NP" if number == 6 else "BA",
            exploitation=["labour"],
        )
    publish_bulletin("2025-H1")
    publish_bulletin("2025-H2")
    answers = {}
    for period in ("2025", "2025-H1", "2025-H2"):
        response = client.get("/api/v1/statistics/public", {"period": period})
        assert response.status_code == 200, period
        answers[period] = {
            family["family"] + ":" + table["key"]: table
            for family in response.json()["families"]
            for table in family["tables"]
        }
    totals = {p: answers[p]["victims:victims_age_sex"]["cells"][-1][-1] for p in answers}
    # The first half's 5 was published first (its bulletin) and stands: the year's 7 is hidden.
    assert totals["2025-H2"] is None and totals["2025"] is None and totals["2025-H1"] == 5
    for key, year in answers["2025"].items():
        halves = answers["2025-H1"][key], answers["2025-H2"][key]
        assert year["rows"] == halves[0]["rows"] == halves[1]["rows"], key
        assert "Nepal" not in year["rows"]
        for r, row in enumerate(year["cells"]):
            for c, value in enumerate(row):
                hidden = [value is None] + [half["cells"][r][c] is None for half in halves]
                # One hidden of three that add up would be the difference of the other two.
                assert sum(hidden) != 1, (key, year["rows"][r], hidden)
    foreign = answers["2025-H2"]["victims:victims_foreign_citizenship"]
    assert foreign["rows"] == ["other countries", "Foreign citizens"]
