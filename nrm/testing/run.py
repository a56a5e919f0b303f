"""`make test`: the whole suite on SQLite, then again on PostgreSQL.

PostgreSQL is taken from NRM_TEST_DATABASE_URL (default: the local server). When it does not
answer, the run tries to start a local cluster; in CI (CI=true) a missing PostgreSQL or Chromium
fails the run instead of skipping. Extra arguments are passed to pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
CHROMIUM = os.environ.get("NRM_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def say(message: str) -> None:
    print(f"\n== {message}", flush=True)


def fail(message: str) -> None:
    print(f"\nERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian's Chromium for the browser tests (apt-get install chromium)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env)  # noqa: S607
    if not os.path.exists(CHROMIUM):
        if IN_CI:
            fail(f"Chromium is required for the browser tests in CI and is missing at {CHROMIUM}")
        say(f"Chromium is missing at {CHROMIUM}: browser tests will be SKIPPED")


def postgres_answers(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def ensure_postgres(url: str) -> bool:
    if postgres_answers(url):
        return True
    if shutil.which("pg_ctlcluster") and os.path.isdir("/etc/postgresql"):
        for version in sorted(os.listdir("/etc/postgresql")):
            say(f"Starting the local PostgreSQL {version} cluster")
            subprocess.run(  # noqa: S603
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],  # noqa: S607
                check=False,
            )
        for _ in range(10):
            if postgres_answers(url):
                return True
            time.sleep(1)
    return False


def pytest(database_url: str, label: str, args: list[str]) -> int:
    say(f"Tests on {label}")
    env = {**os.environ, "DATABASE_URL": database_url, "NRM_ENV": "test"}
    # Every worker and every command a test starts imports Django, matplotlib and WeasyPrint:
    # compiled once and cached, not compiled again in each process (a machine may ask Python
    # not to write bytecode; the installed packages are compiled by `uv sync`).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "pytest", *args]
    return subprocess.run(command, env=env, check=False).returncode  # noqa: S603


def main() -> None:
    # Parallel on every core (pytest-xdist); each worker gets its own test database.
    args = sys.argv[1:] or ["-q", "-n", "auto"]
    ensure_chromium()
    status = pytest("sqlite:///:memory:", "SQLite", args)
    if status != 0:
        fail("the SQLite pass failed")
    pg_url = os.environ.get("NRM_TEST_DATABASE_URL", DEFAULT_PG)
    if not ensure_postgres(pg_url):
        if IN_CI:
            fail(f"PostgreSQL does not answer at {pg_url}; it is required in CI")
        say(f"PostgreSQL does not answer at {pg_url}: the PostgreSQL pass is SKIPPED")
        return
    # Browser tests drive pages whose behaviour does not depend on the database, and they are
    # the slowest (the crawl of every page at two widths): they run in the SQLite pass only, as
    # do the tests marked one_database (the pages' language, HTTP headers, what a process
    # imports). Everything under them (services, selectors, the API, the authorization matrix,
    # the canary, the fuzz test) runs on PostgreSQL too.
    say("PostgreSQL pass: every test but the browser and one_database tests (run on SQLite)")
    if pytest(pg_url, "PostgreSQL", [*args, "-m", "not browser and not one_database"]) != 0:
        fail("the PostgreSQL pass failed")
    say("All tests passed on SQLite and PostgreSQL")


if __name__ == "__main__":
    main()
