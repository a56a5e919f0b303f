"""Serve one installation with several `nrm serve` processes, for tests that need real servers.

The processes share one database (a SQLite file, or a PostgreSQL database made for the test), as
production servers share one; each has its own log file, so that a test can read what gunicorn
wrote.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NRM = str(Path(sys.executable).with_name("nrm"))
STARTUP_SECONDS = 180  # a guard against a server that never answers, not a measurement


@dataclass
class Server:
    url: str
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def installation_env(folder: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NRM_CACHE_URL", "DATABASE_URL")}
    env.update(
        NRM_ENV="test",
        NRM_VAR_DIR=str(folder),
        DATABASE_URL=database_url or f"sqlite:///{folder / 'nrm.sqlite3'}",
        DJANGO_SETTINGS_MODULE="nrm.settings",
    )
    return env


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of `server_url` (dropped afterwards):
    its URL."""
    import psycopg

    name = f"nrm_served_{secrets.token_hex(4)}"
    base, _slash, _database = server_url.rpartition("/")
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"nrm serve stopped:\n{server.log_text()}")
        try:
            with urllib.request.urlopen(server.url + "/health/", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"nrm serve did not answer:\n{server.log_text()}")


@contextmanager
def served_installation(
    folder: Path,
    *,
    processes: int = 2,
    extra_env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[list[Server]]:
    """Migrate a fresh database (in `folder`, or at `database_url`), then serve it with
    `processes` servers."""
    env = {**installation_env(folder, database_url), **(extra_env or {})}
    subprocess.run([NRM, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
    servers: list[Server] = []
    try:
        for number in range(processes):
            port = free_port()
            log = folder / f"server-{number}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(  # noqa: S603
                    [NRM, "serve", "--port", str(port), "--workers", "1"],
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            servers.append(Server(f"http://127.0.0.1:{port}", port, log, process))
        for server in servers:
            _wait_until_up(server)
        yield servers
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
