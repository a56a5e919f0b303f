from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nrm.core.commands import ReadingCommand
from nrm.core.errors import ApplicationError
from nrm.core.periods import Period
from nrm.statistics.quality import quality_review


class Command(ReadingCommand):
    help = (
        "Print the data-quality findings for the bulletin of a period as JSON: its activities, "
        "and the statistics of the calendar year up to the period's end."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", required=True, help="YYYY, YYYY-H1 (January-June) or YYYY-H2"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
            findings = quality_review(actor=None, period=period)
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        body = {
            "findings": [
                {"kind": f.kind, "message": f.message, "record": f.record} for f in findings
            ]
        }
        self.stdout.write(json.dumps(body, indent=2, ensure_ascii=False))
