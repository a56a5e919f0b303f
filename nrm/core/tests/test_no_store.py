"""No response to a signed-in user, and no API response, may be kept by a cache.

The URLs come from the resolver, so a new page or endpoint is covered without anyone adding it
here. Arguments are filled with a real case's code where a pattern takes a code, and with
sample values elsewhere (a 404 or 403 must not be cached either).
"""

import datetime
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nrm.cases.services import case_create

pytestmark = pytest.mark.one_database

SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x"}
SAMPLES["uuid"] = "00000000-0000-0000-0000-000000000001"


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _concrete(route: str, code: str) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")

    def sample(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        return code if name == "code" else SAMPLES.get(converter, "x")

    route = re.sub(r"<(?:(\w+):)?(\w+)>", sample, route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route


def every_url(code: str) -> list[str]:
    urls = {_concrete(route, code) for route in _walk(get_resolver().url_patterns)}
    return sorted(url for url in urls if not url.startswith("/static/"))


def assert_not_stored(response, url: str) -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives, (url, response.status_code, directives)


@pytest.fixture
def case_code(personas):
    case = case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="female"
    )
    return case.code


def test_the_resolver_yields_the_pages_that_hold_personal_data():
    urls = every_url("C-1")
    for url in ("/cases/C-1/", "/cases/C-1/identity/", "/cases/C-1/edit/", "/api/v1/cases/C-1"):
        assert url in urls


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["case_worker", "coordinator", "admin", "norole"])
def test_every_page_to_a_signed_in_user_is_not_stored(client_for, personas, case_code, persona):
    client = client_for(getattr(personas, persona))
    for url in every_url(case_code):
        assert_not_stored(client.get(url), url)


@pytest.mark.django_db
def test_every_api_answer_is_not_stored(personas, api_for, case_code):
    signed = api_for(personas.case_worker)
    anonymous = Client()
    api_urls = [url for url in every_url(case_code) if url.startswith("/api/")]
    assert "/api/v1/cases/" + case_code in api_urls
    for url in api_urls:
        assert_not_stored(signed.get(url), url)
        assert_not_stored(anonymous.get(url), url)


@pytest.mark.django_db
def test_the_case_pages_of_the_issue_are_not_stored(client_for, personas, api_for, case_code):
    client = client_for(personas.case_worker)
    for suffix in ("", "identity/", "edit/"):
        response = client.get(f"/cases/{case_code}/{suffix}")
        assert response.status_code == 200
        assert_not_stored(response, suffix)
    response = api_for(personas.case_worker).get(f"/api/v1/cases/{case_code}")
    assert response.status_code == 200
    assert_not_stored(response, "api")


@pytest.mark.django_db
def test_public_pages_to_anonymous_visitors_may_be_cached(client):
    response = client.get("/health/")
    assert "no-store" not in response.get("Cache-Control", "")
