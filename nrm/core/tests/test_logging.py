"""What the logs say: denials in one line, server errors with their traceback, no addresses."""

from __future__ import annotations

import logging
import sys

import pytest

from nrm.core.logging import NoAddresses, NoTracebackForClientErrors, without_addresses


@pytest.mark.django_db
def test_a_denied_request_is_logged_in_one_line_without_traceback(client_for, personas, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(personas.partner).get("/audit/")
    assert response.status_code == 403
    denials = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert denials and all(r.exc_info is None for r in denials)
    assert "Forbidden" in denials[0].getMessage()


def _record(status: int) -> logging.LogRecord:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    record.status_code = status
    return record


def test_server_errors_keep_their_traceback():
    kept, dropped = _record(500), _record(404)
    NoTracebackForClientErrors().filter(kept)
    NoTracebackForClientErrors().filter(dropped)
    assert kept.exc_info is not None and dropped.exc_info is None


@pytest.mark.parametrize(
    "text", ["Invalid request from ip=203.0.113.7: x", "peer 2001:db8::7 reset", "::ffff:10.0.0.1"]
)
def test_addresses_are_blanked(text):
    cleaned = without_addresses(text)
    assert "[address]" in cleaned
    assert not any(part in cleaned for part in ("203.0.113.7", "2001:db8", "10.0.0.1"))


def test_times_and_versions_are_not_addresses():
    assert without_addresses("at 12:34:56, gunicorn 23.0.0") == "at 12:34:56, gunicorn 23.0.0"


def test_the_filter_rewrites_the_message_with_its_arguments():
    address = ("198.51.100.2",)
    record = logging.LogRecord("g", logging.WARNING, __file__, 1, "from %s", address, None)
    NoAddresses().filter(record)
    assert record.getMessage() == "from [address]"
