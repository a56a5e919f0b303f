"""Multi-year series of victims (the `trends` family), and the import of historical aggregates.

Years from the first year with records come from the records (the `victims` family of each
calendar year); earlier years come from historical aggregates imported with their source
(nrm.statistics.models.HistoricalFigure). Every year says where its figures come from: the
two are never mixed silently, and a filtered dashboard shows records only.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.statistics.models import HistoricalFigure

TREND_KEYS = ("total", "female", "male", "minors", "foreigners", "sexual", "labour", "begging")
RECORDS = "records"
# Columns of the historical file (data/bih_identified_victims_us_tip.csv) by trend key.
COLUMNS = {
    "total_identified": "total",
    "female": "female",
    "male": "male",
    "children": "minors",
    "foreign": "foreigners",
    "sex_trafficking": "sexual",
    "forced_labour_total": "labour",
    "forced_begging": "begging",
}
DEMO_FILE = Path(__file__).resolve().parent / "data" / "bih_identified_victims_us_tip.csv"
LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*(.*)$")


def _from_records(figures: dict[str, int]) -> dict[str, Any]:
    return {key: figures[key] for key in TREND_KEYS} | {"source": RECORDS}


def victim_trends(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `trends` family: victims by year, by sex, minors, foreigners and three forms of
    exploitation, up to the period's year (its last year: to the period's end), each year
    with its `source` ("records", or the public report of a historical aggregate). The years
    from records are counted together, in one pass over the cases."""
    require_role(actor, Role.COORDINATOR)
    from nrm.cases.statistics import victim_trend_figures

    aggregates: dict[int, dict[str, Any]] = {}
    if not filters:  # aggregates cannot be filtered by organisation or jurisdiction
        for figure in HistoricalFigure.objects.filter(year__lte=period.end.year):
            row = aggregates.setdefault(figure.year, dict.fromkeys(TREND_KEYS))
            row[figure.key] = figure.value
            row["source"] = figure.source
    first = min([*aggregates, period.end.year])
    spans = [
        Period(datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), period.end))
        for year in range(first, period.end.year + 1)
    ]
    counted_by_year = [_from_records(v) for v in victim_trend_figures(spans, **filters)]
    years: dict[str, dict[str, Any]] = {}
    records_began = False
    for span, counted in zip(spans, counted_by_year, strict=True):
        year = span.start.year
        records_began = records_began or bool(counted["total"])
        if records_began or year not in aggregates:
            if records_began or year == period.end.year:
                years[str(year)] = counted
        else:
            years[str(year)] = aggregates[year]
    return {"by_year": years}


# Import -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    years: list[int]
    figures: int


def _value(cell: str, row: int, column: str) -> tuple[int | None, str]:
    text = (cell or "").strip()
    if not text:
        return None, ""
    match = LEADING_NUMBER.match(text)
    if not match:
        raise ValidationError(
            _("Row %(row)s, column %(column)s: %(value)r is not a number.")
            % {"row": row, "column": column, "value": text},
            fields={f"row {row}": [_("column %(column)s: not a number") % {"column": column}]},
        )
    return int(match.group(1)), match.group(2).strip()


def historical_figures_import(
    *, actor: Any, content: str, source_column: str = "source_report", dry_run: bool = False
) -> ImportResult:
    """Import yearly aggregates from a CSV (a `data_year` column, the columns of COLUMNS, the
    source of each row): all rows or none; a year's figures replace those imported before."""
    require_role(actor, Role.COORDINATOR)
    reader = csv.DictReader(io.StringIO(content))
    missing = [c for c in ("data_year", source_column) if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s.") % {"columns": ", ".join(missing)},
            fields={"file": [_("missing columns: %(columns)s") % {"columns": ", ".join(missing)}]},
        )
    figures: list[HistoricalFigure] = []
    for number, line in enumerate(reader, start=2):
        year_text = (line.get("data_year") or "").strip()
        if not year_text.isdigit() or not 1990 <= int(year_text) <= 2100:
            raise ValidationError(
                _("Row %(row)s, column data_year: %(value)r is not a year.")
                % {"row": number, "value": year_text},
                fields={f"row {number}": [_("column data_year: not a year")]},
            )
        source = (line.get(source_column) or "").strip()
        if not source:
            raise ValidationError(
                _("Row %(row)s, column %(column)s: the source is missing.")
                % {"row": number, "column": source_column},
                fields={f"row {number}": [_("the source is missing")]},
            )
        for column, key in COLUMNS.items():
            value, remark = _value(line.get(column, ""), number, column)
            if value is None:
                continue
            note = "; ".join(part for part in (remark, (line.get("note") or "").strip()) if part)
            figures.append(
                HistoricalFigure(
                    year=int(year_text), key=key, value=value, source=source, note=note[:300]
                )
            )
    years = sorted({f.year for f in figures})
    if not dry_run:
        _store(figures, years)
    return ImportResult(years=years, figures=len(figures))


@transaction.atomic
def _store(figures: Iterable[HistoricalFigure], years: list[int]) -> None:
    HistoricalFigure.objects.filter(year__in=years).delete()
    for figure in figures:
        figure.full_clean()
        figure.save()


def load_demo() -> None:
    """The BiH figures for 2016-2022 from the US State Department's TIP reports."""
    if not HistoricalFigure.objects.exists():
        historical_figures_import(actor=None, content=DEMO_FILE.read_text(encoding="utf-8"))
