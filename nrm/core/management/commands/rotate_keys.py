from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from nrm.core.fields import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored personal value with the newest key (the first of "
        "NRM_ENCRYPTION_KEYS). Run it after adding a key; then older keys can be removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            total = model._default_manager.count()
            done = 0
            # Streamed in batches, each committed on its own: memory stays flat for a table of
            # any size, and an interrupted run loses one batch at most. Running it again is
            # safe: every value is rewritten with the newest key, whichever key it had.
            rows = model._default_manager.order_by("pk").iterator(chunk_size=BATCH)
            batch = []
            for row in tqdm(rows, total=total, desc=model._meta.label, disable=total < BATCH):
                batch.append(row)
                if len(batch) == BATCH:
                    done += self._rewrite(model, batch, fields)
                    batch = []
            done += self._rewrite(model, batch, fields)
            self.stdout.write(f"{model._meta.label}: {done} records re-encrypted")

    def _rewrite(self, model: Any, batch: list[Any], fields: list[str]) -> int:
        # Values load decrypted with whichever key wrote them and are written back with the
        # newest; bulk_update sends no signals, so the audit trail is not flooded.
        if batch:
            with transaction.atomic():
                model._default_manager.bulk_update(batch, fields)
        return len(batch)
