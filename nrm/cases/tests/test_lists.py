"""Lists people can work with (nrm.core.lists): sortable columns, filters remembered per user,
CSV and XLSX exports scoped like the list, audited, without names."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from openpyxl import load_workbook

from nrm.cases.services import case_decide
from nrm.core.models import ListExport, SavedListFilter

D = datetime.date


@pytest.fixture
def cases(personas, new_case):
    first = new_case(personas.case_worker, first_name="Ana", last_name="Horvat")
    second = new_case(personas.case_worker, identified_on=D(2024, 5, 1))
    case_decide(
        actor=personas.case_worker,
        case=second,
        to_status="identified",
        decided_on=D(2024, 6, 1),
        reason="Assessed.",
    )
    hidden = new_case(personas.outsider)
    return first, second, hidden


def codes_in(content: str, *codes: str) -> list[str]:
    """The codes in the order the table (or the file) lists them."""
    content = content.split("<tbody>", 1)[-1]
    return sorted((c for c in codes if c in content), key=content.index)


@pytest.mark.django_db
def test_columns_sort_both_ways(personas, cases, client_for):
    first, second, _hidden = cases
    client = client_for(personas.case_worker)
    ascending = client.get("/cases/", {"sort": "code"}).content.decode()
    assert codes_in(ascending, first.code, second.code) == [first.code, second.code]
    assert 'aria-sort="ascending"' in ascending
    descending = client.get("/cases/", {"sort": "-code"}).content.decode()
    assert codes_in(descending, first.code, second.code) == [second.code, first.code]
    # An unknown or unsortable column keeps the list's own order.
    assert client.get("/cases/", {"sort": "exploitation"}).status_code == 200


@pytest.mark.django_db
def test_filters_are_remembered_per_user_and_cleared(personas, cases, client_for):
    client = client_for(personas.case_worker)
    client.get("/cases/", {"status": "identified", "sort": "-code"})
    response = client.get("/cases/")
    assert response.status_code == 302 and "status=identified" in response["Location"]
    # Another user's list is not affected.
    assert client_for(personas.coordinator).get("/cases/").status_code == 200
    assert client.get("/cases/", {"reset": "1"}).status_code == 302
    assert client.get("/cases/").status_code == 200
    assert not SavedListFilter.objects.filter(user=personas.case_worker).exists()


@pytest.mark.django_db
def test_the_csv_export_is_the_readers_list_without_names_and_audited(personas, cases, client_for):
    first, second, hidden = cases
    response = client_for(personas.case_worker).get("/cases/", {"export": "csv", "sort": "code"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="cases-')
    content = response.content.decode("utf-8-sig")
    assert content.splitlines()[0].startswith("Case code,Status,Identified")
    assert codes_in(content, first.code, second.code, hidden.code) == [first.code, second.code]
    assert "Horvat" not in content and "Ana" not in content
    export = ListExport.objects.get()
    assert (export.actor, export.list_key, export.rows) == (personas.case_worker, "cases", 2)
    assert LogEntry.objects.get_for_object(export).exists()


@pytest.mark.django_db
def test_the_xlsx_export_follows_the_filters(personas, cases, client_for):
    _first, second, _hidden = cases
    response = client_for(personas.case_worker).get(
        "/cases/", {"export": "xlsx", "status": "identified"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Case code" and [r[0] for r in rows[1:]] == [second.code]
    assert ListExport.objects.get().query == "status=identified"


@pytest.mark.django_db
def test_exports_are_denied_to_roles_without_the_list(personas, cases, client_for):
    for user in (personas.partner, personas.trial_monitor):
        assert client_for(user).get("/cases/", {"export": "csv"}).status_code == 403
    assert client_for(personas.case_worker).get("/justice/", {"export": "csv"}).status_code == 403
    assert not ListExport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "header"),
    [
        ("case_worker", "/cases/referrals/", "Case,Date,Service"),
        ("field_identifier", "/screening/", "Reference,Date,Situation"),
        ("trial_monitor", "/justice/", "Case number,Court,Stage"),
        ("partner", "/activities/", "Title,Type,From"),
    ],
)
def test_every_list_exports_and_sorts(personas, client_for, persona, url, header):
    client = client_for(personas.all()[persona])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200, response.content[:300]
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith(header)
    first_key = header.split(",")[0]
    page = client.get(url, {"sort": "-status" if url == "/activities/" else "date"})
    assert page.status_code == 200
    assert ListExport.objects.filter(actor=personas.all()[persona]).count() == 1
    assert first_key
