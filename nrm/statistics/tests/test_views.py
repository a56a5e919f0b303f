"""Statistics pages: the coordinator's dashboard, exports and review; the public page."""

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "admin",
]
COORDINATOR_PAGES = [
    "/statistics/",
    "/statistics/export.csv",
    "/statistics/export.xlsx",
    "/statistics/quality/",
]


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
@pytest.mark.parametrize("url", COORDINATOR_PAGES)
def test_only_coordinators_see_the_dashboard_exports_and_review(client_for, personas, persona, url):
    assert client_for(getattr(personas, persona)).get(url).status_code == 403


def test_the_dashboard_shows_the_chosen_period(client_for, personas):
    response = client_for(personas.coordinator).get("/statistics/?period=2024")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Figures for 1 January 2024 to 31 December 2024" in page
    assert 'href="/statistics/export.csv?period=2024"' in page


def test_a_bad_period_is_explained_on_the_form(client_for, personas):
    response = client_for(personas.coordinator).get("/statistics/?period=2024-Q3")
    assert response.status_code == 200
    assert "is not a period: use YYYY, YYYY-H1 or YYYY-H2" in response.content.decode()
    response = client_for(personas.coordinator).get("/statistics/?date_from=2024-05-01")
    assert "Give both dates, or a named period." in response.content.decode()


def test_exports_are_csv_and_xlsx(client_for, personas):
    client = client_for(personas.coordinator)
    response = client.get("/statistics/export.csv?date_from=2024-01-01&date_to=2024-12-31")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="nrm-statistics-2024-01-01-2024-12-31.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["from", "to", "family", "key", "label", "value"]
    response = client.get("/statistics/export.xlsx?period=2024-H1")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["from", "to", "family", "key", "label", "value"]


def test_the_public_page_needs_no_login(client):
    response = client.get("/public/statistics/?period=2024")
    assert response.status_code == 200
    assert "not shown, to protect the people counted" in response.content.decode()
