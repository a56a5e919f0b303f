from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nrm.core.crypto import generate_key


class Command(BaseCommand):
    help = "Print a new random key for NRM_ENCRYPTION_KEYS or NRM_BLIND_INDEX_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(generate_key())
