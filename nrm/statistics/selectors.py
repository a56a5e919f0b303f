"""Statistics for a period: every family that an app declares (NrmAppConfig.statistics).

`nrm stats`, the dashboard, the API, the public page and the bulletin all read through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.registry import nrm_apps, statistic_families
from nrm.core.roles import Role, require_role
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.tables import FigureSet, public_figure_sets, public_threshold

# The dashboard filters each family understands (the families ignore filters they do not
# know, so the dashboard passes a filter only where it applies and says so elsewhere).
FAMILY_FILTERS: dict[str, frozenset[str]] = {
    "victims": frozenset({"organisation", "jurisdiction"}),
    "referrals": frozenset({"organisation", "jurisdiction"}),
    "activities": frozenset({"organisation"}),
    "trial_monitoring": frozenset({"organisation", "jurisdiction"}),
}


def statistics_for_period(
    *, period: Period, families: Iterable[str] | None = None, actor: Any = None, **filters: Any
) -> dict[str, Any]:
    """{"period": {from, to}, <family>: {...}, ...}. `actor` None is the operator (CLI)."""
    available = statistic_families()
    wanted = list(families) if families else list(available)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise ValidationError(
            _("Unknown statistics: %(names)s.") % {"names": ", ".join(unknown)},
            fields={"family": [_("choose from: %(names)s") % {"names": ", ".join(available)}]},
        )
    result: dict[str, Any] = {"period": period.as_dict()}
    for name in wanted:
        result[name] = available[name](period=period, actor=actor, **filters)
    return result


def family_names() -> list[str]:
    return list(statistic_families())


def family_apps() -> dict[str, str]:
    """{family key: label of the app that declares it}."""
    return {key: config.label for config in nrm_apps() for key in config.statistics}


@dataclass(frozen=True)
class StatisticsQuery:
    """What the dashboard, the exports and the API ask for."""

    period: Period
    families: tuple[str, ...] = ()
    jurisdiction: str = ""
    organisation: int | None = None

    @property
    def filters(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if self.jurisdiction:
            values["jurisdiction"] = self.jurisdiction
        if self.organisation:
            values["organisation"] = self.organisation
        return values


@dataclass
class StatisticsResult:
    data: dict[str, Any]
    # Families shown without a filter that was asked for (they cannot be filtered by it).
    unfiltered: dict[str, list[str]] = field(default_factory=dict)

    @property
    def families(self) -> list[str]:
        return [key for key in self.data if key != "period"]


def coordinator_statistics(*, actor: Any, query: StatisticsQuery) -> StatisticsResult:
    """Every (or the chosen) family for the period, each with the filters it supports."""
    require_role(actor, Role.COORDINATOR)
    wanted = list(query.families) or family_names()
    data: dict[str, Any] = {"period": query.period.as_dict()}
    unfiltered: dict[str, list[str]] = {}
    for family in wanted:
        supported = FAMILY_FILTERS.get(family, frozenset())
        filters = {k: v for k, v in query.filters.items() if k in supported}
        ignored = sorted(set(query.filters) - supported)
        if ignored:
            unfiltered[family] = ignored
        data.update(
            statistics_for_period(period=query.period, families=[family], actor=actor, **filters)
        )
    return StatisticsResult(data=data, unfiltered=unfiltered)


# Public statistics --------------------------------------------------------------------------

PUBLIC_FAMILIES = ("victims", "trial_monitoring")


@dataclass(frozen=True)
class PublicFigures:
    """One family's figures after disclosure control, with the tables that show them."""

    family: str
    figures: FigureSet
    cells: ProtectedCells


def public_periods() -> list[Period]:
    """The periods whose statistics are public, newest first (docs/methodology.md, "Public
    periods"): those the published bulletins report. A bulletin reports its year up to the end
    of its period: the first half-year's January to June, the second's the whole year. Once a
    year and its first half are public, so is its second half: it is their difference."""
    from nrm.bulletin.selectors import published_versions

    spans: set[str] = set()
    # A withdrawn version publishes nothing; its correction, if any, does.
    in_force = published_versions().filter(withdrawn_at__isnull=True)
    for name in in_force.values_list("edition__period", flat=True):
        end = Period.parse(name).end
        spans.add(f"{end.year}-H1" if end.month == 6 else str(end.year))
    for name in list(spans):
        if name.endswith("-H1") and name[:4] in spans:
            spans.add(f"{name[:4]}-H2")
    periods = [Period.parse(name) for name in spans]
    # Newest end first; of a year and its second half (same end), the year first.
    return sorted(periods, key=lambda p: (p.end, -p.start.toordinal()), reverse=True)


def public_period(period: Period | None = None) -> Period:
    """The public period asked for (None: the newest), named; else a ValidationError on
    `period` that lists the public periods. Every public output asks here first."""
    available = public_periods()
    if not available:
        raise ValidationError(
            _("No statistics are public yet: they are published with the bulletins."),
            fields={"period": [_("no period is public yet")]},
        )
    if period is None:
        return available[0]
    for candidate in available:
        if (candidate.start, candidate.end) == (period.start, period.end):
            return candidate
    names = ", ".join(p.name for p in available)
    raise ValidationError(
        _(
            "The statistics of %(period)s are not public: the public statistics cover the "
            "periods of the published bulletins (%(periods)s)."
        )
        % {"period": period.name or f"{period.start} - {period.end}", "periods": names},
        fields={"period": [_("choose one of: %(periods)s") % {"periods": names}]},
    )


def _published_together(
    period: Period,
) -> tuple[dict[str, Period], list[tuple[str, tuple[str, ...]]]]:
    """The public periods of `period`'s year (they add up: the year is H1 + H2)."""
    year = period.end.year
    linked = {p.name: p for p in public_periods() if p.end.year == year}
    halves: tuple[str, ...] = (f"{year}-H1", f"{year}-H2")
    sums = [(str(year), halves)] if {str(year), *halves} <= set(linked) else []
    return linked, sums


def public_statistics(*, period: Period, threshold: int | None = None) -> list[PublicFigures]:
    """Aggregates for everyone (no login): only disclosure-controlled cells leave here.

    The page, the public API and the open-data bundle all read through here, so that they
    publish the same figures: only for a public period (else a ValidationError on `period`),
    protected together with the public periods they add up with. The families are computed as
    the system (no actor): the public sees no record, only the protected aggregates."""
    chosen = public_period(period)
    limit = max(public_threshold() if threshold is None else threshold, 1)
    linked, sums = _published_together(chosen)
    available = family_names()
    result = []
    for family in PUBLIC_FAMILIES:
        if family not in available:
            continue
        data = {
            name: statistics_for_period(period=linked_period, families=[family])[family]
            for name, linked_period in linked.items()
        }
        figures, cells = public_figure_sets(family, data, sums, limit)[chosen.name]
        result.append(PublicFigures(family, figures, cells))
    return result
