"""Statistics pages: the coordinator's dashboard and exports, the data-quality review, and the
public, disclosure-controlled statistics page."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from nrm.accounts.http import AuthenticatedRequest
from nrm.accounts.selectors import organisation_list
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.statistics import chartspecs, exports, labels, selectors
from nrm.statistics.charts import ChartSpec, data_uri
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.forms import PeriodForm, PublicPeriodForm, StatisticsFilterForm
from nrm.statistics.presentation import family_tables
from nrm.statistics.quality import Coverage, quality_review
from nrm.statistics.tables import Grid, trial_figures, victim_figures


def latest_bulletin_period() -> Period | None:
    """The period of the newest bulletin edition: what the coordinator is working towards."""
    from nrm.bulletin.selectors import latest_edition_period

    return latest_edition_period()


# How far back the dashboard looks for the last complete period with figures.
LOOK_BACK_HALF_YEARS = 6


def default_statistics_period(today: datetime.date | None = None) -> Period:
    """The last complete period: the statistics span (January to the end of the half-year) of
    the newest half-year that has ended and in which victims were identified, else of the
    newest half-year that has ended. A bulletin started for a later period does not move it."""
    today = today or timezone.localdate()
    year, half = (today.year - 1, 2) if today.month <= 6 else (today.year, 1)
    spans = []
    for _step in range(LOOK_BACK_HALF_YEARS):
        spans.append(Period.parse(f"{year}-H1" if half == 1 else str(year)))
        year, half = (year - 1, 2) if half == 1 else (year, 1)
    if "victims" in selectors.family_names():
        from nrm.cases.statistics import victims_identified_in

        # Whether any victim counts in a span (the family's total is not 0), not its figures.
        for span in spans:
            if victims_identified_in(span).exists():
                return span
    return spans[0]


def default_bulletin_period() -> Period:
    period = latest_bulletin_period()
    if period is not None:
        return period
    today = timezone.localdate()
    return Period.parse(f"{today.year}-H{1 if today.month <= 6 else 2}")


# Dashboard ----------------------------------------------------------------------------------


def _filter_form(request: AuthenticatedRequest) -> StatisticsFilterForm:
    return StatisticsFilterForm(
        request.GET or None,
        default=default_statistics_period(),
        organisations=organisation_list(actor=request.user),
        families=selectors.family_names(),
    )


def _charts(family: str, data: dict[str, Any]) -> list[tuple[ChartSpec, str]]:
    specs: list[ChartSpec | None] = []
    if family == "victims":
        cells = victim_figures(data).protected(None)
        specs = [
            chartspecs.victims_by_age_and_sex(cells),
            chartspecs.victims_by_exploitation(cells),
            chartspecs.victims_by_citizenship(cells, data["by_citizenship"]),
        ]
    elif family == "trial_monitoring":
        cells = trial_figures(data).protected(None)
        specs = [
            chartspecs.cases_by_article(cells),
            chartspecs.verdicts(cells),
            chartspecs.sentences(cells),
        ]
    elif family == "activities":
        specs = [
            chartspecs.activities_by_type(data),
            chartspecs.people_trained_by_target_group(data),
        ]
    return [(spec, data_uri(spec)) for spec in specs if spec is not None and not spec.is_empty]


@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    form = _filter_form(request)
    query = form.query()
    if query is None:
        return _invalid(request, form)
    result = selectors.coordinator_statistics(actor=request.user, query=query)
    with labels.organisation_names():
        sections = [
            {
                "key": family,
                "title": labels.family_label(family),
                "tables": family_tables(family, result.data[family]),
                "charts": _charts(family, result.data[family]),
                "unfiltered": [labels.key_label(f) for f in result.unfiltered.get(family, [])],
            }
            for family in result.families
        ]
    return render(
        request,
        "statistics/dashboard.html",
        {
            "form": form,
            "period": query.period,
            "sections": sections,
            "query": request.GET.urlencode(),
        },
    )


def _invalid(request: AuthenticatedRequest, form: StatisticsFilterForm) -> HttpResponse:
    """The form with its errors, and no figures: never another period's in their place."""
    return render(request, "statistics/dashboard.html", {"form": form}, status=422)


def _export(request: AuthenticatedRequest) -> tuple[dict[str, Any], Period] | HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    form = _filter_form(request)
    query = form.query()
    if query is None:
        return _invalid(request, form)
    result = selectors.coordinator_statistics(actor=request.user, query=query)
    return result.data, query.period


def _filename(period: Period, extension: str) -> str:
    return f"nrm-statistics-{period.start.isoformat()}-{period.end.isoformat()}.{extension}"


@require_GET
def export_csv(request: AuthenticatedRequest) -> HttpResponse:
    exported = _export(request)
    if isinstance(exported, HttpResponse):
        return exported
    data, period = exported
    response = HttpResponse(exports.statistics_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "csv")}"'
    return response


@require_GET
def export_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    exported = _export(request)
    if isinstance(exported, HttpResponse):
        return exported
    data, period = exported
    response = HttpResponse(
        exports.statistics_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "xlsx")}"'
    return response


# Data-quality review ------------------------------------------------------------------------


@require_GET
def quality(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    form = PeriodForm(request.GET or None, default=default_bulletin_period())
    period = form.chosen()
    findings = quality_review(actor=request.user, period=period)
    kinds: dict[str, int] = {}
    for finding in findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    return render(
        request,
        "statistics/quality.html",
        {
            "form": form,
            "period": period,
            "coverage": Coverage(period),
            "findings": [
                {**f.as_dict(), "kind_label": kind_label(f.kind), "record_label": f.record_label()}
                for f in findings
            ],
            "kinds": [(kind_label(kind), count) for kind, count in kinds.items()],
        },
    )


def kind_label(kind: str) -> str:
    from nrm.statistics.labels import FINDING_KINDS

    return str(FINDING_KINDS.get(kind, labels.humanise(kind)))


# Public statistics --------------------------------------------------------------------------


@login_not_required
@require_GET
def public_statistics(request: HttpRequest) -> HttpResponse:
    """The statistics of a public period (those of the published bulletins: another period
    is refused on the form), disclosure-controlled like the API and the open data."""
    periods = selectors.public_periods()
    form = PublicPeriodForm(request.GET or None, periods=periods)
    period = form.chosen()
    sections = []
    if period is not None:
        for entry in selectors.public_statistics(period=period):
            sections.append(_public_section(entry))
    return render(
        request,
        "statistics/public.html",
        {
            "form": form,
            "period": period,
            "periods": periods,
            "sections": sections,
            "threshold": selectors.public_threshold(),
        },
        status=422 if form.is_bound and not form.is_valid() else 200,
    )


def _public_section(entry: selectors.PublicFigures) -> dict[str, Any]:
    charts: list[ChartSpec | None] = []
    if entry.family == "victims":
        charts = [
            chartspecs.victims_by_age_and_sex(entry.cells),
            chartspecs.victims_by_exploitation(entry.cells),
        ]
    return {
        "key": entry.family,
        "title": labels.family_label(entry.family),
        "grids": [_grid_context(grid, entry.cells) for grid in entry.figures.grids],
        "charts": [(c, data_uri(c)) for c in charts if c is not None and not c.is_empty],
    }


def _public_cell(name: str | None, cells: ProtectedCells) -> dict[str, Any]:
    """What the public page may know of a cell: never the value of a hidden one."""
    if name is None:
        return {"kind": "none"}
    if cells.is_hidden(name):
        return {"kind": "hidden"}
    value = cells.values[name]
    return {"kind": "zero"} if value == 0 else {"kind": "value", "value": value}


def _grid_context(grid: Grid, cells: ProtectedCells) -> dict[str, Any]:
    rows = []
    for index, label in enumerate(grid.row_labels):
        values = [
            {"column": column, **_public_cell(name, cells)}
            for column, name in zip(grid.column_labels, grid.cells[index], strict=True)
        ]
        last = index == len(grid.row_labels) - 1
        rows.append({"label": label, "values": values, "total": grid.total_row and last})
    return {
        "key": grid.key,
        "caption": grid.caption,
        "row_header": grid.row_header,
        "columns": grid.column_labels,
        "rows": rows,
    }
