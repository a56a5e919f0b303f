"""Logging helpers: what operators read, without noise and without anyone's address."""

from __future__ import annotations

import logging
import re

# IPv4 and IPv6 addresses (the latter full or with "::", so that times such as 12:34:56 stay).
_HEX = r"[0-9A-Fa-f]{1,4}"
ADDRESS = re.compile(
    r"(?<![\w.])(?:"
    r"\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)"
    rf"|(?:(?:{_HEX}:){{7}}{_HEX}|(?:{_HEX}(?::{_HEX})*)?::(?:{_HEX}(?::{_HEX})*)?)(?![\w.])"
    r")"
)
REDACTED = "[address]"


def without_addresses(text: str) -> str:
    return ADDRESS.sub(REDACTED, text)


class NoTracebackForClientErrors(logging.Filter):
    """A 4xx answer (403 above all) is the client's doing: one line, no traceback.

    Django logs a denied request with the PermissionDenied's traceback, which buries the real
    errors (5xx, still logged with theirs) under noise.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class NoAddresses(logging.Filter):
    """Blank out client addresses: no reporter's address may be written anywhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
