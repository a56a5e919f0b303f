"""Disclosure control for public outputs: small-cell and complementary suppression.

A published set of figures is a set of named cells (counts) and the additive relations between
them (a total is the sum of its parts). Protection works in three steps (docs/methodology.md):

1. primary suppression hides every count from 1 to `threshold - 1`;
2. complementary suppression hides more cells until, in every relation, either nothing is
   hidden or at least two cells are, and the hidden parts of a shown total add up to at least
   the threshold (so that "the rest" is not itself a small number);
3. an exact linear-algebra check then proves that no hidden cell can be worked out from the
   shown cells and the relations; any cell that could is protected by hiding one more.

Zeros are shown: a zero describes nobody. They are known constants to a reader, so they never
serve as complements.

Figures of several periods that add up (a year and its two halves) are protected together
(`protect_linked`): the relation "year = first half + second half" holds cell by cell, so a
reader could otherwise subtract a published half from a published year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `parts` (as the reader of the published figures may assume)."""

    total: str
    parts: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class ProtectedCells:
    """Figures after disclosure control: `value(name)` is None for a hidden cell."""

    values: Mapping[str, int]
    hidden: frozenset[str] = frozenset()
    threshold: int = 0
    relations: tuple[Relation, ...] = field(default_factory=tuple)

    def value(self, name: str) -> int | None:
        return None if name in self.hidden else self.values[name]

    def is_hidden(self, name: str) -> bool:
        return name in self.hidden

    @property
    def primary(self) -> frozenset[str]:
        return frozenset(n for n in self.hidden if 0 < self.values[n] < self.threshold)


def unprotected(values: Mapping[str, int]) -> ProtectedCells:
    """Figures published as recorded (the coordinator's policy may allow it for the bulletin)."""
    return ProtectedCells(values=dict(values))


def protect(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    threshold: int,
    *,
    also_hide: Iterable[str] = (),
) -> ProtectedCells:
    """Hide small cells and enough others that none of them can be recomputed.

    `also_hide` names cells to hide in any case (those hidden in an earlier publication)."""
    values = dict(values)
    relations = tuple(r for r in relations if all(m in values for m in r.members))
    if threshold <= 1:
        return ProtectedCells(values, frozenset(), threshold, relations)
    hidden = {name for name, value in values.items() if 0 < value < threshold} | {
        name for name in also_hide if name in values and values[name] > 0
    }
    while True:
        _complete_relations(values, relations, hidden, threshold)
        exposed = recomputable(values, relations, hidden)
        before = len(hidden)
        for name in sorted(exposed):
            _hide_a_partner(name, values, relations, hidden)
        if not exposed or len(hidden) == before:
            break
    return ProtectedCells(values, frozenset(hidden), threshold, relations)


def protect_linked(
    sets: Mapping[str, tuple[Mapping[str, int], Sequence[Relation]]],
    sums: Sequence[tuple[str, tuple[str, ...]]],
    threshold: int,
) -> dict[str, ProtectedCells]:
    """Protect several sets of figures together: `sets` maps a key (a period) to its cells
    and relations; each of `sums` says that the set `total` is, cell by cell, the sum of the
    sets `parts` (2024 = 2024-H1 + 2024-H2).

    A cross-set relation is used wherever it holds in the data (a count of cases active in a
    period need not add up over its halves; where it does, a reader could subtract). Each set's
    own protection is kept, so a cell hidden when a set was first published alone stays hidden
    once the sets that add up to it are published too.
    """
    values: dict[str, int] = {}
    relations: list[Relation] = []
    earlier: set[str] = set()
    for key, (cells, own) in sets.items():
        values.update({_linked(key, name): value for name, value in cells.items()})
        relations.extend(
            Relation(_linked(key, r.total), tuple(_linked(key, p) for p in r.parts)) for r in own
        )
        if len(sets) > 1:
            earlier |= {_linked(key, n) for n in protect(cells, own, threshold).hidden}
    for total, parts in sums:
        if total not in sets or any(part not in sets for part in parts):
            continue
        for name, value in sets[total][0].items():
            members = [sets[part][0].get(name) for part in parts]
            if None not in members and sum(m for m in members if m is not None) == value:
                relations.append(
                    Relation(_linked(total, name), tuple(_linked(p, name) for p in parts))
                )
    joint = protect(values, relations, threshold, also_hide=earlier)
    return {
        key: ProtectedCells(
            values=dict(cells),
            hidden=frozenset(n for n in cells if joint.is_hidden(_linked(key, n))),
            threshold=threshold,
            relations=tuple(r for r in own if all(m in cells for m in r.members)),
        )
        for key, (cells, own) in sets.items()
    }


def _linked(key: str, name: str) -> str:
    return f"{key}|{name}"


def _complete_relations(
    values: Mapping[str, int], relations: Sequence[Relation], hidden: set[str], threshold: int
) -> None:
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if _needs_complement(relation, values, hidden, threshold):
                candidate = _complement(relation, values, hidden)
                if candidate is not None:
                    hidden.add(candidate)
                    changed = True


def _needs_complement(
    relation: Relation, values: Mapping[str, int], hidden: set[str], threshold: int
) -> bool:
    hidden_members = [m for m in relation.members if m in hidden]
    if not hidden_members:
        return False
    if len(hidden_members) == 1:
        return True  # the one hidden cell is the total minus the shown parts
    if relation.total in hidden:
        return False
    hidden_sum = sum(values[p] for p in relation.parts if p in hidden)
    return 0 < hidden_sum < threshold  # "the rest" would be a small number


def _complement(relation: Relation, values: Mapping[str, int], hidden: set[str]) -> str | None:
    """The cell to hide next: the smallest shown non-zero part, else the total."""
    shown_parts = [p for p in relation.parts if p not in hidden and values[p] > 0]
    if shown_parts:
        return min(shown_parts, key=lambda p: (values[p], p))
    if relation.total not in hidden and values[relation.total] > 0:
        return relation.total
    return None


def _hide_a_partner(
    name: str, values: Mapping[str, int], relations: Sequence[Relation], hidden: set[str]
) -> None:
    for relation in relations:
        if name in relation.members:
            candidate = _complement(relation, values, hidden)
            if candidate is not None:
                hidden.add(candidate)
                return


def recomputable(
    values: Mapping[str, int], relations: Iterable[Relation], hidden: Iterable[str]
) -> set[str]:
    """Hidden cells that the relations determine exactly, given every shown cell.

    Each relation is a linear equation; with the shown cells substituted, the hidden cells are
    the unknowns. A hidden cell is determined when its unit vector lies in the row space of the
    equations, i.e. when the reduced row echelon form has a row with that cell alone.
    """
    unknowns = sorted(set(hidden))
    index = {name: i for i, name in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for relation in relations:
        row = [Fraction(0)] * len(unknowns)
        touched = False
        for name, sign in ((relation.total, -1), *((p, 1) for p in relation.parts)):
            if name in index:
                row[index[name]] += sign
                touched = True
        if touched:
            rows.append(row)
    reduced = _row_reduce(rows, len(unknowns))
    determined = set()
    for row in reduced:
        nonzero = [i for i, value in enumerate(row) if value != 0]
        if len(nonzero) == 1:
            determined.add(unknowns[nonzero[0]])
    return determined


def _row_reduce(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """Exact reduced row echelon form (the systems are small: tens of cells)."""
    matrix = [row[:] for row in rows]
    pivot_row = 0
    for column in range(width):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][column]
        matrix[pivot_row] = [value / lead for value in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [
                    a - factor * b for a, b in zip(matrix[r], matrix[pivot_row], strict=True)
                ]
        pivot_row += 1
        if pivot_row == len(matrix):
            break
    return matrix[:pivot_row]
