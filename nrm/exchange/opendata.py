"""`nrm export opendata`: the public statistics of a period as an open-data bundle.

A Frictionless Data Package (datapackage.json: schema, licence, source, methodology) with one
table of figures, as CSV and as Parquet, ready for a national open-data portal or for DuckDB and
pandas. The figures are exactly those of the public statistics page and the public API: they come
from the same selector (`nrm.statistics.selectors.public_statistics`), after the same disclosure
control, never from a copy of it. A hidden figure is an empty value marked `suppressed`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from nrm.core.periods import Period
from nrm.exchange.models import ExchangeKind
from nrm.exchange.services import exchange_log
from nrm.statistics.selectors import public_statistics, public_threshold

RESOURCE = "public-statistics"
CSV_PATH = f"data/{RESOURCE}.csv"
PARQUET_PATH = f"data/{RESOURCE}.parquet"
METHODOLOGY_PATH = "methodology.md"
LANGUAGE = "en"  # labels in English; the cell keys are stable in every language

# (name, Table Schema type, description): the columns of the table.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("period_from", "date", "first day of the period"),
    ("period_to", "date", "last day of the period"),
    ("family", "string", "statistics family (victims, trial_monitoring)"),
    ("table", "string", "the table's key, as on the public statistics page"),
    ("table_caption", "string", "the table's caption"),
    ("row_number", "integer", "row of the table, from 1"),
    ("row_label", "string", "the row's label"),
    ("column_number", "integer", "column of the table, from 1"),
    ("column_label", "string", "the column's label"),
    ("cell", "string", "stable key of the figure (the same figure has the same key everywhere)"),
    ("total", "boolean", "the row or column holds totals"),
    ("value", "integer", "number of persons or cases; empty when suppressed"),
    ("suppressed", "boolean", "hidden by disclosure control (a small number, or one that would "
     "reveal a small number)"),
)  # fmt: skip


@dataclass(frozen=True)
class Bundle:
    period: Period
    descriptor: dict[str, Any]
    csv: bytes
    parquet: bytes
    methodology: bytes
    rows: int
    suppressed: int

    def files(self) -> Iterator[tuple[str, bytes]]:
        yield "datapackage.json", _json(self.descriptor)
        yield CSV_PATH, self.csv
        yield PARQUET_PATH, self.parquet
        if self.methodology:
            yield METHODOLOGY_PATH, self.methodology

    def write_to(self, folder: Path) -> None:
        for name, content in self.files():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in self.files():
                archive.writestr(f"{self.name}/{name}", content)
        return buffer.getvalue()

    @property
    def name(self) -> str:
        return str(self.descriptor["name"])

    @property
    def file_name(self) -> str:
        return f"{self.name}.zip"


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def figure_rows(period: Period) -> list[dict[str, Any]]:
    """One row per cell of every public table, in the public page's order."""
    rows: list[dict[str, Any]] = []
    for entry in public_statistics(period=period):
        for grid in entry.figures.grids:
            last_row = len(grid.row_labels) - 1
            last_column = len(grid.column_labels) - 1
            for r, (row_label, names) in enumerate(zip(grid.row_labels, grid.cells, strict=True)):
                for c, (column_label, name) in enumerate(
                    zip(grid.column_labels, names, strict=True)
                ):
                    if name is None:
                        continue
                    hidden = entry.cells.is_hidden(name)
                    rows.append(
                        {
                            "period_from": period.start,
                            "period_to": period.end,
                            "family": entry.family,
                            "table": grid.key,
                            "table_caption": str(grid.caption),
                            "row_number": r + 1,
                            "row_label": str(row_label),
                            "column_number": c + 1,
                            "column_label": str(column_label),
                            "cell": name,
                            "total": (grid.total_row and r == last_row)
                            or (grid.total_column and c == last_column),
                            "value": None if hidden else entry.cells.value(name),
                            "suppressed": hidden,
                        }
                    )
    return rows


def _csv(rows: list[dict[str, Any]]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _type, _d in FIELDS])
    for row in rows:
        writer.writerow([_csv_value(row[name]) for name, _type, _d in FIELDS])
    return buffer.getvalue().encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _parquet(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "date": pa.date32(),
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
    }
    schema = pa.schema(
        [pa.field(name, types[kind], nullable=(name == "value")) for name, kind, _d in FIELDS]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _methodology() -> bytes:
    path = Path(settings.BASE_DIR) / "docs" / "methodology.md"
    return path.read_bytes() if path.is_file() else b""


def descriptor(
    period: Period, rows: list[dict[str, Any]], parquet: bytes, methodology: bool
) -> dict[str, Any]:
    home = settings.NRM_HOME_COUNTRY.upper()
    span = period.name or f"{period.start.isoformat()}-{period.end.isoformat()}"
    threshold = public_threshold()
    schema = {
        "fields": [
            {"name": name, "type": kind, "description": text} for name, kind, text in FIELDS
        ],
        "missingValues": [""],
        "primaryKey": ["table", "row_number", "column_number"],
    }
    methodology_link = settings.NRM_METHODOLOGY_URL or (METHODOLOGY_PATH if methodology else "")
    sources = [
        {
            "title": f"National Referral Mechanism information system ({home}), public statistics",
        }
    ]
    if methodology_link:
        sources.append(
            {
                "title": "Methodology: counting rules and disclosure control",
                "path": methodology_link,
            }
        )
    title = f"Public statistics on trafficking in human beings, {span}"
    resource_common = {
        "profile": "tabular-data-resource",
        "title": title,
        "schema": schema,
    }
    return {
        "profile": "data-package",
        "name": f"nrm-open-data-{span.lower()}",
        "title": f"Trafficking in human beings: public statistics, {span}",
        "description": (
            f"Victims of trafficking in human beings and monitored trials, {period.start} to "
            f"{period.end}, as published on the public statistics page. A victim counts in the "
            "period of identification; minors are under 18 on that date; a victim with several "
            "forms of exploitation counts under each. Disclosure control: counts from 1 to "
            f"{threshold - 1} are suppressed, and so is any count that would let one work them "
            "out (complementary suppression)."
        ),
        "version": "1.0.0",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "keywords": ["trafficking in human beings", "victims", "statistics", home],
        "licenses": [
            {
                "name": settings.NRM_OPEN_DATA_LICENSE,
                "path": settings.NRM_OPEN_DATA_LICENSE_URL,
                "title": settings.NRM_OPEN_DATA_LICENSE_TITLE,
            }
        ],
        "sources": sources,
        "nrm:period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "nrm:disclosure": {"min_cell": threshold, "suppressed": sum(r["suppressed"] for r in rows)},
        "resources": [
            {
                **resource_common,
                "name": RESOURCE,
                "path": CSV_PATH,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
            },
            {
                # The same table in Apache Parquet, same columns and types. Declared as a file
                # (checked by its hash), so that the package validates without a Parquet reader.
                "profile": "data-resource",
                "type": "file",
                "name": f"{RESOURCE}-parquet",
                "title": f"{title} (Parquet)",
                "path": PARQUET_PATH,
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "bytes": len(parquet),
                "hash": f"sha256:{hashlib.sha256(parquet).hexdigest()}",
            },
        ],
    }


def build_bundle(period: Period) -> Bundle:
    """The bundle of the public statistics of `period` (nothing here is not already public)."""
    with translation.override(LANGUAGE):
        rows = figure_rows(period)
    methodology = _methodology()
    parquet = _parquet(rows)
    return Bundle(
        period=period,
        descriptor=descriptor(period, rows, parquet, bool(methodology)),
        csv=_csv(rows),
        parquet=parquet,
        methodology=methodology,
        rows=len(rows),
        suppressed=sum(1 for row in rows if row["suppressed"]),
    )


def export_opendata(*, actor: Any, period: Period) -> Bundle:
    """The bundle, logged as an export of the coordinator's (the public download is not)."""
    bundle = build_bundle(period)
    exchange_log(
        actor=actor,
        kind=ExchangeKind.OPEN_DATA,
        rows=bundle.rows,
        content=bundle.csv,
        file_name=bundle.file_name,
        period=period,
        summary={"suppressed": bundle.suppressed},
    )
    return bundle
