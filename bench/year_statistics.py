"""Statistics of 2024: the dashboard, every family in-process, and the victims figures
computed again by DuckDB (on Parquet and on Arrow in memory) and pandas from the same rows.

The comparison is only worth something if it computes the same thing: DuckDB's figures are
checked against NRM's, and a mismatch is printed loudly (and recorded as match = 0).
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import guard
from bench.lists import stopped
from bench.measure import repeat

YEAR = 2024
VICTIM_STATUSES = ("potential", "identified", "closed")
SEXES = ("female", "male", "other", "unknown")
AGE_GROUPS = ("adult", "minor", "unknown")
FORMS = (
    "sexual",
    "labour",
    "begging",
    "criminality",
    "marriage",
    "domestic_servitude",
    "organ_removal",
    "other",
)
FAMILY_BUDGET_S = 30.0


def period() -> Any:
    from nrm.core.periods import Period

    return Period.parse(str(YEAR))


# NRM ----------------------------------------------------------------------------------------


def dashboard(metrics: dict[str, float], *, times: int, coordinator: Any) -> list[dict[str, Any]]:
    client = Client()
    client.force_login(coordinator)
    url = f"/statistics/?period={YEAR}"

    def get() -> None:
        with guard.request():
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: {response.status_code}")

    try:
        timings = repeat(get, times=times, budget_s=FAMILY_BUDGET_S)
        with CaptureQueriesContext(connection) as queries:
            get()
    except guard.Stopped:
        stopped(metrics, "statistics.dashboard")
        return []
    metrics["statistics.dashboard.p50_ms"] = timings.p50_ms
    metrics["statistics.dashboard.p95_ms"] = timings.p95_ms
    metrics["statistics.dashboard.queries"] = len(queries.captured_queries)
    return list(queries.captured_queries)


def families(metrics: dict[str, float]) -> dict[str, Any]:
    """Each family for the year, as the operator (median of up to 5 runs); returns the
    victims family's figures for the comparison."""
    from nrm.core.registry import statistic_families

    figures: dict[str, Any] = {}
    for name, family in statistic_families().items():

        def compute(family: Any = family, name: str = name) -> None:
            with guard.request():
                figures[name] = family(period=period(), actor=None)

        try:
            timings = repeat(compute, times=5, budget_s=FAMILY_BUDGET_S, at_least=3)
        except guard.Stopped:
            metrics[f"statistics.family.{name}.s"] = guard.limit_s()
            metrics[f"statistics.family.{name}.timed_out"] = 1
            continue
        metrics[f"statistics.family.{name}.s"] = timings.median_s
    return figures.get("victims", {})


def victim_queries() -> list[dict[str, Any]]:
    from nrm.cases.statistics import victim_statistics

    with CaptureQueriesContext(connection) as queries:
        victim_statistics(period=period(), actor=None)
    return list(queries.captured_queries)


# The same rows, exported --------------------------------------------------------------------

EXPORTS = {
    "cases": (
        "SELECT id, status, identified_on, confirmed_on, sex, age_group, citizenship "
        "FROM cases_victimcase",
        ("id", "status", "identified_on", "confirmed_on", "sex", "age_group", "citizenship"),
    ),
    "exploitations": (
        "SELECT case_id, form FROM cases_caseexploitation",
        ("case_id", "form"),
    ),
    "stays": (
        'SELECT case_id, start, "end" FROM cases_shelterstay',
        ("case_id", "start", "end"),
    ),
}
DATE_COLUMNS = {"identified_on", "confirmed_on", "start", "end"}
BATCH = 100_000


def export_arrow() -> dict[str, Any]:
    """The rows the victims figures read, as Arrow tables (read in batches)."""
    import pyarrow as pa

    tables = {}
    for name, (sql, columns) in EXPORTS.items():
        batches = []
        with connection.cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(BATCH):
                arrays = []
                for index, column in enumerate(columns):
                    values = [row[index] for row in rows]
                    array = pa.array(values)
                    if column in DATE_COLUMNS and not pa.types.is_date32(array.type):
                        array = array.cast(pa.string()).cast(pa.date32())
                    arrays.append(array)
                batches.append(pa.record_batch(arrays, names=list(columns)))
        tables[name] = (
            pa.Table.from_batches(batches) if batches else pa.table({c: [] for c in columns})
        )
    return tables


def write_parquet(tables: dict[str, Any], directory: Path) -> dict[str, Path]:
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, table in tables.items():
        paths[name] = directory / f"{name}.parquet"
        pq.write_table(table, paths[name])
    return paths


# DuckDB -------------------------------------------------------------------------------------


def duckdb_figures(
    conn: Any, start: datetime.date, end: datetime.date, home: str
) -> dict[str, Any]:
    """The victims figures from tables (or views) `cases`, `exploitations`, `stays`."""
    statuses = ", ".join(f"'{s}'" for s in VICTIM_STATUSES)
    conn.execute(  # a view takes no parameters: the dates are ISO literals
        "CREATE OR REPLACE TEMP VIEW victims AS SELECT * FROM cases "
        f"WHERE status IN ({statuses}) "
        f"AND identified_on BETWEEN DATE '{start.isoformat()}' AND DATE '{end.isoformat()}'"
    )
    by_sex_age = conn.execute(
        "SELECT sex, age_group, count(*) FROM victims GROUP BY ALL"
    ).fetchall()
    potential, identified = conn.execute(
        "SELECT count(*) FILTER (WHERE confirmed_on IS NULL), "
        "count(*) FILTER (WHERE confirmed_on IS NOT NULL) FROM victims"
    ).fetchone()
    citizenship = conn.execute("SELECT citizenship, count(*) FROM victims GROUP BY ALL").fetchall()
    forms = conn.execute(
        "SELECT e.form, count(DISTINCT e.case_id) FROM exploitations e "
        "JOIN victims v ON v.id = e.case_id GROUP BY ALL"
    ).fetchall()
    (not_recorded,) = conn.execute(
        "SELECT count(*) FROM victims v ANTI JOIN exploitations e ON e.case_id = v.id"
    ).fetchone()
    (in_shelter,) = conn.execute(
        "SELECT count(DISTINCT s.case_id) FROM stays s JOIN cases c ON c.id = s.case_id "
        f"WHERE c.status IN ({statuses}) AND s.start <= ? AND (s.end IS NULL OR s.end >= ?)",
        [end, start],
    ).fetchone()
    return assemble(
        by_sex_age, potential, identified, citizenship, forms, not_recorded, in_shelter, home
    )


def assemble(
    by_sex_age: list[tuple[str, str, int]],
    potential: int,
    identified: int,
    citizenship: list[tuple[str, int]],
    forms: list[tuple[str, int]],
    not_recorded: int,
    in_shelter: int,
    home: str,
) -> dict[str, Any]:
    """The figures in the shape of NRM's victims family (the keys compared)."""
    cells = {(sex, group): n for sex, group, n in by_sex_age}
    total = sum(cells.values())
    by_citizenship = {(code or "unknown"): n for code, n in citizenship}
    by_citizenship.setdefault("unknown", 0)
    nationals = by_citizenship.get(home, 0)
    unknown = by_citizenship["unknown"]
    found_forms = dict(forms)
    return {
        "total": total,
        "by_status": {"potential": potential, "identified": identified},
        "by_sex": {sex: sum(n for (s, _g), n in cells.items() if s == sex) for sex in SEXES},
        "by_age_group": {
            group: {
                "total": sum(cells.get((sex, group), 0) for sex in SEXES),
                **{sex: cells.get((sex, group), 0) for sex in SEXES},
            }
            for group in AGE_GROUPS
        },
        "by_exploitation": {
            **{form: found_forms.get(form, 0) for form in FORMS},
            "not_recorded": not_recorded,
        },
        "by_citizenship": by_citizenship,
        "nationals": nationals,
        "foreigners": total - nationals - unknown,
        "citizenship_unknown": unknown,
        "in_shelter": in_shelter,
    }


COMPARED = (
    "total",
    "by_status",
    "by_sex",
    "by_age_group",
    "by_exploitation",
    "by_citizenship",
    "nationals",
    "foreigners",
    "citizenship_unknown",
    "in_shelter",
)


def differences(nrm: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """Where two sets of victims figures disagree (empty when they agree)."""
    found = []
    for key in COMPARED:
        mine, theirs = nrm.get(key), other.get(key)
        if isinstance(mine, dict) and isinstance(theirs, dict):
            mine = {k: v for k, v in mine.items() if v}
            theirs = {k: v for k, v in theirs.items() if v}
        if mine != theirs:
            found.append(f"{key}: NRM {mine!r} != {theirs!r}")
    return found


def pandas_figures(
    frames: dict[str, Any], start: datetime.date, end: datetime.date, home: str
) -> dict[str, Any]:
    import pandas as pd

    cases = frames["cases"]
    victims = cases[
        cases["status"].isin(VICTIM_STATUSES)
        & (cases["identified_on"] >= pd.Timestamp(start))
        & (cases["identified_on"] <= pd.Timestamp(end))
    ]
    by_sex_age = [
        (s, g, int(n)) for (s, g), n in victims.groupby(["sex", "age_group"]).size().items()
    ]
    confirmed = victims["confirmed_on"].notna()
    citizenship = [(c, int(n)) for c, n in victims.groupby("citizenship").size().items()]
    exploitations = frames["exploitations"]
    joined = exploitations[exploitations["case_id"].isin(victims["id"])]
    forms = [(f, int(n)) for f, n in joined.groupby("form")["case_id"].nunique().items()]
    not_recorded = int((~victims["id"].isin(exploitations["case_id"])).sum())
    stays = frames["stays"]
    counted = cases.loc[cases["status"].isin(VICTIM_STATUSES), "id"]
    overlapping = stays[
        stays["case_id"].isin(counted)
        & (stays["start"] <= pd.Timestamp(end))
        & (stays["end"].isna() | (stays["end"] >= pd.Timestamp(start)))
    ]
    return assemble(
        by_sex_age,
        int((~confirmed).sum()),
        int(confirmed.sum()),
        citizenship,
        forms,
        not_recorded,
        int(overlapping["case_id"].nunique()),
        home,
    )


def compare(metrics: dict[str, float], nrm: dict[str, Any], directory: Path) -> dict[str, Any]:
    """DuckDB (Parquet and Arrow) and pandas on the same rows; checks their figures."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet

    pa.array(["2024-01-01"]).cast(pa.date32())  # so are Arrow's casts (seconds, once a process)

    notes: dict[str, Any] = {"duckdb": duckdb.__version__}
    started = time.perf_counter()
    tables = export_arrow()
    paths = write_parquet(tables, directory)
    metrics["statistics.victims.export_s"] = time.perf_counter() - started
    p = period()
    home = settings.NRM_HOME_COUNTRY.upper()
    results: dict[str, dict[str, Any]] = {}

    with duckdb.connect() as conn:
        for name, path in paths.items():
            conn.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")

        def on_parquet() -> None:
            results["duckdb_parquet"] = duckdb_figures(conn, p.start, p.end, home)

        metrics["statistics.victims.duckdb_parquet_s"] = repeat(
            on_parquet, times=5, budget_s=FAMILY_BUDGET_S, at_least=3
        ).median_s
    with duckdb.connect() as conn:
        for name, table in tables.items():
            conn.register(name, table)

        def in_memory() -> None:
            results["duckdb_arrow"] = duckdb_figures(conn, p.start, p.end, home)

        metrics["statistics.victims.duckdb_arrow_s"] = repeat(
            in_memory, times=5, budget_s=FAMILY_BUDGET_S, at_least=3
        ).median_s
    frames = {name: table.to_pandas() for name, table in tables.items()}
    for name in ("identified_on", "confirmed_on"):
        frames["cases"][name] = _timestamps(frames["cases"][name])
    for name in ("start", "end"):
        frames["stays"][name] = _timestamps(frames["stays"][name])

    def with_pandas() -> None:
        results["pandas"] = pandas_figures(frames, p.start, p.end, home)

    metrics["statistics.victims.pandas_s"] = repeat(
        with_pandas, times=5, budget_s=FAMILY_BUDGET_S, at_least=3
    ).median_s
    mismatches: dict[str, list[str]] = {}
    if not nrm:  # NRM's victims family was stopped at the limit: nothing to compare with
        notes["mismatches"] = "not compared: NRM's victims figures were not computed"
        return notes
    for engine, figures in results.items():
        found = differences(nrm, figures)
        if found:
            mismatches[engine] = found
            print(
                f"\n!!! MISMATCH: {engine}'s victims figures for {YEAR} differ from NRM's "
                "(the comparison is wrong, or NRM is):",
                *found,
                sep="\n!!!   ",
                file=sys.stderr,
            )
    metrics["statistics.victims.match"] = 0.0 if mismatches else 1.0
    nrm_s = metrics.get("statistics.family.victims.s")
    if nrm_s:
        metrics["statistics.victims.ratio_parquet"] = (
            nrm_s / metrics["statistics.victims.duckdb_parquet_s"]
        )
        metrics["statistics.victims.ratio_arrow"] = (
            nrm_s / metrics["statistics.victims.duckdb_arrow_s"]
        )
        metrics["statistics.victims.ratio_pandas"] = nrm_s / metrics["statistics.victims.pandas_s"]
    notes["mismatches"] = mismatches
    notes["rows"] = {name: table.num_rows for name, table in tables.items()}
    notes["victims_total"] = nrm.get("total")
    return notes


def _timestamps(series: Any) -> Any:
    import pandas as pd

    return pd.to_datetime(series)


def run(
    metrics: dict[str, float], *, times: int, directory: Path
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    from bench.generator import bench_user

    captured = {
        "statistics.dashboard": dashboard(
            metrics, times=times, coordinator=bench_user("bench.coordinator")
        )
    }
    nrm = families(metrics)
    captured["statistics.family.victims"] = victim_queries()
    notes = compare(metrics, nrm, directory)
    return notes, captured
