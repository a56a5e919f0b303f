"""Statistics for a period: every family that an app declares (NrmAppConfig.statistics).

`nrm stats`, the dashboard, the API, the public page and the bulletin all read through here.
"""

from __future__ import annotations

import datetime
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


def published_span(edition: Period) -> Period:
    """The statistics that the bulletin of `edition` publishes, named as a public period: its
    year up to the end of the edition (the first half-year's January to June; the second
    half-year's, or the year's, the whole year)."""
    end = edition.end
    return Period.parse(f"{end.year}-H1" if end.month == 6 else str(end.year))


def _public_spans() -> dict[str, datetime.datetime]:
    """{public span: when it was first published} from the published bulletins in force."""
    from nrm.bulletin.selectors import published_versions

    first: dict[str, datetime.datetime] = {}
    # A withdrawn version publishes nothing; its correction, if any, does.
    in_force = published_versions().filter(withdrawn_at__isnull=True)
    for name, published_at in in_force.values_list("edition__period", "published_at"):
        span = published_span(Period.parse(name)).name
        first[span] = min(first.get(span, published_at), published_at)
    return first


def public_periods() -> list[Period]:
    """The periods whose statistics are public, newest first (docs/methodology.md, "Public
    periods"): those the published bulletins report. A bulletin reports its year up to the end
    of its period: the first half-year's January to June, the second's the whole year. Once a
    year and its first half are public, so is its second half: it is their difference."""
    spans = set(_public_spans())
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


@dataclass(frozen=True)
class PublishedTogether:
    """The periods whose figures are protected together with a period (docs/methodology.md,
    "Periods that add up, and open lists")."""

    periods: dict[str, Period]
    sums: list[tuple[str, tuple[str, ...]]]
    standing: str | None = None  # the period answered alone before the others


def _published_together(period: Period) -> PublishedTogether:
    """`period` (public, or about to be: a bulletin's statistics) with the public periods of
    its year. Once the year and its first half are both in, the second half is too (their
    difference) and the year is the sum of its halves; of the year and its first half, the one
    published first answered alone, and its answer stands."""
    year = period.end.year
    whole, first_half, second_half = str(year), f"{year}-H1", f"{year}-H2"
    spans = _public_spans()
    linked = {p.name: p for p in public_periods() if p.end.year == year}
    linked[period.name] = period
    if {whole, first_half} <= set(linked):
        linked.setdefault(second_half, Period.parse(second_half))
    if not {whole, first_half, second_half} <= set(linked):
        return PublishedTogether(linked, [])
    # The period about to be published (not public yet) comes last.
    published = {name: spans[name] for name in (first_half, whole) if name in spans}
    standing = min(published, key=lambda name: published[name]) if published else None
    return PublishedTogether(linked, [(whole, (first_half, second_half))], standing)


def protected_statistics(
    *,
    period: Period,
    threshold: int | None = None,
    families: Iterable[str] = PUBLIC_FAMILIES,
) -> list[PublicFigures]:
    """The public families of `period` after disclosure control, with their tables, as if
    `period` were public: protected together with the public periods of its year, its open
    lists folded the same way. The public page reads a public period through here; a bulletin
    that hides small numbers, the statistics it is about to publish (publishing makes them
    public), so that both show the same cells. `period` is named like a public period (YYYY,
    YYYY-H1, YYYY-H2). The families are computed as the system (no actor): only the protected
    aggregates leave here."""
    if Period.parse(period.name) != period:
        raise ValueError(f"{period} is not named as a public period")
    limit = max(public_threshold() if threshold is None else threshold, 1)
    together = _published_together(period)
    available = family_names()
    result = []
    for family in families:
        if family not in PUBLIC_FAMILIES or family not in available:
            continue
        data = {
            name: statistics_for_period(period=linked_period, families=[family])[family]
            for name, linked_period in together.periods.items()
        }
        published = public_figure_sets(
            family, data, together.sums, limit, standing=together.standing
        )
        figures, cells = published[period.name]
        result.append(PublicFigures(family, figures, cells))
    return result


def public_statistics(*, period: Period, threshold: int | None = None) -> list[PublicFigures]:
    """Aggregates for everyone (no login): only disclosure-controlled cells leave here.

    The page, the public API and the open-data bundle all read through here, so that they
    publish the same figures: only for a public period (else a ValidationError on `period`),
    protected together with the public periods they add up with (`protected_statistics`)."""
    return protected_statistics(period=public_period(period), threshold=threshold)
