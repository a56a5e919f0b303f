"""Live figures in the coordinator's prose: `{victims.total}` in a text is replaced, at every
render, by the figure as the records give it now, written as the bulletin writes numbers.

A name is the dotted path of a figure in the statistics the bulletin states (those of `nrm
stats` for the calendar year to date: `victims.by_sex.female`, `trial_monitoring.cases.total`,
`compensation.claims.paid_bam`); `period.` in front names a figure of the half-year itself
(`period.referrals.services.by_service_type.legal_aid`). A name that is no figure blocks
publishing; a number typed by hand that equals no figure of the period is flagged as a warning,
for it may be a figure the records no longer support.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from nrm.core.vocabularies import UNKNOWN_COUNTRY

CITATION = re.compile(r"\{([A-Za-z_][\w.:-]*)\}")
# A number as people type it: 37, 1,194,614, 1.194.614, 1 194 614 (groups of three).
_BEFORE = r"(?<![\w{.,:/+-])"
_AFTER = r"(?![\w}]|[.,]\d)"
TYPED = re.compile(rf"{_BEFORE}\d{{1,3}}(?:[.,\u202f\u00a0 ]\d{{3}})+{_AFTER}|{_BEFORE}\d+{_AFTER}")
PERIOD_PREFIX = "period."


def figure_values(statistics: Mapping[str, Any], period: Mapping[str, Any]) -> dict[str, float]:
    """Every figure that prose may cite, by name."""
    values = dict(_leaves(statistics, ""))
    values.update(_leaves(period, PERIOD_PREFIX.rstrip(".")))
    return values


def _leaves(data: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, float]]:
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            yield from _leaves(value, name)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield name, value


@dataclass(frozen=True)
class PublicCell:
    """Where a cited figure stands in the public tables: in the cells of `table` ("victims",
    "trial_monitoring", or a year of the trends: the victims of that year), as `cell`; None
    for a figure never published on its own (a single person's sentence)."""

    table: str
    cell: str | None


def public_cell(name: str, home_country: str) -> PublicCell | None:
    """The public cell that a figure of the statistics families is (docs/methodology.md,
    "Publication policy of the official bulletin"), or None for a figure that is no cell of
    the public tables (the primary rule applies to it). A country or an article is its own
    cell only where the public tables name it: the builder hides it where they fold it."""
    family, _dot, path = name.partition(".")
    parts = path.split(".")
    if family == "victims":
        cell = _victims_cell(parts, home_country.upper())
        return None if cell is None else PublicCell("victims", cell)
    if family == "trial_monitoring":
        if parts[0] == "sentences" and len(parts) == 3:
            return PublicCell("trial_monitoring", None)  # lowest and highest: one person each
        trial = _trial_cell(parts)
        return None if trial is None else PublicCell("trial_monitoring", trial)
    if family == "trends" and len(parts) == 3 and parts[0] == "by_year":
        trend = TREND_CELLS.get(parts[2])
        return None if trend is None else PublicCell(parts[1], trend)
    return None


# The columns of the trends (nrm.statistics.trends) as cells of the victims' public tables.
TREND_CELLS = {
    "total": "total",
    "female": "sex:female",
    "male": "sex:male",
    "minors": "age:minor",
    "foreigners": "citizenship:foreigners",
    "sexual": "exploitation:sexual",
    "labour": "exploitation:labour",
    "begging": "exploitation:begging",
}

_VICTIM_SCALARS = {
    "total": "total",
    "in_shelter": "in_shelter",
    "nationals": "citizenship:nationals",
    "foreigners": "citizenship:foreigners",
    "citizenship_unknown": "citizenship:unknown",
}
_VICTIM_BREAKDOWNS = {
    "by_status": "status",
    "by_sex": "sex",
    "by_exploitation": "exploitation",
}


def _victims_cell(parts: list[str], home: str) -> str | None:
    if len(parts) == 1:
        return _VICTIM_SCALARS.get(parts[0])
    if len(parts) == 2 and parts[0] in _VICTIM_BREAKDOWNS:
        return f"{_VICTIM_BREAKDOWNS[parts[0]]}:{parts[1]}"
    if len(parts) == 2 and parts[0] == "by_citizenship":
        code = parts[1]
        if code.upper() == home:
            return "citizenship:nationals"
        if code == UNKNOWN_COUNTRY:
            return "citizenship:unknown"
        return f"country:{code}"
    if len(parts) == 3 and parts[0] == "by_age_group":
        group, sex = parts[1], parts[2]
        return f"age:{group}" if sex == "total" else f"age:{group}:{sex}"
    return None


def _trial_cell(parts: list[str]) -> str | None:
    if len(parts) != 2:
        return None
    group, key = parts
    if group == "cases_by_article":
        return f"article:{key}"
    if group in ("cases", "defendants", "verdicts", "sentences"):
        return f"{group}:{key}"
    return None


def citations(text: str) -> list[str]:
    return CITATION.findall(text or "")


def render_figures(
    text: str, values: Mapping[str, float], write: Callable[[str, float], str]
) -> str:
    """The text with each cited figure written out (`write(name, value)`); an unknown name
    stays as typed (the compose page and the publication check name it)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        return write(name, values[name])

    return CITATION.sub(replace, text or "")


def typed_numbers(text: str) -> list[int]:
    """Numbers typed by hand (not cited): years (1990-2100), and numbers starting with 0
    (telephone numbers, codes), are not figures."""
    plain = CITATION.sub(" ", text or "")
    found = []
    for match in TYPED.finditer(plain):
        token = match.group(0)
        digits = re.sub(r"\D", "", token)
        if len(digits) > 1 and digits.startswith("0"):
            continue
        if _phone_context(plain, match.start()):
            continue
        value = int(digits)
        if 1990 <= value <= 2100 and len(digits) == 4:
            continue
        found.append(value)
    return found


def _phone_context(text: str, start: int) -> bool:
    """Part of a telephone number such as 0800 22 323 or +387 33 492 455."""
    before = text[max(0, start - 12) : start]
    return bool(re.search(r"(\+\d+|\b0\d+)[\d ]*$", before))


@dataclass(frozen=True)
class ProseProblem:
    text: str  # "Introduction (bs)"
    name: str = ""  # the unknown figure's name
    number: int | None = None  # the typed number


def prose_problems(
    texts: Mapping[str, Mapping[str, str]], values: Mapping[str, float]
) -> tuple[list[ProseProblem], list[ProseProblem]]:
    """(unknown citations, typed numbers equal to no figure) in {label: {language: text}}."""
    known = {int(v) for v in values.values() if float(v).is_integer()}
    unknown, typed = [], []
    for label, by_language in texts.items():
        for language, text in by_language.items():
            where = f"{label} ({language})"
            unknown += [ProseProblem(where, name=n) for n in citations(text) if n not in values]
            typed += [ProseProblem(where, number=n) for n in typed_numbers(text) if n not in known]
    return unknown, typed
