from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.errors import ApplicationError
from nrm.lifecycle.retention import plan
from nrm.lifecycle.schedule import RecordKind
from nrm.lifecycle.services import retention_run


class Command(BaseCommand):
    help = (
        "Apply the retention schedule (run it daily from cron; running it twice does nothing "
        "more). With --dry-run, list what would happen and change nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="apply the schedule")
        run.add_argument(
            "--dry-run", action="store_true", help="change nothing, say what would happen"
        )
        run.add_argument("--as-of", help="apply it as on this day (YYYY-MM-DD; default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = datetime.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError as exc:
            raise CommandError(
                f"--as-of: {options['as_of']!r} is not a date (YYYY-MM-DD)", returncode=2
            ) from exc
        try:
            run, steps = retention_run(actor=None, as_of=as_of, dry_run=options["dry_run"])
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        labels = dict(RecordKind.choices)
        verb = "would be handled" if run is None else "handled"
        for step in steps:
            done = step.due if run is None else step.done
            past = step.cutoff.isoformat()
            self.stdout.write(f"{labels[step.kind]}: {done} {verb} ({step.action}; past {past})")
        if run is not None:
            backlog = sum(step.due for step in plan(run.as_of))
            self.stdout.write(f"Run {run.pk} as of {run.as_of.isoformat()}; still due: {backlog}")
