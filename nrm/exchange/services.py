"""Every write of the exchange app: imports, and the log entry each export leaves.

An export changes no case, but what leaves the system is recorded (who, when, which period,
whether identifying data went with it, the file's SHA-256): `exchange_log` is called by every
export, at the command line, on the web and through the API.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

from nrm.accounts.models import Organisation, User
from nrm.core.imports import Progress
from nrm.core.periods import Period
from nrm.core.services import service
from nrm.exchange.htcds_import import HtcdsImportResult, import_htcds
from nrm.exchange.models import ExchangeKind, ExchangeRecord
from nrm.exchange.rules import require_exchange


def htcds_import(
    *,
    actor: User | None,
    path: Path,
    organisation: Organisation | None = None,
    identified_on: datetime.date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    file_name: str = "",
) -> HtcdsImportResult:
    """Import an HTCDS file (all rows or none) and log it; a dry run writes nothing at all.

    Not one transaction with the log on purpose: the import is its own all-or-nothing
    transaction (nrm.cases.importers), and a failed import leaves no log entry.
    """
    require_exchange(actor)
    outcome = import_htcds(
        actor=actor,
        path=path,
        organisation=organisation,
        identified_on=identified_on,
        dry_run=dry_run,
        progress=progress,
        file_name=file_name,
    )
    if not dry_run:
        exchange_log(
            actor=actor,
            kind=ExchangeKind.HTCDS_IMPORT,
            rows=outcome.result.rows,
            file_name=file_name or path.name,
            content=path.read_bytes(),
            summary={
                "codes": outcome.result.codes[:1] + outcome.result.codes[-1:],
                "warnings": len(outcome.result.warnings),
                "not_mapped": outcome.report,
            },
        )
    return outcome


@service
def exchange_log(
    *,
    actor: User | None,
    kind: str,
    rows: int,
    content: bytes,
    file_name: str = "",
    period: Period | None = None,
    identifying: bool = False,
    summary: dict[str, Any] | None = None,
) -> ExchangeRecord:
    """Record an import or export: who, what, and the fingerprint of the file."""
    require_exchange(actor)
    record = ExchangeRecord(
        kind=kind,
        actor=actor,
        organisation=getattr(actor, "organisation", None),
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        rows=rows,
        identifying=identifying,
        file_name=file_name[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        summary=summary or {},
    )
    record.full_clean()
    record.save()
    return record
