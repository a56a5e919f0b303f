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
reader could otherwise subtract a published half from a published year. A period answered
earlier on its own (a first half-year, in its bulletin) keeps that answer: its shown cells are
known for good, so the others are protected around them.
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


@dataclass(frozen=True)
class _Constraints:
    """What complementary suppression may not do: hide a cell already published (`shown`);
    `unknown` cells are sums the reader cannot see directly and that need no protection of
    their own (a folded row of one period in terms of another's rows)."""

    shown: frozenset[str] = frozenset()
    unknown: frozenset[str] = frozenset()


def protect(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    threshold: int,
    *,
    also_hide: Iterable[str] = (),
    keep_shown: Iterable[str] = (),
    unknown: Iterable[str] = (),
) -> ProtectedCells:
    """Hide small cells and enough others that none of them can be recomputed.

    `also_hide` names cells to hide in any case (those hidden in an earlier publication);
    `keep_shown` cells that were shown in an earlier publication, so hiding them now would
    protect nothing: they are never chosen as complements. `unknown` names auxiliary cells
    that the reader never sees (hidden, and free to be worked out)."""
    values = dict(values)
    relations = tuple(r for r in relations if all(m in values for m in r.members))
    if threshold <= 1:
        return ProtectedCells(values, frozenset(), threshold, relations)
    rules = _Constraints(frozenset(keep_shown), frozenset(n for n in unknown if n in values))
    hidden = {
        name
        for name, value in values.items()
        if 0 < value < threshold and name not in rules.unknown
    }
    kept_hidden = {name for name in also_hide if name in values and values[name] > 0}
    hidden |= kept_hidden | rules.unknown
    while True:
        _complete_relations(values, relations, hidden, threshold, rules)
        exposed = recomputable(values, relations, hidden) - rules.unknown
        before = len(hidden)
        for name in sorted(exposed):
            _hide_a_partner(name, values, relations, hidden, rules)
        if exposed and len(hidden) == before:
            # No relation of the exposed cell has a partner left to hide: the cell is
            # determined through a chain of relations, so hide a cell further along it.
            _hide_along_a_chain(min(exposed), values, relations, hidden, rules)
        if not exposed or len(hidden) == before:
            break
    # A complement that the shown cells determine anyway (its partners were published before)
    # hides nothing: it is shown. A small cell never is.
    hidden -= {n for n in exposed if values[n] >= threshold and n not in kept_hidden}
    return ProtectedCells(values, frozenset(hidden - rules.unknown), threshold, relations)


def protect_linked(
    sets: Mapping[str, tuple[Mapping[str, int], Sequence[Relation]]],
    sums: Sequence[tuple[str, tuple[str, ...]]],
    threshold: int,
    *,
    standing: str | None = None,
    rename: Mapping[str, str] | None = None,
) -> dict[str, ProtectedCells]:
    """Protect several sets of figures together: `sets` maps a key (a period) to its cells
    and relations; each of `sums` says that the set `total` is, cell by cell, the sum of the
    sets `parts` (2024 = 2024-H1 + 2024-H2).

    A cross-set relation is used wherever it holds in the data (a count of cases active in a
    period need not add up over its halves; where it does, a reader could subtract). Each set's
    own protection is kept (only the standing set's, if one is named), so a cell hidden when a
    set was first published alone stays hidden once the sets that add up to it are published.

    `standing` names a set already answered on its own (a first half-year in its bulletin): its
    answer stands as it was, hidden and shown cells alike, and the others are protected around
    it. Its rows may be finer than the others' (a country it named that the others fold into
    "other countries"): `rename` maps each of its cells to the cell of the others it counts in
    (a cell not listed keeps its name).
    """
    rename = dict(rename or {})
    values: dict[str, int] = {}
    relations: list[Relation] = []
    earlier: set[str] = set()
    for key, (cells, own) in sets.items():
        values.update({_linked(key, name): value for name, value in cells.items()})
        relations.extend(
            Relation(_linked(key, r.total), tuple(_linked(key, p) for p in r.parts)) for r in own
        )
        # Each set may have been answered alone before (unless the one that was is named).
        if len(sets) > 1 and standing in (None, key):
            earlier |= {_linked(key, n) for n in protect(cells, own, threshold).hidden}
    unknown: set[str] = set()
    for total, parts in sums:
        if total not in sets or any(part not in sets for part in parts):
            continue
        members = {
            key: _members(sets[key][0], rename if key == standing else {})
            for key in (total, *parts)
        }
        for name, (value, _cells) in members[total].items():
            # A row the standing set does not have counted nobody there.
            found = [members[p].get(name, (0, ()) if p == standing else None) for p in parts]
            sides = [side for side in found if side is not None]
            if len(sides) < len(parts) or sum(v for v, _c in sides) != value:
                continue
            linked = [
                _side(key, name, side, values, relations, unknown)
                for key, side in zip((total, *parts), (members[total][name], *sides), strict=True)
            ]
            if linked[0] is not None:
                relations.append(Relation(linked[0], tuple(c for c in linked[1:] if c)))
    shown_before: set[str] = set()
    if standing is not None and standing in sets and len(sets) > 1:
        cells, own = sets[standing]
        alone = protect(cells, own, threshold)
        shown_before = {_linked(standing, n) for n in cells if not alone.is_hidden(n)}
    joint = protect(
        values,
        relations,
        threshold,
        also_hide=earlier,
        keep_shown=shown_before,
        unknown=unknown,
    )
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


def _members(
    cells: Mapping[str, int], rename: Mapping[str, str]
) -> dict[str, tuple[int, tuple[str, ...]]]:
    """{name in the common rows: (value, the set's own cells counted in it)}."""
    members: dict[str, tuple[int, tuple[str, ...]]] = {}
    for own, value in cells.items():
        name = rename.get(own, own)
        total, names = members.get(name, (0, ()))
        members[name] = (total + value, (*names, own))
    return members


def _side(
    key: str,
    name: str,
    side: tuple[int, tuple[str, ...]],
    values: dict[str, int],
    relations: list[Relation],
    unknown: set[str],
) -> str | None:
    """The linked cell that stands for `name` of the set `key` in a cross-set relation: the
    set's own cell, or (rows folded differently) an auxiliary sum of its cells that the
    reader never sees; None for a set with no such cell (a zero)."""
    value, cells = side
    if cells == (name,):
        return _linked(key, name)
    if not cells:
        return None
    auxiliary = _linked(f"{key}*", name)
    if auxiliary not in values:
        values[auxiliary] = value
        relations.append(Relation(auxiliary, tuple(_linked(key, c) for c in cells)))
        unknown.add(auxiliary)
    return auxiliary


def _complete_relations(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    hidden: set[str],
    threshold: int,
    rules: _Constraints,
) -> None:
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if _needs_complement(relation, values, hidden, threshold, rules):
                candidate = _complement(relation, values, hidden, rules)
                if candidate is not None:
                    hidden.add(candidate)
                    changed = True


def _needs_complement(
    relation: Relation,
    values: Mapping[str, int],
    hidden: set[str],
    threshold: int,
    rules: _Constraints,
) -> bool:
    # An auxiliary sum may be known to the reader through the cells it adds up: it counts as
    # shown here, and the exact check decides whether it gives anything away.
    concealed = hidden - rules.unknown
    hidden_members = [m for m in relation.members if m in concealed]
    if not hidden_members:
        return False
    if len(hidden_members) == 1:
        return True  # the one hidden cell is the total minus the shown parts
    if relation.total in concealed:
        return False
    hidden_sum = sum(values[p] for p in relation.parts if p in concealed)
    return 0 < hidden_sum < threshold  # "the rest" would be a small number


def _hideable(name: str, values: Mapping[str, int], hidden: set[str], rules: _Constraints) -> bool:
    """Shown now, not zero (a zero protects nothing) and not published before."""
    return name not in hidden and name not in rules.shown and values[name] > 0


def _complement(
    relation: Relation, values: Mapping[str, int], hidden: set[str], rules: _Constraints
) -> str | None:
    """The cell to hide next: the smallest shown non-zero part, else the total (never a cell
    published before: hiding it now would protect nothing)."""
    shown_parts = [p for p in relation.parts if _hideable(p, values, hidden, rules)]
    if shown_parts:
        return min(shown_parts, key=lambda p: (values[p], p))
    if _hideable(relation.total, values, hidden, rules):
        return relation.total
    return None


def _hide_a_partner(
    name: str,
    values: Mapping[str, int],
    relations: Sequence[Relation],
    hidden: set[str],
    rules: _Constraints,
) -> None:
    for relation in relations:
        if name in relation.members:
            candidate = _complement(relation, values, hidden, rules)
            if candidate is not None:
                hidden.add(candidate)
                return


def _hide_along_a_chain(
    name: str,
    values: Mapping[str, int],
    relations: Sequence[Relation],
    hidden: set[str],
    rules: _Constraints,
) -> None:
    """Hide the smallest cell, among those in a relation with a hidden cell, whose hiding
    leaves `name` undetermined (rare: each try is an exact check); if no one cell does, the
    smallest of them, and the caller tries again."""
    candidates = sorted(
        {
            member
            for relation in relations
            if any(m in hidden for m in relation.members)
            for member in relation.members
            if _hideable(member, values, hidden, rules)
        },
        key=lambda c: (values[c], c),
    )
    for candidate in candidates:
        if name not in recomputable(values, relations, hidden | {candidate}):
            hidden.add(candidate)
            return
    if candidates:
        hidden.add(candidates[0])


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
