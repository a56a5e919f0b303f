"""`nrm import victims FILE [--dry-run] [--organisation KEY_OR_NAME]`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from nrm.cases.importers import PROGRESS_FROM_ROWS, ImportFailed, find_organisation, import_victims


class Command(BaseCommand):
    help = "Import an existing register (.csv or .xlsx): all rows or none (docs/import-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="register", required=True)
        victims = sub.add_parser(
            "victims",
            help="victims of trafficking, one row per person (docs/import-format.md)",
        )
        victims.add_argument("file", type=Path, help="the register, .csv (UTF-8) or .xlsx")
        victims.add_argument(
            "--dry-run", action="store_true", help="check every row, write nothing"
        )
        victims.add_argument(
            "--organisation",
            help="the identifying organisation of every row: its key (e.g. sipa), name or "
            "short name; an `organisation` column overrides it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        organisation = None
        if options["organisation"]:
            organisation = find_organisation(options["organisation"])
            if organisation is None:
                raise CommandError(
                    f"--organisation {options['organisation']!r}: no such organisation",
                    returncode=2,
                )
        try:
            result = import_victims(
                actor=None,
                path=path,
                organisation=organisation,
                dry_run=options["dry_run"],
                progress=self._progress,
            )
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failed.problems)} problem(s) in {path.name}; nothing was imported.",
                returncode=2,
            ) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        if result.dry_run:
            self.stdout.write(f"{result.rows} row(s) are valid; nothing was written (--dry-run).")
        else:
            span = f" ({result.codes[0]} … {result.codes[-1]})" if result.codes else ""
            self.stdout.write(f"Imported {result.rows} victim case(s){span}.")

    def _progress(self, items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
        """A progress bar on large registers, on standard error (so stdout stays clean)."""
        return tqdm(
            items,
            total=total,
            desc=label,
            unit="row",
            disable=total < PROGRESS_FROM_ROWS,
            file=sys.stderr,
        )
