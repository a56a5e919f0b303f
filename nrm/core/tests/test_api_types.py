"""Malformed input answers 4xx with the one error body, never 500 nor a silent conversion
(nrm/core/api_types.py, nrm/core/middleware.py:NulCharacterMiddleware)."""

import datetime

import pytest

from nrm.api import api
from nrm.cases.services import case_create
from nrm.core.api_types import MAX_INT

BEYOND_64_BITS = str(2**70)


def integers_without_bounds(schema, where, found, components):
    if "$ref" in schema:
        schema = components[schema["$ref"].split("/")[-1]]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            integers_without_bounds(sub, where, found, components)
    if schema.get("type") == "integer" and (
        schema.get("minimum") is None or not 0 <= schema.get("maximum", MAX_INT + 1) <= MAX_INT
    ):
        found.append(where)
    if schema.get("type") == "array":
        integers_without_bounds(schema.get("items", {}), f"{where}[]", found, components)
    for name, prop in schema.get("properties", {}).items():
        integers_without_bounds(prop, f"{where}.{name}", found, components)


def test_every_integer_the_api_reads_is_bounded():
    """A new endpoint with a plain `int` fails here: use Id, Count, Offset or Limit."""
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    found: list[str] = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                where = f"{name} {parameter['in']}:{parameter['name']}"
                integers_without_bounds(parameter["schema"], where, found, components)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                integers_without_bounds(content["schema"], f"{name} body", found, components)
    assert found == []


def refused(response, status, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    if field is not None:
        assert field in error["fields"], error
    return error


@pytest.fixture
def case(personas):
    return case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="female"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["services", "referrals", "stays", "decisions"])
@pytest.mark.parametrize("offset", ["-1", BEYOND_64_BITS])
def test_offsets_out_of_range_are_422(api_for, personas, endpoint, offset):
    response = api_for(personas.coordinator).get(f"/api/v1/{endpoint}?offset={offset}")
    refused(response, 422, "offset")


@pytest.mark.django_db
def test_ids_beyond_64_bits_are_422(api_for, personas):
    client = api_for(personas.coordinator)
    refused(client.get(f"/api/v1/cases?organisation={BEYOND_64_BITS}"), 422, "organisation")
    refused(client.get(f"/api/v1/referrals/{BEYOND_64_BITS}"), 422, "referral_id")


@pytest.mark.django_db
def test_a_date_is_never_a_number(api_for, personas, case):
    client = api_for(personas.case_worker)
    response = client.patch(
        f"/api/v1/cases/{case.code}",
        {"identified_on": 0, "version": case.version},
        "application/json",
    )
    refused(response, 422, "identified_on")
    case.refresh_from_db()
    assert case.identified_on == datetime.date(2024, 3, 1)
    screening = {"instrument": "ilo-ec-delphi-2009", "set": "adult_labour", "screened_on": 0}
    refused(client.post("/api/v1/screenings", screening, "application/json"), 422, "screened_on")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["exploitation", "means_of_control", "notes", "sex"])
def test_null_for_a_list_or_text_in_a_case_patch_is_422(api_for, personas, case, field):
    response = api_for(personas.case_worker).patch(
        f"/api/v1/cases/{case.code}", {field: None, "version": case.version}, "application/json"
    )
    refused(response, 422, field)


@pytest.mark.django_db
def test_an_empty_period_is_422(api_for, personas):
    response = api_for(personas.coordinator).get("/api/v1/activities/bulletin?period=")
    refused(response, 422, "period")


@pytest.mark.django_db
def test_nul_in_a_query_a_path_or_a_json_body_is_refused(api_for, client_for, personas, case):
    client = api_for(personas.coordinator)
    refused(client.get("/api/v1/cases?q=V-%00"), 422, "q")
    refused(client.get("/api/v1/cases/V-2024%000001"), 422, "path")
    response = client.post(
        "/api/v1/activities/1/return",
        '{"comment": "fix\\u0000it", "version": 1}',
        content_type="application/json",
    )
    refused(response, 422, "comment")
    web = client_for(personas.coordinator)
    assert web.get("/cases/V-2024%000001/").status_code == 400
    assert web.get("/cases/?q=%00").status_code == 400


@pytest.mark.django_db
@pytest.mark.postgres
def test_nul_never_reaches_postgresql(api_for, personas, case):
    client = api_for(personas.case_worker)
    refused(client.get("/api/v1/services?case=%00"), 422, "case")
    response = client.patch(
        f"/api/v1/cases/{case.code}",
        '{"notes": "a\\u0000b", "version": ' + str(case.version) + "}",
        content_type="application/json",
    )
    refused(response, 422, "notes")


@pytest.mark.django_db
def test_a_multipart_body_without_boundary_is_400(api_for, personas):
    response = api_for(personas.coordinator).post(
        "/api/v1/exchange/htcds/import", b"--x\r\n", content_type="multipart/form-data"
    )
    refused(response, 400)
