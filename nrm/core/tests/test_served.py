"""The installation as `nrm serve` runs it: several processes, one database.

Two server processes share one database, as the workers of one installation do: the flood
limit of the anonymous report form holds across them (the default cache is the database's),
and gunicorn's log never holds a client's address.
"""

from __future__ import annotations

import http.cookiejar
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from nrm.testing.servers import served_installation

LIMIT = 5  # NRM_REPORT_LIMIT_PER_CLIENT's default


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("installation")
    # The access log on, as an operator might turn it on: it must not hold addresses either.
    env = {"GUNICORN_CMD_ARGS": "--access-logfile -"}
    # A window of a year, so that the counts never start afresh in the middle of the test.
    env["NRM_REPORT_LIMIT_WINDOW_MINUTES"] = str(365 * 24 * 60)
    with served_installation(folder, processes=2, extra_env=env) as running:
        yield running


class Browser:
    """A client with cookies, like a reporter's browser (CSRF cookie and token)."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, url: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def report(browser: Browser, server_url: str) -> int:
    status, html = browser.open(server_url + "/public/report/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    status, _html = browser.open(
        server_url + "/public/report/",
        {
            "csrfmiddlewaretoken": token.group(1),
            "context": "labour",
            "reporter_role": "witness",
            "child_involved": "no",
            "municipality": "",
            "place": "",
            "description": "Workers locked in at night.",
            "website": "",
        },
    )
    return status


def _logged_since(server, offset: int, *expected: str) -> str:
    logged = ""
    for _attempt in range(300):
        logged = server.log_text()[offset:]
        if all(text in logged for text in expected):
            break
        time.sleep(0.1)
    return logged


def test_the_report_flood_limit_holds_across_server_processes(servers):
    first, second = servers
    browser = Browser()
    answers = [report(browser, (first, second)[n % 2].url) for n in range(4 * LIMIT)]
    assert answers.count(200) == LIMIT, answers
    assert answers.count(429) == 3 * LIMIT, answers
    # Both processes refused: each saw the other's count.
    assert 429 in answers[0::2] and 429 in answers[1::2]


def test_gunicorn_logs_no_client_address(servers):
    server = servers[0]
    before = len(server.log_text())
    assert Browser().open(server.url + "/public/report/")[0] == 200
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        answer = connection.recv(1024)
    assert answer.startswith(b"HTTP/1.1 400")
    # gunicorn writes a line once the answer is sent: wait for both lines, a bounded while.
    logged = _logged_since(server, before, "Invalid request", "GET /public/report/")
    assert "Invalid request" in logged, logged  # the error log, for the malformed request
    assert '"GET /public/report/ HTTP/1.1" 200' in logged, logged  # the access log
    assert "127.0.0.1" not in logged and "[address]" in logged, logged
