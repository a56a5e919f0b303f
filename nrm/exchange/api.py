"""Exchange API (coordinators): HTCDS import and export, anonymised releases, open data, log.

The same services as `nrm import htcds`, `nrm export ...` and the exchange page. Files come back
as downloads (their media types are in the OpenAPI schema); errors in the one error body, an
import's problems as `{"row N, column C": [message]}` under `fields`.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from nrm.accounts.models import Organisation
from nrm.core.api_types import Count, Day, Id, Limit, PeriodName
from nrm.core.errors import ValidationError
from nrm.core.imports import ImportFailed
from nrm.core.periods import Period
from nrm.exchange import selectors, services
from nrm.exchange.anonymised import (
    DEFAULT_K,
    export_anonymised,
    release_file_name,
    release_zip,
)
from nrm.exchange.forms import MAX_UPLOAD_BYTES
from nrm.exchange.htcds_export import export_htcds
from nrm.exchange.opendata import export_opendata
from nrm.exchange.rules import require_exchange
from nrm.exchange.views import XLSX, download

router = Router(tags=["exchange"])


def _binary(media_type: str, description: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


class ImportOut(Schema):
    rows: int = Field(..., description="rows checked (and, unless a dry run, imported)")
    dry_run: bool
    codes: list[str] = Field(..., description="codes of the cases created, in row order")
    warnings: list[str] = Field(..., description="possible duplicates, ignored columns")
    not_mapped: list[str] = Field(..., description="what the file held that NRM does not")


class ExportPeriod(Schema):
    start: Day = Field(..., alias="from", description="first day, YYYY-MM-DD")
    end: Day = Field(..., alias="to", description="last day, YYYY-MM-DD")
    identifying: bool = Field(
        False, description="names, birth dates, contacts of the cases you may identify (logged)"
    )


class ExchangeOut(Schema):
    kind: str
    at: datetime.datetime
    by: str | None
    period_from: Day | None
    period_to: Day | None
    rows: int
    identifying: bool
    file_name: str
    sha256: str
    summary: dict[str, Any]


def _period(name: str) -> Period:
    return Period.parse(name)


@router.post(
    "/exchange/htcds/import",
    response=ImportOut,
    summary="Import an HTCDS 2.0 Excel file (all rows or none; dry_run only checks)",
)
def htcds_import(
    request: HttpRequest,
    file: File[UploadedFile],
    organisation: Form[Id | None] = None,
    identified_on: Form[Day | None] = None,
    dry_run: Form[bool] = False,
) -> dict[str, Any]:
    require_exchange(request.user)
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError(fields={"file": ["The file is larger than 20 MB."]})
    chosen = None
    if organisation is not None:
        chosen = Organisation.objects.filter(pk=organisation).first()
        if chosen is None:
            raise ValidationError(fields={"organisation": ["No such organisation."]})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        with path.open("wb") as target:
            for chunk in file.chunks():
                target.write(chunk)
        try:
            outcome = services.htcds_import(
                actor=request.user,  # type: ignore[arg-type]
                path=path,
                organisation=chosen,
                identified_on=identified_on,
                dry_run=dry_run,
                file_name=file.name or "",
            )
        except ImportFailed as failed:
            fields: dict[str, list[str]] = {}
            for problem in failed.problems:
                fields.setdefault(f"row {problem.row}, column {problem.column}", []).append(
                    problem.message
                )
            raise ValidationError(
                f"{len(failed.problems)} problem(s); nothing was imported.", fields=fields
            ) from None
    result = outcome.result
    return {
        "rows": result.rows,
        "dry_run": result.dry_run,
        "codes": result.codes,
        "warnings": result.warnings,
        "not_mapped": outcome.report,
    }


@router.get(
    "/exchange/htcds/export",
    summary="The cases of a period in the HTCDS 2.0 Excel template",
    openapi_extra=_binary(XLSX, "the filled template (.xlsx)"),
)
def htcds_export(request: HttpRequest, query: Query[ExportPeriod]) -> HttpResponse:
    exported = export_htcds(
        actor=request.user,
        period=Period(query.start, query.end),
        identifying=query.identifying,
    )
    return download(exported.content, exported.file_name, XLSX)


@router.get(
    "/exchange/anonymised",
    summary="A k-anonymous case-level release in CTDC's columns, with its counts table",
    openapi_extra=_binary("application/zip", "release .csv, counts .csv and report.txt"),
)
def anonymised(request: HttpRequest, period: PeriodName, k: Count = DEFAULT_K) -> HttpResponse:
    chosen = _period(period)
    release = export_anonymised(actor=request.user, period=chosen, k=k)
    name = release_file_name(chosen).replace(".csv", ".zip")
    return download(release_zip(release), name, "application/zip")


@router.get(
    "/exchange/opendata",
    summary="The public statistics of a period as a Frictionless data package",
    openapi_extra=_binary("application/zip", "datapackage.json, CSV and Parquet"),
)
def opendata(request: HttpRequest, period: PeriodName) -> HttpResponse:
    require_exchange(request.user)
    bundle = export_opendata(actor=request.user, period=_period(period))
    return download(bundle.zip(), bundle.file_name, "application/zip")


@router.get("/exchange/log", response=list[ExchangeOut], summary="Recent imports and exports")
def log(request: HttpRequest, limit: Limit = 20) -> list[dict[str, Any]]:
    if not 1 <= limit <= 200:
        raise ValidationError(fields={"limit": ["from 1 to 200"]})
    return [
        {
            "kind": record.kind,
            "at": record.created_at,
            "by": record.actor.username if record.actor else None,
            "period_from": record.period_start,
            "period_to": record.period_end,
            "rows": record.rows,
            "identifying": record.identifying,
            "file_name": record.file_name,
            "sha256": record.sha256,
            "summary": record.summary,
        }
        for record in selectors.exchange_history(actor=request.user, limit=limit)
    ]
