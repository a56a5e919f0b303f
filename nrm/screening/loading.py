"""Copy the instrument files of the repository into the database (idempotent).

Runs after every `migrate` and with `nrm instruments load`. A version is written once and never
changed: a file whose definition differs from the stored copy of the same version is refused,
so that no stored screening's result can change under it. Versions whose file is gone stay in
the database (screenings refer to them) but are no longer offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections, transaction

from nrm.core.audit import audit_actor
from nrm.screening.definitions import (
    INSTRUMENTS_DIR,
    DefinitionError,
    Instrument,
    read_all,
    read_file,
)


@dataclass(frozen=True)
class Change:
    key: str
    version: int
    action: str  # created, unchanged, reactivated, retired


def sync_instruments(*, directory: Path = INSTRUMENTS_DIR, using: str = "default") -> list[Change]:
    from nrm.screening.models import InstrumentVersion

    instruments = read_all(directory)
    changes: list[Change] = []
    rows = InstrumentVersion.objects.using(using)
    in_files = {(instrument.key, instrument.version) for instrument in instruments}
    with audit_actor(None, via="reference data"), transaction.atomic(using=using):
        changes = [_store(instrument, using=using, from_file=False) for instrument in instruments]
        # Versions loaded from a file of their own stay until their key has a newer file here.
        for row in rows.filter(is_active=True, from_file=False):
            if (row.key, row.version) not in in_files:
                row.is_active = False
                row.save(update_fields=["is_active", "updated_at"])
                changes.append(Change(row.key, row.version, "retired"))
    return changes


def load_files(paths: list[Path], *, using: str = "default") -> list[Change]:
    """Load instrument files given by path (e.g. a transcribed set): all or nothing."""
    instruments = [read_file(path) for path in paths]
    with audit_actor(None, via="reference data"), transaction.atomic(using=using):
        return [_store(instrument, using=using, from_file=True) for instrument in instruments]


def _store(instrument: Instrument, *, using: str, from_file: bool) -> Change:
    from nrm.screening.models import InstrumentVersion

    rows = InstrumentVersion.objects.using(using)
    row = rows.filter(key=instrument.key, version=instrument.version).first()
    if row is None:
        rows.create(
            key=instrument.key,
            version=instrument.version,
            status=instrument.status,
            graded=instrument.graded,
            title=instrument.title["en"][:200],
            definition=dict(instrument.definition),
            digest=instrument.digest,
            from_file=from_file,
        )
        return Change(instrument.key, instrument.version, "created")
    if row.digest != instrument.digest:
        raise DefinitionError(
            f"{instrument.key} version {instrument.version} differs from the copy "
            "already stored: a version never changes once loaded. Give the changed "
            f"definition version {instrument.version + 1} in a new file."
        )
    if not row.is_active:
        row.is_active = True
        row.save(update_fields=["is_active", "updated_at"])
        return Change(instrument.key, instrument.version, "reactivated")
    return Change(instrument.key, instrument.version, "unchanged")


def sync_after_migrate(**kwargs: Any) -> None:
    """post_migrate: load the instruments once the screening tables exist."""
    using = kwargs.get("using", "default")
    from nrm.screening.models import InstrumentVersion

    if InstrumentVersion._meta.db_table not in connections[using].introspection.table_names():
        return
    sync_instruments(using=using)
