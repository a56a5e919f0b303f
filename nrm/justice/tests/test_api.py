"""The API: the same rules as the pages, the one error body, dedicated schemas."""

import datetime
import json

import pytest

from nrm.cases.services import case_create
from nrm.justice import services
from nrm.justice.models import CourtCase, Defendant, Verdict
from nrm.justice.tests.conftest import OUTSIDERS

d = datetime.date
pytestmark = pytest.mark.django_db
BASE = "/api/v1/justice"


def send(client, method, path, body=None):
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(BASE + path, **kwargs)


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]


@pytest.fixture
def records(new_court_case, personas):
    monitor = personas.trial_monitor
    court_case = new_court_case(
        stage="final", first_instance_verdict_on=d(2024, 5, 10), final_decision_on=d(2024, 6, 1)
    )
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    charge = services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    verdict = services.verdict_record(
        actor=monitor, defendant=defendant, outcome="convicted", pronounced_on=d(2024, 5, 10),
        sentence={"imprisonment_months": 120},
    )  # fmt: skip
    hearing = services.hearing_add(actor=monitor, court_case=court_case, held_on=d(2024, 5, 10))
    party = services.injured_party_add(actor=monitor, court_case=court_case)
    claim = services.claim_add(actor=monitor, injured_party=party, claimed_bam=100)
    return {
        "case": court_case.pk, "defendant": defendant.pk, "charge": charge.pk,
        "verdict": verdict.pk, "hearing": hearing.pk, "party": party.pk, "claim": claim.pk,
    }  # fmt: skip


def endpoints(ids):
    """Every endpoint of the trial-monitoring API, with a valid body for the writes."""
    period = "?from=2024-01-01&to=2024-12-31"
    return [
        ("get", "/court-cases", None),
        ("post", "/court-cases", {"court": "court_bih", "case_number": "S1 2 K 9 24 K",
                                  "monitoring_started_on": "2024-01-01",
                                  "indictment_filed_on": "2024-01-01"}),
        ("get", f"/court-cases/{ids['case']}", None),
        ("patch", f"/court-cases/{ids['case']}", {"version": 1, "notes": "x"}),
        ("delete", f"/court-cases/{ids['case']}", None),
        ("post", f"/court-cases/{ids['case']}/defendants", {"sex": "male"}),
        ("patch", f"/defendants/{ids['defendant']}", {"age": 40}),
        ("delete", f"/defendants/{ids['defendant']}", None),
        ("post", f"/defendants/{ids['defendant']}/charges", {"article": "bih:187"}),
        ("delete", f"/charges/{ids['charge']}", None),
        ("post", f"/defendants/{ids['defendant']}/verdicts",
         {"outcome": "acquitted", "pronounced_on": "2024-05-10"}),
        ("delete", f"/verdicts/{ids['verdict']}", None),
        ("post", f"/court-cases/{ids['case']}/hearings", {"held_on": "2024-03-01"}),
        ("patch", f"/hearings/{ids['hearing']}", {"notes": "x"}),
        ("delete", f"/hearings/{ids['hearing']}", None),
        ("post", f"/court-cases/{ids['case']}/injured-parties", {"sex": "female"}),
        ("patch", f"/injured-parties/{ids['party']}", {"age_group": "minor"}),
        ("delete", f"/injured-parties/{ids['party']}", None),
        ("post", f"/injured-parties/{ids['party']}/claims", {"claimed_bam": "10"}),
        ("patch", f"/claims/{ids['claim']}", {"claimed_bam": "20"}),
        ("delete", f"/claims/{ids['claim']}", None),
        ("get", "/criminal-codes", None),
        ("get", "/courts", None),
        ("get", f"/statistics{period}", None),
        ("get", f"/statistics/cases-by-article{period}", None),
        ("get", f"/statistics/completed-offences{period}", None),
    ]  # fmt: skip


def test_every_endpoint_is_listed(records):
    from nrm.api import api

    paths = api.get_openapi_schema()["paths"]
    operations = sum(len(paths[p]) for p in paths if p.startswith(BASE))
    assert operations == len(endpoints(records))


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_else_reaches_any_endpoint(api_for, personas, records, role):
    client = api_for(getattr(personas, role))
    for method, path, body in endpoints(records):
        response = send(client, method, path, body)
        assert response.status_code in (403, 404), (method, path, response.status_code)
        assert set(response.json()) == {"error"}
    assert CourtCase.objects.count() == 1 and Verdict.objects.count() == 1


def test_another_organisation_gets_not_found_and_coordinators_cannot_write(
    api_for, personas, other_monitor, records
):
    foreign = api_for(other_monitor)
    coordinator = api_for(personas.coordinator)
    for method, path, body in endpoints(records):
        if "{" in path or path.startswith(("/criminal", "/courts", "/statistics")):
            continue
        if path == "/court-cases":
            continue
        assert_error(send(foreign, method, path, body), 404, "not_found")
        if method != "get":
            assert send(coordinator, method, path, body).status_code == 403, (method, path)
    assert send(foreign, "get", "/court-cases").json() == {"count": 0, "items": []}
    assert send(coordinator, "get", "/court-cases").json()["count"] == 1
    assert_error(
        send(coordinator, "post", "/court-cases", endpoints(records)[1][2]), 403, "forbidden"
    )
    assert Defendant.objects.count() == 1


def test_a_monitor_records_a_whole_case(api_for, personas):
    victim = case_create(actor=personas.coordinator, identified_on=d(2024, 3, 1), sex="female")
    client = api_for(personas.trial_monitor)
    created = send(client, "post", "/court-cases", {
        "court": "municipal_zenica", "case_number": "43 0 K 331562 22 K", "stage": "trial",
        "monitoring_started_on": "2022-10-03", "indictment_filed_on": "2022-09-15",
        "trial_started_on": "2022-12-08", "exploitation_forms": ["begging"],
        "notes": "Children were sent to beg at crossroads.",
    })  # fmt: skip
    assert created.status_code == 201, created.content
    case = created.json()
    assert (case["jurisdiction"], case["court_name"], case["version"]) == (
        "fbih",
        "Municipal Court in Zenica",
        1,
    )
    pk = case["id"]
    case = send(
        client, "post", f"/court-cases/{pk}/defendants", {"sex": "female", "age": 38}
    ).json()
    defendant = case["defendants"][0]["id"]
    send(client, "post", f"/defendants/{defendant}/charges", {"article": "fbih:219"})
    send(client, "post", f"/defendants/{defendant}/charges",
         {"article": "fbih:219", "qualification": "final"})  # fmt: skip
    response = send(client, "patch", f"/court-cases/{pk}", {
        "version": 1, "stage": "final", "first_instance_verdict_on": "2024-06-12",
        "final_decision_on": "2024-11-28",
    })  # fmt: skip
    assert response.status_code == 200 and response.json()["version"] == 2
    case = send(client, "post", f"/defendants/{defendant}/verdicts", {
        "outcome": "convicted", "pronounced_on": "2024-06-12", "sentence": {"fine_bam": "300"},
    }).json()  # fmt: skip
    verdict = case["defendants"][0]["verdicts"][0]
    assert verdict["sentence"]["fine_bam"] == "300.00" and verdict["sentence"]["suspended"] is False
    body = {"sex": "female", "age_group": "minor", "victim_case_code": victim.code}
    case = send(client, "post", f"/court-cases/{pk}/injured-parties", body).json()
    party = case["injured_parties"][0]
    assert party["victim_case_code"] == victim.code and set(party) == {
        "id",
        "code",
        "sex",
        "age_group",
        "citizenship",
        "victim_case_code",
        "notes",
        "claims",
    }  # the victim case shows as its code, nothing else
    case = send(client, "post", f"/injured-parties/{party['id']}/claims", {
        "claimed_bam": "5000", "outcome": "referred_to_civil", "decided_on": "2024-06-12",
    }).json()  # fmt: skip
    assert case["injured_parties"][0]["claims"][0]["outcome"] == "referred_to_civil"
    figures = send(client, "get", "/statistics?from=2024-01-01&to=2024-12-31").json()
    assert figures["sentences"]["fines_bam"] == {"min": 300, "max": 300}
    assert figures["cases_by_article"]["fbih:219"] == 1
    assert send(client, "delete", f"/court-cases/{pk}").status_code == 204
    assert not CourtCase.objects.exists()


def test_the_list_pages_through_the_cases(api_for, personas, new_court_case):
    for _ in range(3):
        new_court_case()
    client = api_for(personas.trial_monitor)
    page = send(client, "get", "/court-cases?limit=2&offset=1").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert set(page["items"][0]) == {
        "id", "court", "court_name", "case_number", "jurisdiction", "monitoring_organisation",
        "stage", "monitoring_started_on", "final_decision_on", "defendants", "version",
    }  # fmt: skip
    assert_error(send(client, "get", "/court-cases?limit=5000"), 422, "invalid")


def test_errors_name_the_field_and_stale_versions_conflict(api_for, personas, records):
    client = api_for(personas.trial_monitor)
    body = {
        "court": "court_bih",
        "case_number": "X",
        "stage": "final",
        "monitoring_started_on": "2024-01-01",
    }
    error = assert_error(send(client, "post", "/court-cases", body), 422, "invalid")
    assert set(error["fields"]) == {"final_decision_on"}
    error = assert_error(
        send(client, "post", "/court-cases", {"court": "court_bih"}), 422, "invalid"
    )
    assert {"case_number", "monitoring_started_on"} <= set(error["fields"])
    verdict = {
        "outcome": "acquitted",
        "pronounced_on": "2024-05-10",
        "sentence": {"fine_bam": "1"},
    }
    path = f"/defendants/{records['defendant']}/verdicts"
    error = assert_error(send(client, "post", path, verdict), 422, "invalid")
    assert set(error["fields"]) == {"outcome"}
    assert_error(
        send(client, "patch", f"/court-cases/{records['case']}", {"version": 7}), 409, "conflict"
    )
    assert_error(send(client, "get", "/statistics?from=2024-13-01&to=2024-12-31"), 422, "invalid")


def test_the_catalogue_and_the_tables_speak_the_reader_language(api_for, personas, records):
    client = api_for(personas.trial_monitor)
    codes = client.get(BASE + "/criminal-codes", HTTP_ACCEPT_LANGUAGE="bs").json()
    fbih = next(c for c in codes if c["key"] == "fbih")
    assert fbih["short_name"] == "KZ FBiH"
    assert {"key": "fbih:210a", "code": "fbih", "number": "210a", "title": "Trgovina ljudima",
            "category": "trafficking", "listed": True} in fbih["articles"]  # fmt: skip
    rows = client.get(
        BASE + "/statistics/completed-offences?from=2024-01-01&to=2024-12-31",
        HTTP_ACCEPT_LANGUAGE="sr",
    ).json()
    assert rows == []  # no final qualification recorded
    rows = client.get(BASE + "/statistics/cases-by-article?from=2024-01-01&to=2024-12-31").json()
    assert rows[0]["key"] == "bih:186" and rows[0]["cases"] == 1
