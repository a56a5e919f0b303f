"""Importing a register of R rows into the dataset, against pandas and against its own check.

Everything runs on a copy of the dataset (a file copy on SQLite, a database made from it as a
template on PostgreSQL), so that the dataset itself never changes and the next run finds the
same rows. Each step is a process of its own, timed whole, with its own peak memory:
1. pandas `read_csv` (dates parsed) + `to_sql` into a plain table (bench.plain_load);
2. `nrm import victims FILE --organisation sipa --dry-run`;
3. `nrm import victims FILE --organisation sipa`, with the growth of the database.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Any

from django.db import connection

from bench import targets
from bench.measure import run_process
from bench.register import register_rows, write_register

ORGANISATION = "sipa"


def database_bytes(database: str, url: str) -> int:
    """The space the database's data take (SQLite: pages in use; PostgreSQL: its files)."""
    if database == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (pages,) = conn.execute("PRAGMA page_count").fetchone()
            (free,) = conn.execute("PRAGMA freelist_count").fetchone()
            (size,) = conn.execute("PRAGMA page_size").fetchone()
        return int((pages - free) * size)
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("CHECKPOINT")
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def _release_dataset(database: str) -> None:
    """Let the copy be taken: SQLite's WAL folded into the file, and no connection open (a
    PostgreSQL template must have none)."""
    if database == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def run(
    metrics: dict[str, float], *, database: str, name: str, cases: int, seed: int
) -> dict[str, Any]:
    rows = register_rows(cases)
    csv_path = write_register(targets.VAR / "registers" / f"register-{rows}-{seed}.csv", rows, seed)
    copy = f"{name}-import"
    _release_dataset(database)
    targets.create_database(database, copy, template=name)
    url = targets.database_url(database, copy)
    env = targets.process_env(url)
    notes: dict[str, Any] = {"rows": rows, "file": str(csv_path)}
    try:
        plain = run_process(
            [sys.executable, "-m", "bench.plain_load", str(csv_path), url],
            env=env,
            cwd=targets.ROOT,
        )
        if plain.returncode != 0:
            raise RuntimeError(f"pandas: {plain.stderr.strip()[-2000:]}")
        pandas = json.loads(plain.stdout)
        command = ["import", "victims", str(csv_path), "--organisation", ORGANISATION]
        dry = run_process(targets.nrm_command(*command, "--dry-run"), env=env, cwd=targets.ROOT)
        if dry.returncode != 0:
            raise RuntimeError(f"nrm import --dry-run: {dry.stderr.strip()[-2000:]}")
        before = database_bytes(database, url)
        real = run_process(targets.nrm_command(*command), env=env, cwd=targets.ROOT)
        if real.returncode != 0 or "Imported" not in real.stdout:
            raise RuntimeError(f"nrm import: {real.stdout[-500:]} {real.stderr.strip()[-2000:]}")
        after = database_bytes(database, url)
    finally:
        targets.drop_database(database, copy)
    metrics.update(
        {
            "import.rows": rows,
            "import.pandas_s": pandas["seconds"],
            "import.pandas_peak_mb": plain.peak_mb,
            "import.dry_run_s": dry.seconds,
            "import.dry_run_peak_mb": dry.peak_mb,
            "import.nrm_s": real.seconds,
            "import.nrm_peak_mb": real.peak_mb,
            "import.rows_per_s": rows / real.seconds,
            "import.ratio_pandas": real.seconds / pandas["seconds"],
            "import.ratio_dry_run": real.seconds / dry.seconds,
            "import.growth_bytes": after - before,
            "import.plain_bytes": pandas["table_bytes"],
            "import.ratio_growth": (after - before) / max(1, pandas["table_bytes"]),
        }
    )
    notes["nrm_output"] = real.stdout.strip().splitlines()[-1:]
    notes["pandas_in_process_s"] = pandas["seconds"]
    notes["pandas_process_s"] = plain.seconds
    return notes
