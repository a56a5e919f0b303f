"""CSV and XLSX downloads of the statistics shown on the dashboard.

CSV is the long format (one figure per row, its key and a readable label) for analysts; the
XLSX workbook has the same data sheet plus one sheet per family with the dashboard's tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from nrm.statistics import labels
from nrm.statistics.presentation import family_tables, flat_rows

if TYPE_CHECKING:
    from openpyxl import Workbook

HEADER = ("from", "to", "family", "key", "label", "value")


def _label(family: str, key: str) -> str:
    parts = key.split(".")
    readable = [labels.family_label(family)]
    for index, part in enumerate(parts):
        readable.append(labels.key_label(part, parent=parts[index - 1] if index else ""))
    return " / ".join(readable)


def _long_rows(data: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    period = data["period"]
    with labels.organisation_names():
        return [
            (period["from"], period["to"], family, key, _label(family, key), value)
            for family, key, value in flat_rows(data)
        ]


def statistics_csv(data: Mapping[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_sanitised(row) for row in _long_rows(data))
    # UTF-8 with a byte-order mark, so that spreadsheet programs read Cyrillic correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sanitised(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Neutralise text that a spreadsheet would run as a formula (CSV injection)."""
    return tuple(
        "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value
        for value in row
    )


def statistics_xlsx(data: Mapping[str, Any]) -> bytes:
    from openpyxl import Workbook  # imported here: only downloads need it
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Data")[:31]
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _long_rows(data):
        sheet.append(list(row))
    _fit(sheet)
    for family, values in data.items():
        if family == "period":
            continue
        _family_sheet(workbook, family, values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _family_sheet(workbook: Workbook, family: str, values: Mapping[str, Any]) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(_sheet_title(labels.family_label(family)))
    for table in family_tables(family, values):
        sheet.append([table.caption])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([table.row_header, *table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([row.label, *row.values])
        sheet.append([])
    _fit(sheet)


def _sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31]


def _fit(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(60, max(10, width + 2))
