"""What a bulletin is built from: the records (through the apps' selectors) and the
coordinator's composition. Collected once, then built in each language.

This module is the only place that reads other apps for the bulletin: statistics through the
registered families, activities and the criminal-code catalogue through their selectors.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from django.utils import timezone

from nrm.accounts.selectors import organisation_list
from nrm.activities.languages import in_script
from nrm.bulletin.funding import programme_name
from nrm.core.periods import Period
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.selectors import protected_statistics, published_span, statistics_for_period
from nrm.statistics.tables import FigureSet
from nrm.statistics.trends import RECORDS


@dataclass(frozen=True)
class FreeText:
    """A section written by the coordinator: its title and body in each written language."""

    position: str
    title: dict[str, str]
    body: dict[str, str]


@dataclass(frozen=True)
class Composition:
    introduction: dict[str, str] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    acknowledgement: dict[str, str] = field(default_factory=dict)
    sections: tuple[FreeText, ...] = ()
    disclosure: str = "exact"  # or "suppress": the public statistics page's control
    partner_order: tuple[int, ...] = ()  # organisation ids the coordinator ordered
    photos: tuple[int, ...] = ()  # ids of the activities' photos the coordinator chose

    @property
    def suppresses(self) -> bool:
        return self.disclosure == "suppress"


@dataclass(frozen=True)
class SessionInfo:
    """One session of an activity (one of four one-day trainings): when, where, how many."""

    label: str
    start: datetime.date
    end: datetime.date
    place: str
    participants: int | None


@dataclass(frozen=True)
class ActivityRecord:
    """One approved activity (linked reports of one event merged), in one language: names
    already in the reader's script."""

    key: str  # "activity:42"
    type: str  # the activity type's code
    type_label: str
    title: str
    summary: str
    start: datetime.date | None
    end: datetime.date | None
    date_precision: str = "day"  # "month": the reporter knows the month only
    ongoing: bool = False  # still running after the period's end
    places: tuple[str, ...] = ()
    organisers: tuple[str, ...] = ()  # every organisation credited
    partners: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()  # programmes and projects
    participants: dict[str, Any] = field(default_factory=dict)  # total, qualifier, women, men
    completions: int | None = None
    certificates: int | None = None
    reach: dict[str, int | None] = field(default_factory=dict)  # people, women, men, views...
    links: tuple[str, ...] = ()
    sessions: tuple[SessionInfo, ...] = ()
    # (organisation, participants) of each linked report of the same event
    reported_figures: tuple[tuple[str, int | None], ...] = ()
    photos: tuple[PhotoInfo, ...] = ()  # the photos the coordinator chose to show


@dataclass(frozen=True)
class PhotoInfo:
    """A photo attached to an activity: the image and its text for readers who cannot see it."""

    document: int
    activity: int  # the bulletin entry's activity (of linked reports, the one shown)
    data: bytes
    media_type: str
    alt: str


@dataclass(frozen=True)
class ActivityGroup:
    """The activities one organisation reported (the bulletin groups them so)."""

    organisation: str
    activities: tuple[ActivityRecord, ...]


@dataclass(frozen=True)
class PartnerInfo:
    """An organisation that reported activities of the period."""

    organisation_id: int
    organisation: str


class _Partnered(Protocol):
    @property
    def organisation_id(self) -> int: ...

    @property
    def organisation(self) -> str: ...


S = TypeVar("S", bound=_Partnered)


@dataclass(frozen=True)
class ArticleInfo:
    """A criminal-code article as the catalogue names it in one language, with its cases."""

    key: str  # "fbih:210a"
    code_name: str  # "CC FBiH" / "КЗ ФБиХ"
    number: str  # "210a"
    title: str
    category: str  # trafficking, trafficking_related, other
    cases: int


@dataclass(frozen=True)
class BulletinSources:
    period: Period
    statistics: dict[str, Any]
    composition: Composition
    # The approved activities of the period, grouped by organisation, in a language.
    activities: Callable[[str], list[ActivityGroup]] = lambda language: []
    # Monitored cases by article, in the catalogue's order (trafficking first), in a language.
    articles: Callable[[str], list[ArticleInfo]] = lambda language: []
    # The offences the court decisions referred to in the cases finalized, in a language.
    completed_offences: Callable[[str], list[ArticleInfo]] = lambda language: []
    prepared_on: datetime.date = field(default_factory=timezone.localdate)
    version: int | None = None
    # The families that the bulletin reports for the period itself (services, shelter,
    # referrals of the half-year), as `nrm stats` gives them for the period.
    period_statistics: dict[str, Any] = field(default_factory=dict)
    # Organisation names (statistics keep the directory's name) in a language.
    organisation_names: Callable[[str], Callable[[str], str]] = lambda language: str
    # Under the policy that hides small numbers: the public figures of each family the public
    # page shows ("victims", "trial_monitoring") for the statistics period, folded and
    # protected as the public page does (together with the public periods of its year) ...
    public: Mapping[str, tuple[FigureSet, ProtectedCells]] = field(default_factory=dict)
    # ... and the victims' public cells of each earlier year that the trends count from the
    # records (their table shows each year's figures).
    public_years: Mapping[str, ProtectedCells] = field(default_factory=dict)

    @property
    def statistics_period(self) -> Period:
        return self.period.year_to_date()


# Families the bulletin states for the period itself (the rest: for the year to date).
PERIOD_FAMILIES = ["referrals"]


def collect_sources(
    *, period: Period, composition: Composition, version: int | None = None
) -> BulletinSources:
    """Read everything the bulletin of `period` reports (as the system: the bulletin shows
    aggregates and approved activities only)."""
    statistics = statistics_for_period(period=period.year_to_date())
    public: dict[str, tuple[FigureSet, ProtectedCells]] = {}
    public_years: dict[str, ProtectedCells] = {}
    if composition.suppresses:
        # Publishing makes the statistics public: they are protected as the public page will
        # show them, and the earlier years of the trends as their public pages would.
        span = published_span(period)
        public = {f.family: (f.figures, f.cells) for f in protected_statistics(period=span)}
        public_years = {year: _public_victims(year) for year in _earlier_counted_years(statistics)}
    return BulletinSources(
        period=period,
        statistics=statistics,
        period_statistics=statistics_for_period(period=period, families=PERIOD_FAMILIES),
        activities=activities_of(period, composition.partner_order, composition.photos),
        organisation_names=functools.cache(organisation_namer),
        composition=composition,
        articles=articles_of(period.year_to_date()),
        completed_offences=articles_of(period.year_to_date(), completed=True),
        version=version,
        public=public,
        public_years=public_years,
    )


def _earlier_counted_years(statistics: Mapping[str, Any]) -> list[str]:
    """The years before the statistics' own that the trends count from the records."""
    by_year = (statistics.get("trends") or {}).get("by_year", {})
    current = statistics["period"]["to"][:4]
    return [year for year, row in by_year.items() if row["source"] == RECORDS and year < current]


def _public_victims(year: str) -> ProtectedCells:
    (victims,) = protected_statistics(period=Period.parse(year), families=["victims"])
    return victims.cells


def activities_of(
    period: Period, partner_order: Sequence[int] = (), photos: Sequence[int] = ()
) -> Callable[[str], list[ActivityGroup]]:
    """The approved activities of the period in a language (the activities app's bulletin
    selector: linked reports merged, texts in the language or the closest one written), the
    partners in the coordinator's order (`partner_order`) or the default one, each activity
    with the chosen `photos` attached to it."""
    chosen = functools.cache(lambda: _photos_by_activity(period, photos))

    @functools.cache
    def in_language(language: str) -> list[ActivityGroup]:
        from nrm.activities.selectors import bulletin_activities

        name = organisation_namer(language)
        sections = in_partner_order(
            bulletin_activities(period=period, language=language), partner_order
        )
        return [
            ActivityGroup(
                organisation=name(section.organisation),
                activities=tuple(
                    replace(
                        _activity(item, name, language),
                        photos=chosen().get(_activity_pk(item.record), ()),
                    )
                    for item in section.activities
                ),
            )
            for section in sections
        ]

    return in_language


def in_partner_order(sections: Iterable[S], partner_order: Sequence[int] = ()) -> list[S]:
    """Sections (anything with `organisation_id` and `organisation`) in the coordinator's
    order; those not listed (a partner who reported later) follow in the default order."""
    rank = partner_rank()
    position = {pk: index for index, pk in enumerate(partner_order)}

    def key(section: S) -> tuple[int, int]:
        listed = position.get(section.organisation_id)
        return (0, listed) if listed is not None else (1, rank(section.organisation))

    # A stable sort: within a rank, the selector's alphabetical order stands.
    return sorted(sections, key=key)


# Only photographs are shown beside activities (a PDF agenda is not a picture).
PHOTO_TYPES = ("image/jpeg", "image/png")


def _activity_pk(record: str) -> int:
    """42 of "activity:42" (the bulletin selector's record key)."""
    return int(record.rsplit(":", 1)[-1])


def photo_choices(period: Period) -> list[PhotoInfo]:
    """The photos (JPEG, PNG) attached to the activities the bulletin of `period` reports:
    what the coordinator may choose from. Only documents owned by activities: never a case's."""
    from nrm.activities.selectors import bulletin_activities
    from nrm.documents.selectors import documents_owned_by

    # Linked reports of one event are one entry: a photo of any of them shows under it.
    entry_of = {
        _activity_pk(report): _activity_pk(item.record)
        for section in bulletin_activities(period=period, language="en")
        for item in section.activities
        for report in (item.record, *item.reports)
    }
    documents = documents_owned_by(
        kind="activity", keys=[str(pk) for pk in entry_of], media_types=PHOTO_TYPES
    )
    return [
        PhotoInfo(
            document=d.pk,
            activity=entry_of[int(d.owner_key)],
            data=b"",  # read only for the photos chosen
            media_type=d.media_type,
            alt=d.description or d.filename,
        )
        for d in documents
    ]


def _photos_by_activity(period: Period, chosen: Sequence[int]) -> dict[int, tuple[PhotoInfo, ...]]:
    """The chosen photos, with their images, by activity (in the order they were added)."""
    from nrm.documents.selectors import document_file

    if not chosen:
        return {}
    by_activity: dict[int, list[PhotoInfo]] = {}
    for photo in photo_choices(period):
        if photo.document in chosen:
            data = document_file(pk=photo.document)
            by_activity.setdefault(photo.activity, []).append(replace(photo, data=data))
    return {pk: tuple(photos) for pk, photos in by_activity.items()}


def reporting_partners(period: Period, partner_order: Sequence[int] = ()) -> list[PartnerInfo]:
    """The organisations whose approved activities the bulletin of `period` reports, in the
    bulletin's order (what the coordinator orders on the compose page)."""
    from nrm.activities.selectors import bulletin_activities

    sections = bulletin_activities(period=period, language="en")
    return [
        PartnerInfo(organisation_id=s.organisation_id, organisation=s.organisation)
        for s in in_partner_order(sections, partner_order)
    ]


# The bulletin's order of partners: institutions, then international organisations, then NGOs
# and the other organisations (the State Coordinator's bulletin reads so); alphabetical within.
INTERNATIONAL = "international_organisation"
NON_GOVERNMENTAL = ("ngo", "safe_house", "legal_aid_provider", "other")


def partner_rank() -> Callable[[str], int]:
    types = {o.name: o.type for o in organisation_list(actor=None)}  # type: ignore[arg-type]

    def rank(name: str) -> int:
        kind = types.get(name, "")
        if kind == INTERNATIONAL:
            return 1
        if kind in NON_GOVERNMENTAL or not kind:
            return 2
        return 0

    return rank


def _sessions(item: Any) -> tuple[SessionInfo, ...]:
    return tuple(
        SessionInfo(s.label, s.start_date, s.end_date, s.place, s.participants)
        for s in item.sessions
    )


def _activity(item: Any, name: Callable[[str], str], language: str) -> ActivityRecord:
    def names(values: Any) -> tuple[str, ...]:
        return tuple(name(str(v)) for v in values)

    return ActivityRecord(
        key=item.record,
        type=item.type,
        type_label=item.type_label,
        title=item.title,
        summary=item.summary,
        start=item.start_date,
        end=item.end_date,
        date_precision=item.date_precision,
        ongoing=item.ongoing,
        places=tuple(item.places),
        organisers=names(item.organisers),
        partners=names(item.partners),
        funding=(
            *(programme_name(name(str(p)), language) for p in item.funding_programmes),
            *item.projects,
        ),
        participants=dict(item.participants),
        completions=item.completions,
        certificates=item.certificates,
        reach=dict(item.reach),
        links=tuple(item.links),
        sessions=_sessions(item),
        reported_figures=tuple(
            (name(str(reporter)), count) for reporter, count in item.reported_figures
        ),
    )


def organisation_namer(language: str) -> Callable[[str], str]:
    """Names of organisations as they write them in the language (the directory's local
    names); a name not in the directory (a partner typed it) is written in the reader's script.
    """
    # The bulletin is built as the system (None), which require_role lets through; the
    # selector's annotation names only users.
    directory = {o.name: o for o in organisation_list(actor=None)}  # type: ignore[arg-type]

    def name(value: str) -> str:
        organisation = directory.get(value)
        if organisation is not None:
            return organisation.display_name(language)
        return in_script(value, language)

    return name


def articles_of(period: Period, *, completed: bool = False) -> Callable[[str], list[ArticleInfo]]:
    """Monitored cases by criminal-code article (or, `completed`, the offences of the court
    decisions in the cases finalized), in a language (the justice catalogue's names)."""

    @functools.cache
    def in_language(language: str) -> list[ArticleInfo]:
        from nrm.justice import statistics

        figures = (
            statistics.offences_in_completed_cases(period=period, language=language)
            if completed
            else statistics.cases_by_article(period=period, language=language)
        )
        return [
            ArticleInfo(
                key=f.key,
                code_name=f.code_name,
                number=f.number,
                title=f.title,
                category=f.category,
                cases=f.cases,
            )
            for f in figures
        ]

    return in_language
