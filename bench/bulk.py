"""Rows of a model written in bulk: `executemany` on SQLite, COPY on PostgreSQL.

The benchmark's data are loaded without the ORM's per-object work (model instances, one
`get_db_prep_save` per value), which costs more than the database at a million cases. Each
value is written the way Django's backend would write it: dates as ISO text and date-times as
naive UTC text on SQLite, JSON as text; encrypted fields arrive encrypted already (the
generator calls the field's own `get_prep_value`). bench/tests checks the rows read back
through the ORM.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _sqlite_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _sqlite_datetime(value: Any) -> Any:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return str(value)


def _sqlite_bool(value: Any) -> Any:
    return None if value is None else int(value)


def _json(value: Any) -> Any:
    return None if value is None else json.dumps(value)


def _converter(internal_type: str, vendor: str) -> Converter:
    if internal_type == "JSONField":
        return _json
    if vendor != "sqlite":
        return _identity  # psycopg adapts dates, aware date-times and booleans itself
    return {
        "DateField": _sqlite_date,
        "DateTimeField": _sqlite_datetime,
        "BooleanField": _sqlite_bool,
    }.get(internal_type, _identity)


class Table:
    """One model's table: its columns, their defaults, and the rows waiting to be written."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self.name = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in fields]
        self.columns = [str(f.column) for f in fields]
        self.defaults = {f.attname: (None if f.primary_key else _default(f)) for f in fields}
        self.internal_types = [f.get_internal_type() for f in fields]
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, **values: Any) -> None:
        unknown = set(values) - set(self.defaults)
        if unknown:
            raise KeyError(f"{self.name} has no column {sorted(unknown)}")
        self.rows.append(tuple(values.get(a, self.defaults[a]) for a in self.attnames))

    def flush(self) -> int:
        """Write the waiting rows (inside the caller's transaction); returns how many."""
        if not self.rows:
            return 0
        vendor = connection.vendor
        converters = [_converter(t, vendor) for t in self.internal_types]
        rows = [tuple(c(v) for c, v in zip(converters, row, strict=True)) for row in self.rows]
        if vendor == "postgresql":
            _copy(self.name, self.columns, rows)
        else:
            _insert_many(self.name, self.columns, rows)
        count = len(rows)
        self.written += count
        self.rows = []
        return count


def _default(field: Any) -> Any:
    if field.has_default():
        return field.get_default()
    return None if field.null else ("" if field.empty_strings_allowed else None)


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def _insert_many(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({_quoted(columns)}) VALUES ({placeholders})"  # noqa: E501
    connection.ensure_connection()
    connection.connection.executemany(sql, rows)


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    sql = f"COPY {connection.ops.quote_name(table)} ({_quoted(columns)}) FROM STDIN"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def next_id(model: type[Model]) -> int:
    """The first free primary key of a table (the generator gives its own keys)."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        highest = cursor.fetchone()[0]
    return int(highest or 0) + 1


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """After rows were written with their own keys, PostgreSQL's sequences continue after them
    (SQLite's AUTOINCREMENT follows the largest key by itself)."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
