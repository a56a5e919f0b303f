"""An anonymous report leaves nothing of the reporter's connection anywhere: not in the
database, not in the logs, not in the cache in clear. Floods are throttled without keeping
addresses."""

import logging

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from nrm.screening import throttle
from nrm.screening.models import PublicReport

pytestmark = pytest.mark.django_db

CLIENT_ADDRESS = "203.0.113.77"
FORWARDED_ADDRESS = "198.51.100.23"
USER_AGENT = "UniqueTestBrowser/9.87 (reporter's own phone)"
CORRELATION_ID = "corr-5f1e9a7c-reporter"
REFERER = "https://referrer.example/private-page"
TRACES = (CLIENT_ADDRESS, FORWARDED_ADDRESS, USER_AGENT, CORRELATION_ID, REFERER, "55123")


def reporter_client() -> Client:
    return Client(
        REMOTE_ADDR=CLIENT_ADDRESS,
        HTTP_X_FORWARDED_FOR=FORWARDED_ADDRESS,
        HTTP_X_FORWARDED_PORT="55123",
        HTTP_USER_AGENT=USER_AGENT,
        HTTP_X_CORRELATION_ID=CORRELATION_ID,
        HTTP_REFERER=REFERER,
    )


def report_data(**values):
    data = {
        "context": "labour",
        "reporter_role": "self",
        "child_involved": "no",
        "municipality": "",
        "place": "",
        "description": "They keep my passport.",
        "website": "",
    }
    data.update(values)
    return data


def database_dump() -> str:
    """Every row of every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.append(f"{table}: {cursor.fetchall()!r}")
    return "\n".join(chunks)


def test_a_report_and_its_follow_up_leave_no_trace_of_the_reporter(caplog, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # the forwarded address is the one counted
    caplog.set_level(logging.DEBUG)
    client = reporter_client()
    assert client.get("/public/report/").status_code == 200
    sent = client.post("/public/report/", report_data())
    assert sent.status_code == 200
    code = sent.content.decode().split('id="follow-up-code">')[1].split("<")[0]
    assert client.post("/public/report/follow-up/", {"code": code}).status_code == 200
    added = client.post("/public/report/follow-up/", {"code": code, "text": "More details."})
    assert added.status_code == 200
    assert (
        client.post(
            "/public/self-check/", {"work-q_fl07_retention_of_documents": "yes"}
        ).status_code
        == 200
    )

    report = PublicReport.objects.get()
    assert report.messages.count() == 1
    dump = database_dump()
    assert "auditlog_logentry" in dump and "screening_publicreport" in dump
    for trace in TRACES:
        assert trace not in dump, trace
    assert code not in dump and code.replace("-", "") not in dump  # only its digest is kept
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for trace in TRACES:
        assert trace not in logged, trace
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM nrm_cache")  # the shared cache (nrm.core.cache)
        keys = " ".join(row[0] for row in cursor.fetchall())
    assert keys and all(trace not in keys for trace in TRACES)


def test_the_session_is_not_touched_by_public_pages():
    client = reporter_client()
    client.post("/public/report/", report_data())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")
        assert cursor.fetchone()[0] == 0


def test_flooding_the_form_from_one_address_is_throttled(settings):
    settings.NRM_REPORT_LIMIT_PER_CLIENT = 3
    client = reporter_client()
    statuses = [client.post("/public/report/", report_data()).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert PublicReport.objects.count() == 3
    throttled = client.post("/public/report/", report_data())
    assert "0800 22 323" in throttled.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.10")
    assert other.post("/public/report/", report_data()).status_code == 200


def test_a_flood_from_many_addresses_meets_the_overall_limit(settings):
    settings.NRM_REPORT_LIMIT_PER_CLIENT = 100
    settings.NRM_REPORT_LIMIT_OVERALL = 4
    statuses = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post("/public/report/", report_data()).status_code
        for n in range(1, 7)
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert PublicReport.objects.count() == 4


def test_guessing_follow_up_codes_is_throttled(settings):
    settings.NRM_REPORT_LIMIT_PER_CLIENT = 2  # eight look-ups per window
    client = reporter_client()
    statuses = [
        client.post("/public/report/follow-up/", {"code": f"K7QF-3M9X-PL2D-8WT{n}"}).status_code
        for n in range(10)
    ]
    assert statuses == [404] * 8 + [429, 429]


def test_counts_use_keyed_hashes_that_change_with_every_window():
    limit = throttle.Limit("test", per_client=1, overall=100, window_seconds=60)
    request = RequestFactory().post("/", REMOTE_ADDR=CLIENT_ADDRESS)
    assert throttle.allow(limit, request, now=960_000.0)
    assert not throttle.allow(limit, request, now=960_030.0)  # same window
    assert throttle.allow(limit, request, now=960_090.0)  # the next window
    first = throttle._client_key(limit, CLIENT_ADDRESS, 1)
    assert first != throttle._client_key(limit, CLIENT_ADDRESS, 2)
    assert CLIENT_ADDRESS not in first and first.startswith("nrm:throttle:test:")


def test_behind_a_proxy_the_forwarded_address_is_counted(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{FORWARDED_ADDRESS}, 10.0.0.2"
    )
    assert throttle.client_address(request) == "10.0.0.2"
    settings.AXES_IPWARE_PROXY_COUNT = 2
    assert throttle.client_address(request) == FORWARDED_ADDRESS
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert throttle.client_address(request) == "10.0.0.1"
