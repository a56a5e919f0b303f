"""The case list through the web page and the API, as each role, with their paginators.

Requests go through Django's test client in this process (the whole stack: middleware,
view, form, selector, paginator, template or schema), signed in as the role's bench user
(the web) or with an API token (the API). Each figure: p50 and p95 over up to `repeat`
requests, and the number of queries of one request.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import guard
from bench.measure import repeat

ROLES = {
    "coordinator": "bench.coordinator",
    "case_worker": "bench.caseworker",
    "field_identifier": "bench.field",
}
API_LIMIT = 50
BUDGET_S = 10.0  # per figure: a slow list is measured fewer times (bench.measure.repeat)
_HREF = re.compile(r"href=\"([^\"]*)\"")


def filters(code: str) -> dict[str, dict[str, str]]:
    """The filters measured: none, a form, "not recorded", a code, and several combined."""
    return {
        "none": {},
        "labour": {"exploitation": "labour"},
        "not_recorded": {"exploitation": "not_recorded"},
        "code": {"q": code},
        "combined": {
            "status": "identified",
            "exploitation": "sexual",
            "date_from": "2020-01-01",
            "date_to": "2024-12-31",
        },
    }


def web_url(params: dict[str, str]) -> str:
    # `page=1` without a filter: the list as it opens, without restoring a remembered filter.
    return "/cases/?" + urlencode(params or {"page": "1"})


def api_url(params: dict[str, str]) -> str:
    return "/api/v1/cases?" + urlencode({"limit": str(API_LIMIT), **params})


def web_next_url(page: str, current: str) -> str:
    """The page's own "next" link (whatever its paginator puts there), else page 2."""
    for tag in re.findall(r"<a\s[^>]*>", page):
        if 'rel="next"' in tag:
            found = _HREF.search(tag)
            if found:
                href = html.unescape(found[1])
                path = urlsplit(current).path
                return path + href if href.startswith("?") else href
    return "/cases/?page=2"


def api_next_url(body: dict[str, Any], current: str) -> tuple[str, str]:
    """The next page of an API answer, and how it was found: a `next` link, a cursor, or
    (without either) the offset after this page."""
    nxt = body.get("next")
    if isinstance(nxt, str) and nxt:
        if nxt.startswith(("http://", "https://")):
            parts = urlsplit(nxt)
            return parts.path + (f"?{parts.query}" if parts.query else ""), "next link"
        if nxt.startswith(("/", "?")):
            return (urlsplit(current).path + nxt if nxt.startswith("?") else nxt), "next link"
        return f"{current}&after={nxt}", "cursor"
    for key in ("next_cursor", "cursor", "after"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return f"{current}&after={value}", "cursor"
    return f"{current}&offset={API_LIMIT}", "offset"


def _clients(users: dict[str, Any]) -> tuple[dict[str, Client], dict[str, Client]]:
    from nrm.accounts.services import token_create

    web, api = {}, {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        web[role] = client
        _token, value = token_create(actor=None, user=user, name="bench")
        api[role] = Client(headers={"Authorization": f"Bearer {value}"})
    return web, api


def _code_for(user: Any) -> str:
    """A code this reader sees (from 2024 when there is one), to search for."""
    import datetime

    from nrm.cases.selectors import case_list

    cases = case_list(actor=user, date_from=datetime.date(2024, 1, 1))
    case = cases[10:11].first() or cases.first() or case_list(actor=user).first()
    return case.code if case is not None else "V-2024-0001"


class ListBench:
    def __init__(self, users: dict[str, Any], times: int, metrics: dict[str, float]) -> None:
        self.users = users
        self.times = times
        self.metrics = metrics
        self.web, self.api = _clients(users)
        self.info: dict[str, Any] = {"errors": []}
        self.captured: dict[str, list[dict[str, Any]]] = {}

    def measure(self, key: str, client: Client, url: str, check: Callable[[Any], int]) -> Any:
        """p50/p95 of GET url, its query count and row count; the last response."""
        last: list[Any] = []
        attempted: list[Any] = []

        def get() -> None:
            # Every request runs with its queries captured (a small cost next to the
            # request's), so that the count is that of a timed request; a stopped query is
            # captured too (with its time), for --explain.
            started = time.perf_counter()
            queries = CaptureQueriesContext(connection)
            attempted[:] = [queries]
            with guard.request(), queries:
                response = client.get(url)
            if response.status_code == 500 and time.perf_counter() - started >= guard.limit_s():
                raise guard.Stopped("stopped")  # the API answers a stopped query with a 500
            if response.status_code != 200:
                raise RuntimeError(f"GET {url}: {response.status_code}")
            last[:] = [response, queries]

        try:
            timings = repeat(get, times=self.times, budget_s=BUDGET_S)
        except guard.Stopped:
            stopped(self.metrics, key)
            self.info["errors"].append(f"{key}: stopped after {guard.limit_s():g} s")
            if attempted:
                self.captured[key] = list(attempted[0].captured_queries)
            return None
        except RuntimeError as error:
            self.info["errors"].append(f"{key}: {error}")
            return None
        self.metrics[f"{key}.p50_ms"] = timings.p50_ms
        self.metrics[f"{key}.p95_ms"] = timings.p95_ms
        response, queries = last
        self.metrics[f"{key}.queries"] = len(queries.captured_queries)
        self.metrics[f"{key}.rows"] = check(response)
        self.captured[key] = list(queries.captured_queries)
        return response

    def run(self) -> None:
        for role, user in self.users.items():
            code = _code_for(user)
            for name, params in filters(code).items():
                url = web_url(params)
                page = self.measure(f"lists.web.{role}.{name}", self.web[role], url, _web_rows)
                if name == "none":
                    nxt = web_next_url(page.content.decode() if page else "", url)
                    self.measure(f"lists.web.{role}.next", self.web[role], nxt, _web_rows)
                url = api_url(params)
                answer = self.measure(f"lists.api.{role}.{name}", self.api[role], url, _api_rows)
                if name == "none":
                    nxt, how = api_next_url(answer.json() if answer else {}, url)
                    self.info["api_pagination"] = how
                    self.measure(f"lists.api.{role}.next", self.api[role], nxt, _api_rows)


def stopped(metrics: dict[str, float], key: str) -> None:
    """A figure whose request passed the limit: the limit, marked as stopped."""
    metrics[f"{key}.p50_ms"] = metrics[f"{key}.p95_ms"] = guard.limit_s() * 1000
    metrics[f"{key}.timed_out"] = 1


def _web_rows(response: Any) -> int:
    return response.content.decode().count('href="/cases/V-')


def _api_rows(response: Any) -> int:
    return len(response.json().get("items", []))


def run(metrics: dict[str, float], *, times: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Measure every list; returns (notes, the captured queries of each figure)."""
    from bench.generator import bench_user

    users = {role: bench_user(username) for role, username in ROLES.items()}
    bench = ListBench(users, times, metrics)
    bench.run()
    return bench.info, bench.captured
