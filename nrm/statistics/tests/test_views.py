"""Statistics pages: the coordinator's dashboard, exports and review; the public page."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from nrm.bulletin.models import Edition
from nrm.bulletin.services import edition_create
from nrm.cases.services import case_create, service_record, stay_record
from nrm.core.errors import ValidationError
from nrm.statistics.views import default_statistics_period
from nrm.testing.factories import make_organisation
from nrm.testing.publishing import publish_bulletin

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
    assert response.status_code == 422
    assert "is not a period: use YYYY, YYYY-H1 or YYYY-H2" in response.content.decode()
    response = client_for(personas.coordinator).get("/statistics/?date_from=2024-05-01")
    assert "Give both dates, or a named period." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2024-12-31&date_to=2024-01-01",
        "date_from=2024-02-30&date_to=2024-12-31",
        "date_from=2024-05-01",
        "period=2024-Q3",
    ],
)
def test_an_invalid_period_shows_no_other_periods_figures(client_for, personas, query):
    client = client_for(personas.coordinator)
    response = client.get(f"/statistics/?{query}")
    assert response.status_code == 422
    page = response.content.decode()
    assert "No figures are shown: correct the period below." in page
    assert "Figures for" not in page and 'id="family-victims"' not in page
    assert "export.csv" not in page  # no download of another period either
    assert client.get(f"/statistics/export.csv?{query}").status_code == 422


def _victim(organisation, day: datetime.date) -> None:
    case_create(
        actor=None,
        organisation=organisation,
        identified_on=day,
        sex="female",
        citizenship="BA",
        exploitation=[],
    )


def test_the_dashboard_opens_on_the_last_complete_period_with_victims(orgs):
    today = datetime.date(2026, 12, 7)
    # Nothing recorded: the last half-year that has ended (January to June 2026).
    assert default_statistics_period(today).name == "2026-H1"
    _victim(orgs.police, datetime.date(2025, 10, 2))
    # 2026-H1 has no victims: the second half of 2025, i.e. the year 2025.
    assert default_statistics_period(today).name == "2025"
    _victim(orgs.police, datetime.date(2026, 9, 8))  # 2026-H2 has not ended yet
    assert default_statistics_period(today).name == "2025"
    _victim(orgs.police, datetime.date(2026, 2, 11))
    assert default_statistics_period(today).name == "2026-H1"
    assert default_statistics_period(datetime.date(2026, 7, 1)).name == "2026-H1"
    assert default_statistics_period(datetime.date(2026, 6, 30)).name == "2025"


def test_a_bulletin_started_for_a_future_period_does_not_move_the_dashboard(client_for, personas):
    # Editions of periods not begun are refused now; one may remain from before that rule.
    with pytest.raises(ValidationError):
        edition_create(actor=personas.coordinator, period="2035-H1")
    Edition.objects.create(period="2035-H1")
    page = client_for(personas.coordinator).get("/statistics/").content.decode()
    assert "2035" not in page.split("<h1>", 1)[1].split("</form>", 1)[0]


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


def test_a_stay_without_a_safe_house_is_shown_as_not_recorded(client_for, personas, orgs):
    """An imported register may not say which safe house: the dashboard and the exports show
    those stays as "not recorded" (the dashboard failed on them)."""
    case = case_create(
        actor=None, organisation=orgs.police, identified_on=datetime.date(2024, 3, 1), sex="male"
    )
    stay_record(  # no safe house
        actor=None, case=case, start=datetime.date(2024, 3, 2), end=datetime.date(2024, 4, 1)
    )
    stay_record(actor=None, case=case, start=datetime.date(2024, 5, 1), safe_house=orgs.safe_house)
    client = client_for(personas.coordinator)
    response = client.get("/statistics/?period=2024")
    assert response.status_code == 200
    table = response.content.decode().split('id="referrals-shelter-stays-by-safe-house"', 1)[1]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>\s*<td[^>]*>([^<]*)</td>', table)
    assert ("not recorded", "1") in rows and ("Test Safe House", "1") in rows
    export = client.get("/statistics/export.csv?period=2024").content.decode("utf-8-sig")
    assert "referrals,shelter_stays.by_safe_house.not_recorded," in export


def test_the_dashboard_names_every_organisation_with_one_query(
    client_for, personas, orgs, django_assert_max_num_queries
):
    """Providers and safe houses are named from one query of the organisations, however
    many there are: the page's queries do not grow with them."""
    client = client_for(personas.coordinator)
    case = case_create(
        actor=None, organisation=orgs.police, identified_on=datetime.date(2024, 3, 1), sex="male"
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/statistics/?period=2024").status_code == 200
        return len(captured.captured_queries)

    service_record(
        actor=None,
        case=case,
        service_type="legal_aid",
        delivered_on=datetime.date(2024, 4, 1),
        provider=orgs.legal_aid,
    )
    one_provider = queries()
    for number in range(4):
        provider = make_organisation(f"Test Provider {number}", "ngo")
        service_record(
            actor=None,
            case=case,
            service_type="medical_care",
            delivered_on=datetime.date(2024, 4, 2),
            provider=provider,
        )
    page = client.get("/statistics/?period=2024").content.decode()
    assert all(f"Test Provider {number}" in page for number in range(4))
    assert queries() == one_provider


def test_the_public_page_needs_no_login(client):
    publish_bulletin("2024-H2")
    response = client.get("/public/statistics/?period=2024")
    assert response.status_code == 200
    assert "not shown, to protect the people counted" in response.content.decode()


def test_the_public_page_opens_on_the_last_published_period(client):
    assert "No statistics are public yet" in client.get("/public/statistics/").content.decode()
    publish_bulletin("2024-H2")
    publish_bulletin("2025-H1")
    page = client.get("/public/statistics/").content.decode()
    assert "from 1 January 2025 to 30 June 2025" in page
    assert '<option value="2025-H1" selected>2025, January to June</option>' in page
    assert '<option value="2024">2024, January to December</option>' in page


@pytest.mark.parametrize("period", ["2024-H1", "2026", "2024-Q3"])
def test_the_public_page_refuses_a_period_that_is_not_public(client, period):
    publish_bulletin("2024-H2")
    response = client.get("/public/statistics/", {"period": period})
    assert response.status_code == 422
    page = response.content.decode()
    assert "field--error" in page
    assert 'id="family-victims"' not in page


def test_a_withdrawn_bulletin_makes_its_period_private_again(client):
    from nrm.bulletin.models import PublishedVersion
    from nrm.bulletin.services import version_withdraw

    publish_bulletin("2024-H2")
    assert client.get("/public/statistics/?period=2024").status_code == 200
    version = PublishedVersion.objects.get(edition__period="2024-H2")
    version_withdraw(actor=None, version=version, reason="A figure was wrong")
    assert client.get("/public/statistics/?period=2024").status_code == 422
