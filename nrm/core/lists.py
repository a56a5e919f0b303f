"""Lists people can work with: sortable columns, filters remembered per user, and the current
list exported as CSV or XLSX (scoped like the list, written to the audit trail).

An app describes a list once (`ListSpec`: its columns, which ones sort, how each value reads)
and its view calls `ListRequest`; the app's selector still decides which rows the reader sees.
Columns marked `identifying` are left out of exports unless the view says the reader may see
identities (no NRM list shows names today).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

from nrm.core.audit import audit_actor
from nrm.core.models import ListExport, SavedListFilter

# Parameters that are not filters: never remembered.
NOT_FILTERS = ("page", "export", "reset")
EXPORT_FORMATS = ("csv", "xlsx")
MAX_EXPORT_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    value: Callable[[Any], Any]
    sort: str = ""  # the ORDER BY field(s), comma-separated; "" = not sortable
    identifying: bool = False


@dataclass(frozen=True)
class ListSpec:
    key: str  # e.g. "cases"; also names the exported file
    columns: tuple[Column, ...]
    default_sort: str = ""  # a column key, "-key" for descending; "" keeps the selector's order

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float, datetime.date)):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass
class ListRequest:
    """What one request asks of a list: filters (remembered), the sort, an export."""

    request: HttpRequest
    spec: ListSpec
    redirect: HttpResponse | None = None
    sort: str = ""
    export_format: str = ""
    query: QueryDict = field(default_factory=QueryDict)

    def __post_init__(self) -> None:
        request, spec = self.request, self.spec
        user: Any = request.user
        params = request.GET
        if params.get("reset"):
            SavedListFilter.objects.filter(user=user, list_key=spec.key).delete()
            self.redirect = HttpResponseRedirect(request.path)
            return
        filters = params.copy()
        for name in NOT_FILTERS:
            filters.pop(name, None)
        if not filters and not params:
            saved = SavedListFilter.objects.filter(user=user, list_key=spec.key).first()
            if saved is not None and saved.query:
                self.redirect = HttpResponseRedirect(f"{request.path}?{saved.query}")
                return
        elif filters:
            SavedListFilter.objects.update_or_create(
                user=user, list_key=spec.key, defaults={"query": filters.urlencode()[:1000]}
            )
        self.query = filters
        sort = params.get("sort", "") or spec.default_sort
        column = spec.column(sort.lstrip("-"))
        self.sort = sort if column is not None and column.sort else ""
        export = params.get("export", "")
        self.export_format = export if export in EXPORT_FORMATS else ""

    # Sorting ---------------------------------------------------------------------------------

    def apply_sort(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.sort:
            return queryset
        column = self.spec.column(self.sort.lstrip("-"))
        assert column is not None
        descending = self.sort.startswith("-")
        fields = [f.strip() for f in column.sort.split(",")]
        order = [f"-{f}" if descending else f for f in fields]
        return queryset.order_by(*order, "-pk" if descending else "pk")

    def sort_url(self, key: str) -> str:
        """The address that sorts by `key` (ascending, or descending when already ascending)."""
        params = self.query.copy()
        params["sort"] = f"-{key}" if self.sort == key else key
        return "?" + params.urlencode()

    def sort_state(self, key: str) -> str:
        """ "ascending", "descending" or "" (for aria-sort)."""
        if self.sort == key:
            return "ascending"
        if self.sort == f"-{key}":
            return "descending"
        return ""

    def export_url(self, file_format: str) -> str:
        params = self.query.copy()
        if self.sort:
            params["sort"] = self.sort
        params["export"] = file_format
        return "?" + params.urlencode()

    @property
    def export_url_csv(self) -> str:
        return self.export_url("csv")

    @property
    def export_url_xlsx(self) -> str:
        return self.export_url("xlsx")

    @property
    def has_filters(self) -> bool:
        return any(k != "sort" and v for k, v in self.query.items())

    def reset_url(self) -> str:
        return "?" + urlencode({"reset": "1"})

    # Exporting -------------------------------------------------------------------------------

    def export(self, rows: Iterable[Any], *, identifying: bool = False) -> HttpResponse:
        """The list as a file (the rows the reader sees, in the order shown); the export is
        recorded (who, which list, which filters, how many rows) in the audit trail."""
        columns = [c for c in self.spec.columns if identifying or not c.identifying]
        table = [[str(c.label) for c in columns]]
        for index, row in enumerate(rows):
            if index >= MAX_EXPORT_ROWS:
                break
            table.append([_text(c.value(row)) for c in columns])
        self._record(len(table) - 1)
        stamp = timezone.localdate().isoformat()
        filename = f"{self.spec.key}-{stamp}.{self.export_format}"
        if self.export_format == "xlsx":
            content = _xlsx(table, self.spec.key)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = _csv(table)
            media = "text/csv; charset=utf-8"
        response = HttpResponse(content, content_type=media)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        response["Cache-Control"] = "private, no-store"
        return response

    def _record(self, count: int) -> None:
        user: Any = self.request.user
        with transaction.atomic(), audit_actor(user):
            ListExport.objects.create(
                actor=user,
                organisation_id=getattr(user, "organisation_id", None),
                list_key=self.spec.key,
                file_format=self.export_format,
                query=self.query.urlencode()[:1000],
                rows=count,
            )


def _csv(table: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def _xlsx(table: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in table:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
