"""The demo database: how long `nrm demo` takes on a fresh database, and the bulletin.

SQLite's demo is loaded afresh on every run (that is the demo's load time); PostgreSQL's is
kept in `nrm_bench_demo` and reused (migrated) while its marker says it is the demo.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import connection

from bench import generator, targets
from bench.measure import run_process

NAME = "demo"
BULLETIN_RUNS = 2


def _demo_marker_ok() -> bool:
    try:
        return generator.matches(generator.marker(), 0, 0)
    except Exception:  # no such database yet
        connection.close()
        return False


def ensure_demo(metrics: dict[str, float], *, database: str, fresh: bool) -> dict[str, Any]:
    """The demo database, loaded with `nrm demo` (timed) unless it may be reused."""
    if not fresh and _demo_marker_ok():
        call_command("migrate", verbosity=0)
        return {"demo": "reused"}
    connection.close()
    targets.create_database(database, NAME)
    env = targets.process_env(targets.database_url(database, NAME))
    loaded = run_process(targets.nrm_command("demo", "--quiet-accounts"), env=env, cwd=targets.ROOT)
    if loaded.returncode != 0:
        raise RuntimeError(f"nrm demo: {loaded.stderr.strip()[-2000:]}")
    metrics["demo.load_s"] = loaded.seconds
    metrics["demo.peak_mb"] = loaded.peak_mb
    generator.write_marker(generator.GenerationReport(0, 0, loaded.seconds, {}))
    return {"demo": "loaded"}


def bulletin(metrics: dict[str, float], *, database: str) -> dict[str, Any]:
    """`nrm bulletin --period 2024-H2 --format pdf` (en), BULLETIN_RUNS times: the fastest
    run's time (the others met a busier machine) and the largest peak memory."""
    out = targets.VAR / NAME / f"bulletin-2024-H2-{database}.pdf"
    out.unlink(missing_ok=True)
    env = targets.process_env(targets.database_url(database, NAME))
    argv = targets.nrm_command(
        "bulletin", "--period", "2024-H2", "--format", "pdf", "--lang", "en", "--out", str(out)
    )
    runs = [run_process(argv, env=env, cwd=targets.ROOT) for _ in range(BULLETIN_RUNS)]
    failed = [r for r in runs if r.returncode != 0]
    if failed or not out.exists():
        raise RuntimeError(f"nrm bulletin: {(failed or runs)[0].stderr.strip()[-2000:]}")
    metrics["bulletin.pdf_s"] = min(r.seconds for r in runs)
    metrics["bulletin.peak_mb"] = max(r.peak_mb for r in runs)
    return {"bulletin_runs_s": [r.seconds for r in runs], "bulletin_bytes": out.stat().st_size}
