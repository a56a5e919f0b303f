"""Paging through long lists without reading them whole.

- `CappedPaginator` (web pages): counts the rows up to a cap and says "more than N" beyond it,
  instead of a COUNT(*) of every matching row on every page (a case worker's million-case
  register cost seconds to count; a capped count stops after `cap` rows). Below the cap the
  count is exact.
- `Keyset` (API lists): the next page starts after the last row read, as an opaque cursor
  (`next` in the answer, `after` in the request), so page 1,000 costs what page 1 costs, and a
  row added while a client walks the list neither repeats nor skips another row.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.functional import cached_property

from nrm.core.errors import ValidationError

# Beyond this many rows a list says "more than 1,000" instead of counting further: counting
# costs what reading that many matching rows costs, and a reader with a narrow view (the cases
# of one field identifier, ~2% of a register) or a rare filter makes each one dear.
COUNT_CAP = 1_000
# Offset paging goes no further (nrm.core.api_types.MAX_OFFSET is the API's own limit).
MAX_OFFSET = 1_000_000


# Rows to count: a queryset, or querysets whose union they are.
Counted = QuerySet[Any] | Sequence[QuerySet[Any]]


class CappedPage(Page):
    """A page whose neighbours are known from its own rows (one more row than a page is
    fetched), not from the total."""

    def __init__(self, object_list: Any, number: int, paginator: Any, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        return self.number + 1


class CappedPaginator(Paginator):
    """Django's paginator with a count that stops at `cap` rows.

    `count` is exact up to `cap`; beyond, it is `cap` and `capped` is true ("more than
    1,000 cases"), and pages are numbered without a last one. A page is read first, with one
    row more: when it holds the end of the list the total follows from it and nothing is
    counted (a search that finds a few cases costs one query); otherwise the count is one
    query, `SELECT COUNT(*) FROM (... LIMIT cap + 1)`, whatever the size of the list.
    """

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int | None = None,
        counted: Counted | None = None,
        total: int | None = None,
    ) -> None:
        """`counted`: the same rows in a form that the database counts faster, when there is
        one: a queryset, or several whose union the rows are (each read up to the cap, see
        nrm.cases.selectors.case_list_for_counting); `total`: the number of rows, when it is
        known already."""
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap
        self.counted = counted
        self._total = total  # also learnt from a page that holds the end of the list

    @cached_property
    def _rows_up_to_cap(self) -> int:
        if self._total is not None:
            return min(self._total, self.cap + 1)
        if isinstance(self.counted, list | tuple):
            return self._union_up_to_cap(self.counted)
        rows = self.object_list if self.counted is None else self.counted
        if isinstance(rows, QuerySet):
            # Neither order nor related rows change the count: leave them to the planner.
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return min(len(rows), self.cap + 1)

    def _union_up_to_cap(self, parts: Sequence[QuerySet[Any]]) -> int:
        """The size of the union of `parts` up to cap + 1: the keys of each, up to cap + 1
        (distinct within a part), gathered until there are more than `cap`. A part cut at
        the cap already makes the union larger than the cap; otherwise every key is in."""
        keys: set[Any] = set()
        for part in parts:
            keys.update(part.order_by().values_list("pk", flat=True)[: self.cap + 1])
            if len(keys) > self.cap:
                break
        return min(len(keys), self.cap + 1)

    @property
    def capped(self) -> bool:
        return self._rows_up_to_cap > self.cap

    @cached_property
    def count(self) -> int:
        return min(self._rows_up_to_cap, self.cap)

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return ceil(MAX_OFFSET / self.per_page)
        return super().num_pages

    def validate_number(self, number: Any) -> int:
        """A page number from 1 to the last page there can be (not yet the last page there
        is: that would take a count)."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1 or number > ceil(MAX_OFFSET / self.per_page):
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        more = len(rows) > self.per_page
        if not more and (rows or number == 1):
            self._total = bottom + len(rows)
        return CappedPage(rows[: self.per_page], number, self, more=more)

    def get_page(self, number: Any) -> Page:
        """Like Django's: page 1 for a number that is not one, the last page for one beyond
        the end."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = 1 if int(number) < 1 else ceil(MAX_OFFSET / self.per_page)
        page = self.page(number)
        if not page.object_list and number > 1 and not self.capped:
            return self.page(self.num_pages)
        return page


# Keyset pagination ---------------------------------------------------------------------------

KINDS = ("int", "date", "str")


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order. `nulls_first=None`: where the database puts nulls for
    this direction (PostgreSQL: largest, SQLite: smallest), i.e. what `F(...).desc()` does."""

    field: str
    descending: bool = True
    kind: str = "int"  # how the cursor stores the value: int, date or str
    nullable: bool = False
    nulls_first: bool | None = None

    def order(self) -> OrderBy:
        expression = F(self.field)
        nulls: dict[str, bool] = {}
        if self.nulls_first is not None:
            nulls = {"nulls_first": True} if self.nulls_first else {"nulls_last": True}
        return expression.desc(**nulls) if self.descending else expression.asc(**nulls)

    def nulls_come_first(self, using: str) -> bool:
        if self.nulls_first is not None:
            return self.nulls_first
        largest = connections[using].features.nulls_order_largest
        return largest if self.descending else not largest

    def beyond(self, value: Any, using: str) -> Q:
        """The rows strictly after `value` in this column's order."""
        nothing = Q(pk__in=[])
        nulls_first = self.nulls_come_first(using)
        if value is None:
            return Q(**{f"{self.field}__isnull": False}) if nulls_first else nothing
        after = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and not nulls_first:
            after |= Q(**{f"{self.field}__isnull": True})
        return after

    def same(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})

    def bound(self, value: Any, using: str) -> Q | None:
        """A condition every later row meets, that an index on the column turns into a range
        (the lexicographic condition alone is an OR the planners do not read as one)."""
        if value is None or (self.nullable and not self.nulls_come_first(using)):
            return None
        return Q(**{f"{self.field}__{'lte' if self.descending else 'gte'}": value})

    def encode(self, value: Any) -> Any:
        if value is None:
            return None
        return value.isoformat() if self.kind == "date" else value

    def decode(self, value: Any) -> Any:
        if value is None:
            if not self.nullable:
                raise ValueError("missing value")
            return None
        if self.kind == "date":
            return datetime.date.fromisoformat(value)
        if self.kind == "int" and (type(value) is not int):
            raise ValueError("not an integer")
        if self.kind == "str" and not isinstance(value, str):
            raise ValueError("not a text")
        return value


@dataclass(frozen=True)
class KeysetPage:
    items: list[Any]
    next: str | None  # the cursor of the next page; None on the last page
    total: int | None = None  # the length of the list, when this page shows all of it


class Keyset:
    """A list's order as keys, its cursors, and the rows after a cursor."""

    def __init__(self, name: str, *keys: SortKey) -> None:
        assert keys and not keys[-1].nullable, "the last key must be unique and not null"
        assert all(k.kind in KINDS for k in keys)
        self.name = name
        self.keys = keys

    def ordering(self) -> tuple[OrderBy, ...]:
        return tuple(key.order() for key in self.keys)

    def cursor(self, row: Model) -> str:
        values = [key.encode(_value(row, key.field)) for key in self.keys]
        text = json.dumps([self.name, *values], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    def decode(self, cursor: str, parameter: str = "after") -> list[Any]:
        """The values of a cursor this list returned; a 422 naming `parameter` for anything
        else (a cursor of another list, an edited or truncated one)."""
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if not isinstance(data, list) or len(data) != len(self.keys) + 1:
                raise ValueError("wrong length")
            if data[0] != self.name:
                raise ValueError("another list's cursor")
            return [key.decode(value) for key, value in zip(self.keys, data[1:], strict=True)]
        except (ValueError, TypeError, UnicodeError, binascii.Error):
            raise ValidationError(
                fields={
                    parameter: [
                        "not a cursor of this list: pass the `next` value of the previous page "
                        "as it was returned"
                    ]
                }
            ) from None

    def after(self, values: Sequence[Any], using: str = "default") -> Q:
        """The rows that come after a row with these key values."""
        condition = self.keys[-1].beyond(values[-1], using)
        for key, value in zip(reversed(self.keys[:-1]), reversed(values[:-1]), strict=True):
            condition = key.beyond(value, using) | (key.same(value) & condition)
        bound = self.keys[0].bound(values[0], using)
        return condition if bound is None else bound & condition

    def page(
        self,
        queryset: QuerySet[Any],
        *,
        limit: int,
        after: str = "",
        offset: int = 0,
        parameter: str = "after",
    ) -> KeysetPage:
        """`limit` rows of `queryset` after the cursor `after` (or, slower, after skipping
        `offset` rows), in this keyset's order, and the cursor of the next page."""
        if after and offset:
            raise ValidationError(fields={parameter: [f"give either {parameter} or offset"]})
        if after:
            queryset = queryset.filter(self.after(self.decode(after, parameter), queryset.db))
        rows = list(queryset.order_by(*self.ordering())[offset : offset + limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        # The whole list fits on this first page: its length is the count.
        total = len(rows) if not (more or after or offset) else None
        return KeysetPage(rows, self.cursor(rows[-1]) if more else None, total)


def capped_count(
    queryset: Counted, cap: int | None = None, *, known: int | None = None
) -> tuple[int, bool]:
    """How many rows `queryset` has (or the union of several), counted up to `cap`, and
    whether that is all of them (`known`: the total when it is known already, e.g. from a page
    that holds every row)."""
    paginator = CappedPaginator([], 1, cap=cap, counted=queryset, total=known)
    return paginator.count, not paginator.capped


def _value(row: Model, field: str) -> Any:
    return row.pk if field == "pk" else getattr(row, field)
