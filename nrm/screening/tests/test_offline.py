"""The offline application's server side: the bundle it caches, and idempotent submissions
that report a case changed meanwhile instead of overwriting it."""

import json
import uuid

import pytest

from nrm.cases.models import VictimCase
from nrm.core.errors import Conflict, ValidationError
from nrm.screening.models import Screening
from nrm.screening.services import screening_submit
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db
SCREENING = {
    "instrument": "ilo-ec-delphi-2009",
    "set_id": "adult_labour",
    "answers": ADULT_TRAFFICKING,
    "context": "labour",
    "age_group": "adult",
}


def test_a_retry_with_the_same_key_stores_nothing_new(personas):
    key = uuid.uuid4()
    first = screening_submit(
        actor=personas.field_identifier, key=key, screening=SCREENING, record={"sex": "female"}
    )
    again = screening_submit(
        actor=personas.field_identifier, key=key, screening=SCREENING, record={"sex": "female"}
    )
    assert first.created and not again.created
    assert again.screening.pk == first.screening.pk and again.case == first.case
    assert Screening.objects.count() == 1 and VictimCase.objects.count() == 1
    assert first.case is not None and first.case.status == "potential"


def test_a_key_used_by_someone_else_is_refused(personas):
    key = uuid.uuid4()
    screening_submit(actor=personas.field_identifier, key=key, screening=SCREENING)
    with pytest.raises(ValidationError) as caught:
        screening_submit(actor=personas.coordinator, key=key, screening=SCREENING)
    assert "key" in caught.value.fields


def test_a_case_changed_meanwhile_is_a_conflict_and_nothing_is_stored(personas, new_case):
    case = new_case(personas.field_identifier, sex="female")
    seen = case.version
    screening_submit(
        actor=personas.field_identifier,
        key=uuid.uuid4(),
        screening=SCREENING,
        record={"sex": "male"},
        case=case.code,
        case_version=seen,
    )
    with pytest.raises(Conflict):
        screening_submit(
            actor=personas.field_identifier,
            key=uuid.uuid4(),
            screening=SCREENING,
            record={"sex": "other"},
            case=case.code,
            case_version=seen,
        )
    case.refresh_from_db()
    assert case.sex == "male" and case.version == seen + 1
    assert Screening.objects.count() == 1  # the conflicting submission stored nothing


def test_the_api_submits_idempotently_and_answers_409_on_a_conflict(personas, api_for, new_case):
    client = api_for(personas.field_identifier)
    body = {
        "key": str(uuid.uuid4()),
        "screening": {
            **{k: v for k, v in SCREENING.items() if k != "set_id"},
            "set": "adult_labour",
        },
        "record": {"sex": "female", "age": 30},
    }

    def post(payload):
        return client.post(
            "/api/v1/screenings/submit", json.dumps(payload), content_type="application/json"
        )

    first, retry = post(body), post(body)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json()["case"] == retry.json()["case"] and VictimCase.objects.count() == 1
    case = new_case(personas.field_identifier)
    stale = {**body, "key": str(uuid.uuid4()), "case": case.code, "case_version": case.version - 1}
    response = post(stale)
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"


def test_the_bundle_holds_every_situation_and_the_cases_with_their_version(
    personas, api_for, new_case
):
    case = new_case(personas.field_identifier)
    bundle = api_for(personas.field_identifier).get("/api/v1/screenings/offline-bundle").json()
    plans = {(p["context"], p["age_group"]): p for p in bundle["plans"]}
    assert plans[("labour", "adult")]["set"] == "adult_labour"
    assert len(plans[("labour", "adult")]["questions"]) == 67
    assert {"code": case.code, "version": case.version} in bundle["cases"]


def test_the_offline_pages_are_for_screening_roles(personas, api_for, client_for):
    assert api_for(personas.partner).get("/api/v1/screenings/offline-bundle").status_code == 403
    response = api_for(personas.partner).post(
        "/api/v1/screenings/submit",
        json.dumps({"key": str(uuid.uuid4()), "screening": {"instrument": "x", "set": "y"}}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client_for(personas.partner).get("/screening/offline/").status_code == 403
    page = client_for(personas.field_identifier).get("/screening/offline/")
    assert page.status_code == 200 and b'rel="manifest"' in page.content
    worker = client_for(personas.field_identifier).get("/screening/sw.js")
    assert worker["Content-Type"] == "application/javascript" and b"nrm-field" in worker.content
    manifest = client_for(personas.field_identifier).get("/screening/manifest.webmanifest").json()
    assert manifest["start_url"] == "/screening/offline/" and manifest["display"] == "standalone"


def test_the_offline_application_needs_a_screening_role(client, personas, client_for):
    for url in ("/screening/offline/", "/screening/manifest.webmanifest", "/screening/sw.js"):
        assert client.get(url).status_code == 302, url
        assert client_for(personas.partner).get(url).status_code == 403, url
    assert client.get("/api/v1/screenings/offline-bundle").status_code == 401
