"""`nrm import <format> FILE ...`: each app names its formats on its AppConfig (`importers`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.errors import ApplicationError
from nrm.core.imports import ImportFailed, progress_bar
from nrm.core.registry import importers


class Command(BaseCommand):
    help = "Import a file (a register, an exchange file): all rows or none."
    # Django's system checks import every URL, view and the API's schema (a second of CPU,
    # a fifth of a 20,000-row import) and check the installation, which an import does not
    # change; `migrate` and `serve` run them. The rows are checked by the importer itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="format", required=True)
        for name, importer in sorted(importers().items()):
            importer.add_arguments(sub.add_parser(name, help=importer.help))

    def handle(self, *args: Any, **options: Any) -> None:
        importer = importers()[options["format"]]
        try:
            lines = importer.run(options, err=self.stderr, progress=progress_bar)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            name = getattr(options.get("file"), "name", "the file")
            raise CommandError(
                f"{len(failed.problems)} problem(s) in {name}; nothing was imported.",
                returncode=2,
            ) from None
        except ApplicationError as error:
            raise CommandError(str(error), returncode=2) from None
        for line in lines:
            self.stdout.write(line)
