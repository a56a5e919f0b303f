"""Every read of bulletins: editions (coordinators) and published versions (everyone)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet

from nrm.bulletin import sources
from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.document import Bulletin
from nrm.bulletin.figures import figure_values
from nrm.bulletin.models import Edition, PublishedVersion
from nrm.bulletin.services import composition_of
from nrm.bulletin.sources import (
    PERIOD_FAMILIES,
    PartnerInfo,
    PhotoInfo,
    collect_sources,
    reporting_partners,
)
from nrm.core.errors import NotFound
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.statistics.selectors import statistics_for_period


def edition_list(*, actor: Any) -> QuerySet[Edition]:
    require_role(actor, Role.COORDINATOR)
    return Edition.objects.annotate(
        version_count=Count("versions"), last_published=Max("versions__published_at")
    ).order_by("-period")


def edition_get(*, actor: Any, period: str) -> Edition:
    require_role(actor, Role.COORDINATOR)
    edition = (
        Edition.objects.prefetch_related(
            "sections",
            Prefetch(
                "versions",
                queryset=PublishedVersion.objects.defer("documents", "figures", "public_figures"),
            ),
        )
        .filter(period=period)
        .first()
    )
    if edition is None:
        raise NotFound()
    return edition


def partner_order(*, actor: Any, edition: Edition) -> list[PartnerInfo]:
    """The partners of the edition's period in the order the bulletin reports them."""
    require_role(actor, Role.COORDINATOR)
    return reporting_partners(Period.parse(edition.period), edition.partner_order or ())


def photo_choices(*, actor: Any, edition: Edition) -> list[PhotoInfo]:
    """The photos attached to the activities of the edition's period (the coordinator
    chooses which the bulletin shows)."""
    require_role(actor, Role.COORDINATOR)
    return sources.photo_choices(Period.parse(edition.period))


def draft_document(*, actor: Any, edition: Edition, language: str) -> Bulletin:
    """The bulletin as it would be published now, built from the records."""
    require_role(actor, Role.COORDINATOR)
    sources = collect_sources(
        period=Period.parse(edition.period), composition=composition_of(edition)
    )
    return build_bulletin(sources, language)


def citable_figures(*, actor: Any, edition: Edition) -> dict[str, float]:
    """The figures the coordinator's texts may cite by name, as the records give them now."""
    require_role(actor, Role.COORDINATOR)
    period = Period.parse(edition.period)
    statistics = statistics_for_period(period=period.year_to_date())
    return figure_values(statistics, statistics_for_period(period=period, families=PERIOD_FAMILIES))


def published_versions() -> QuerySet[PublishedVersion]:
    """Every published version, newest first: public (no login)."""
    return (
        PublishedVersion.objects.select_related("edition")
        .defer("documents", "figures", "public_figures")
        .order_by("-edition__period", "-number")
    )


@dataclass(frozen=True)
class PublicVersion:
    """A published version as the public page lists it: what it corrects, what corrected it."""

    version: PublishedVersion
    corrects: PublishedVersion | None
    corrected_by: PublishedVersion | None


def public_versions() -> list[PublicVersion]:
    versions = list(published_versions())
    by_number = {(v.edition_id, v.number): v for v in versions}
    return [
        PublicVersion(
            version=v,
            corrects=by_number.get((v.edition_id, v.number - 1)),
            corrected_by=by_number.get((v.edition_id, v.number + 1)),
        )
        for v in versions
    ]


def version_get(*, period: str, number: int) -> PublishedVersion:
    version = (
        PublishedVersion.objects.select_related("edition")
        .filter(edition__period=period, number=number)
        .first()
    )
    if version is None:
        raise NotFound()
    return version


def latest_edition_period() -> Period | None:
    period = Edition.objects.order_by("-period").values_list("period", flat=True).first()
    return Period.parse(period) if period else None


def edition_version(*, actor: Any, edition: Edition, number: int) -> PublishedVersion:
    require_role(actor, Role.COORDINATOR)
    version = edition.versions.filter(number=number).first()
    if version is None:
        raise NotFound()
    return version


def latest_published_period() -> Period | None:
    period = (
        PublishedVersion.objects.filter(withdrawn_at__isnull=True)
        .order_by("-edition__period")
        .values_list("edition__period", flat=True)
        .first()
    )
    return Period.parse(period) if period else None
