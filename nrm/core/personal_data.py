"""What an app contributes to a person's access export, and the helper its erasers share.

Each app that holds a person's data declares a `personal_data` module on its AppConfig with
`export(case_ids)` and `erase(case_ids)`: the data lifecycle asks every app, so a new app's
records are exported and erased without the lifecycle learning about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class PersonalSection:
    """One part of an access export: a title and records as (label, value) pairs."""

    title: str
    records: list[list[tuple[str, Any]]] = field(default_factory=list)


def clear_fields(rows: Iterable[models.Model], values: dict[str, Any]) -> int:
    """Overwrite those fields of each row (saved one by one, so the audit trail records that
    they changed, never what they held). Returns how many rows changed."""
    count = 0
    names = list(values)
    for row in rows:
        if all(getattr(row, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=names)
        count += 1
    return count


def described(row: models.Model, names: Sequence[str]) -> list[tuple[str, Any]]:
    """(verbose name, display value) of those fields of a row, skipping empty ones."""
    pairs: list[tuple[str, Any]] = []
    for name in names:
        model_field = row._meta.get_field(name)
        display = getattr(row, f"get_{name}_display", None)
        value = display() if callable(display) else getattr(row, name)
        if value in (None, "", [], {}):
            continue
        if isinstance(value, models.Model):
            value = str(value)
        elif hasattr(value, "name") and hasattr(value, "code"):  # a country, in the language
            value = str(value.name)
        pairs.append((str(getattr(model_field, "verbose_name", name)), value))
    return pairs
