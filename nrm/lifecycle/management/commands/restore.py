from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.lifecycle.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `nrm backup` into this empty installation, after checking "
        "every checksum; then check every table's row count. --verify-only checks and stops."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the backup directory")
        parser.add_argument("--verify-only", action="store_true", help="check, restore nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        try:
            manifest = verify(source) if options["verify_only"] else restore(source)
        except BackupError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        tables = len(manifest["row_counts"])
        done = "verified" if options["verify_only"] else "restored; row counts match"
        self.stdout.write(f"Backup of {manifest['created_at']} ({tables} tables) {done}.")
