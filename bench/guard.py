"""A limit on how long one request may take in the measuring process.

Without it one pathological plan (a correlated subquery per row is quadratic) can take hours
at a million cases. A request that passes the limit is stopped and its figure reported as
"stopped at the limit": SQLite's progress handler interrupts the query once the request's
deadline has passed; PostgreSQL's statement_timeout cancels the statement.
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
    elif conn.vendor == "postgresql":
        milliseconds = int(_state["limit_s"] * 1000) if _state["active"] else 0
        with conn.connection.cursor() as cursor:
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
        if connection.connection is not None:
            _prepare(connection)  # PostgreSQL: no timeout any more


@contextmanager
def request() -> Iterator[None]:
    _state["deadline"] = time.perf_counter() + _state["limit_s"]
    try:
        yield
    finally:
        _state["deadline"] = None


def limit_s() -> float:
    return float(_state["limit_s"])
