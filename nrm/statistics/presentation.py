"""Any family's figures as readable tables (dashboard, CSV and XLSX exports).

Families are nested dicts of counts. They are laid out generically, so that a family added by
an app shows up without changes here: the scalars of a level form one table, a dict of counts
forms a table of its own, and a dict of equally shaped dicts (age groups by sex) a table with
one column per inner key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from nrm.core.vocabularies import NOT_RECORDED
from nrm.statistics import labels


@dataclass
class DisplayRow:
    label: str
    values: list[Any]
    path: str  # the dotted key of the row in the family's JSON


@dataclass
class DisplayTable:
    id: str
    caption: str
    row_header: str
    columns: list[str]
    rows: list[DisplayRow] = field(default_factory=list)

    @property
    def lines(self) -> list[tuple[DisplayRow, list[tuple[str, Any]]]]:
        """Each row with its (column label, value) pairs, for phone layouts' data-label."""
        return [(row, list(zip(self.columns, row.values, strict=True))) for row in self.rows]


def family_tables(family: str, data: Mapping[str, Any]) -> list[DisplayTable]:
    with labels.organisation_names():
        return list(_tables(family, data, path="", caption=labels.family_label(family)))


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, int | float | str)


def _tables(
    family: str, data: Mapping[str, Any], *, path: str, caption: str
) -> Iterator[DisplayTable]:
    parent = path.rsplit(".", 1)[-1] if path else ""
    scalars = [(k, v) for k, v in data.items() if _is_scalar(v)]
    if scalars:
        table = DisplayTable(
            id=_table_id(family, path or "summary"),
            caption=caption,
            row_header=_("Figure"),
            columns=[_("Number")],
        )
        for key, value in scalars:
            table.rows.append(
                DisplayRow(labels.key_label(key, parent=parent), [value], _join(path, key))
            )
        yield table
    ranges = _ranges(data)
    if ranges:
        yield _ranges_table(family, path, caption, parent, data, ranges)
    for key, value in data.items():
        if _is_scalar(value) or key in ranges:
            continue
        sub_path = _join(path, key)
        sub_caption = f"{caption}: {labels.key_label(key, parent=parent)}"
        grid = _as_grid(value)
        if grid is not None:
            yield _grid_table(family, sub_path, sub_caption, key, value, grid)
        else:
            yield from _tables(family, value, path=sub_path, caption=sub_caption)


def _ranges(data: Mapping[str, Any]) -> list[str]:
    """Children that are small dicts of figures with the same keys ({min, max} of several
    sentences): shown together, one row each."""
    shaped: dict[tuple[str, ...], list[str]] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and value and all(_is_scalar(v) for v in value.values()):
            shaped.setdefault(tuple(value), []).append(key)
    groups = [keys for shape, keys in shaped.items() if len(keys) > 1 and len(shape) <= 3]
    return groups[0] if groups else []


def _ranges_table(
    family: str,
    path: str,
    caption: str,
    parent: str,
    data: Mapping[str, Any],
    keys: list[str],
) -> DisplayTable:
    columns = list(data[keys[0]])
    table = DisplayTable(
        id=_table_id(family, _join(path, "ranges")),
        caption=caption,
        row_header=_("Figure"),
        columns=[labels.key_label(c) for c in columns],
    )
    for key in keys:
        table.rows.append(
            DisplayRow(
                labels.key_label(key, parent=parent),
                [data[key][c] for c in columns],
                _join(path, key),
            )
        )
    return table


def _as_grid(value: Mapping[str, Any]) -> list[str] | None:
    """The column paths when `value` is a dict of dicts with the same flattened keys."""
    if not value or not all(isinstance(v, Mapping) for v in value.values()):
        return None
    shapes = [list(_flatten(v)) for v in value.values()]
    columns = [path for path, _v in shapes[0]]
    if all([p for p, _v in shape] == columns for shape in shapes):
        return columns
    return None


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, _join(prefix, key))
        else:
            yield _join(prefix, key), value


def _grid_table(
    family: str, path: str, caption: str, key: str, value: Mapping[str, Any], columns: list[str]
) -> DisplayTable:
    table = DisplayTable(
        id=_table_id(family, path),
        caption=caption,
        row_header=labels.key_label(key),
        columns=[_column_label(c, key) for c in columns],
    )
    for row_key, row in value.items():
        flat = dict(_flatten(row))
        table.rows.append(
            DisplayRow(
                labels.key_label(row_key, parent=key),
                [flat[c] for c in columns],
                _join(path, row_key),
            )
        )
    return table


def _column_label(path: str, table_key: str) -> str:
    """The label of a column: its key read as a column of `table_key` ("by_age_group[]")."""
    parts = path.split(".")
    parents = [f"{table_key}[]", *parts[:-1]]
    return " / ".join(labels.key_label(part, parent=parents[i]) for i, part in enumerate(parts))


def _join(path: str, key: str | None) -> str:
    """The dotted path of a key; None (a value not recorded) is "not_recorded"."""
    key = NOT_RECORDED if key is None else key
    return f"{path}.{key}" if path else key


def _table_id(family: str, path: str) -> str:
    return slugify(f"{family}-{path}".replace(".", "-").replace(":", "-").replace("_", "-"))


def flat_rows(data: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(family, dotted key, value) for every figure: the long format of the exports."""
    for family, values in data.items():
        if family == "period":
            continue
        for path, value in _flatten(values):
            yield family, path, value
