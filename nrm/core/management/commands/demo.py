from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from nrm.core.registry import demo_loaders, demo_summaries


class Command(BaseCommand):
    help = "Migrate the database and load reference and demo data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="do not print the demo accounts"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        for label, load in demo_loaders():
            if verbosity:
                self.stdout.write(f"Loading demo data: {label}")
            with transaction.atomic():
                load()
        if not options["quiet_accounts"]:
            for summarise in demo_summaries():
                for line in summarise():
                    self.stdout.write(line)
