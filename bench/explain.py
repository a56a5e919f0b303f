"""Query plans of the slowest queries behind the lists and the statistics (`--explain`).

The queries are the ones a request really ran (captured with their parameters); each gets
EXPLAIN QUERY PLAN on SQLite and EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.utils import OperationalError

# What to explain: the captured figures whose slowest queries matter most.
FIGURES = (
    "lists.web.case_worker.none",
    "lists.web.case_worker.not_recorded",
    "lists.web.coordinator.code",
    "lists.api.case_worker.none",
    "statistics.dashboard",
    "statistics.family.victims",
)
PER_FIGURE = 2


def slowest_selects(queries: list[dict[str, Any]], count: int = PER_FIGURE) -> list[dict[str, Any]]:
    selects = [q for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    return sorted(selects, key=lambda q: -float(q.get("time") or 0))[:count]


ANALYZE_LIMIT_MS = 60_000  # EXPLAIN ANALYZE runs the query: a stopped one is only EXPLAINed


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET statement_timeout = {ANALYZE_LIMIT_MS}")
            try:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                rows = cursor.fetchall()
            except OperationalError:  # cancelled at the limit
                cursor.execute(f"EXPLAIN {sql}")
                rows = cursor.fetchall()
            finally:
                cursor.execute("SET statement_timeout = 0")
            return "\n".join(row[0] for row in rows)
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return sqlite_tree(cursor.fetchall())


def sqlite_tree(rows: list[tuple[Any, ...]]) -> str:
    """EXPLAIN QUERY PLAN's (id, parent, notused, detail) rows as an indented tree."""
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + str(detail))
    return "\n".join(lines)


def plans(captured: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    found = []
    for figure in FIGURES:
        for query in slowest_selects(captured.get(figure, [])):
            try:
                text = plan(query["sql"])
            except Exception as exc:  # a captured query that cannot be replayed as text
                text = f"(no plan: {type(exc).__name__}: {exc})"
            found.append(
                {
                    "figure": figure,
                    "ms": float(query.get("time") or 0) * 1000,
                    "sql": query["sql"],
                    "plan": text,
                }
            )
    return found
