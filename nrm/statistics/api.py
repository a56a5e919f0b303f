"""Statistics API: the same selectors as the dashboard, `nrm stats` and the public page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, ConfigDict

from nrm.core.api_types import Day, Id, PeriodName
from nrm.core.periods import Period
from nrm.statistics import selectors
from nrm.statistics.quality import quality_review

router = Router(tags=["statistics"])


class StatisticsFilters(Schema):
    start: Day = Field(..., alias="from", description="first day, YYYY-MM-DD")
    end: Day = Field(..., alias="to", description="last day, YYYY-MM-DD")
    family: list[str] = Field(default_factory=list, description="only these families")
    jurisdiction: str = Field("", description="bih, fbih, rs or bd")
    organisation: Id | None = Field(None, description="an organisation's id")


class PeriodOut(Schema):
    from_: str = Field(..., alias="from")
    to: str

    model_config = ConfigDict(populate_by_name=True)


class StatisticsOut(BaseModel):
    """{"period": {from, to}, <family>: {...}, ...}: the JSON of `nrm stats`. A plain pydantic
    model: django-ninja's Schema reads its input as attributes, which drops the families (the
    extra keys) from the answer."""

    period: PeriodOut
    unfiltered: dict[str, list[str]] = Field(
        default_factory=dict,
        description="families that cannot be filtered by the filters named (shown unfiltered)",
    )

    model_config = ConfigDict(extra="allow")


class FindingOut(Schema):
    kind: str
    message: str
    record: str
    url: str


class QualityOut(Schema):
    findings: list[FindingOut]


class PublicTableOut(Schema):
    key: str
    caption: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int | None]] = Field(
        ..., description="null: not shown (disclosure control) or no such cell"
    )


class PublicFamilyOut(Schema):
    family: str
    tables: list[PublicTableOut]


class PublicStatisticsOut(Schema):
    period: PeriodOut
    name: str = Field(..., description="the period's name (YYYY, YYYY-H1 or YYYY-H2)")
    periods: list[str] = Field(
        ..., description="every public period, newest first: those of the published bulletins"
    )
    threshold: int
    families: list[PublicFamilyOut]


@router.get(
    "/statistics",
    response=StatisticsOut,
    by_alias=True,
    summary="Statistics of a period (every family, or those named)",
)
def statistics(request: HttpRequest, filters: Query[StatisticsFilters]) -> dict[str, Any]:
    query = selectors.StatisticsQuery(
        period=Period(filters.start, filters.end),
        families=tuple(filters.family),
        jurisdiction=filters.jurisdiction,
        organisation=filters.organisation,
    )
    result = selectors.coordinator_statistics(actor=request.user, query=query)
    return {**result.data, "unfiltered": result.unfiltered}


@router.get(
    "/statistics/quality",
    response=QualityOut,
    summary="Data-quality findings for the bulletin of a period (YYYY, YYYY-H1, YYYY-H2)",
)
def quality(request: HttpRequest, period: PeriodName) -> dict[str, Any]:
    findings = quality_review(actor=request.user, period=Period.parse(period))
    return {"findings": [finding.as_dict() for finding in findings]}


@router.get(
    "/statistics/public",
    response=PublicStatisticsOut,
    by_alias=True,
    auth=None,
    summary="Public statistics: aggregates with small cells suppressed (no authentication)",
    description=(
        "Only the periods of published bulletins are public (`periods` lists them); another "
        "period is refused with 422 naming `period`. Without `period`: the newest one."
    ),
)
def public(request: HttpRequest, period: str | None = None) -> dict[str, Any]:
    chosen = selectors.public_period(Period.parse(period) if period is not None else None)
    families = []
    for entry in selectors.public_statistics(period=chosen):
        tables = []
        for grid in entry.figures.grids:
            tables.append(
                {
                    "key": grid.key,
                    "caption": str(grid.caption),
                    "rows": [str(label) for label in grid.row_labels],
                    "columns": [str(label) for label in grid.column_labels],
                    "cells": [
                        [None if name is None else entry.cells.value(name) for name in row]
                        for row in grid.cells
                    ],
                }
            )
        families.append({"family": entry.family, "tables": tables})
    return {
        "period": chosen.as_dict(),
        "name": chosen.name,
        "periods": [p.name for p in selectors.public_periods()],
        "threshold": selectors.public_threshold(),
        "families": families,
    }
