"""The charts of the statistics, built from (possibly protected) cells.

The dashboard, the public page and the bulletin draw the same charts. A cell hidden by
disclosure control is left out of a chart: a bar would show what the table hides.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from nrm.core.vocabularies import NOT_RECORDED, AgeGroup, ExploitationForm, Sex
from nrm.statistics import labels
from nrm.statistics.charts import ChartSpec, Series
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.tables import OTHER, sorted_articles


def _present(cells: ProtectedCells, names: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """(label, value) of the shown, non-zero cells."""
    result = []
    for label, name in names:
        value = cells.value(name) if name in cells.values else None
        if value:
            result.append((label, value))
    return result


def victims_by_age_and_sex(cells: ProtectedCells) -> ChartSpec | None:
    groups = [g for g in AgeGroup.values if cells.values.get(f"age:{g}")]
    sexes = [s for s in Sex.values if cells.values.get(f"sex:{s}")]
    if not groups or not sexes:
        return None
    series = []
    for sex in sexes:
        values = [cells.value(f"age:{g}:{sex}") for g in groups]
        if any(v is None for v in values):
            return None  # a hidden cell: the chart would reveal it
        series.append(Series(str(labels.SEXES[sex]), tuple(float(v or 0) for v in values)))
    return ChartSpec(
        title=_("Victims by sex and age group"),
        categories=tuple(str(labels.AGE_GROUPS[g]) for g in groups),
        series=tuple(series),
        kind="bar",
    )


def victims_by_exploitation(cells: ProtectedCells) -> ChartSpec | None:
    forms = [*ExploitationForm.values, NOT_RECORDED]
    rows = _present(cells, [(labels.exploitation_label(f), f"exploitation:{f}") for f in forms])
    return _single(_("Victims by form of exploitation"), rows, _("victims"))


def victims_by_citizenship(
    cells: ProtectedCells, by_citizenship: Mapping[str, Any]
) -> ChartSpec | None:
    home = labels.country_name(settings.NRM_HOME_COUNTRY)
    rows = _present(cells, [(home, "citizenship:nationals")])
    foreign = [
        (labels.country_name(code), f"country:{code}")
        for code in by_citizenship
        if f"country:{code}" in cells.values
    ]
    # Public figures fold rare citizenships into one row, never named.
    foreign.append((_("other countries"), f"country:{OTHER}"))
    rows += _present(cells, foreign)
    rows += _present(cells, [(_("not recorded"), "citizenship:unknown")])
    return _single(_("Victims by citizenship"), rows, _("victims"))


def cases_by_article(cells: ProtectedCells) -> ChartSpec | None:
    articles = [n.partition(":")[2] for n in cells.values if n.startswith("article:")]
    keys = sorted_articles([k for k in articles if k != OTHER])
    rows = _present(cells, [(labels.article_label(k), f"article:{k}") for k in keys])
    rows.sort(key=lambda row: -row[1])  # the most frequent first; ties by code and number
    # Public figures fold rare articles into one row, never named: it comes last.
    rows += _present(cells, [(_("other articles"), f"article:{OTHER}")])
    return _single(_("Monitored cases by criminal-code article"), rows, _("cases"))


def verdicts_and_sentences(cells: ProtectedCells) -> ChartSpec | None:
    rows = _present(
        cells,
        [
            *((str(labels.VERDICTS[k]), f"verdicts:{k}") for k in labels.VERDICTS),
            *((str(labels.SENTENCES[k]), f"sentences:{k}") for k in labels.SENTENCES),
        ],
    )
    return _single(_("Verdicts and sentences (defendants)"), rows, _("defendants"))


def verdicts(cells: ProtectedCells) -> ChartSpec | None:
    """The verdicts of the finalized cases, apart from the sentences (two measures of different
    things are not one chart)."""
    rows = _present(cells, [(str(labels.VERDICTS[k]), f"verdicts:{k}") for k in labels.VERDICTS])
    return _single(_("Verdicts (defendants)"), rows, _("defendants"))


def sentences(cells: ProtectedCells) -> ChartSpec | None:
    rows = _present(cells, [(str(labels.SENTENCES[k]), f"sentences:{k}") for k in labels.SENTENCES])
    return _single(_("Sentences (convicted defendants)"), rows, _("defendants"))


def _single(title: str, rows: list[tuple[str, int]], unit: str) -> ChartSpec | None:
    if not rows:
        return None
    return ChartSpec(
        title=title,
        categories=tuple(label for label, _value in rows),
        series=(Series(unit, tuple(float(v) for _label, v in rows)),),
        value_label=unit,
    )


def activities_by_type(activities: Mapping[str, Any]) -> ChartSpec | None:
    rows = [(labels.key_label(code), int(n)) for code, n in activities["by_type"].items() if int(n)]
    return _single(_("Activities by type"), sorted(rows, key=lambda r: -r[1]), _("activities"))


def people_trained_by_target_group(activities: Mapping[str, Any]) -> ChartSpec | None:
    groups = activities.get("people_trained_by_target_group") or {}
    rows = [(labels.key_label(code), int(n)) for code, n in groups.items() if int(n)]
    return _single(
        _("People trained by target group"), sorted(rows, key=lambda r: -r[1]), _("people")
    )
