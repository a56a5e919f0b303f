"""The search box: case codes, report references, court case numbers and activity titles,
each scoped to the reader; a name and birth date through the blind index, logged; the page
costs the same queries whatever the number of results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nrm.activities import services as activity_services
from nrm.activities.data import ActivityData, PlaceData
from nrm.cases.search import split_name_and_birth_date
from nrm.core.models import AccessEntry
from nrm.core.search import search_for
from nrm.justice import services as justice_services
from nrm.screening.services import report_submit

D = datetime.date


def titles(user, query):
    return [r.title for r in search_for(user, query)]


@pytest.fixture
def case(personas, new_case):
    return new_case(
        personas.case_worker, first_name="Ana", last_name="Horvat", birth_date=D(2001, 5, 3)
    )


@pytest.mark.django_db
def test_case_codes_are_found_only_by_their_readers(personas, case, new_case):
    other = new_case(personas.outsider)
    assert titles(personas.case_worker, case.code[-6:]) == [case.code]
    assert titles(personas.outsider, case.code) == []
    assert case.code not in titles(personas.outsider, "V-20")
    assert other.code in titles(personas.coordinator, "V-2024")
    assert titles(personas.partner, case.code) == []


@pytest.mark.django_db
def test_a_name_and_birth_date_find_a_case_for_who_may_see_it_and_is_logged(personas, case):
    assert titles(personas.case_worker, "horvat ana 3.5.2001.") == [case.code]
    entry = AccessEntry.objects.get(purpose="search")
    assert entry.actor == personas.case_worker and entry.object_label == case.code
    # A coordinator without a grant, an outsider: nothing, and nothing to log.
    assert titles(personas.coordinator, "Ana Horvat 2001-05-03") == []
    assert titles(personas.outsider, "Ana Horvat 2001-05-03") == []
    assert AccessEntry.objects.filter(purpose="search").count() == 1
    # The wrong birth date finds nobody; a name alone searches codes only.
    assert titles(personas.case_worker, "Ana Horvat 2001-05-04") == []
    assert titles(personas.case_worker, "Ana Horvat") == []


def test_the_query_is_split_into_a_name_and_a_birth_date():
    assert split_name_and_birth_date("Ana Horvat 2001-05-03") == ("Ana Horvat", D(2001, 5, 3))
    assert split_name_and_birth_date("3.5.2001. Horvat") == ("Horvat", D(2001, 5, 3))
    assert split_name_and_birth_date("V-2024-0001") == ("V-2024-0001", None)
    assert split_name_and_birth_date("Ana 2001-13-45") == ("Ana 2001-13-45", None)


@pytest.mark.django_db
def test_court_cases_reports_and_activities_are_scoped(personas, orgs):
    justice_services.court_case_create(
        actor=personas.trial_monitor,
        court="court_bih",
        case_number="S1 2 K 031337 24 K",
        stage="indictment",
        monitoring_started_on=D(2024, 2, 1),
        indictment_filed_on=D(2024, 1, 15),
    )
    report, _code = report_submit(actor=None, description="A fictional report.")
    activity_services.activity_create(
        actor=personas.partner,
        data=ActivityData(
            type="training",
            start_date=D(2024, 9, 1),
            end_date=D(2024, 9, 4),
            titles={"en": "Training of labour inspectors in Neum"},
            places=[PlaceData(municipality="neum")],
        ),
    )
    assert titles(personas.trial_monitor, "031337") == ["S1 2 K 031337 24 K"]
    assert titles(personas.case_worker, "031337") == []
    assert titles(personas.coordinator, report.reference) == [report.reference]
    assert titles(personas.case_worker, report.reference) == []
    assert titles(personas.partner, "labour inspectors") == [
        "Training of labour inspectors in Neum"
    ]
    assert titles(personas.other_partner, "labour inspectors") == []  # a draft of another org


@pytest.mark.django_db
def test_the_search_page_costs_the_same_for_2_or_12_results(personas, new_case, client_for):
    client = client_for(personas.coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": "V-2024"})
        assert response.status_code == 200
        return len(captured)

    for _ in range(2):
        new_case(personas.case_worker)
    few = queries()
    for _ in range(10):
        new_case(personas.case_worker)
    assert "12 results" in client.get("/search/", {"q": "V-2024"}).content.decode()
    assert queries() == few


@pytest.mark.django_db
def test_the_search_box_is_in_the_top_bar(personas, client_for):
    page = client_for(personas.case_worker).get("/").content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page
    assert client_for(personas.norole).get("/search/", {"q": "V-2024"}).status_code == 403


@pytest.mark.django_db
def test_the_auditor_and_the_administrator_do_not_search(personas, client_for):
    """They read trails and accounts, not records (docs/permissions.md, "Search")."""
    for user in (personas.auditor, personas.admin):
        client = client_for(user)
        assert client.get("/search/", {"q": "V-2024"}).status_code == 403
        assert 'action="/search/"' not in client.get("/").content.decode()
