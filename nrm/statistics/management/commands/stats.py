from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nrm.core.commands import ReadingCommand
from nrm.core.errors import ApplicationError
from nrm.core.periods import Period
from nrm.statistics.selectors import statistics_for_period


class Command(ReadingCommand):
    help = (
        "Print the statistics of a period as JSON (every family: victims, trial monitoring, ...)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--family", action="append", help="only this family (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.from_strings(options["start"], options["end"])
            result = statistics_for_period(period=period, families=options["family"])
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
