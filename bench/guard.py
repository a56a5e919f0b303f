"""A limit on how long one measured request may take in the measuring process.

Without it one pathological plan (a correlated subquery per row is quadratic) can take hours
at a million cases. A request that passes the limit is stopped and its figure reported as
"stopped at the limit": SQLite's progress handler interrupts the query once the request's
deadline has passed; PostgreSQL's statement_timeout, set for the request only, cancels the
statement. The harness's own queries (finding a code to search for, say) are never limited.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.utils import OperationalError

LIMIT_S = 30.0
_state: dict[str, Any] = {"limit_s": LIMIT_S, "deadline": None, "active": False}

Stopped = OperationalError  # what a stopped request raises (interrupted or cancelled)


def _check() -> int:
    deadline = _state["deadline"]
    return 1 if deadline is not None and time.perf_counter() > deadline else 0


def _prepare(conn: Any) -> None:
    if conn.vendor == "sqlite":
        conn.connection.set_progress_handler(_check, 20_000)


def _statement_timeout(milliseconds: int) -> None:
    """PostgreSQL's limit, set on the raw connection: not one of the request's queries."""
    if connection.vendor != "postgresql":
        return
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {milliseconds}")


def _on_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    _prepare(connection)


@contextmanager
def limited(limit_s: float) -> Iterator[None]:
    """Within the block, every request (see `request`) stops after `limit_s` seconds."""
    _state.update(limit_s=limit_s, active=True)
    connection_created.connect(_on_connection)
    if connection.connection is not None:
        _prepare(connection)
    try:
        yield
    finally:
        _state.update(active=False, deadline=None)
        connection_created.disconnect(_on_connection)


@contextmanager
def request() -> Iterator[None]:
    """One measured request: stopped once it passes the limit (only within `limited`)."""
    if not _state["active"]:
        yield
        return
    _state["deadline"] = time.perf_counter() + _state["limit_s"]
    _statement_timeout(int(_state["limit_s"] * 1000))
    try:
        yield
    finally:
        _state["deadline"] = None
        _statement_timeout(0)


def limit_s() -> float:
    return float(_state["limit_s"])
