"""The publishable figures of the statistics families, as named cells, relations and tables.

The public statistics page and the bulletin (under a suppressing publication policy) show the
same tables; disclosure control (nrm.statistics.disclosure) works on the cells and relations
defined here, so that a cell hidden in one table is hidden wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.core.vocabularies import NOT_RECORDED, UNKNOWN_COUNTRY, AgeGroup, ExploitationForm, Sex
from nrm.statistics import labels
from nrm.statistics.disclosure import (
    ProtectedCells,
    Relation,
    protect,
    protect_linked,
    unprotected,
)

Label = str | Promise


@dataclass(frozen=True)
class Grid:
    """A table of cells: rows x columns of cell names (None: no such cell)."""

    key: str
    caption: Label
    row_header: Label
    row_labels: tuple[Label, ...]
    column_labels: tuple[Label, ...]
    cells: tuple[tuple[str | None, ...], ...]
    total_row: bool = False  # the last row holds the totals
    total_column: bool = False  # the last column holds the totals


@dataclass
class FigureSet:
    """Cells with their values, the relations between them, and the tables showing them."""

    values: dict[str, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    # Categories of an open list (country codes, article keys) counted in "other" in these
    # figures or in those published with them: never to be named beside them.
    folded: frozenset[str] = frozenset()

    def add_sum(self, total: str, parts: list[str], *, multi_valued: bool = False) -> None:
        """Record that `total` is the sum of `parts`. A multi-valued breakdown (a victim
        counted under several forms) is a relation only when its parts happen to add up: only
        then could a reader use it to work out a hidden cell."""
        if multi_valued and sum(self.values[p] for p in parts) != self.values[total]:
            return
        self.relations.append(Relation(total, tuple(parts)))

    def protected(self, threshold: int | None) -> ProtectedCells:
        if not threshold:
            return unprotected(self.values)
        return protect(self.values, self.relations, threshold)


def public_threshold() -> int:
    return int(settings.NRM_PUBLIC_MIN_CELL)


# Victims ------------------------------------------------------------------------------------


OTHER = "other"  # the cell key of the categories folded together ("country:other")


def victim_figures(
    victims: Mapping[str, Any],
    *,
    home_country: str | None = None,
    named_countries: Sequence[str] | None = None,
) -> FigureSet:
    """The `victims` family as cells: total, status, age group x sex, exploitation forms,
    nationals/foreigners and the foreigners' citizenships, victims in shelter.

    With `named_countries`, only those countries have a row of their own; the others are
    folded into "other countries" (public outputs: a rare citizenship is never named)."""
    home = (home_country or settings.NRM_HOME_COUNTRY).upper()
    figures = FigureSet()
    v = figures.values
    v["total"] = int(victims["total"])
    v["in_shelter"] = int(victims["in_shelter"])
    for status in ("potential", "identified"):
        v[f"status:{status}"] = int(victims["by_status"][status])
    figures.add_sum("total", ["status:potential", "status:identified"])

    sexes = list(Sex.values)
    groups = list(AgeGroup.values)
    for sex in sexes:
        v[f"sex:{sex}"] = int(victims["by_sex"][sex])
    for group in groups:
        row = victims["by_age_group"][group]
        v[f"age:{group}"] = int(row["total"])
        for sex in sexes:
            v[f"age:{group}:{sex}"] = int(row[sex])
        figures.add_sum(f"age:{group}", [f"age:{group}:{sex}" for sex in sexes])
    for sex in sexes:
        figures.add_sum(f"sex:{sex}", [f"age:{group}:{sex}" for group in groups])
    figures.add_sum("total", [f"sex:{sex}" for sex in sexes])
    figures.add_sum("total", [f"age:{group}" for group in groups])
    figures.grids.append(
        Grid(
            key="victims_age_sex",
            caption=_("Victims by age group and sex"),
            row_header=_("Age group"),
            row_labels=(*(labels.AGE_GROUPS[g] for g in groups), _("Total")),
            column_labels=(*(labels.SEXES[s] for s in sexes), _("Total")),
            cells=(
                *((*(f"age:{g}:{s}" for s in sexes), f"age:{g}") for g in groups),
                (*(f"sex:{s}" for s in sexes), "total"),
            ),
            total_row=True,
            total_column=True,
        )
    )

    forms = [*ExploitationForm.values, NOT_RECORDED]
    for form in forms:
        v[f"exploitation:{form}"] = int(victims["by_exploitation"][form])
    figures.add_sum("total", [f"exploitation:{f}" for f in forms], multi_valued=True)
    figures.grids.append(
        _one_column(
            "victims_exploitation",
            _("Victims by form of exploitation"),
            _("Form of exploitation"),
            [(labels.exploitation_label(f), f"exploitation:{f}") for f in forms],
            ("total", _("Victims")),
        )
    )

    v["citizenship:nationals"] = int(victims["nationals"])
    v["citizenship:foreigners"] = int(victims["foreigners"])
    v["citizenship:unknown"] = int(victims["citizenship_unknown"])
    groups_of_citizenship = ["nationals", "foreigners", "unknown"]
    figures.add_sum("total", [f"citizenship:{c}" for c in groups_of_citizenship])
    figures.grids.append(
        _one_column(
            "victims_citizenship",
            _("Victims by citizenship"),
            _("Citizenship"),
            [
                (
                    _("citizens of %(country)s") % {"country": labels.country_name(home)},
                    "citizenship:nationals",
                ),
                (_("foreign citizens"), "citizenship:foreigners"),
                (_("not recorded"), "citizenship:unknown"),
            ],
            ("total", _("Total")),
        )
    )
    counts = foreign_citizenships(victims, home)
    foreign = list(counts) if named_countries is None else list(named_countries)
    rows: list[tuple[Label, str]] = []
    for code in foreign:
        v[f"country:{code}"] = counts.get(code, 0)
        rows.append((labels.country_name(code), f"country:{code}"))
    if named_countries is not None:
        v[f"country:{OTHER}"] = sum(n for code, n in counts.items() if code not in foreign)
        rows.append((_("other countries"), f"country:{OTHER}"))
    figures.add_sum("citizenship:foreigners", [cell for _label, cell in rows])
    figures.grids.append(
        _one_column(
            "victims_foreign_citizenship",
            _("Foreign victims by citizenship"),
            _("Citizenship"),
            rows,
            ("citizenship:foreigners", _("Foreign citizens")),
        )
    )
    return figures


def foreign_citizenships(victims: Mapping[str, Any], home: str | None = None) -> dict[str, int]:
    """{country code: victims} of the foreign citizenships recorded, largest first."""
    home = (home or settings.NRM_HOME_COUNTRY).upper()
    return {
        code: int(n)
        for code, n in victims["by_citizenship"].items()
        if code not in (home, UNKNOWN_COUNTRY) and n
    }


# Trial monitoring ---------------------------------------------------------------------------


def trial_figures(
    monitoring: Mapping[str, Any], *, named_articles: Sequence[str] | None = None
) -> FigureSet:
    """The `trial_monitoring` family as cells: cases, defendants by sex, cases by article,
    verdicts and sentences (the extremes of sentences describe single persons: not cells).

    With `named_articles`, only those articles have a row of their own; the others are folded
    into "other articles"."""
    figures = FigureSet()
    v = figures.values
    for key in ("total", "ongoing", "finalized"):
        v[f"cases:{key}"] = int(monitoring["cases"][key])
    figures.add_sum("cases:total", ["cases:ongoing", "cases:finalized"])
    figures.grids.append(
        _one_column(
            "monitoring_cases",
            _("Monitored cases"),
            _("Stage"),
            [(_("ongoing"), "cases:ongoing"), (_("finalized"), "cases:finalized")],
            ("cases:total", _("Total")),
        )
    )

    defendants = monitoring["defendants"]
    v["defendants:total"] = int(defendants["total"])
    v["defendants:male"] = int(defendants["male"])
    v["defendants:female"] = int(defendants["female"])
    v["defendants:unknown"] = max(
        0, v["defendants:total"] - v["defendants:male"] - v["defendants:female"]
    )
    figures.add_sum(
        "defendants:total", ["defendants:male", "defendants:female", "defendants:unknown"]
    )
    figures.grids.append(
        _one_column(
            "monitoring_defendants",
            _("Defendants by sex"),
            _("Sex"),
            [
                (labels.SEXES["male"], "defendants:male"),
                (labels.SEXES["female"], "defendants:female"),
                (_("not recorded"), "defendants:unknown"),
            ],
            ("defendants:total", _("Total")),
        )
    )

    by_article = article_counts(monitoring)
    articles = list(by_article) if named_articles is None else list(named_articles)
    article_rows: list[tuple[Label, str]] = []
    for key in sorted_articles(articles):
        v[f"article:{key}"] = by_article.get(key, 0)
        article_rows.append((labels.article_label(key), f"article:{key}"))
    if named_articles is not None:
        v[f"article:{OTHER}"] = sum(n for key, n in by_article.items() if key not in articles)
        article_rows.append((_("other articles"), f"article:{OTHER}"))
    figures.grids.append(
        _one_column(
            "monitoring_articles",
            _("Monitored cases by criminal-code article"),
            _("Article"),
            article_rows,
            None,
        )
    )

    verdicts = ["convicted", "acquitted", "dismissed"]
    for key in verdicts:
        v[f"verdicts:{key}"] = int(monitoring["verdicts"][key])
    v["verdicts:total"] = sum(v[f"verdicts:{key}"] for key in verdicts)
    figures.add_sum("verdicts:total", [f"verdicts:{key}" for key in verdicts])
    figures.grids.append(
        _one_column(
            "monitoring_verdicts",
            _("Verdicts in finalized cases (defendants)"),
            _("Verdict"),
            [(labels.VERDICTS[key], f"verdicts:{key}") for key in verdicts],
            ("verdicts:total", _("Total")),
        )
    )
    sentences = ["suspended", "imprisonment", "fine"]
    for key in sentences:
        v[f"sentences:{key}"] = int(monitoring["sentences"][key])
    figures.add_sum("verdicts:convicted", [f"sentences:{k}" for k in sentences], multi_valued=True)
    figures.grids.append(
        _one_column(
            "monitoring_sentences",
            _("Sentences (defendants)"),
            _("Sentence"),
            [(labels.SENTENCES[key], f"sentences:{key}") for key in sentences],
            None,
        )
    )
    return figures


def article_counts(monitoring: Mapping[str, Any]) -> dict[str, int]:
    return {key: int(n) for key, n in monitoring["cases_by_article"].items() if n}


def sorted_articles(keys: list[str]) -> list[str]:
    """Criminal codes in the bulletin's order (state, Federation, RS, Brčko), then articles in
    numeric order (186 before 210a)."""
    order = {code: i for i, code in enumerate(labels.CRIMINAL_CODES)}

    def sort_key(key: str) -> tuple[int, int, str]:
        code, _sep, article = key.partition(":")
        digits = "".join(ch for ch in article if ch.isdigit())
        return (order.get(code, len(order)), int(digits or 0), article)

    return sorted(keys, key=sort_key)


def _one_column(
    key: str,
    caption: Label,
    row_header: Label,
    rows: list[tuple[Label, str]],
    total: tuple[str, Label] | None,
) -> Grid:
    row_labels = [label for label, _cell in rows]
    cells: list[tuple[str | None, ...]] = [(cell,) for _label, cell in rows]
    if total is not None:
        row_labels.append(total[1])
        cells.append((total[0],))
    return Grid(
        key=key,
        caption=caption,
        row_header=row_header,
        row_labels=tuple(row_labels),
        column_labels=(_("Number"),),
        cells=tuple(cells),
        total_row=total is not None,
    )


# Public figures ------------------------------------------------------------------------------


def public_figure_sets(
    family: str,
    data: Mapping[str, Mapping[str, Any]],
    sums: Sequence[tuple[str, tuple[str, ...]]],
    threshold: int,
    *,
    standing: str | None = None,
) -> dict[str, tuple[FigureSet, ProtectedCells]]:
    """The public figures of one family for periods published together (docs/methodology.md,
    "Disclosure control"): `data` maps each period's name to the family's statistics, `sums`
    says which periods add up to which (a year and its halves).

    Open lists (foreign citizenships, criminal-code articles) name a category only where it
    is zero or at least `threshold` in every one of the periods; the rest are folded into
    "other", the same way in each period, so that the periods still add up cell by cell.
    Then every period's cells are protected together.

    `standing` names a period answered on its own before the others were public (a first
    half-year, in its bulletin): its figures stay exactly as they were then, its own rows and
    its own hidden cells, and the others are protected around them."""
    if family not in OPEN_LISTS:
        raise ValueError(f"no public figures for {family!r}")
    counts_of, build, cell_prefix = OPEN_LISTS[family]
    counts = {key: counts_of(d) for key, d in data.items()}
    named = _named(counts, threshold)
    every = {category for per_period in counts.values() for category in per_period}
    sets = {key: build(d, named) for key, d in data.items()}
    for figures in sets.values():
        figures.folded = frozenset(every - set(named))
    rename: dict[str, str] = {}
    if standing is not None and standing in data and len(data) > 1:
        alone = public_figure_sets(family, {standing: data[standing]}, (), threshold)
        sets[standing] = alone[standing][0]
        rename = {
            f"{cell_prefix}{category}": f"{cell_prefix}{OTHER}"
            for category in counts[standing]
            if category not in named
        }
    cells = protect_linked(
        {key: (figures.values, figures.relations) for key, figures in sets.items()},
        sums,
        threshold,
        standing=standing if standing in sets else None,
        rename=rename,
    )
    return {key: (sets[key], cells[key]) for key in sets}


def _victim_counts(victims: Mapping[str, Any]) -> dict[str, int]:
    return foreign_citizenships(victims)


def _victim_figures(victims: Mapping[str, Any], named: Sequence[str]) -> FigureSet:
    return victim_figures(victims, named_countries=named)


def _trial_figures(monitoring: Mapping[str, Any], named: Sequence[str]) -> FigureSet:
    return trial_figures(monitoring, named_articles=named)


# Per public family: its open list's counts, its figures with the categories to name, and the
# prefix of the open list's cells.
OPEN_LISTS: dict[
    str,
    tuple[
        Callable[[Mapping[str, Any]], dict[str, int]],
        Callable[[Mapping[str, Any], Sequence[str]], FigureSet],
        str,
    ],
] = {
    "victims": (_victim_counts, _victim_figures, "country:"),
    "trial_monitoring": (article_counts, _trial_figures, "article:"),
}


def _named(counts: Mapping[str, Mapping[str, int]], threshold: int) -> list[str]:
    """Categories that may be named: never from 1 to threshold - 1 in any period; the most
    frequent first (over all the periods)."""
    overall: dict[str, int] = {}
    for per_period in counts.values():
        for key, n in per_period.items():
            overall[key] = overall.get(key, 0) + n
    safe = [
        key
        for key in overall
        if all(not 0 < per_period.get(key, 0) < threshold for per_period in counts.values())
    ]
    return sorted(safe, key=lambda key: (-overall[key], key))
