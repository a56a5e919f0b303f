"""Micro benchmarks (`python -m bench --micro`, or `python -m bench.micro [module ...]`):
encryption, screening scoring, trial monitoring, activities and the bulletin's stages, each
timed alone and printed with its peak memory.

A benchmark module defines `BENCHMARKS`: a list of (name, setup, run) where setup() prepares data
(untimed) and returns the argument for run(), which is timed. The database is a fresh SQLite
file, var/bench/micro/bench.sqlite3 (or DATABASE_URL when set).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPEAT = 3


def setup_django() -> None:
    base = Path(__file__).resolve().parent.parent.parent
    os.environ.setdefault("NRM_ENV", "development")
    os.environ.setdefault("NRM_VAR_DIR", str(base / "var" / "bench"))
    database = base / "var" / "bench" / "micro" / "bench.sqlite3"
    if "DATABASE_URL" not in os.environ:
        database.parent.mkdir(parents=True, exist_ok=True)
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def measure(setup: Any, run: Any) -> tuple[float, float, float]:
    """Median and best time of REPEAT untraced runs, then one traced run for peak memory
    (tracing slows Python down several times, so it never shares a run with the clock)."""
    times = []
    for _ in range(REPEAT):
        argument = setup()
        started = time.perf_counter()
        run(argument)
        times.append(time.perf_counter() - started)
    argument = setup()
    tracemalloc.start()
    run(argument)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), min(times), peak / 1024 / 1024


def main() -> None:
    setup_django()
    wanted = sys.argv[1:]
    print(f"{'benchmark':48} {'median s':>10} {'best s':>10} {'peak MiB':>10}")
    for module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module_info.name.startswith("_") or (wanted and module_info.name not in wanted):
            continue
        module = importlib.import_module(f"bench.micro.{module_info.name}")
        for name, setup, run in module.BENCHMARKS:
            median, best, peak = measure(setup, run)
            print(f"{module_info.name + ': ' + name:48} {median:10.3f} {best:10.3f} {peak:10.1f}")


if __name__ == "__main__":
    main()
