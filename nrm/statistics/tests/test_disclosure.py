"""Disclosure control: no shown cell is small, and no hidden cell can be worked out.

The attacker here is independent of the implementation: numpy's rank tells whether the shown
cells and the published relations determine a hidden cell exactly.
"""

import random

import numpy as np
import pytest

from nrm.statistics.disclosure import Relation, protect, recomputable
from nrm.statistics.tables import trial_figures, victim_figures

from .data import BULLETIN_MONITORING, BULLETIN_VICTIMS


def attacker_recovers(values, relations, hidden) -> set[str]:
    """Hidden cells a reader can compute exactly from the shown cells and the relations."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {name: i for i, name in enumerate(unknowns)}
    rows = []
    for relation in relations:
        row = np.zeros(len(unknowns))
        for name, sign in [(relation.total, -1.0)] + [(p, 1.0) for p in relation.parts]:
            if name in index:
                row[index[name]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for name, i in index.items():
        unit = np.zeros(len(unknowns))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(name)
    return found


def assert_protected(values, relations, cells, threshold):
    shown_small = [n for n, v in values.items() if 0 < v < threshold and not cells.is_hidden(n)]
    assert shown_small == [], f"small cells shown: {shown_small}"
    recovered = attacker_recovers(values, cells.relations, cells.hidden)
    assert recovered == set(), f"recomputable: {recovered}"
    for relation in cells.relations:
        hidden_parts = [p for p in relation.parts if cells.is_hidden(p)]
        if hidden_parts and not cells.is_hidden(relation.total):
            remainder = sum(values[p] for p in hidden_parts)
            assert remainder == 0 or remainder >= threshold, (relation, remainder)


def one_way(parts: dict[str, int]) -> tuple[dict[str, int], list[Relation]]:
    values = {**parts, "total": sum(parts.values())}
    return values, [Relation("total", tuple(parts))]


def test_a_small_cell_and_a_complement_are_hidden():
    values, relations = one_way({"begging": 12, "sexual": 6, "labour": 8, "other": 10, "nr": 1})
    cells = protect(values, relations, threshold=5)
    assert cells.is_hidden("nr")
    # Hiding only "nr" would let anyone compute it as 37 - 12 - 6 - 8 - 10.
    assert cells.hidden == {"nr", "sexual"}
    assert cells.value("total") == 37 and cells.value("begging") == 12
    assert_protected(values, relations, cells, 5)


def test_hidden_cells_that_add_up_to_a_small_number_take_another_complement():
    values, relations = one_way({"a": 1, "b": 1, "c": 30, "d": 40})
    cells = protect(values, relations, threshold=5)
    # a + b = 2 would tell that both are tiny: a third cell joins them.
    assert {"a", "b", "c"} <= cells.hidden
    assert_protected(values, relations, cells, 5)


def test_zeros_are_shown_and_never_used_as_complements():
    values, relations = one_way({"a": 3, "b": 0, "c": 0, "d": 20})
    cells = protect(values, relations, threshold=5)
    assert cells.value("b") == 0 and cells.value("c") == 0
    assert cells.hidden == {"a", "d"}
    assert_protected(values, relations, cells, 5)


def test_a_single_nonzero_part_hides_its_total():
    values, relations = one_way({"a": 2, "b": 0})
    cells = protect(values, relations, threshold=5)
    assert cells.hidden == {"a", "total"}


def test_threshold_one_publishes_everything():
    values, relations = one_way({"a": 1, "b": 2})
    assert protect(values, relations, threshold=1).hidden == frozenset()


def test_the_bulletins_victims_cannot_be_recomputed_at_three_or_five():
    figures = victim_figures(BULLETIN_VICTIMS)
    for threshold in (3, 5, 10):
        cells = figures.protected(threshold)
        assert_protected(figures.values, figures.relations, cells, threshold)
        # The Russian, the Afghan and the German (one each) are never shown.
        for code in ("RU", "AF", "DE"):
            assert cells.value(f"country:{code}") is None
        assert cells.value("exploitation:not_recorded") is None


def test_the_bulletins_trial_figures_cannot_be_recomputed():
    figures = trial_figures(BULLETIN_MONITORING)
    cells = figures.protected(5)
    assert_protected(figures.values, figures.relations, cells, 5)
    assert cells.value("sentences:fine") is None
    assert cells.value("cases:total") == 33


def test_linked_tables_hide_consistently():
    """Foreign citizens are a total in one table and a part in another: whichever way a
    reader combines the two tables, the hidden countries stay hidden."""
    figures = victim_figures(BULLETIN_VICTIMS)
    cells = figures.protected(5)
    foreign = [f"country:{c}" for c in ("TR", "HR", "AF", "DE", "RU")]
    hidden = [name for name in foreign if cells.is_hidden(name)]
    assert len(hidden) >= 3
    assert attacker_recovers(figures.values, cells.relations, cells.hidden) == set()
    if not cells.is_hidden("citizenship:foreigners"):
        assert sum(figures.values[name] for name in hidden) >= 5


@pytest.mark.parametrize("seed", range(40))
def test_random_two_way_tables_are_protected(seed):
    rng = random.Random(seed)
    rows, columns = rng.randint(2, 4), rng.randint(2, 5)
    threshold = rng.choice([3, 5])
    values = {}
    relations = []
    for r in range(rows):
        for c in range(columns):
            values[f"{r}:{c}"] = rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15])
        values[f"{r}:*"] = sum(values[f"{r}:{c}"] for c in range(columns))
        relations.append(Relation(f"{r}:*", tuple(f"{r}:{c}" for c in range(columns))))
    for c in range(columns):
        values[f"*:{c}"] = sum(values[f"{r}:{c}"] for r in range(rows))
        relations.append(Relation(f"*:{c}", tuple(f"{r}:{c}" for r in range(rows))))
    values["*:*"] = sum(values[f"{r}:*"] for r in range(rows))
    relations.append(Relation("*:*", tuple(f"{r}:*" for r in range(rows))))
    relations.append(Relation("*:*", tuple(f"*:{c}" for c in range(columns))))
    cells = protect(values, relations, threshold)
    assert_protected(values, relations, cells, threshold)


def test_the_implementations_own_check_agrees_with_the_attacker():
    values = {"a": 4, "b": 7, "t": 11}
    relations = [Relation("t", ("a", "b"))]
    assert recomputable(values, relations, {"a"}) == {"a"}
    assert attacker_recovers(values, relations, {"a"}) == {"a"}
    assert recomputable(values, relations, {"a", "b"}) == set()
