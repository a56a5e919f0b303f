"""Where the benchmark's databases live, and the environment of every process it starts.

SQLite: var/bench/<name>/nrm.sqlite3. PostgreSQL: a database `nrm_bench_<name>` on the server
of NRM_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres). Every
process runs with NRM_VAR_DIR=var/bench, so that all of them share the keys that encrypted the
stored personal data, and with NRM_DEBUG off, as in production.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
RESULTS = VAR / "results"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASES = ("sqlite", "postgres")


def postgres_server_url() -> str:
    return os.environ.get("NRM_BENCH_POSTGRES_URL") or DEFAULT_POSTGRES


def postgres_database_name(name: str) -> str:
    return f"nrm_bench_{name}".replace("-", "_").replace(".", "_")


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def sqlite_path(name: str) -> Path:
    return VAR / name / "nrm.sqlite3"


def database_url(database: str, name: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{sqlite_path(name)}"
    return _with_database(postgres_server_url(), postgres_database_name(name))


def postgres_problem() -> str | None:
    """Why the PostgreSQL server cannot be used (None when it answers)."""
    try:
        import psycopg

        with psycopg.connect(postgres_server_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure means: run SQLite only, and say why
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
    return None


def _server_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(postgres_server_url(), autocommit=True) as conn:
        conn.execute(sql.encode())  # names made by postgres_database_name


def create_database(database: str, name: str, *, template: str | None = None) -> None:
    """A new, empty database (or a copy of `template`'s), replacing one of the same name."""
    drop_database(database, name)
    if database == "sqlite":
        path = sqlite_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if template is not None:
            shutil.copyfile(sqlite_path(template), path)
        return
    target = postgres_database_name(name)
    clause = f" TEMPLATE {postgres_database_name(template)}" if template else ""
    _server_execute(f'CREATE DATABASE "{target}"{clause}')


def drop_database(database: str, name: str) -> None:
    if database == "sqlite":
        path = sqlite_path(name)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if path.parent.exists() and not any(path.parent.iterdir()):
            path.parent.rmdir()
        return
    _server_execute(f'DROP DATABASE IF EXISTS "{postgres_database_name(name)}"')


def process_env(database_url_value: str) -> dict[str, str]:
    """The environment of a process that works on one of the benchmark's databases."""
    env = dict(os.environ)
    env.update(
        {
            "NRM_ENV": "development",
            "NRM_DEBUG": "false",
            "NRM_VAR_DIR": str(VAR),
            "DATABASE_URL": database_url_value,
            "DJANGO_SETTINGS_MODULE": "nrm.settings",
            "NRM_LOG_LEVEL": "WARNING",
        }
    )
    return env


def nrm_command(*args: str) -> list[str]:
    """`nrm ARGS` with this interpreter (the project's virtual environment)."""
    return [sys.executable, "-m", "nrm.cli", *args]
