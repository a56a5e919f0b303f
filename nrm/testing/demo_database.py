"""The demo database for tests: loaded once per test process, restored for each module that
reads it.

Loading the demo through the services takes seconds, and the modules that read it (the
bulletin's fidelity, the lifecycle, the authorization matrix, the canary, the crawl) each paid
that in every process. Instead, the database is copied once empty and once with the demo, and
a module restores the copy it needs: SQLite with its backup API, PostgreSQL from a template
database. The demo's stored document files are kept too, because a test may delete them (an
erasure, the retention run) while its database changes are rolled back.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.core.management import call_command
from django.db import connection

from nrm.documents import storage
from nrm.documents.models import Document


class DemoDatabase:
    """`restore_demo()` and `restore_empty()` between tests; `drop()` at the end."""

    def __init__(self) -> None:
        self.copies: Copies = (
            PostgresCopies() if connection.vendor == "postgresql" else SQLiteCopies()
        )
        self.empty = self.copies.take("empty")
        call_command("demo", verbosity=0, quiet_accounts=True)
        self.files = {
            name: storage.stored_bytes(name)
            for name in Document.objects.values_list("storage_name", flat=True)
        }
        self.demo = self.copies.take("demo")
        self.restore_empty()

    def restore_demo(self) -> None:
        self.copies.restore(self.demo)
        for name, data in self.files.items():
            path = storage._path(name)
            if not path.exists():
                path.write_bytes(data)

    def restore_empty(self) -> None:
        self.copies.restore(self.empty)

    def drop(self) -> None:
        self.copies.drop()


class Copies:
    def take(self, label: str) -> Any:
        raise NotImplementedError

    def restore(self, copy: Any) -> None:
        raise NotImplementedError

    def drop(self) -> None:
        """Remove what outlives the process (nothing, for copies held in memory)."""


class SQLiteCopies(Copies):
    """Copies in memory, page by page with SQLite's backup API (milliseconds for the demo)."""

    def take(self, label: str) -> sqlite3.Connection:
        copy = sqlite3.connect(":memory:")
        connection.ensure_connection()
        connection.connection.backup(copy)
        return copy

    def restore(self, copy: sqlite3.Connection) -> None:
        connection.ensure_connection()
        copy.backup(connection.connection)


class PostgresCopies(Copies):
    """Template databases beside the test database; a restore recreates the test database from
    one (no other session may use the test database meanwhile: it is dropped WITH (FORCE))."""

    def __init__(self) -> None:
        self.name = connection.settings_dict["NAME"]
        self.templates: list[str] = []

    def take(self, label: str) -> str:
        template = f"{self.name}_{label}"
        self._maintenance(
            f'DROP DATABASE IF EXISTS "{template}"',
            f'CREATE DATABASE "{template}" TEMPLATE "{self.name}"',
        )
        self.templates.append(template)
        return template

    def restore(self, copy: str) -> None:
        self._maintenance(
            f'DROP DATABASE "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}" TEMPLATE "{copy}"',
        )

    def drop(self) -> None:
        self._maintenance(*(f'DROP DATABASE IF EXISTS "{t}"' for t in self.templates))

    def _maintenance(self, *statements: str) -> None:
        connection.close()
        with connection._nodb_cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
