from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.errors import ApplicationError
from nrm.statistics.trends import historical_figures_import


class Command(BaseCommand):
    help = (
        "Import yearly historical aggregates of victims (years before the records begin) from "
        "a CSV with data_year, total_identified, female, male, children, foreign, "
        "sex_trafficking, forced_labour_total, forced_begging and source_report columns. All "
        "rows or none; a year imported again replaces its figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc
        try:
            result = historical_figures_import(
                actor=None, content=content, dry_run=options["dry_run"]
            )
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        verb = "would import" if options["dry_run"] else "imported"
        years = ", ".join(str(y) for y in result.years)
        self.stdout.write(f"{verb} {result.figures} figures for {years}")
