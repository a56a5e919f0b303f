"""Clocks: repeated timings with percentiles, and child processes with their peak memory."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (p50 of [1, 2, 3, 4] is 2, p95 of 20 values the 19th)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Timings:
    seconds: list[float]

    @property
    def p50_ms(self) -> float:
        return percentile(self.seconds, 0.50) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 0.95) * 1000

    @property
    def median_s(self) -> float:
        return percentile(self.seconds, 0.50)


def repeat(
    run: Callable[[], Any],
    *,
    times: int,
    budget_s: float,
    at_least: int = 3,
    slow_s: float = 1.0,
) -> Timings:
    """Time `run` up to `times` times after a first run that warms up; stop early once
    `budget_s` is spent (after `at_least` runs), so that a slow figure at a million cases does
    not take the hour. A first run slower than `slow_s` counts as a sample (warming up is
    nothing next to it), and then the budget alone decides: one run may be all there is."""
    started = time.perf_counter()
    run()
    first = time.perf_counter() - started
    seconds = [first] if first >= slow_s else []
    minimum = 1 if seconds else at_least
    spent = first
    while len(seconds) < times and (len(seconds) < minimum or spent < budget_s):
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
        seconds.append(elapsed)
        spent += elapsed
    return Timings(seconds)


@dataclass
class ProcessRun:
    seconds: float
    peak_mb: float  # the child's maximum resident set size
    returncode: int
    stdout: str
    stderr: str


def run_process(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout_s: float = 3600,
) -> ProcessRun:
    """Run a command to its end: its wall time and its own peak RSS, through bench.launch
    (see there why), with its output captured."""
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "report.json"
        launcher = [sys.executable, "-m", "bench.launch", str(report), *argv]
        done = subprocess.run(
            launcher,
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        if not report.exists():
            return ProcessRun(0.0, 0.0, done.returncode or 1, done.stdout, done.stderr)
        found = json.loads(report.read_text())
    return ProcessRun(
        found["seconds"], found["peak_mb"], found["returncode"], done.stdout, done.stderr
    )
