from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from nrm.core.translations import build_all


class Command(BaseCommand):
    help = "Generate the derived catalogues (sr-latn, Bosnian country names) and compile all."

    def handle(self, *args: Any, **options: Any) -> None:
        results = build_all()
        for path, count in results:
            relative = (
                path.relative_to(settings.BASE_DIR)
                if path.is_relative_to(settings.BASE_DIR)
                else path
            )
            if options["verbosity"] > 1:
                self.stdout.write(f"{relative}: {count} messages")
        self.stdout.write(f"Compiled {len(results)} catalogues.")
