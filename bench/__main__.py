"""`make bench` / `python -m bench`: NRM at scale, side by side with its comparisons.

    python -m bench                          # 10k cases, SQLite and PostgreSQL
    python -m bench --scale 1m               # the documented run at a million cases
    python -m bench --scale 10k,100k         # several scales: how each figure grows
    python -m bench --database sqlite --only lists,statistics
    python -m bench --save-baseline          # store this run as bench/baseline.json
    python -m bench --explain                # print the plans of the slowest queries
    python -m bench --micro                  # the micro benchmarks (bench/micro) as well
    python -m bench --report var/bench/results/X.json   # print a stored run again

Prints a table (what, SQLite, PostgreSQL, comparison, ratio), the goals of issue 17, the
growth between scales and every figure more than 25% worse than the baseline; writes all of
it to var/bench/results/<time>-<scales>.json. docs/performance.md explains each figure.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import machine, report, targets
from bench.scale import parse_scales, scale_label

PARTS = ("lists", "statistics", "import", "bulletin", "screening")
SCALE_PARTS = ("lists", "statistics", "import")
DEMO_PARTS = ("bulletin", "screening")
BASELINE = Path(__file__).resolve().parent / "baseline.json"


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--scale", default="10k", help="10k, 100k, 1m, a number, or a list: 10k,100k"
    )
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--only", default=",".join(PARTS), help=f"some of: {','.join(PARTS)}")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed")
    parser.add_argument("--repeat", type=int, default=20, help="requests per list figure")
    parser.add_argument(
        "--max-request-s",
        type=float,
        default=30.0,
        help="stop a request (list, dashboard, family) after this long and report it so",
    )
    parser.add_argument(
        "--save-baseline", action="store_true", help="store this run as the baseline"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print query plans of the slowest queries"
    )
    parser.add_argument("--micro", action="store_true", help="run the micro benchmarks too")
    parser.add_argument(
        "--report", type=Path, metavar="RESULTS.json", help="print a stored run again, run nothing"
    )
    args = parser.parse_args(argv)
    args.parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(args.parts) - set(PARTS))
    if unknown:
        parser.error(
            f"--only: unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}"
        )
    try:
        args.scales = parse_scales(args.scale)
    except ValueError as error:
        parser.error(str(error))
    return args


def databases(choice: str) -> tuple[list[str], str | None]:
    """The databases to run, and why PostgreSQL is left out (None when it is not)."""
    wanted = ["sqlite", "postgres"] if choice == "both" else [choice]
    if "postgres" in wanted:
        problem = targets.postgres_problem()
        if problem:
            wanted.remove("postgres")
            return (
                wanted,
                f"PostgreSQL does not answer at {targets.postgres_server_url()} ({problem})",
            )
    return wanted, None


def run_worker(
    dataset: str, database: str, parts: list[str], args: argparse.Namespace, out: Path
) -> dict[str, Any]:
    argv = [
        sys.executable, "-m", "bench.worker",
        "--dataset", dataset, "--database", database, "--parts", ",".join(parts),
        "--seed", str(args.seed), "--repeat", str(args.repeat), "--out", str(out),
        "--max-request-s", str(args.max_request_s),
    ]  # fmt: skip
    if args.explain:
        argv.append("--explain")
    print(f"- {database}, {dataset}: {', '.join(parts)}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=targets.ROOT, check=False)
    if done.returncode != 0 or not out.exists():
        return {"notes": {"errors": {"worker": f"exit status {done.returncode}"}}, "metrics": {}}
    result: dict[str, Any] = json.loads(out.read_text())
    result.setdefault("notes", {})["worker_s"] = time.perf_counter() - started
    return result


def ensure_translations() -> None:
    """The generated catalogues live under NRM_VAR_DIR (var/bench for every bench process)."""
    if not (targets.VAR / "locale").exists():
        env = targets.process_env(targets.database_url("sqlite", "demo"))
        subprocess.run(
            targets.nrm_command("build_translations"),
            env=env,
            cwd=targets.ROOT,
            check=True,
            capture_output=True,
        )


def collect(args: argparse.Namespace, wanted: list[str], work: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"scales": {}, "demo": {}}
    scale_parts = [p for p in args.parts if p in SCALE_PARTS]
    demo_parts = [p for p in args.parts if p in DEMO_PARTS]
    for cases in args.scales:
        label = scale_label(cases)
        results["scales"][label] = {"cases": cases}
        if scale_parts:
            for database in wanted:
                out = work / f"{label}-{database}.json"
                results["scales"][label][database] = run_worker(
                    str(cases), database, scale_parts, args, out
                )
    if demo_parts:
        for database in wanted:
            out = work / f"demo-{database}.json"
            results["demo"][database] = run_worker("demo", database, demo_parts, args, out)
    return results


def print_report(results: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    print(f"\nNRM benchmark, {results['started']}")
    print(f"Machine: {machine.summary(results['machine'])}")
    if results.get("postgres_problem"):
        print(f"!!! {results['postgres_problem']}: SQLite only.")
    for label, scale in results["scales"].items():
        rows = report.scale_rows(label, scale)
        if len(rows) > 1:
            print(f"\n## {scale['cases']:,} cases ({label})\n")
            print(report.markdown(rows))
    rows = report.demo_rows(results["demo"])
    if rows:
        print("\n## Demo database (bulletin, demo load, screening API)\n")
        print(report.markdown(rows))
    _print_notes(results)
    _print_goals(results)
    _print_growth(results)
    _print_regressions(results, baseline)
    if any(run.get("plans") for run in _runs(results)):
        _print_plans(results)


def _runs(results: dict[str, Any]) -> list[dict[str, Any]]:
    runs = [
        scale[db] for scale in results["scales"].values() for db in report.DATABASES if db in scale
    ]
    return runs + [results["demo"][db] for db in report.DATABASES if db in results["demo"]]


def _print_notes(results: dict[str, Any]) -> None:
    problems = []
    for label, scale in [*results["scales"].items(), ("demo", results["demo"])]:
        for database in report.DATABASES:
            notes = scale.get(database, {}).get("notes", {})
            for part, error in notes.get("errors", {}).items():
                problems.append(f"{label}, {database}, {part}: {error}")
            for error in (
                notes.get("lists", {}).get("errors", [])
                if isinstance(notes.get("lists"), dict)
                else []
            ):
                problems.append(f"{label}, {database}, lists: {error}")
            pagination = (
                notes.get("lists", {}).get("api_pagination")
                if isinstance(notes.get("lists"), dict)
                else None
            )
            if pagination:
                print(f"\n{label}, {database}: the API's next page was followed by {pagination}.")
    if problems:
        print("\n!!! Figures missing or stopped at the limit:")
        for problem in problems:
            print(f"!!!   {problem}")


def _print_goals(results: dict[str, Any]) -> None:
    verdicts = report.goals(results)
    if not verdicts:
        return
    print("\n## Goals of issue 17 (largest scale of this run)\n")
    for verdict in verdicts:
        mark = "met   " if verdict.met else "MISSED"
        print(
            f"- {mark} {verdict.goal}, {report.DATABASE_NAMES[verdict.database]}: {verdict.value}"
        )


def _print_growth(results: dict[str, Any]) -> None:
    found = report.growth(results)
    if not found:
        return
    labels = " -> ".join(sorted(results["scales"], key=lambda k: results["scales"][k]["cases"]))
    print(f"\n## Growth {labels} (exponent 1 = linear; flagged: faster than linear)\n")
    for item in found:
        values = " -> ".join(f"{v:,.4g}" for v in item.values)
        flag = "  << FASTER THAN LINEAR" if item.faster_than_linear else ""
        print(f"- {item.key}: {values} (exponent {item.exponent:.2f}){flag}")


def _print_regressions(results: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    if baseline is None:
        print("\nNo baseline (bench/baseline.json): run with --save-baseline to store one.")
        return
    found = report.regressions(baseline.get("figures", {}), report.flatten(results))
    print(f"\n## Against the baseline of {baseline.get('saved', '?')} (more than 25% worse)\n")
    if not found:
        print("No figure is more than 25% worse than the baseline.")
    for item in found:
        print(f"- {item.key}: {item.baseline:,.4g} -> {item.now:,.4g} ({item.factor:.2f}x worse)")


def _print_plans(results: dict[str, Any]) -> None:
    print("\n## Query plans of the slowest queries (--explain)")
    for label, scale in [*results["scales"].items(), ("demo", results["demo"])]:
        for database in report.DATABASES:
            for plan in scale.get(database, {}).get("plans", []):
                name = report.DATABASE_NAMES[database]
                print(f"\n### {label}, {name}: {plan['figure']} ({plan['ms']:.0f} ms)\n")
                print("```sql\n" + plan["sql"] + "\n```\n```\n" + plan["plan"] + "\n```")


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
    if args.report is not None:
        print_report(json.loads(args.report.read_text()), baseline)
        return
    started = datetime.datetime.now(datetime.UTC)
    wanted, problem = databases(args.database)
    if problem:
        print(f"!!! {problem}: running SQLite only.", file=sys.stderr)
    ensure_translations()
    labels = "+".join(scale_label(c) for c in args.scales)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    work = targets.RESULTS / f"{stamp}-{labels}.parts"
    results = collect(args, wanted, work)
    results.update(
        {
            "started": started.isoformat(timespec="seconds"),
            "seconds": (datetime.datetime.now(datetime.UTC) - started).total_seconds(),
            "machine": machine.describe(),
            "options": {k: v for k, v in vars(args).items() if k != "scales"},
            "postgres_problem": problem,
        }
    )
    print_report(results, baseline)
    path = targets.RESULTS / f"{stamp}-{labels}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    for part in sorted(work.glob("*.json")):
        part.unlink()
    if work.exists():
        work.rmdir()
    print(f"\nResults: {path.relative_to(targets.ROOT)} ({results['seconds']:.0f} s)")
    if args.save_baseline:
        # The figures of this run replace those of the same scale and database; the others
        # (another scale, another database) are kept.
        kept = baseline["figures"] if baseline else {}
        BASELINE.write_text(
            json.dumps(
                {
                    "saved": results["started"],
                    "machine": results["machine"],
                    "figures": kept | report.flatten(results),
                },
                indent=1,
                sort_keys=True,
            )
            + "\n"
        )
        print(f"Baseline saved: {BASELINE.relative_to(targets.ROOT)}")
    if args.micro:
        print("\n## Micro benchmarks (bench/micro)\n", flush=True)
        env = targets.process_env(targets.database_url("sqlite", "micro/bench"))
        env.pop("DATABASE_URL")
        subprocess.run(
            [sys.executable, "-m", "bench.micro"], cwd=targets.ROOT, env=env, check=False
        )


if __name__ == "__main__":
    main()
