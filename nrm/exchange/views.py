"""The coordinator's exchange page (import, exports, log) and the public open-data downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from nrm.accounts.http import AuthenticatedRequest
from nrm.accounts.selectors import organisation_list
from nrm.core.errors import ApplicationError, NotFound, ValidationError
from nrm.core.forms import apply_errors
from nrm.core.imports import ImportFailed
from nrm.core.periods import Period
from nrm.exchange import selectors, services
from nrm.exchange.anonymised import export_anonymised, release_file_name, release_zip
from nrm.exchange.forms import AnonymisedForm, HtcdsExportForm, HtcdsImportForm, OpenDataForm
from nrm.exchange.htcds_export import export_htcds
from nrm.exchange.opendata import build_bundle, export_opendata
from nrm.exchange.rules import require_exchange
from nrm.statistics.selectors import public_periods

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


def _last_year() -> str:
    return str(timezone.localdate().year - 1)


def _newest_public_period() -> str:
    periods = public_periods()
    return periods[0].name if periods else ""


def _forms(request: AuthenticatedRequest, **bound: Any) -> dict[str, Any]:
    year = int(_last_year())
    return {
        "import_form": bound.get("import_form")
        or HtcdsImportForm(organisations=organisation_list(actor=request.user)),
        "htcds_form": bound.get("htcds_form")
        or HtcdsExportForm(initial={"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}),
        "anonymised_form": bound.get("anonymised_form")
        or AnonymisedForm(initial={"period": _last_year()}),
        "opendata_form": bound.get("opendata_form")
        or OpenDataForm(initial={"period": _newest_public_period()}),
    }


def _page(request: AuthenticatedRequest, status: int = 200, **context: Any) -> HttpResponse:
    forms = _forms(request, **{k: v for k, v in context.items() if k.endswith("_form")})
    return render(
        request,
        "exchange/index.html",
        {
            **context,
            **forms,
            "history": selectors.exchange_history(actor=request.user),
        },
        status=status,
    )


@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    require_exchange(request.user)
    return _page(request)


@require_http_methods(["GET", "POST"])
def htcds_import(request: AuthenticatedRequest) -> HttpResponse:
    require_exchange(request.user)
    if request.method != "POST":
        return _page(request)
    form = HtcdsImportForm(
        request.POST, request.FILES, organisations=organisation_list(actor=request.user)
    )
    if not form.is_valid():
        return _page(request, status=422, import_form=form)
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            outcome = services.htcds_import(
                actor=request.user,
                path=path,
                organisation=form.cleaned_data["organisation"],
                identified_on=form.cleaned_data["identified_on"],
                dry_run=form.cleaned_data["dry_run"],
                file_name=upload.name,
            )
        except ImportFailed as failed:
            return _page(
                request,
                status=422,
                import_form=form,
                problems=[str(p) for p in failed.problems],
                file_name=upload.name,
            )
        except ApplicationError as error:
            apply_errors(form, error)
            return _page(request, status=422, import_form=form)
    return _page(request, outcome=outcome, file_name=upload.name)


@require_GET
def htcds_export(request: AuthenticatedRequest) -> HttpResponse:
    require_exchange(request.user)
    form = HtcdsExportForm(request.GET)
    if not form.is_valid():
        return _page(request, status=422, htcds_form=form)
    exported = export_htcds(
        actor=request.user,
        period=form.cleaned_data["period"],
        identifying=form.cleaned_data["identifying"],
    )
    return download(exported.content, exported.file_name, XLSX)


@require_GET
def anonymised_release(request: AuthenticatedRequest) -> HttpResponse:
    require_exchange(request.user)
    form = AnonymisedForm(request.GET)
    if not form.is_valid():
        return _page(request, status=422, anonymised_form=form)
    period = form.cleaned_data["period"]
    release = export_anonymised(actor=request.user, period=period, k=form.cleaned_data["k"])
    name = release_file_name(period).replace(".csv", ".zip")
    return download(release_zip(release), name, "application/zip")


@require_GET
def opendata_export(request: AuthenticatedRequest) -> HttpResponse:
    require_exchange(request.user)
    form = OpenDataForm(request.GET)
    if not form.is_valid():
        return _page(request, status=422, opendata_form=form)
    bundle = export_opendata(actor=request.user, period=form.cleaned_data["period"])
    return download(bundle.zip(), bundle.file_name, "application/zip")


# Public (no login) ---------------------------------------------------------------------------


def _named_period(name: str) -> Period:
    try:
        return Period.parse(name)
    except ApplicationError:
        raise NotFound() from None


@login_not_required
@require_GET
def public_bundle(request: HttpRequest, period: str) -> HttpResponse:
    """The public statistics of a public period, as open data (what the public page shows);
    another period is not found (docs/methodology.md, "Public periods")."""
    try:
        bundle = build_bundle(_named_period(period))
    except ValidationError as error:
        raise NotFound(error.message) from None
    return download(bundle.zip(), bundle.file_name, "application/zip")


def bulletin_statistics_period(edition_period: str) -> Period:
    """A bulletin's statistics cover its year up to the period's end: 2024-H1 is January to
    June, 2024-H2 the whole of 2024 (docs/methodology.md, "Periods")."""
    period = _named_period(edition_period)
    if period.name.endswith("H1"):
        return period
    return Period.parse(str(period.end.year))


@login_not_required
@require_GET
def bulletin_bundle(request: HttpRequest, period: str) -> HttpResponse:
    """The open data of a published bulletin: the statistics it covers."""
    if not selectors.bulletin_published(period=period):
        raise NotFound()
    bundle = build_bundle(bulletin_statistics_period(period))
    return download(bundle.zip(), bundle.file_name, "application/zip")
