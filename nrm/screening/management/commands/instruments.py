"""`nrm instruments`: list the screening instruments, or load the repository's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.screening.definitions import INSTRUMENTS_DIR, DefinitionError, localise
from nrm.screening.loading import load_files, sync_instruments
from nrm.screening.models import InstrumentVersion
from nrm.screening.selectors import instrument_of


class Command(BaseCommand):
    help = (
        "Screening instruments. `list` shows every stored version; `load` copies the files of "
        "nrm/screening/instruments/ into the database (done after every migrate as well)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "load"])
        parser.add_argument(
            "files",
            nargs="*",
            type=Path,
            help="load these instrument files (e.g. a newly transcribed version) instead",
        )
        parser.add_argument(
            "--directory",
            type=Path,
            default=INSTRUMENTS_DIR,
            help="load the instrument files of this directory (default: the repository's)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            try:
                if options["files"]:
                    changes = load_files(options["files"])
                else:
                    changes = sync_instruments(directory=options["directory"])
            except DefinitionError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            for change in changes:
                self.stdout.write(f"{change.key} v{change.version}: {change.action}")
            return
        for row in InstrumentVersion.objects.order_by("key", "version"):
            instrument = instrument_of(row)
            sets = ", ".join(instrument.sets)
            offered = "offered" if row.is_active else "retired"
            self.stdout.write(
                f"{row.key} v{row.version} [{row.status}, {offered}] "
                f"{localise(instrument.title, 'en')}: sets {sets}; "
                f"{len(instrument.indicators)} indicators"
            )
