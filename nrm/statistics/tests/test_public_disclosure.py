"""Public statistics: no hidden figure can be worked out from everything the public can ask.

The public can ask for every public period: a year and its two halves. The attacker here
knows every figure shown for each of them and every sum the tables obey (rows and columns add
up to their totals, a year is its two halves cell by cell) wherever it holds in the data, and
solves the linear system (numpy's rank, independent of the implementation's own check).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nrm.core.vocabularies import NOT_RECORDED, UNKNOWN_COUNTRY, AgeGroup, ExploitationForm, Sex
from nrm.statistics.tables import Grid, public_figure_sets

YEAR, H1, H2 = "2025", "2025-H1", "2025-H2"
SUMS = [(YEAR, (H1, H2))]
HOME = "BA"
CITIZENSHIPS = [HOME, HOME, HOME, "TR", "TR", "NP", "HR", "AF", ""]


@dataclass(frozen=True)
class Victim:
    half: int
    sex: str
    age_group: str
    status: str
    forms: frozenset[str]
    citizenship: str
    sheltered: bool


victims_strategy = st.builds(
    Victim,
    half=st.sampled_from([1, 2]),
    sex=st.sampled_from(["female", "female", "male", "male", "unknown"]),
    age_group=st.sampled_from(["adult", "adult", "minor", "unknown"]),
    status=st.sampled_from(["potential", "potential", "identified"]),
    forms=st.frozensets(st.sampled_from(["sexual", "labour", "begging", "other"]), max_size=2),
    citizenship=st.sampled_from(CITIZENSHIPS),
    sheltered=st.booleans(),
)


def victims_family(victims: list[Victim]) -> dict:
    """The `victims` family's dict for these victims, as nrm.cases.statistics returns it."""
    by_age_group = {}
    for group in AgeGroup.values:
        by_sex = {s: sum(v.age_group == group and v.sex == s for v in victims) for s in Sex.values}
        by_age_group[group] = {"total": sum(by_sex.values()), **by_sex}
    forms = Counter(form for v in victims for form in v.forms)
    citizenships = Counter(v.citizenship or UNKNOWN_COUNTRY for v in victims)
    citizenships.setdefault(UNKNOWN_COUNTRY, 0)
    nationals = citizenships[HOME]
    unknown = citizenships[UNKNOWN_COUNTRY]
    return {
        "total": len(victims),
        "by_status": {s: sum(v.status == s for v in victims) for s in ("potential", "identified")},
        "by_sex": {s: sum(v.sex == s for v in victims) for s in Sex.values},
        "by_age_group": by_age_group,
        "by_exploitation": {
            **{form: forms[form] for form in ExploitationForm.values},
            NOT_RECORDED: sum(not v.forms for v in victims),
        },
        "by_citizenship": dict(citizenships.most_common()),
        "nationals": nationals,
        "foreigners": len(victims) - nationals - unknown,
        "citizenship_unknown": unknown,
        "in_shelter": sum(v.sheltered for v in victims),
    }


def periods_of(victims: list[Victim]) -> dict[str, dict]:
    return {
        H1: victims_family([v for v in victims if v.half == 1]),
        H2: victims_family([v for v in victims if v.half == 2]),
        YEAR: victims_family(victims),
    }


def grid_sums(grid: Grid) -> list[tuple[str, list[str]]]:
    """The sums a reader sees in a table: rows and columns add up to their totals."""
    sums: list[tuple[str | None, list[str]]] = []
    cells = [list(row) for row in grid.cells]
    if grid.total_column:
        for row in cells:
            sums.append((row[-1], [c for c in row[:-1] if c]))
    if grid.total_row:
        for column in range(len(cells[0])):
            parts = [name for row in cells[:-1] if (name := row[column])]
            sums.append((cells[-1][column], parts))
    return [(total, parts) for total, parts in sums if total and parts]


def public_answers(data: dict[str, dict], threshold: int):
    """(shown {cell: value}, hidden cells, every sum that holds) over all three periods."""
    published = public_figure_sets("victims", data, SUMS, threshold)
    truth: dict[str, int] = {}
    shown: dict[str, int] = {}
    hidden: set[str] = set()
    sums: list[tuple[str, list[str]]] = []
    names_by_period: dict[str, set[str]] = {}
    for period, (figures, cells) in published.items():
        names = set()
        for grid in figures.grids:
            for row in grid.cells:
                for name in row:
                    if name is None:
                        continue
                    names.add(name)
                    key = f"{period}|{name}"
                    truth[key] = figures.values[name]
                    if cells.is_hidden(name):
                        hidden.add(key)
                    else:
                        shown[key] = figures.values[name]
            for total, parts in grid_sums(grid):
                sums.append((f"{period}|{total}", [f"{period}|{p}" for p in parts]))
        names_by_period[period] = names
    for name in names_by_period[YEAR] & names_by_period[H1] & names_by_period[H2]:
        sums.append((f"{YEAR}|{name}", [f"{H1}|{name}", f"{H2}|{name}"]))
    holding = [(t, p) for t, p in sums if truth[t] == sum(truth[x] for x in p)]
    return published, truth, shown, hidden, holding


def recoverable(hidden: set[str], sums: Sequence[tuple[str | list[str], list[str]]]) -> set[str]:
    """Hidden cells that the sums determine exactly once every shown cell is substituted (a
    sum's total may be several cells added up)."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {name: i for i, name in enumerate(unknowns)}
    rows = []
    for total, parts in sums:
        totals = [total] if isinstance(total, str) else total
        row = np.zeros(len(unknowns))
        for name, sign in [*((t, -1.0) for t in totals), *((p, 1.0) for p in parts)]:
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


def assert_nothing_recoverable(victims: list[Victim], threshold: int) -> None:
    data = periods_of(victims)
    published, truth, shown, hidden, sums = public_answers(data, threshold)
    small = {k: v for k, v in shown.items() if 0 < v < threshold}
    assert small == {}, f"small figures shown: {small}"
    assert recoverable(hidden, sums) == set()
    for total, parts in sums:
        # A shown total whose hidden parts add up to a small number would tell that number.
        if total in shown:
            rest = sum(truth[p] for p in parts if p in hidden)
            assert rest == 0 or rest >= threshold, (total, parts, rest)
    # A citizenship is named only where no period counts it from 1 to threshold - 1.
    for figures, _cells in published.values():
        named = {n.partition(":")[2] for n in figures.values if n.startswith("country:")}
        for code in named - {"other"}:
            for period_data in data.values():
                assert not 0 < period_data["by_citizenship"].get(code, 0) < threshold, code


# A fixed, small budget: the same examples on every run, a few seconds in CI, nothing stored.
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(victims=st.lists(victims_strategy, max_size=40), threshold=st.sampled_from([3, 5]))
def test_no_hidden_figure_is_recoverable_from_a_year_and_its_halves(victims, threshold):
    assert_nothing_recoverable(victims, threshold)


def _victims(half: int, count: int, **values) -> list[Victim]:
    defaults = {
        "sex": "female",
        "age_group": "adult",
        "status": "potential",
        "forms": frozenset({"labour"}),
        "citizenship": HOME,
        "sheltered": False,
    }
    return [Victim(half=half, **{**defaults, **values}) for _ in range(count)]


def test_a_year_minus_its_first_half_does_not_tell_the_second():
    """The issue's example: 2025 showed 7 victims, 2025-H1 5, 2025-H2 hid 2; 7 - 5 = 2."""
    victims = _victims(1, 5) + _victims(2, 2)
    _published, _truth, shown, hidden, sums = public_answers(periods_of(victims), 5)
    assert f"{H2}|total" in hidden
    assert not {f"{YEAR}|total", f"{H1}|total"} <= set(shown)
    assert recoverable(hidden, sums) == set()
    assert_nothing_recoverable(victims, 5)


def test_the_adults_of_a_half_are_not_the_year_minus_the_other_half():
    """2024-H2 adults were 13 - 9 = 4: the year's and the first half's adults were shown."""
    victims = (
        _victims(1, 9)
        + _victims(1, 6, age_group="minor")
        + _victims(2, 4)
        + _victims(2, 8, age_group="minor")
    )
    _published, _truth, shown, hidden, sums = public_answers(periods_of(victims), 5)
    assert f"{H2}|age:adult" in hidden
    assert not {f"{YEAR}|age:adult", f"{H1}|age:adult"} <= set(shown)
    assert recoverable(hidden, sums) == set()


def test_a_rare_citizenship_is_folded_into_other_countries_and_never_named():
    """ "Foreign victims by citizenship: Nepal x" told the public a Nepalese victim exists."""
    victims = _victims(1, 6, citizenship="TR") + _victims(2, 1, citizenship="NP")
    victims += _victims(2, 5, citizenship="TR") + _victims(1, 8)
    published = public_figure_sets("victims", periods_of(victims), SUMS, 5)
    for period, (figures, _cells) in published.items():
        grid = next(g for g in figures.grids if g.key == "victims_foreign_citizenship")
        labels = [str(label) for label in grid.row_labels]
        assert "Nepal" not in labels, period
        assert "other countries" in labels
        assert "country:NP" not in figures.values
        assert figures.values["country:other"] == (0 if period == H1 else 1)
    assert_nothing_recoverable(victims, 5)


def test_a_citizenship_frequent_in_every_period_is_named():
    victims = _victims(1, 6, citizenship="TR") + _victims(2, 5, citizenship="TR")
    published = public_figure_sets("victims", periods_of(victims), SUMS, 5)
    _figures, cells = published[YEAR]
    assert cells.value("country:TR") == 11


def test_a_half_published_alone_is_protected_on_its_own():
    data = {H1: victims_family(_victims(1, 6) + _victims(1, 2, sex="male"))}
    _figures, cells = public_figure_sets("victims", data, SUMS, 5)[H1]
    assert cells.is_hidden("sex:male")
    assert cells.is_hidden("sex:female")  # else 8 - 6 = 2
    assert cells.value("total") == 8


@pytest.mark.parametrize("threshold", [3, 5])
def test_what_was_hidden_in_a_period_alone_stays_hidden_when_its_year_is_published(threshold):
    victims = _victims(1, 7) + _victims(1, 2, sex="male", age_group="minor")
    victims += _victims(2, 9, sex="male") + _victims(2, 3, age_group="minor")
    alone = public_figure_sets("victims", {H1: victims_family(victims[:9])}, SUMS, threshold)
    together = public_figure_sets("victims", periods_of(victims), SUMS, threshold)
    assert alone[H1][1].hidden <= together[H1][1].hidden


def test_trial_figures_fold_rare_articles():
    def monitoring(cases_by_article: dict[str, int]) -> dict:
        total = sum(cases_by_article.values())
        return {
            "cases": {"total": total, "ongoing": total, "finalized": 0},
            "defendants": {"total": total, "male": total, "female": 0},
            "cases_by_article": cases_by_article,
            "verdicts": {"convicted": 0, "acquitted": 0, "dismissed": 0},
            "sentences": {"suspended": 0, "imprisonment": 0, "fine": 0},
        }

    data = {YEAR: monitoring({"bih:186": 9, "rs:146": 1, "fbih:210a": 2})}
    figures, cells = public_figure_sets("trial_monitoring", data, SUMS, 5)[YEAR]
    assert "article:rs:146" not in figures.values
    assert figures.values["article:other"] == 3 and cells.is_hidden("article:other")
    assert cells.value("article:bih:186") == 9


ARTICLES = ["bih:186", "fbih:210a", "fbih:210b", "rs:145", "bd:207a"]
counts = st.integers(min_value=0, max_value=12)


@st.composite
def monitoring_half(draw) -> dict:
    ongoing, finalized = draw(counts), draw(counts)
    male, female, unknown = draw(counts), draw(counts), draw(counts)
    convicted, acquitted, dismissed = draw(counts), draw(counts), draw(counts)
    return {
        "cases": {"total": ongoing + finalized, "ongoing": ongoing, "finalized": finalized},
        "defendants": {"total": male + female + unknown, "male": male, "female": female},
        "cases_by_article": {a: draw(st.sampled_from([0, 0, 1, 2, 5, 7])) for a in ARTICLES},
        "verdicts": {"convicted": convicted, "acquitted": acquitted, "dismissed": dismissed},
        "sentences": {"suspended": draw(counts), "imprisonment": draw(counts), "fine": 0},
    }


def added(first: dict, second: dict) -> dict:
    """The year as the sum of its halves, cell by cell: the reader's strongest assumption."""
    return {
        key: added(value, second[key]) if isinstance(value, dict) else value + second[key]
        for key, value in first.items()
    }


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(first=monitoring_half(), second=monitoring_half(), threshold=st.sampled_from([3, 5]))
def test_no_hidden_trial_figure_is_recoverable_from_a_year_and_its_halves(first, second, threshold):
    data = {H1: first, H2: second, YEAR: added(first, second)}
    published = public_figure_sets("trial_monitoring", data, SUMS, threshold)
    truth, shown, hidden = {}, {}, set()
    sums: list[tuple[str, list[str]]] = []
    for period, (figures, cells) in published.items():
        for grid in figures.grids:
            for row in grid.cells:
                for name in (n for n in row if n):
                    key = f"{period}|{name}"
                    truth[key] = figures.values[name]
                    if cells.is_hidden(name):
                        hidden.add(key)
                    else:
                        shown[key] = truth[key]
            for total, parts in grid_sums(grid):
                sums.append((f"{period}|{total}", [f"{period}|{p}" for p in parts]))
        # The convicted are a total of the sentences wherever these add up.
        sums.append(
            (
                f"{period}|verdicts:convicted",
                [f"{period}|sentences:{s}" for s in ("suspended", "imprisonment", "fine")],
            )
        )
    for name in {k.partition("|")[2] for k in truth}:
        sums.append((f"{YEAR}|{name}", [f"{H1}|{name}", f"{H2}|{name}"]))
    holding = [
        (t, p) for t, p in sums if all(x in truth for x in (t, *p))
        and truth[t] == sum(truth[x] for x in p)
    ]  # fmt: skip
    assert {k: v for k, v in shown.items() if 0 < v < threshold} == {}
    assert recoverable(hidden, holding) == set()
    for _period, (figures, _cells) in published.items():
        for name in figures.values:
            article = name.partition(":")[2]
            if name.startswith("article:") and article != "other":
                for period_data in data.values():
                    assert not 0 < period_data["cases_by_article"][article] < threshold


# A first half-year answered alone (its bulletin), then its year --------------------------------


def _cells_of(published, period: str) -> tuple[dict[str, int], set[str], list]:
    """(truth, hidden, grid sums) of one period's answer, with names prefixed by the period."""
    figures, cells = published[period]
    truth: dict[str, int] = {}
    hidden: set[str] = set()
    sums = []
    for grid in figures.grids:
        for row in grid.cells:
            for name in (n for n in row if n):
                truth[f"{period}|{name}"] = figures.values[name]
                if cells.is_hidden(name):
                    hidden.add(f"{period}|{name}")
        for total, parts in grid_sums(grid):
            sums.append((f"{period}|{total}", [f"{period}|{p}" for p in parts]))
    return truth, hidden, sums


def answers_after(data: dict[str, dict], threshold: int, family: str = "victims", first=H1):
    """Everything a reader has once `first` (the first half, or the year) was published alone,
    then the other (and so the second half): (`first` alone, the three together, truth, shown,
    hidden, sums)."""
    alone = public_figure_sets(family, {first: data[first]}, SUMS, threshold)
    together = public_figure_sets(family, data, SUMS, threshold, standing=first)
    truth, hidden, sums = _cells_of(alone, first)
    for period in {H1, YEAR, H2} - {first}:
        more_truth, more_hidden, more_sums = _cells_of(together, period)
        truth.update(more_truth)
        hidden |= more_hidden
        sums += more_sums
    if family == "trial_monitoring":  # the convicted, wherever their sentences add up
        for period in (H1, YEAR, H2):
            sentences = [f"{period}|sentences:{s}" for s in ("suspended", "imprisonment", "fine")]
            sums.append((f"{period}|verdicts:convicted", sentences))
    # The year is its halves cell by cell; a category that `first` named and the others fold
    # counts, for the reader, in "other".
    common = {k.partition("|")[2] for k in truth if k.startswith(f"{H2}|")}
    own = [k.partition("|")[2] for k in truth if k.startswith(f"{first}|")]

    def cells(period: str, name: str) -> list[str]:
        if period != first:
            return [f"{period}|{name}"] if f"{period}|{name}" in truth else []
        prefix, _sep, category = name.partition(":")
        return [
            f"{period}|{cell}"
            for cell in own
            if cell == name
            or (
                category == "other"
                and prefix in ("country", "article")
                and cell.startswith(f"{prefix}:")
                and cell not in common
            )
        ]

    for name in common:
        sums.append((cells(YEAR, name), [*cells(H1, name), *cells(H2, name)]))
    holding = []
    for total, parts in sums:
        totals = [total] if isinstance(total, str) else total
        members = [*totals, *parts]
        if all(x in truth for x in members) and sum(truth[t] for t in totals) == sum(
            truth[x] for x in parts
        ):
            holding.append((total, parts))
    shown = {k: v for k, v in truth.items() if k not in hidden}
    return alone, together, truth, shown, hidden, holding


def assert_the_first_stands(
    data: dict[str, dict], threshold: int, family: str = "victims", first=H1
) -> None:
    alone, together, _truth, shown, hidden, sums = answers_after(data, threshold, family, first)
    assert together[first][0].values == alone[first][0].values
    assert together[first][1].hidden == alone[first][1].hidden
    assert {k: v for k, v in shown.items() if 0 < v < threshold} == {}
    assert recoverable(hidden, sums) == set()


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    victims=st.lists(victims_strategy, max_size=40),
    threshold=st.sampled_from([3, 5]),
    first=st.sampled_from([H1, H1, YEAR]),
)
def test_a_period_published_alone_stands_and_the_others_reveal_nothing(victims, threshold, first):
    assert_the_first_stands(periods_of(victims), threshold, first=first)


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(first=monitoring_half(), second=monitoring_half(), threshold=st.sampled_from([3, 5]))
def test_a_first_half_of_trial_figures_stands_and_its_year_reveals_nothing(
    first, second, threshold
):
    data = {H1: first, H2: second, YEAR: added(first, second)}
    assert_the_first_stands(data, threshold, "trial_monitoring")


def test_the_year_is_not_protected_by_hiding_what_the_first_half_showed():
    """The first half's bulletin showed 6 female victims; the second half had 2. Hiding the
    first half's 6 once the year is out protects nothing: the year's 8 must go instead."""
    victims = (
        _victims(1, 6) + _victims(1, 6, sex="male") + _victims(2, 2) + _victims(2, 9, sex="male")
    )
    alone, together, _truth, _shown, hidden, sums = answers_after(periods_of(victims), 5)
    assert alone[H1][1].value("sex:female") == 6
    assert together[H1][1].value("sex:female") == 6
    assert together[YEAR][1].is_hidden("sex:female")
    assert recoverable(hidden, sums) == set()
    # Without the standing first half, the year's protection hides the first half's 6 instead.
    plain = public_figure_sets("victims", periods_of(victims), SUMS, 5)
    assert plain[H1][1].is_hidden("sex:female") and not plain[YEAR][1].is_hidden("sex:female")


def test_a_country_the_first_half_named_is_folded_in_the_year_without_giving_it_away():
    victims = _victims(1, 6, citizenship="TR") + _victims(1, 7) + _victims(2, 2, citizenship="TR")
    victims += _victims(2, 6, citizenship="HR") + _victims(2, 8)
    _alone, together, _truth, _shown, _hidden, _sums = answers_after(periods_of(victims), 5)
    assert together[H1][0].values["country:TR"] == 6  # as its bulletin named it
    assert "country:TR" not in together[YEAR][0].values
    assert "TR" in together[YEAR][0].folded
    assert_the_first_stands(periods_of(victims), 5)


def test_a_small_cell_determined_through_a_chain_of_relations_is_protected():
    """1 man of unknown age followed from the ages, the sexes and the minors (each relation
    had its two hidden cells): protection hides one more cell along the chain."""
    victims = [
        *_victims(1, 1, sex="male", forms=frozenset({"sexual", "other"}), citizenship=""),
        *_victims(1, 1, age_group="minor", status="identified", citizenship="TR"),
        *_victims(1, 1, age_group="minor", forms=frozenset({"begging"}), citizenship="TR"),
        *_victims(1, 1, sex="male", age_group="unknown", forms=frozenset({"labour"})),
        *_victims(1, 1, age_group="unknown", forms=frozenset({"labour", "other"})),
        *_victims(1, 2, sex="unknown", forms=frozenset(), citizenship="TR"),
    ]
    data = {H1: victims_family(victims)}
    figures, cells = public_figure_sets("victims", data, SUMS, 3)[H1]
    assert cells.is_hidden("age:unknown:male")
    _truth, hidden, sums = _cells_of({H1: (figures, cells)}, H1)
    assert recoverable(hidden, sums) == set()
