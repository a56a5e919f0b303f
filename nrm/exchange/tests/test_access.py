"""Who may exchange: coordinators only, on every page and endpoint; what an export may hold."""

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nrm.cases.services import access_grant_decide, access_grant_request
from nrm.core.models import AccessEntry
from nrm.core.periods import Period
from nrm.exchange.htcds_export import export_htcds
from nrm.exchange.models import ExchangeRecord
from nrm.exchange.tests.test_htcds_import import PARTNER_ROWS, partner_file
from nrm.testing.publishing import publish_bulletin

NOT_COORDINATORS = [
    "case_worker", "field_identifier", "trial_monitor", "partner", "auditor", "admin",
    "outsider", "other_partner", "legal_aid_worker", "norole",
]  # fmt: skip
PAGES = [
    "/exchange/",
    "/exchange/htcds/import/",
    "/exchange/htcds/export.xlsx?date_from=2024-01-01&date_to=2024-12-31",
    "/exchange/anonymised.zip?period=2024&k=11",
    "/exchange/open-data.zip?period=2024",
]
ENDPOINTS = [
    "/api/v1/exchange/htcds/export?from=2024-01-01&to=2024-12-31",
    "/api/v1/exchange/anonymised?period=2024",
    "/api/v1/exchange/opendata?period=2024",
    "/api/v1/exchange/log",
]


def upload(tmp_path, orgs):
    path = partner_file(tmp_path / "partner.xlsx", PARTNER_ROWS[:2])
    return {"file": path.open("rb"), "organisation": orgs.partner.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_reach_the_exchange_pages(client_for, personas, orgs, persona, tmp_path):
    client = client_for(getattr(personas, persona))
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    response = client.post("/exchange/htcds/import/", upload(tmp_path, orgs))
    assert response.status_code == 403
    assert ExchangeRecord.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_use_the_exchange_api(api_for, personas, orgs, persona, tmp_path):
    client = api_for(getattr(personas, persona))
    for url in ENDPOINTS:
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.json()["error"]["code"] == "forbidden"
    response = client.post("/api/v1/exchange/htcds/import", upload(tmp_path, orgs))
    assert response.status_code == 403
    assert ExchangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_the_api_needs_authentication(client, orgs, tmp_path):
    for url in ENDPOINTS:
        assert client.get(url).status_code == 401, url
    assert client.post("/api/v1/exchange/htcds/import", upload(tmp_path, orgs)).status_code == 401
    assert client.get("/exchange/").status_code == 302  # to the sign-in page


@pytest.mark.django_db
def test_a_coordinator_imports_and_exports_through_the_api(api_for, personas, orgs, tmp_path):
    client = api_for(personas.coordinator)
    response = client.post(
        "/api/v1/exchange/htcds/import", {**upload(tmp_path, orgs), "dry_run": "true"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["rows"] == 2 and response.json()["dry_run"] is True
    response = client.post("/api/v1/exchange/htcds/import", upload(tmp_path, orgs))
    assert response.json()["codes"] == ["V-2024-0001", "V-2024-0002"]
    assert "column cas_CaseOwner: 2 value(s) not imported" in response.json()["not_mapped"][0]
    export = client.get("/api/v1/exchange/htcds/export?from=2024-01-01&to=2024-12-31")
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(export.content))["Sheet1"]
    assert sheet["H3"].value == "Feminine" and sheet["D3"].value is None  # no name asked for
    release = client.get("/api/v1/exchange/anonymised?period=2024&k=2")
    assert release.status_code == 200
    assert "report.txt" in zipfile.ZipFile(io.BytesIO(release.content)).namelist()
    # Open data are the public statistics: only of a period of a published bulletin.
    refused = client.get("/api/v1/exchange/opendata?period=2024")
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"period": ["no period is public yet"]}
    publish_bulletin("2024-H2")
    assert client.get("/api/v1/exchange/opendata?period=2024").status_code == 200
    refused = client.get("/api/v1/exchange/opendata?period=2024-H1")
    assert refused.json()["error"]["fields"] == {"period": ["choose one of: 2024"]}
    log = client.get("/api/v1/exchange/log").json()
    assert [entry["kind"] for entry in log] == [
        "open_data", "anonymised", "htcds_export", "htcds_import",
    ]  # fmt: skip
    assert all(entry["by"] == personas.coordinator.username for entry in log)


@pytest.mark.django_db
def test_an_api_import_names_each_bad_row(api_for, personas, orgs, tmp_path):
    rows = [list(PARTNER_ROWS[0]), list(PARTNER_ROWS[1])]
    rows[1][4] = "Atlantis"
    path = partner_file(tmp_path / "broken.xlsx", rows)
    response = api_for(personas.coordinator).post(
        "/api/v1/exchange/htcds/import",
        {"file": path.open("rb"), "organisation": orgs.partner.pk},
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["row 4, column prs_Citizenship"]


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_exchange(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/exchange/htcds/import",
        "/api/v1/exchange/htcds/export",
        "/api/v1/exchange/anonymised",
        "/api/v1/exchange/opendata",
        "/api/v1/exchange/log",
    ):
        assert path in paths, path
    content = paths["/api/v1/exchange/htcds/export"]["get"]["responses"]["200"]["content"]
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in content


@pytest.mark.django_db
def test_identifying_data_leave_only_when_asked_and_allowed(register, personas, orgs):
    period = Period.parse("2024")
    plain = export_htcds(actor=personas.coordinator, period=period)
    assert b"Test" not in plain.content and plain.identities == 0
    # A coordinator without a grant asks for identities: none is written, each case counted.
    asked = export_htcds(actor=personas.coordinator, period=period, identifying=True)
    assert (asked.identities, asked.withheld) == (0, 9)
    # With a grant on Ana's case, her name goes, with an access entry for the export.
    ana = register[0]
    grant = access_grant_request(actor=personas.coordinator, case=ana, reason="partner request")
    access_grant_decide(actor=None, grant=grant, approve=True, days=7)
    granted = export_htcds(actor=personas.coordinator, period=period, identifying=True)
    assert (granted.identities, granted.withheld) == (1, 8)
    sheet = load_workbook(io.BytesIO(granted.content))["Sheet1"]
    names = {sheet.cell(row=r, column=4).value for r in range(3, 12)} - {None}
    assert names == {"Ana"}
    assert sheet["K4"].value == "ana@example.org"  # Email, from the contact details
    entry = AccessEntry.objects.get(purpose="export")
    assert (entry.actor, entry.object_label) == (personas.coordinator, ana.code)
    record = ExchangeRecord.objects.filter(kind="htcds_export").order_by("pk").last()
    assert (
        record is not None
        and record.identifying
        and record.summary == {"identities": 1, "withheld": 8}
    )


@pytest.mark.django_db
def test_the_exchange_page_imports_with_a_dry_run_first(client_for, personas, orgs, tmp_path):
    client = client_for(personas.coordinator)
    page = client.get("/exchange/")
    assert page.status_code == 200
    response = client.post("/exchange/htcds/import/", {**upload(tmp_path, orgs), "dry_run": "on"})
    assert "2 rows are valid; nothing was imported yet." in response.content.decode()
    response = client.post("/exchange/htcds/import/", upload(tmp_path, orgs))
    assert "2 cases imported." in response.content.decode()
    rows = [list(PARTNER_ROWS[0])]
    rows[0][3] = "Femme"
    broken = partner_file(Path(tmp_path) / "broken.xlsx", rows)
    response = client.post(
        "/exchange/htcds/import/", {"file": broken.open("rb"), "organisation": orgs.partner.pk}
    )
    assert response.status_code == 422
    problem = "row 3, column prs_Gender: unknown value(s) &#x27;Femme&#x27;"
    assert problem in response.content.decode()
    refused = client.get("/exchange/open-data.zip?period=2024")
    assert refused.status_code == 422
    assert "No statistics are public yet" in refused.content.decode()
    publish_bulletin("2024-H2")
    download = client.get("/exchange/open-data.zip?period=2024")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert client.get("/exchange/anonymised.zip?period=2024-H3").status_code == 422
