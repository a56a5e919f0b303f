"""Long case lists: the API's cursor (keyset) pages, the web list's capped count, a fixed
number of queries per page, and what the search box matches (nrm.core.pagination,
nrm.cases.selectors.case_list)."""

import base64
import datetime
import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nrm.cases.models import (
    IdentificationDecision,
    Person,
    Referral,
    VictimCase,
    exploitation_forms_value,
)
from nrm.cases.selectors import case_list, case_list_for_counting, codes_matching
from nrm.core import pagination
from nrm.core.pagination import capped_count
from nrm.core.vocabularies import NOT_RECORDED

D = datetime.date


def body(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def add_case(organisation, code, identified_on, *, created_by=None, year=None, number=None):
    """A case written directly (a register, not the service), with or without a generated
    code (`year` and `number` None: a code kept from an imported register)."""
    return VictimCase.objects.create(
        code=code,
        code_year=year,
        code_number=number,
        person=Person.objects.create(),
        identified_on=identified_on,
        organisation=organisation,
        created_by=created_by,
    )


@pytest.fixture
def register(orgs, personas):
    """31 cases: several on the same day, reports without a date, codes kept from an imported
    register; the case worker's safe house reads its own and those referred to it."""
    owners = [orgs.police, orgs.safe_house, orgs.legal_aid]
    cases = []
    for number in range(1, 28):
        day = None if number % 9 == 0 else D(2024, 1 + number % 4, 1 + number % 3)
        cases.append(
            add_case(
                owners[number % 3],
                f"V-2024-{number:04d}",
                day,
                created_by=personas.field_identifier if number % 2 else None,
                year=2024,
                number=number,
            )
        )
    for code, day in (("BH-17", D(2024, 2, 2)), ("BH-18", D(2024, 2, 2)), ("BH-19", None)):
        cases.append(add_case(orgs.police, code, day, created_by=personas.field_identifier))
    cases.append(add_case(orgs.police, "V-2023-0001", D(2024, 2, 2), year=2023, number=1))
    for case in cases[::4]:
        Referral.objects.create(
            case=case,
            from_organisation=case.organisation,
            to_organisation=orgs.safe_house
            if case.organisation != orgs.safe_house
            else orgs.police,
            service_type="shelter",
            status="pending",
            referred_on=D(2024, 6, 1),
            consent_overridden=True,
        )
    return cases


def follow_links(client, url):
    """Every item of a list answered as a bare array, page after page through its
    `Link: <...>; rel="next"` headers."""
    items = []
    while url:
        response = client.get(url)
        items += body(response)
        link = response.headers.get("Link", "")
        assert not link or link.endswith('; rel="next"')
        url = link[1 : link.index(">")] if link else ""
    return items


def walk(client, url, limit, *, between=None):
    """Every page of `url` through the `next` cursors: the codes, page by page; `between()`
    runs after the first page."""
    pages, after = [], ""
    while True:
        separator = "&" if "?" in url else "?"
        page = body(client.get(f"{url}{separator}limit={limit}&after={after}"))
        pages.append([item["code"] for item in page["items"]])
        if len(pages) == 1 and between is not None:
            between()
        if page["next"] is None:
            return pages
        after = page["next"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "case_worker", "field_identifier"])
def test_the_cursor_walks_every_visible_case_once_in_order(
    api_for, orgs, personas, register, persona
):
    user = getattr(personas, persona)
    client = api_for(user)
    owner = orgs.safe_house if persona == "case_worker" else orgs.police

    def record_two_cases():
        # A report without a date goes on top (before the cursor); an old case at the end.
        add_case(owner, "V-2030-0001", None, created_by=user, year=2030, number=1)
        add_case(owner, "V-2001-0001", D(2001, 1, 1), created_by=user, year=2001, number=1)

    pages = walk(client, "/api/v1/cases", 4, between=record_two_cases)
    codes = [code for page in pages for code in page]
    now = [c.code for c in case_list(actor=user)]
    cursor_row = now.index(pages[0][-1])
    assert "V-2030-0001" in now[:cursor_row]  # recorded where the walk had already passed
    assert codes == pages[0] + now[cursor_row + 1 :]
    assert len(set(codes)) == len(codes) == len(now) - 1
    assert "V-2001-0001" in codes and "V-2030-0001" not in codes
    assert len(pages) > 2 and all(len(page) == 4 for page in pages[:-1])


@pytest.mark.django_db
def test_the_cursor_keeps_the_filters_of_the_request(api_for, personas, register):
    client = api_for(personas.coordinator)
    codes = [
        c for page in walk(client, "/api/v1/cases?exploitation=not_recorded&q=BH", 1) for c in page
    ]
    assert codes == [c.code for c in case_list(actor=personas.coordinator, q="BH")]
    assert sorted(codes) == ["BH-17", "BH-18", "BH-19"]


@pytest.mark.django_db
def test_offset_still_pages_and_gives_the_next_cursor(api_for, personas, register):
    client = api_for(personas.coordinator)
    everything = [c.code for c in case_list(actor=personas.coordinator)]
    page = body(client.get("/api/v1/cases?limit=5&offset=10"))
    assert [i["code"] for i in page["items"]] == everything[10:15]
    following = body(client.get(f"/api/v1/cases?limit=5&after={page['next']}"))
    assert [i["code"] for i in following["items"]] == everything[15:20]
    assert page["count"] == len(everything) and page["count_exact"] is True


@pytest.mark.django_db
def test_a_wrong_cursor_is_a_422_naming_the_parameter(api_for, personas, register):
    client = api_for(personas.coordinator)
    first = body(client.get("/api/v1/cases?limit=2"))["next"]
    decisions_cursor = base64.urlsafe_b64encode(json.dumps(["decisions", "2024-01-01", 3]).encode())
    wrong_types = base64.urlsafe_b64encode(json.dumps(["cases", "x", None, None, 1]).encode())
    for cursor in ("not-a-cursor", "e30", decisions_cursor.decode(), wrong_types.decode()):
        error = body(client.get(f"/api/v1/cases?after={cursor}"), 422)["error"]
        assert list(error["fields"]) == ["after"], cursor
        assert "cursor" in error["fields"]["after"][0]
    error = body(client.get(f"/api/v1/cases?after={first}&offset=5"), 422)["error"]
    assert list(error["fields"]) == ["after"]
    error = body(client.get(f"/api/v1/cases?after={'x' * 500}"), 422)["error"]
    assert list(error["fields"]) == ["after"]


@pytest.mark.django_db
def test_the_count_stops_at_the_cap(api_for, personas, register, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    page = body(api_for(personas.coordinator).get("/api/v1/cases?limit=3"))
    assert page["count"] == 10 and page["count_exact"] is False
    page = body(api_for(personas.coordinator).get("/api/v1/cases?limit=3&q=BH"))
    assert page["count"] == 3 and page["count_exact"] is True


@pytest.mark.django_db
def test_lists_without_a_body_object_give_the_next_page_in_a_link_header(
    api_for, personas, register
):
    for case in register[:7]:
        IdentificationDecision.objects.create(
            case=case,
            to_status="potential",
            decided_on=D(2024, 3, 1),
            authority=case.organisation,
        )
    client = api_for(personas.coordinator)
    seen = [item["id"] for item in follow_links(client, "/api/v1/decisions?limit=3")]
    assert seen == sorted(seen, reverse=True)  # one day: newest record first
    assert len(seen) == len(set(seen)) == 7
    for path in ("/api/v1/referrals", "/api/v1/services", "/api/v1/stays"):
        assert body(client.get(f"{path}?after=nonsense"), 422)["error"]["fields"] == {
            "after": [
                "not a cursor of this list: pass the `next` value of the previous page "
                "as it was returned"
            ]
        }


@pytest.mark.django_db
def test_the_referral_inbox_pages_in_its_own_order(api_for, personas, register):
    client = api_for(personas.case_worker)
    everything = [r["id"] for r in body(client.get("/api/v1/referrals?box=received&limit=200"))]
    seen = [r["id"] for r in follow_links(client, "/api/v1/referrals?box=received&limit=2")]
    assert seen == everything and len(everything) > 4


# The web list -------------------------------------------------------------------------------


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "case_worker", "field_identifier"])
def test_a_page_of_the_list_costs_the_same_queries_for_60_or_90_cases(
    client_for, orgs, personas, persona
):
    """A fixed number of queries whatever the length of the list (no query per row); a list
    that fits on one page is not counted (its length is the count): fewer queries."""
    user = getattr(personas, persona)
    client = client_for(user)
    owner = orgs.safe_house if persona == "case_worker" else orgs.police
    urls = ("/cases/?page=1", "/cases/?page=2", "/cases/?exploitation=labour&q=2024")

    def add(count, start):
        for number in range(start, start + count):
            case = add_case(
                owner,
                f"V-2024-{number:04d}",
                D(2024, 1, 1),
                created_by=user,
                year=2024,
                number=number,
            )
            case.exploitations.create(form="labour")

    add(3, 1)
    for url in urls:
        client.get(url)  # the first visit (the session, the remembered filters)
    one_page = [queries_for(client, url) for url in urls]
    add(57, 4)
    sixty = [queries_for(client, url) for url in urls]
    add(30, 61)
    assert [queries_for(client, url) for url in urls] == sixty
    # The count: one query for each part of the reader's cases (their own, the referred).
    parts = len(case_list_for_counting(actor=user))
    assert parts == (1 if persona == "coordinator" else 2)
    assert sixty[0] == one_page[0] + parts
    assert "9 cases" in client.get("/cases/?q=V-2024-000").content.decode()  # 0001 to 0009


@pytest.mark.django_db
def test_the_web_list_says_more_than_the_cap_and_pages_on(
    client_for, personas, register, monkeypatch
):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    monkeypatch.setattr("nrm.cases.views.PAGE_SIZE", 4)
    client = client_for(personas.coordinator)
    everything = [c.code for c in case_list(actor=personas.coordinator)]
    first = client.get("/cases/?page=1").content.decode()
    assert "More than 5 cases" in first and "Page 1</span>" in first
    assert "page=2" in first
    last_page = -(-len(everything) // 4)
    last = client.get(f"/cases/?page={last_page}").content.decode()
    assert everything[-1] in last and f"page={last_page + 1}" not in last
    assert f"page={last_page - 1}" in last
    small = client.get("/cases/?q=BH").content.decode()
    assert "3 cases" in small and "More than" not in small


# The search box ------------------------------------------------------------------------------


@pytest.fixture
def coded(orgs):
    generated = {
        "V-2024-0042": (2024, 42),
        "V-2024-0420": (2024, 420),
        "V-2024-4200": (2024, 4200),
        "V-2023-0042": (2023, 42),
        "V-2024-12345": (2024, 12345),
        "V-2019-2024": (2019, 2024),
    }
    for code, (year, number) in generated.items():
        add_case(orgs.police, code, D(2024, 1, 1), year=year, number=number)
    for code in ("BH-2024-0042", "sos.17"):
        add_case(orgs.police, code, D(2024, 1, 1))


def found(text):
    return sorted(VictimCase.objects.filter(codes_matching(text)).values_list("code", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("V-2024-0042", ["V-2024-0042"]),
        (" v-2024-0042 ", ["V-2024-0042"]),
        ("2024-0042", ["BH-2024-0042", "V-2024-0042"]),
        ("2023-0042", ["V-2023-0042"]),
        ("0042", ["BH-2024-0042", "V-2023-0042", "V-2024-0042"]),
        ("42", ["BH-2024-0042", "V-2023-0042", "V-2024-0042", "V-2024-4200"]),
        ("2024-00", ["BH-2024-0042", "V-2024-0042"]),
        ("2024-1", ["V-2024-12345"]),
        (
            "V-2024",
            ["V-2024-0042", "V-2024-0420", "V-2024-12345", "V-2024-4200"],
        ),
        (
            "2024",
            [
                "BH-2024-0042",
                "V-2019-2024",
                "V-2024-0042",
                "V-2024-0420",
                "V-2024-12345",
                "V-2024-4200",
            ],
        ),
        ("SOS", ["sos.17"]),
        ("sos.17", ["sos.17"]),
        ("V-2024-0043", []),
        ("Ana", []),
    ],
)
def test_the_search_box_matches_codes_by_year_and_number(coded, text, codes):
    assert found(text) == codes


@pytest.mark.django_db
def test_the_web_list_searches_codes(client_for, personas, coded):
    content = client_for(personas.coordinator).get("/cases/?q=0042").content.decode()
    assert "V-2024-0042" in content and "V-2023-0042" in content
    assert "V-2024-0420" not in content and "3 cases" in content


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "case_worker", "field_identifier"])
def test_the_count_of_a_filtered_list_is_its_length(register, personas, persona):
    """The count reads the forms from the case's copy of them and the reader's cases in
    parts; the list reads the forms' rows and the visibility rule: both give the same rows,
    for every filter, below and above the cap."""
    forms = [["labour"], ["labour", "sexual"], [], ["begging"]]
    for case, case_forms in zip(register, itertools.cycle(forms)):
        for form in case_forms:
            case.exploitations.create(form=form)
        case.exploitation_forms = exploitation_forms_value(case_forms)
        case.save(update_fields=["exploitation_forms"])
    user = getattr(personas, persona)
    for values in (
        {},
        {"exploitation": "labour"},
        {"exploitation": "sexual"},
        {"exploitation": NOT_RECORDED},
        {"exploitation": "labour", "date_from": D(2024, 2, 1)},
        {"q": "2024"},
    ):
        rows = case_list(actor=user, **values).count()
        counted = case_list_for_counting(actor=user, **values)
        assert capped_count(counted, 1_000) == (rows, True), values
        if rows:
            assert capped_count(counted, rows - 1) == (rows - 1, False), values
