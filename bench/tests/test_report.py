"""The harness's own arithmetic: scales, percentiles, directions, regressions, growth, goals,
and following the lists' next pages."""

from __future__ import annotations

import pytest

from bench import report
from bench.lists import api_next_url, web_next_url
from bench.measure import percentile, repeat
from bench.scale import parse_scale, parse_scales, scale_label
from bench.serving import parse_wrk


def test_scales_read_and_print_back():
    assert parse_scale("10k") == 10_000
    assert parse_scale("1M") == 1_000_000
    assert parse_scale("2500") == 2_500
    assert parse_scale("1.5m") == 1_500_000
    assert parse_scales("100k,10k,10k") == [10_000, 100_000]
    assert [scale_label(n) for n in (10_000, 1_000_000, 2_500, 200)] == ["10k", "1m", "2500", "200"]
    with pytest.raises(ValueError, match="not a scale"):
        parse_scale("ten")


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.5) == 10
    assert percentile(values, 0.95) == 19
    assert percentile([3.0], 0.95) == 3
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


def test_repeat_stops_at_the_budget_and_a_slow_first_run_counts():
    calls = []
    timings = repeat(lambda: calls.append(1), times=20, budget_s=10)
    assert len(timings.seconds) == 20 and len(calls) == 21  # one warm-up
    calls.clear()
    timings = repeat(lambda: calls.append(1), times=20, budget_s=0, slow_s=0)
    assert len(calls) == 1 and len(timings.seconds) == 1  # the first run was "slow"
    calls.clear()
    timings = repeat(lambda: calls.append(1), times=20, budget_s=0, at_least=3)
    assert len(timings.seconds) == 3 and len(calls) == 4


def test_directions():
    assert report.direction("lists.web.coordinator.none.p95_ms") == -1
    assert report.direction("lists.web.coordinator.none.queries") == -1
    assert report.direction("import.rows_per_s") == 1
    assert report.direction("import.nrm_s") == -1
    assert report.direction("statistics.family.victims.s") == -1
    assert report.direction("screening.evaluate_rps") == 1
    assert report.direction("screening.ratio") == 1
    assert report.direction("import.ratio_pandas") == -1
    assert report.direction("import.rows") == 0
    assert report.direction("statistics.victims.match") == 0
    assert report.direction("dataset.generate_s") == 0


def test_regressions_are_figures_25_percent_worse_in_their_direction():
    baseline = {
        "10k/sqlite/lists.web.coordinator.none.p95_ms": 100.0,
        "10k/sqlite/import.rows_per_s": 1000.0,
        "10k/sqlite/statistics.family.victims.s": 1.0,
        "10k/sqlite/statistics.victims.duckdb_arrow_s": 0.1,
        "demo/sqlite/screening.evaluate_rps": 400.0,
    }
    now = {
        "10k/sqlite/lists.web.coordinator.none.p95_ms": 126.0,  # 26% slower
        "10k/sqlite/import.rows_per_s": 790.0,  # 1.27x fewer rows per second
        "10k/sqlite/statistics.family.victims.s": 1.2,  # 20%: noise
        "10k/sqlite/statistics.victims.duckdb_arrow_s": 1.0,  # DuckDB's, not NRM's
        "demo/sqlite/screening.evaluate_rps": 800.0,  # better
        "10k/postgres/import.nrm_s": 5.0,  # not in the baseline
    }
    found = report.regressions(baseline, now)
    assert [r.key for r in found] == [
        "10k/sqlite/import.rows_per_s",
        "10k/sqlite/lists.web.coordinator.none.p95_ms",
    ]
    assert found[0].factor == pytest.approx(1000 / 790)


def _results(*runs):
    scales = {}
    for cases, metrics in runs:
        scales[scale_label(cases)] = {
            "cases": cases,
            "sqlite": {"metrics": {"dataset.cases": cases, **metrics}, "notes": {}},
        }
    return {"scales": scales, "demo": {}}


def test_growth_flags_what_grows_faster_than_the_cases():
    results = _results(
        (10_000, {"a.p50_ms": 10, "b.p50_ms": 10, "c.queries": 5, "d.queries": 5}),
        (100_000, {"a.p50_ms": 100, "b.p50_ms": 120, "c.queries": 5, "d.queries": 6}),
    )
    found = {g.key: g for g in report.growth(results)}
    assert not found["sqlite/a.p50_ms"].faster_than_linear  # linear
    assert found["sqlite/a.p50_ms"].exponent == pytest.approx(1.0)
    assert found["sqlite/b.p50_ms"].faster_than_linear  # 12x for 10x cases
    assert not found["sqlite/c.queries"].faster_than_linear
    assert found["sqlite/d.queries"].faster_than_linear  # a query count must not grow
    (verdict,) = report.goals(results)
    assert not verdict.met and verdict.value.startswith("2 of 4 figures grow faster")


def test_statistics_families_have_a_growth():
    results = _results(
        (10_000, {"statistics.family.victims.s": 0.1}),
        (100_000, {"statistics.family.victims.s": 2.0}),
    )
    (found,) = report.growth(results)
    assert found.key == "sqlite/statistics.family.victims.s" and found.faster_than_linear


def test_the_import_grows_with_its_rows_not_with_the_cases():
    results = _results(
        (10_000, {"import.rows": 2_000, "import.nrm_s": 10}),
        (100_000, {"import.rows": 20_000, "import.nrm_s": 100}),
    )
    (found,) = report.growth(results)
    assert found.basis == (2_000, 20_000) and not found.faster_than_linear


def test_one_scale_has_no_growth():
    assert report.growth(_results((10_000, {"a.p50_ms": 1}))) == []


def test_flatten_names_scale_database_and_figure():
    results = _results((10_000, {"a.p50_ms": 1}))
    results["demo"] = {"postgres": {"metrics": {"bulletin.pdf_s": 3.0}}}
    assert report.flatten(results) == {
        "10k/sqlite/dataset.cases": 10_000,
        "10k/sqlite/a.p50_ms": 1,
        "demo/postgres/bulletin.pdf_s": 3.0,
    }


def test_goals_at_the_largest_scale():
    results = _results(
        (10_000, {"import.ratio_pandas": 50.0}),
        (
            100_000,
            {
                "import.ratio_pandas": 8.0,
                "import.ratio_dry_run": 4.0,
                "lists.web.case_worker.none.p95_ms": 150.0,
                "lists.web.coordinator.none.p95_ms": 20.0,
                "statistics.victims.match": 0.0,
                "statistics.victims.ratio_parquet": 1.0,
            },
        ),
    )
    results["demo"] = {"sqlite": {"metrics": {"screening.ratio": 0.4, "bulletin.pdf_s": 4.0}}}
    verdicts = {v.goal: v for v in report.goals(results)}
    assert verdicts["import <= 10x pandas"].met
    assert not verdicts["import <= 3x its --dry-run"].met
    lists = verdicts["every list p95 < 100 ms"]
    assert not lists.met and "case_worker" in lists.value
    assert not verdicts["victims statistics <= 3x DuckDB"].met  # a mismatch is never "met"
    assert not verdicts["screening API >= 50% of /health/"].met
    assert verdicts["bulletin PDF < 5 s"].met


def test_the_table_has_a_row_per_figure_and_both_databases():
    scale = {
        "cases": 10_000,
        "sqlite": {
            "metrics": {
                "lists.web.case_worker.none.p50_ms": 31.4,
                "lists.web.case_worker.none.p95_ms": 40.2,
                "lists.web.case_worker.none.queries": 12,
                "statistics.family.victims.s": 0.87,
                "statistics.victims.duckdb_parquet_s": 0.157,
                "statistics.victims.duckdb_arrow_s": 0.093,
                "statistics.victims.pandas_s": 0.083,
                "statistics.victims.export_s": 1.0,
                "statistics.victims.ratio_parquet": 5.5,
                "statistics.victims.ratio_arrow": 9.4,
                "statistics.victims.match": 1.0,
            },
            "notes": {"dataset": {"reused": True, "generated_s": 12.0}},
        },
        "postgres": {
            "metrics": {"statistics.victims.match": 0.0, "statistics.family.victims.s": 0.8},
            "notes": {},
        },
    }
    text = report.markdown(report.scale_rows("10k", scale))
    assert "| case list (web), case worker, first page, p50 / p95 | 31 / 40 ms, 12 q | - |" in text
    assert "reused (made in 12 s)" in text
    assert "5.5x / 9.4x DuckDB / MISMATCH: no ratio" in text


def test_the_next_page_is_the_one_the_answer_gives():
    current = "/api/v1/cases?limit=50"
    assert api_next_url({"items": []}, current) == (f"{current}&offset=50", "offset")
    assert api_next_url({"next": "/api/v1/cases?after=abc&limit=50"}, current) == (
        "/api/v1/cases?after=abc&limit=50",
        "next link",
    )
    assert api_next_url({"next": "http://testserver/api/v1/cases?after=x"}, current) == (
        "/api/v1/cases?after=x",
        "next link",
    )
    assert api_next_url({"next_cursor": "xyz"}, current) == (f"{current}&after=xyz", "cursor")
    assert api_next_url({"next": "opaque"}, current) == (f"{current}&after=opaque", "cursor")
    page = '<nav><a href="?exploitation=labour&amp;page=2" rel="next">Next</a></nav>'
    assert web_next_url(page, "/cases/?page=1") == "/cases/?exploitation=labour&page=2"
    assert web_next_url("<p>one page</p>", "/cases/?page=1") == "/cases/?page=2"


def test_wrk_output_is_read():
    output = "  8 threads\nRequests/sec:   1346.21\nTransfer/sec: 1MB\n"
    assert parse_wrk(output) == (1346.21, 0)
    assert parse_wrk(output + "  Non-2xx or 3xx responses: 12\n") == (1346.21, 12)
