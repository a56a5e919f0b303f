"""One database at one scale (or the demo database): the process that measures.

`python -m bench` starts one worker per database and scale, so that each has its own Django
settings (DATABASE_URL) and its own memory; the worker writes its figures as JSON:
{"metrics": {key: number}, "notes": {...}, "plans": [...]}.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import targets
from bench.scale import parse_scale, scale_label

SCALE_PARTS = ("lists", "statistics", "import")
DEMO_PARTS = ("bulletin", "screening")


def _progress(started: float) -> Callable[[int, int], None]:
    shown = [-1]

    def show(done: int, total: int) -> None:
        tenth = done * 10 // total
        if tenth != shown[0]:
            shown[0] = tenth
            elapsed = time.perf_counter() - started
            print(f"  generated {done:,} of {total:,} cases ({elapsed:.0f} s)", file=sys.stderr)

    return show


def ensure_dataset(database: str, name: str, cases: int, seed: int) -> dict[str, Any]:
    """The dataset of `cases` cases: reused when its marker matches, else made anew."""
    from django.core.management import call_command
    from django.db import connection

    from bench import generator

    try:
        found = generator.marker()
    except Exception:  # no such database yet
        connection.close()
        found = None
    if generator.matches(found, cases, seed):
        started = time.perf_counter()
        call_command("migrate", verbosity=0)  # migrations merged since it was generated
        assert found is not None
        return {
            "reused": True,
            "generated_s": found["seconds"],
            "generated_at": found["generated_at"],
            "migrate_s": time.perf_counter() - started,
        }
    print(f"  making the {database} dataset of {cases:,} cases (seed {seed})", file=sys.stderr)
    connection.close()
    targets.create_database(database, name)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    report = generator.generate(cases, seed, progress=_progress(time.perf_counter()))
    generator.write_marker(report)
    return {
        "reused": False,
        "generated_s": report.seconds,
        "migrate_s": migrated,
        "rows": report.rows,
    }


class Worker:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.metrics: dict[str, float] = {}
        self.notes: dict[str, Any] = {"errors": {}}
        self.captured: dict[str, list[dict[str, Any]]] = {}

    def part(self, name: str, run: Callable[[], Any]) -> None:
        """Run one part; a failure is reported and the other parts still run."""
        print(f"  {self.args.database}: {name}", file=sys.stderr)
        started = time.perf_counter()
        try:
            result = run()
        except Exception as exc:
            self.notes["errors"][name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            return
        finally:
            self.notes.setdefault("part_seconds", {})[name] = time.perf_counter() - started
        if isinstance(result, tuple):
            note, captured = result
            self.captured.update(captured)
        else:
            note = result
        self.notes[name] = note

    def scale(self, cases: int) -> None:
        from bench import guard, importing, lists, year_statistics

        args, name = self.args, scale_label(cases)
        dataset = ensure_dataset(args.database, name, cases, args.seed)
        self.notes["dataset"] = dataset
        if not dataset["reused"]:
            self.metrics["dataset.generate_s"] = dataset["generated_s"]
        self.metrics["dataset.cases"] = cases
        parts = args.parts
        for logger in ("django.request", "nrm.api"):  # stopped requests are reported so
            logging.getLogger(logger).setLevel(logging.CRITICAL)
        with guard.limited(args.max_request_s):
            if "lists" in parts:
                self.part("lists", lambda: lists.run(self.metrics, times=args.repeat))
            if "statistics" in parts:
                directory = targets.VAR / name / f"parquet-{args.database}"
                self.part(
                    "statistics",
                    lambda: year_statistics.run(
                        self.metrics, times=args.repeat, directory=directory
                    ),
                )
        if "import" in parts:
            self.part(
                "import",
                lambda: importing.run(
                    self.metrics, database=args.database, name=name, cases=cases, seed=args.seed
                ),
            )

    def demo(self) -> None:
        from bench import documents, serving

        args = self.args
        self.part(
            "demo",
            lambda: documents.ensure_demo(
                self.metrics, database=args.database, fresh=args.database == "sqlite"
            ),
        )
        if "demo" in self.notes["errors"]:
            return
        env = targets.process_env(targets.database_url(args.database, documents.NAME))
        if "bulletin" in args.parts:
            self.part("bulletin", lambda: documents.bulletin(self.metrics, database=args.database))
        if "screening" in args.parts:
            self.part(
                "screening",
                lambda: serving.run(self.metrics, env=env, token=_screening_token()),
            )

    def explain(self) -> list[dict[str, Any]]:
        from bench.explain import plans

        return plans(self.captured)


def _screening_token() -> str:
    """An API token of the demo's field officer (who may screen)."""
    from nrm.accounts.models import User
    from nrm.accounts.services import token_create

    user = User.objects.get(username="fieldofficer")
    _token, value = token_create(actor=None, user=user, name="bench")
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--dataset", required=True, help="a scale (10k, 1m, 2500) or 'demo'")
    parser.add_argument("--database", choices=targets.DATABASES, required=True)
    parser.add_argument("--parts", default=",".join(SCALE_PARTS + DEMO_PARTS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--max-request-s", type=float, default=30.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.parts = set(args.parts.split(","))
    demo = args.dataset == "demo"
    name = "demo" if demo else scale_label(parse_scale(args.dataset))
    os.environ.update(targets.process_env(targets.database_url(args.database, name)))
    import django

    django.setup()
    worker = Worker(args)
    if demo:
        worker.demo()
    else:
        worker.scale(parse_scale(args.dataset))
    plans = worker.explain() if args.explain else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"metrics": worker.metrics, "notes": worker.notes, "plans": plans}, default=str)
    )


if __name__ == "__main__":
    main()
