from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from nrm.accounts.demo import created_accounts
from nrm.core.registry import demo_loaders


class Command(BaseCommand):
    help = "Migrate the database and load reference and demo data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-accounts", action="store_true", help="do not list accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        for label, load in demo_loaders():
            if verbosity:
                self.stdout.write(f"Loading demo data: {label}")
            with transaction.atomic():
                load()
        if not options["quiet_accounts"]:
            self._print_accounts()

    def _print_accounts(self) -> None:
        self.stdout.write("")
        self.stdout.write("Demo accounts (all fictional), password: " + settings.NRM_DEMO_PASSWORD)
        width = max(len(a.username) for a in created_accounts)
        for account in created_accounts:
            roles = ", ".join(account.roles)
            self.stdout.write(
                f"  {account.username.ljust(width)}  {roles}  ({account.organisation_key})"
            )
