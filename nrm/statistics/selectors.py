"""Statistics for a period: every family that an app declares (NrmAppConfig.statistics).

`nrm stats`, the dashboard, the API, the public page and the bulletin all read through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.registry import nrm_apps, statistic_families
from nrm.core.roles import Role, require_role
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.tables import FigureSet, public_threshold, trial_figures, victim_figures

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


def public_statistics(*, period: Period, threshold: int | None = None) -> list[PublicFigures]:
    """Aggregates for everyone (no login): only disclosure-controlled cells leave here.

    The families are computed as the system (no actor): the public page shows no record, only
    the protected aggregates built from them.
    """
    limit = public_threshold() if threshold is None else threshold
    available = family_names()
    builders: dict[str, Callable[[Mapping[str, Any]], FigureSet]] = {
        "victims": victim_figures,
        "trial_monitoring": trial_figures,
    }
    result = []
    for family in PUBLIC_FAMILIES:
        if family not in available:
            continue
        data = statistics_for_period(period=period, families=[family])[family]
        figures = builders[family](data)
        result.append(PublicFigures(family, figures, figures.protected(max(limit, 1))))
    return result
