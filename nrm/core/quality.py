"""Data-quality findings: what the coordinator must see before publishing figures."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One problem in the records.

    kind: not_recorded, possible_duplicate, parts_exceed_total, unapproved, ...
    message: a sentence in the reader's language.
    record: a stable reference such as "case:V-2024-0007" or "activity:42".
    url: the page where it can be fixed, when there is one.
    """

    kind: str
    message: str
    record: str
    url: str = ""
    label: str = ""  # what a person calls the record ("V-2024-0007", an activity's title)

    def record_label(self) -> str:
        """The record as people name it, never an internal key such as "activity:42"."""
        return self.label or self.record.split(":", 1)[-1]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
