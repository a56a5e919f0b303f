"""What a run means: the table, the goals of issue 17, growth between scales, regressions.

Pure functions over the results (no Django, no database), so that bench/tests can check them.
Results: {"scales": {label: {"cases": n, db: {"metrics": {...}, "notes": {...}}}},
"demo": {db: {"metrics": {...}, "notes": {...}}}}, with db "sqlite" or "postgres".
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

DATABASES = ("sqlite", "postgres")
DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
ROLES = ("coordinator", "case_worker", "field_identifier")
ROLE_NAMES = {
    "coordinator": "coordinator",
    "case_worker": "case worker",
    "field_identifier": "field identifier",
}
FILTERS = {
    "none": "first page",
    "next": "next page",
    "labour": "exploitation=labour",
    "not_recorded": "exploitation=not_recorded",
    "code": "q=<a code>",
    "combined": "status+exploitation+years",
}
REGRESSION = 1.25  # a figure 25% worse than the baseline is reported
GROWTH_TOLERANCE = 1.10  # growth up to 10% beyond linear is noise
# Figures of the comparisons (DuckDB, pandas, the export), not of NRM: never "regressions".
NOT_NRM = ("duckdb", "pandas", "export_s", "plain_bytes")

Metrics = dict[str, float]


# Directions ---------------------------------------------------------------------------------


def direction(key: str) -> int:
    """-1: lower is better; +1: higher is better; 0: not a performance figure."""
    last = key.rsplit(".", 1)[-1]
    if key.startswith("dataset.") or last in ("rows", "match", "cases", "timed_out"):
        return 0
    if last == "rows_per_s" or last.endswith("_rps") or key == "screening.ratio":
        return 1
    if last.endswith(("_ms", "_s", "_mb", "_bytes")) or last in ("s", "queries"):
        return -1
    if last.startswith("ratio"):
        return -1
    return 0


def worse_by(key: str, old: float, new: float) -> float:
    """How many times worse `new` is than `old` (1.0: the same or better)."""
    sign = direction(key)
    if sign == 0 or old <= 0 or new <= 0:
        return 1.0
    factor = new / old if sign < 0 else old / new
    return max(1.0, factor)


# Flattening, baseline and regressions --------------------------------------------------------


def flatten(results: dict[str, Any]) -> dict[str, float]:
    """{"10k/sqlite/lists...p95_ms": value, "demo/postgres/bulletin.pdf_s": value, ...}."""
    flat: dict[str, float] = {}
    for label, scale in results.get("scales", {}).items():
        for database in DATABASES:
            for key, value in scale.get(database, {}).get("metrics", {}).items():
                flat[f"{label}/{database}/{key}"] = value
    for database in DATABASES:
        for key, value in results.get("demo", {}).get(database, {}).get("metrics", {}).items():
            flat[f"demo/{database}/{key}"] = value
    return flat


@dataclass(frozen=True)
class Regression:
    key: str
    baseline: float
    now: float
    factor: float


def regressions(baseline: dict[str, float], now: dict[str, float]) -> list[Regression]:
    """Every NRM figure more than 25% worse than the baseline, worst first."""
    found = []
    for key, value in now.items():
        metric = key.rsplit("/", 1)[-1]
        if key not in baseline or any(part in metric for part in NOT_NRM):
            continue
        factor = worse_by(metric, baseline[key], value)
        if factor > REGRESSION:
            found.append(Regression(key, baseline[key], value, factor))
    return sorted(found, key=lambda r: -r.factor)


# Growth -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    key: str  # "sqlite/lists.web.case_worker.none.p50_ms"
    values: tuple[float, ...]  # one per scale
    basis: tuple[float, ...]  # cases (or import rows) per scale
    faster_than_linear: bool

    @property
    def exponent(self) -> float:
        """log(value growth) / log(size growth) over the whole range: 1 is linear."""
        first, last = self.values[0], self.values[-1]
        size = self.basis[-1] / self.basis[0]
        if first <= 0 or last <= 0 or size <= 1:
            return float("nan")
        return math.log(last / first) / math.log(size)


def _grows_too_fast(key: str, values: list[float], basis: list[float]) -> bool:
    metric = key.rsplit(".", 1)[-1]
    for (v1, n1), (v2, n2) in itertools.pairwise(zip(values, basis, strict=True)):
        if v1 <= 0 or n1 <= 0:
            continue
        if metric == "queries":
            if v2 > v1:  # a list's query count must not depend on the size
                return True
        elif v2 / v1 > (n2 / n1) * GROWTH_TOLERANCE:
            return True
    return False


def growth(results: dict[str, Any]) -> list[Growth]:
    """How each time figure and query count grows from the smallest scale to the largest.

    Sizes are cases, except for the import (rows of the register); a figure whose growth
    between two neighbouring scales exceeds the size's growth (by more than 10%) is flagged.
    """
    scales = sorted(results.get("scales", {}).items(), key=lambda item: item[1]["cases"])
    if len(scales) < 2:
        return []
    found = []
    for database in DATABASES:
        runs = [scale.get(database, {}).get("metrics", {}) for _label, scale in scales]
        keys = set.intersection(*(set(run) for run in runs)) if all(runs) else set()
        for key in sorted(keys):
            metric = key.rsplit(".", 1)[-1]
            timed = metric == "s" or (metric.endswith(("_ms", "_s")) and metric != "rows_per_s")
            if direction(key) >= 0 or not (timed or metric == "queries"):
                continue
            if any(part in metric for part in NOT_NRM):
                continue
            figure = key.rsplit(".", 1)[0]
            if any(run.get(f"{figure}.timed_out") for run in runs):
                continue  # a stopped figure's value is the limit, not a measurement
            values = [float(run[key]) for run in runs]
            size = "import.rows" if key.startswith("import.") else "dataset.cases"
            basis = [float(run.get(size, 0)) for run in runs]
            found.append(
                Growth(
                    f"{database}/{key}",
                    tuple(values),
                    tuple(basis),
                    _grows_too_fast(key, values, basis),
                )
            )
    return found


# The table ----------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    cells: dict[str, str]  # database -> text
    comparison: str = ""
    ratio: str = ""


def _get(metrics: Metrics, *keys: str) -> list[float] | None:
    values = [metrics.get(k) for k in keys]
    if any(v is None for v in values):
        return None
    return [float(v) for v in values if v is not None]


def _per_database(
    runs: dict[str, Metrics], render: Callable[[Metrics], str | None]
) -> dict[str, str]:
    return {db: text for db in DATABASES if db in runs and (text := render(runs[db])) is not None}


def _joined(runs: dict[str, Metrics], render: Callable[[Metrics], str | None]) -> str:
    """One text per database, "SQLite / PostgreSQL" when both have one."""
    texts = [text for db in DATABASES if db in runs and (text := render(runs[db])) is not None]
    return " / ".join(texts)


def _mb(value: float) -> str:
    return f"{value / 1024 / 1024:,.1f} MB"


def _list_cell(metrics: Metrics, key: str) -> str | None:
    return _ms(metrics, key)


def _ms(metrics: Metrics, key: str) -> str | None:
    if metrics.get(f"{key}.timed_out"):
        return f"stopped at {metrics[f'{key}.p95_ms'] / 1000:,.4g} s"
    found = _get(metrics, f"{key}.p50_ms", f"{key}.p95_ms", f"{key}.queries")
    if found is None:
        return None
    p50, p95, queries = found
    return f"{p50:,.0f} / {p95:,.0f} ms, {queries:.0f} q"


def scale_rows(label: str, scale: dict[str, Any]) -> list[Row]:
    runs: dict[str, Metrics] = {
        db: scale[db]["metrics"] for db in DATABASES if db in scale and "metrics" in scale[db]
    }
    notes = {db: scale[db].get("notes", {}) for db in runs}
    rows = [
        Row(
            f"dataset: {scale['cases']:,} cases",
            {db: _dataset_text(notes[db].get("dataset", {})) for db in runs},
        )
    ]
    rows += _import_rows(runs)
    for channel in ("web", "api"):
        for role in ROLES:
            for name, text in FILTERS.items():
                key = f"lists.{channel}.{role}.{name}"
                cells = _per_database(runs, functools.partial(_list_cell, key=key))
                if cells:
                    rows.append(
                        Row(f"case list ({channel}), {ROLE_NAMES[role]}, {text}, p50 / p95", cells)
                    )
    rows += _statistics_rows(runs)
    return rows


def _dataset_text(dataset: dict[str, Any]) -> str:
    if not dataset:
        return "-"
    made = f"{dataset.get('generated_s', 0):,.0f} s"
    return f"reused (made in {made})" if dataset.get("reused") else f"made in {made}"


def _import_rows(runs: dict[str, Metrics]) -> list[Row]:
    some = next((m for m in runs.values() if "import.rows" in m), None)
    if some is None:
        return []
    return [
        Row(
            f"victim register import, {some['import.rows']:,.0f} rows, whole process",
            _per_database(
                runs,
                lambda m: (
                    None
                    if "import.nrm_s" not in m
                    else f"{m['import.nrm_s']:,.1f} s ({m['import.rows_per_s']:,.0f} rows/s, "
                    f"{m['import.nrm_peak_mb']:,.0f} MB)"
                ),
            ),
            "pandas read_csv + to_sql: "
            + _joined(runs, lambda m: _seconds(m, "import.pandas_s"))
            + "; --dry-run: "
            + _joined(runs, lambda m: _seconds(m, "import.dry_run_s")),
            _joined(
                runs,
                lambda m: (
                    None
                    if "import.ratio_pandas" not in m
                    else f"{m['import.ratio_pandas']:,.0f}x pandas, "
                    f"{m['import.ratio_dry_run']:.1f}x dry run"
                ),
            ),
        ),
        Row(
            "database growth of the import",
            _per_database(
                runs,
                lambda m: _mb(m["import.growth_bytes"]) if "import.growth_bytes" in m else None,
            ),
            "plain table: "
            + _joined(
                runs, lambda m: _mb(m["import.plain_bytes"]) if "import.plain_bytes" in m else None
            ),
            _joined(
                runs,
                lambda m: (
                    f"{m['import.ratio_growth']:.1f}x" if "import.ratio_growth" in m else None
                ),
            ),
        ),
    ]


def _seconds(metrics: Metrics, key: str, digits: int = 2) -> str | None:
    if metrics.get(key.removesuffix(".s") + ".timed_out"):
        return f"stopped at {metrics[key]:,.4g} s"
    return f"{metrics[key]:,.{digits}f} s" if key in metrics else None


def _statistics_rows(runs: dict[str, Metrics]) -> list[Row]:
    rows = []
    cells = _per_database(runs, lambda m: _ms(m, "statistics.dashboard"))
    if cells:
        rows.append(Row("statistics dashboard /statistics/?period=2024, p50 / p95", cells))
    cells = _per_database(runs, lambda m: _seconds(m, "statistics.family.victims.s", 3))
    if cells:
        rows.append(
            Row(
                "victims statistics for 2024, in-process",
                cells,
                _joined(runs, _duckdb_text),
                _joined(runs, _duckdb_ratio),
            )
        )
    families = sorted(
        {
            key.split(".")[2]
            for metrics in runs.values()
            for key in metrics
            if key.startswith("statistics.family.") and key.split(".")[2] != "victims"
        }
    )
    for family in families:
        key = f"statistics.family.{family}.s"
        rows.append(
            Row(
                f"{family} statistics for 2024, in-process",
                _per_database(runs, functools.partial(_seconds, key=key, digits=3)),
            )
        )
    return rows


def _duckdb_text(m: Metrics) -> str | None:
    found = _get(
        m,
        "statistics.victims.duckdb_parquet_s",
        "statistics.victims.duckdb_arrow_s",
        "statistics.victims.pandas_s",
        "statistics.victims.export_s",
    )
    if found is None:
        return None
    parquet, arrow, pandas, export = found
    return (
        f"DuckDB on Parquet {parquet:.3f} s, in memory {arrow:.3f} s; pandas {pandas:.3f} s "
        f"(export {export:.2f} s)"
    )


def _duckdb_ratio(m: Metrics) -> str | None:
    if m.get("statistics.victims.match") == 0:
        return "MISMATCH: no ratio"
    found = _get(m, "statistics.victims.ratio_parquet", "statistics.victims.ratio_arrow")
    if found is None:
        return None
    return f"{found[0]:.1f}x / {found[1]:.1f}x DuckDB"


def demo_rows(demo: dict[str, Any]) -> list[Row]:
    runs: dict[str, Metrics] = {
        db: demo[db]["metrics"] for db in DATABASES if db in demo and "metrics" in demo[db]
    }
    rows = []
    cells = _per_database(
        runs,
        lambda m: (
            None
            if "bulletin.pdf_s" not in m
            else f"{m['bulletin.pdf_s']:.1f} s, {m['bulletin.peak_mb']:,.0f} MB"
        ),
    )
    if cells:
        rows.append(Row("bulletin 2024-H2 PDF (en), nrm bulletin, peak memory", cells))
    cells = _per_database(runs, lambda m: _seconds(m, "demo.load_s", 1))
    if cells:
        rows.append(Row("demo load, nrm demo on a fresh database", cells))
    cells = _per_database(
        runs,
        lambda m: (
            f"{m['screening.evaluate_rps']:,.0f} rps" if "screening.evaluate_rps" in m else None
        ),
    )
    if cells:
        tool = next((demo[db]["notes"].get("screening", {}).get("tool", "") for db in runs), "")
        rows.append(
            Row(
                f"screening evaluation API, gunicorn 2x4, {tool}",
                cells,
                "/health/ "
                + _joined(
                    runs,
                    lambda m: (
                        f"{m['screening.health_rps']:,.0f} rps"
                        if "screening.health_rps" in m
                        else None
                    ),
                ),
                _joined(
                    runs,
                    lambda m: (
                        f"{m['screening.ratio']:.0%} of /health/"
                        if "screening.ratio" in m
                        else None
                    ),
                ),
            )
        )
    return rows


def markdown(rows: Iterable[Row]) -> str:
    """The rows as a Markdown table: what | SQLite | PostgreSQL | comparison | ratio."""
    lines = ["| what | SQLite | PostgreSQL | comparison | ratio |", "|---|---|---|---|---|"]
    for row in rows:
        cells = [row.what, row.cells.get("sqlite", "-"), row.cells.get("postgres", "-")]
        lines.append("| " + " | ".join([*cells, row.comparison or "-", row.ratio or "-"]) + " |")
    return "\n".join(lines)


# The goals of issue 17 -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    goal: str
    database: str
    value: str
    met: bool


def goals(results: dict[str, Any]) -> list[Verdict]:
    """Each goal of issue 17 at the largest scale of the run (and on the demo database)."""
    verdicts: list[Verdict] = []
    scales = sorted(results.get("scales", {}).values(), key=lambda s: s["cases"])
    largest = scales[-1] if scales else {}
    for database in DATABASES:
        metrics: Metrics = largest.get(database, {}).get("metrics", {})
        if metrics:
            verdicts += _scale_goals(database, metrics)
        demo: Metrics = results.get("demo", {}).get(database, {}).get("metrics", {})
        verdicts += _demo_goals(database, demo)
    grown = growth(results)
    for database in DATABASES:
        mine = [g for g in grown if g.key.startswith(f"{database}/")]
        if not mine:
            continue
        fast = [g for g in mine if g.faster_than_linear]
        worst = max(fast, key=lambda g: g.exponent, default=None)
        value = (
            f"{len(fast)} of {len(mine)} figures grow faster (worst: "
            f"{worst.key.split('/', 1)[1]}, exponent {worst.exponent:.2f})"
            if worst is not None
            else f"all {len(mine)} figures"
        )
        verdicts.append(
            Verdict("every figure grows no faster than linearly", database, value, not fast)
        )
    return verdicts


def _check(
    verdicts: list[Verdict], goal: str, database: str, value: float | None, limit: float,
    text: str, higher: bool = False,
) -> None:  # fmt: skip
    if value is None:
        return
    met = value >= limit if higher else value <= limit
    verdicts.append(Verdict(goal, database, text, met))


def _scale_goals(database: str, m: Metrics) -> list[Verdict]:
    verdicts: list[Verdict] = []
    ratio = m.get("import.ratio_pandas")
    _check(verdicts, "import <= 10x pandas", database, ratio, 10, f"{ratio or 0:,.1f}x")
    ratio = m.get("import.ratio_dry_run")
    _check(verdicts, "import <= 3x its --dry-run", database, ratio, 3, f"{ratio or 0:,.1f}x")
    ratio = m.get("import.ratio_growth")
    _check(
        verdicts,
        "import grows the database <= 3x a plain table",
        database,
        ratio,
        3,
        f"{ratio or 0:,.1f}x",
    )
    ratio = m.get("statistics.victims.ratio_parquet")
    if m.get("statistics.victims.match") == 0:
        verdicts.append(Verdict("victims statistics <= 3x DuckDB", database, "MISMATCH", False))
    else:
        _check(
            verdicts,
            "year's victims statistics <= 3x DuckDB (Parquet)",
            database,
            ratio,
            3,
            f"{ratio or 0:,.1f}x",
        )
    families = {k: v for k, v in m.items() if k.startswith("statistics.family.")}
    if families:
        key, slowest = max(families.items(), key=lambda item: item[1])
        _check(
            verdicts,
            "every statistics family < 1 s",
            database,
            slowest,
            1.0,
            f"{slowest:.3f} s ({key.split('.')[2]})",
        )
    lists = {k: v for k, v in m.items() if k.startswith("lists.") and k.endswith(".p95_ms")}
    if lists:
        key, slowest = max(lists.items(), key=lambda item: item[1])
        _check(
            verdicts,
            "every list p95 < 100 ms",
            database,
            slowest,
            100,
            f"{slowest:,.0f} ms ({key.removesuffix('.p95_ms')})",
        )
    value = m.get("statistics.dashboard.p95_ms")
    _check(
        verdicts,
        "dashboard for a year < 500 ms (p95)",
        database,
        value,
        500,
        f"{value or 0:,.0f} ms",
    )
    return verdicts  # fmt: skip


def _demo_goals(database: str, m: Metrics) -> list[Verdict]:
    verdicts: list[Verdict] = []
    value = m.get("bulletin.pdf_s")
    _check(verdicts, "bulletin PDF < 5 s", database, value, 5, f"{value or 0:.1f} s")
    value = m.get("bulletin.peak_mb")
    _check(verdicts, "bulletin PDF < 300 MB", database, value, 300, f"{value or 0:,.0f} MB")
    value = m.get("demo.load_s")
    _check(verdicts, "demo loads < 20 s", database, value, 20, f"{value or 0:.1f} s")
    value = m.get("screening.ratio")
    _check(
        verdicts,
        "screening API >= 50% of /health/",
        database,
        value,
        0.5,
        f"{value or 0:.0%}",
        higher=True,
    )
    return verdicts
