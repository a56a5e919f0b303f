"""Every URL that exists is denied to anonymous visitors and to users without a role."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/language/",
    "/health/",
    "/public/",
    "/admin/login/",
    "/help/",
)
ROLELESS_ALLOWED = ("/accounts/logout/", "/language/")
SAMPLE_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def concrete(route: str) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    route = re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), route
    )
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route


def site_urls():
    urls = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        url = concrete(route)
        if url.startswith(("/api/", "/static/")) or "(" in url:
            continue
        urls.add(url)
    return sorted(urls)


def protected_urls():
    return [url for url in site_urls() if not url.startswith(PUBLIC_PREFIXES)]


def test_there_are_urls_to_check():
    assert "/" in protected_urls() and "/audit/" in protected_urls()


@pytest.mark.django_db
@pytest.mark.parametrize("url", protected_urls())
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302, url
    target = response["Location"]
    assert target.startswith("/accounts/login/") or target.startswith("/admin/login/"), target


@pytest.mark.django_db
@pytest.mark.parametrize("url", [u for u in protected_urls() if not u.startswith(ROLELESS_ALLOWED)])
def test_users_without_a_role_are_denied(client_for, personas, url):
    response = client_for(personas.norole).get(url)
    if url.startswith("/admin/"):
        assert response.status_code in (302, 403), url  # the admin site sends them to its login
    else:
        assert response.status_code == 403, url


@pytest.mark.django_db
def test_public_pages_answer_without_login(client):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_a_user_without_a_role_is_told_why(client_for, personas):
    response = client_for(personas.norole).get("/")
    assert response.status_code == 403
    assert "no role" in response.content.decode()
