from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.lifecycle.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the database and the uploaded documents into a new "
        "directory, with a manifest of checksums and row counts (key: NRM_BACKUP_KEY)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="a new (or empty) directory")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(Path(options["out"]))
        except BackupError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        rows = sum(manifest["row_counts"].values())
        files = ", ".join(
            f"{name} ({meta['bytes']} bytes)" for name, meta in manifest["files"].items()
        )
        self.stdout.write(f"Backup written to {options['out']}: {files}; {rows} rows in all.")
        self.stdout.write(f"It needs the backup key {manifest['key_fingerprint']} to restore.")
