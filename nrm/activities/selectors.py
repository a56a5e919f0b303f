"""Every read of activities, scoped to the reader (docs/permissions.md).

- Coordinators read every activity.
- Partners read their own organisation's activities in any state, and everyone's approved ones.
- Case workers, field identifiers and trial monitors read approved activities.

The statistics (`activity_statistics`) and the bulletin (`bulletin_activities`) only ever use
approved activities; linked reports of one event count once (docs/methodology.md).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import translation
from django.utils.translation import gettext

from nrm.activities import rules
from nrm.activities.checks import FigureWarning, activity_figure_warnings
from nrm.activities.duplicates import Candidate, find_candidates
from nrm.activities.languages import in_script, localised
from nrm.activities.models import (
    CAPACITY_BUILDING_TYPES,
    Activity,
    ActivityAudience,
    ActivityStatus,
    ActivityType,
    DistinctEvents,
    FundingProgramme,
    TargetGroup,
)
from nrm.core.crypto import normalise_for_matching
from nrm.core.errors import NotFound
from nrm.core.periods import Period
from nrm.core.places import city_name
from nrm.core.roles import Role, has_role, require_role

# Reports compared when looking for duplicates: everything a reporter has sent.
SENT = (ActivityStatus.SUBMITTED, ActivityStatus.RETURNED, ActivityStatus.APPROVED)
NOT_RECORDED = "not_recorded"


def with_details(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    return qs.select_related("reporter", "funding_programme", "event").prefetch_related(
        "places__municipality",
        "sessions__municipality",
        "audiences",
        "organisers",
        "partners",
    )


def visible_activities(actor: Any) -> QuerySet[Activity]:
    """The activities `actor` may read (None: the system, everything)."""
    if rules.is_coordinator(actor):
        return Activity.objects.all()
    require_role(actor, *rules.READER_ROLES)
    approved = Q(status=ActivityStatus.APPROVED)
    if has_role(actor, *rules.REPORTER_ROLES) and actor.organisation_id is not None:
        return Activity.objects.filter(approved | Q(reporter_id=actor.organisation_id))
    return Activity.objects.filter(approved)


def activity_list(
    *,
    actor: Any,
    status: str = "",
    type: str = "",
    organisation: int | None = None,
    period: Period | None = None,
    q: str = "",
    own: bool = False,
) -> QuerySet[Activity]:
    """Filtered list; `period` keeps activities that end in it (the counting rule), `own`
    only the actor's organisation's reports, `organisation` those it reported or organised."""
    qs = visible_activities(actor)
    if own:
        qs = qs.filter(reporter_id=getattr(actor, "organisation_id", None))
    if status:
        qs = qs.filter(status=status)
    if type:
        qs = qs.filter(type=type)
    if organisation:
        qs = qs.filter(
            Q(reporter_id=organisation)
            | Q(organisers__id=organisation)
            | Q(partners__id=organisation)
        ).distinct()
    if period is not None:
        qs = qs.filter(end_date__range=(period.start, period.end))
    if q:
        text = Q()
        for name in ("title_en", "title_bs", "title_hr", "title_sr", "project"):
            text |= Q(**{f"{name}__icontains": q})
        qs = qs.filter(text)
    return with_details(qs).order_by("-start_date", "-pk")


def activity_get(*, actor: Any, pk: int) -> Activity:
    try:
        activity = with_details(visible_activities(actor)).get(pk=pk)
    except Activity.DoesNotExist:
        raise NotFound() from None
    return activity


def activity_history(*, actor: Any, activity: Activity) -> QuerySet[Any]:
    """The review steps, for those who may read the activity."""
    if not rules.can_read(actor, activity):
        raise NotFound()
    return activity.steps.select_related("actor", "organisation")


def joint_reports(*, actor: Any, activity: Activity) -> list[Activity]:
    """The other reports linked with this one (readable by the actor)."""
    if activity.event_id is None:
        return []
    others = visible_activities(actor).filter(event_id=activity.event_id).exclude(pk=activity.pk)
    return list(with_details(others).order_by("pk"))


# Checks ----------------------------------------------------------------------------------------


def distinct_pairs(ids: Iterable[int]) -> set[tuple[int, int]]:
    """The (smaller, larger) id pairs the coordinator marked as different events."""
    wanted = list(ids)
    rows = DistinctEvents.objects.filter(Q(first_id__in=wanted) | Q(second_id__in=wanted))
    return {(first, second) for first, second in rows.values_list("first_id", "second_id")}


def _for_matching(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """What duplicate detection reads: dates, titles, reporter, places and sessions."""
    return qs.select_related("reporter").prefetch_related("places", "sessions")


def duplicate_pool(actor: Any, anchors: list[Activity]) -> list[Activity]:
    """Reports the anchors may duplicate: sent ones that overlap their dates, and that the
    actor may read (a partner is only told about approved reports of other partners)."""
    if not anchors:
        return []
    start = min(a.start_date for a in anchors)
    end = max(a.end_date for a in anchors)
    qs = visible_activities(actor).filter(status__in=SENT, start_date__lte=end, end_date__gte=start)
    return list(_for_matching(qs))


def duplicate_candidates(
    *, actor: Any, activities: Iterable[Activity]
) -> dict[int, list[Candidate]]:
    """{activity id: possible duplicates}, for activities with their places and sessions
    prefetched."""
    anchors = list(activities)
    pool = duplicate_pool(actor, anchors)
    excluded = distinct_pairs(a.pk for a in anchors)
    return find_candidates(anchors, pool, excluded)


def duplicates_in_period(period: Period) -> tuple[list[Activity], dict[int, list[Candidate]]]:
    """Every sent report ending in the period, and its possible duplicates (for the
    data-quality check; the system reads everything). The reports are loaded once."""
    sent = Activity.objects.filter(status__in=SENT)
    first = sent.filter(end_date__range=(period.start, period.end)).aggregate(
        first=Min("start_date")
    )["first"]
    if first is None:
        return [], {}
    pool = list(
        _for_matching(sent.filter(start_date__lte=period.end, end_date__gte=first)).order_by(
            "start_date", "pk"
        )
    )
    anchors = [a for a in pool if period.contains(a.end_date)]
    return anchors, find_candidates(anchors, pool, distinct_pairs(a.pk for a in anchors))


def activity_warnings(activity: Activity) -> list[FigureWarning]:
    """The figure warnings of an activity the caller has already read."""
    return activity_figure_warnings(activity)


def suggested_counted(activity: Activity, candidates: Iterable[Candidate]) -> int:
    """The report whose figures to count when linking: the one with the most participants."""
    reports = [activity, *(c.activity for c in candidates)]
    return max(reports, key=lambda a: (a.participants_total or 0, -a.pk)).pk


@dataclass
class ReviewItem:
    activity: Activity
    warnings: list[FigureWarning]
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def suggested(self) -> int:
        return suggested_counted(self.activity, self.candidates)


def review_queue(
    *, actor: Any, period: Period | None = None, status: str = ActivityStatus.SUBMITTED
) -> list[ReviewItem]:
    """Activities waiting for the coordinator, each with its warnings and possible
    duplicates, oldest submission first."""
    if actor is not None:
        require_role(actor, Role.COORDINATOR)
    qs = Activity.objects.filter(status=status)
    if period is not None:
        qs = qs.filter(end_date__range=(period.start, period.end))
    activities = list(with_details(qs).order_by("submitted_at", "pk"))
    candidates = duplicate_candidates(actor=actor, activities=activities)
    return [
        ReviewItem(a, activity_figure_warnings(a), candidates.get(a.pk, [])) for a in activities
    ]


def funding_programmes(*, actor: Any, active_only: bool = False) -> QuerySet[FundingProgramme]:
    if actor is not None:
        require_role(actor, *rules.READER_ROLES)
    qs = FundingProgramme.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def funding_programme_get(*, actor: Any, pk: int) -> FundingProgramme:
    try:
        return funding_programmes(actor=actor).get(pk=pk)
    except FundingProgramme.DoesNotExist:
        raise NotFound() from None


# Counting: approved activities, linked reports once ---------------------------------------------


def one_per_event(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Approved activities of `qs`, one per event.

    Of linked reports, the one counted is the coordinator's choice when it is approved,
    otherwise the approved report with the most participants (then the oldest).
    """
    representative = (
        Activity.objects.filter(event_id=OuterRef("event_id"), status=ActivityStatus.APPROVED)
        .annotate(
            not_chosen=Case(
                When(pk=F("event__counted_report_id"), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("not_chosen", F("participants_total").desc(nulls_last=True), "pk")
        .values("pk")[:1]
    )
    return (
        qs.filter(status=ActivityStatus.APPROVED)
        .annotate(representative=Subquery(representative))
        .filter(Q(event__isnull=True) | Q(pk=F("representative")))
    )


def counted_activities(period: Period) -> QuerySet[Activity]:
    """Approved activities that end in the period, one per event: what the statistics count."""
    return one_per_event(Activity.objects.filter(end_date__range=(period.start, period.end)))


def _participants() -> Any:
    """A report's participants: the total reported, else women and men added up."""
    return Coalesce(
        "participants_total",
        Coalesce("participants_women", 0) + Coalesce("participants_men", 0),
        output_field=IntegerField(),
    )


def activity_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `activities` family of `nrm stats` (rules: docs/methodology.md, "Activities").

    Filters other families understand are ignored; `organisation` (an id) keeps the
    activities that organisation reported or organised.
    """
    if actor is not None:
        require_role(actor, *rules.STATISTICS_ROLES)
    events = counted_activities(period)
    organisation = filters.get("organisation")
    if organisation:
        events = events.filter(
            Q(reporter_id=organisation) | Q(organisers__id=organisation)
        ).distinct()
    ids = events.values("pk")
    rows = Activity.objects.filter(pk__in=ids)
    has_figures = (
        Q(participants_total__isnull=False)
        | Q(participants_women__isnull=False)
        | Q(participants_men__isnull=False)
    )
    totals = rows.aggregate(
        total=Count("pk"),
        participants=Coalesce(Sum(_participants(), filter=has_figures), 0),
        women=Coalesce(Sum("participants_women"), 0),
        men=Coalesce(Sum("participants_men"), 0),
        unknown_sex=Coalesce(
            Sum(
                Greatest(
                    _participants()
                    - Coalesce("participants_women", 0)
                    - Coalesce("participants_men", 0),
                    0,
                ),
                filter=has_figures,
            ),
            0,
        ),
        from_bih=Coalesce(Sum("participants_from_bih"), 0),
        without_figures=Count(
            "pk",
            filter=~has_figures & ~Q(type__in=(ActivityType.CAMPAIGN, ActivityType.PUBLICATION)),
        ),
        completions=Coalesce(Sum("completions"), 0),
        certificates=Coalesce(Sum("certificates"), 0),
        people_trained=Coalesce(
            Sum(_participants(), filter=Q(type__in=CAPACITY_BUILDING_TYPES) & has_figures), 0
        ),
        reach_people=Coalesce(Sum("reach_people"), 0),
        reach_women=Coalesce(Sum("reach_women"), 0),
        reach_men=Coalesce(Sum("reach_men"), 0),
        reach_views=Coalesce(Sum("reach_views"), 0),
        reach_clicks=Coalesce(Sum("reach_clicks"), 0),
    )
    by_type = dict.fromkeys(ActivityType.values, 0)
    for row in rows.values("type").annotate(n=Count("pk")):
        by_type[row["type"]] = row["n"]
    return {
        "total": totals["total"],
        "by_type": by_type,
        "participants": {
            "total": totals["participants"],
            "women": totals["women"],
            "men": totals["men"],
            "unknown_sex": totals["unknown_sex"],
            "from_bih": totals["from_bih"],
            "activities_not_recorded": totals["without_figures"],
        },
        "completions": totals["completions"],
        "certificates": totals["certificates"],
        "people_trained": totals["people_trained"],
        "people_trained_by_target_group": _trained_by_target_group(rows),
        "campaign_reach": {
            "people": totals["reach_people"],
            "women": totals["reach_women"],
            "men": totals["reach_men"],
            "views": totals["reach_views"],
            "clicks": totals["reach_clicks"],
        },
        "linked_reports_merged": _merged_reports(period),
    }


def _trained_by_target_group(rows: QuerySet[Activity]) -> dict[str, int]:
    trained = rows.filter(type__in=CAPACITY_BUILDING_TYPES)
    result = dict.fromkeys([*TargetGroup.values, NOT_RECORDED], 0)
    by_group = (
        ActivityAudience.objects.filter(activity__in=trained)
        .values("target_group")
        .annotate(
            n=Coalesce(
                Sum(
                    Coalesce(
                        "activity__participants_total",
                        Coalesce("activity__participants_women", 0)
                        + Coalesce("activity__participants_men", 0),
                    )
                ),
                0,
            )
        )
    )
    for row in by_group:
        result[row["target_group"]] = row["n"]
    without = trained.filter(~Exists(ActivityAudience.objects.filter(activity=OuterRef("pk"))))
    result[NOT_RECORDED] = without.aggregate(n=Coalesce(Sum(_participants()), 0))["n"]
    return result


def _merged_reports(period: Period) -> int:
    """Approved reports in the period that are not counted because a linked report is."""
    approved = Activity.objects.filter(
        status=ActivityStatus.APPROVED, end_date__range=(period.start, period.end)
    )
    return approved.count() - counted_activities(period).count()


# The bulletin ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulletinSession:
    label: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    participants: int | None


@dataclass(frozen=True)
class BulletinActivity:
    """One event for the bulletin, in one language; linked reports merged into it."""

    record: str  # "activity:<id>" of the report whose figures are shown
    reports: tuple[str, ...]  # every linked report, "activity:<id>"
    type: str
    type_label: str
    title: str
    title_language: str  # the language the title was written in ("" when none)
    summary: str
    summary_language: str
    start_date: datetime.date
    end_date: datetime.date
    date_precision: str
    ongoing: bool  # still running after the period's end
    places: tuple[str, ...]
    sessions: tuple[BulletinSession, ...]
    organisers: tuple[str, ...]  # credited: reporters and organisers of every linked report
    partners: tuple[str, ...]
    funding_programmes: tuple[str, ...]
    projects: tuple[str, ...]
    target_groups: tuple[str, ...]
    participants: dict[str, Any]
    completions: int | None
    certificates: int | None
    reach: dict[str, int | None]
    links: tuple[str, ...]
    reported_figures: tuple[tuple[str, int | None], ...]  # (reporter, participants) per report


@dataclass(frozen=True)
class BulletinSection:
    organisation_id: int
    organisation: str
    short_name: str
    activities: tuple[BulletinActivity, ...]


def place_text(place: Any, language: str) -> str:
    """'Jahorina (Pale)', 'Vienna, Austria', 'online', in the reader's language and script."""
    if place.online:
        with translation.override(language):
            text = gettext("online")
        return f"{in_script(place.locality, language)} ({text})" if place.locality else text
    if place.municipality_id:
        name = in_script(place.municipality.name, language)
        if place.locality and normalise_for_matching(place.locality) != normalise_for_matching(
            place.municipality.name
        ):
            return f"{in_script(place.locality, language)} ({name})"
        return name
    with translation.override(language):
        country = str(place.country.name)
        # "Beograd, Srbija" / "Београд, Србија": never an English city inside Cyrillic.
        city = city_name(place.city, str(place.country.code or ""), language)
    return f"{city}, {country}" if city else country


# Organisation names are shown as the directory stores them: many are official English names
# ("Council of Europe Office in Sarajevo") that transliteration into Cyrillic would garble.
def _names(organisations: Iterable[Any]) -> list[str]:
    return [o.name for o in organisations]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


@functools.lru_cache(maxsize=8)
def _labels(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """Type labels and target-group labels in `language`."""
    with translation.override(language):
        return (
            {code: str(label) for code, label in ActivityType.choices},
            {code: str(label) for code, label in TargetGroup.choices},
        )


def _bulletin_item(
    shown: Activity, reports: list[Activity], period: Period, language: str
) -> BulletinActivity:
    organisers: list[str] = []
    partners: list[str] = []
    for report in [shown, *[r for r in reports if r.pk != shown.pk]]:
        organisers += _names([report.reporter, *report.organisers.all()])
        organisers += _split_names(report.other_organisers)
        partners += _names(report.partners.all())
        partners += _split_names(report.other_partners)
    credited = _unique(organisers)
    title = localised(shown.titles(), language)
    summary = localised(shown.summaries(), language)
    types, target_groups = _labels(language)
    type_label = types[shown.type]
    groups = tuple(target_groups[a.target_group] for a in shown.audiences.all())
    return BulletinActivity(
        record=shown.record,
        reports=tuple(r.record for r in sorted(reports, key=lambda r: r.pk)),
        type=shown.type,
        type_label=type_label,
        title=title.text,
        title_language=title.language,
        summary=summary.text,
        summary_language=summary.language,
        start_date=shown.start_date,
        end_date=shown.end_date,
        date_precision=shown.date_precision,
        ongoing=shown.end_date > period.end,
        places=_unique(place_text(p, language) for p in shown.places.all()),
        sessions=tuple(
            BulletinSession(
                s.label, s.start_date, s.end_date, place_text(s, language), s.participants
            )
            for s in shown.sessions.all()
        ),
        organisers=credited,
        partners=tuple(p for p in _unique(partners) if p not in credited),
        funding_programmes=_unique(
            r.funding_programme.name for r in reports if r.funding_programme is not None
        ),
        projects=_unique(r.project for r in reports),
        target_groups=groups,
        participants={
            "total": shown.participants_total,
            "qualifier": shown.participants_qualifier,
            "women": shown.participants_women,
            "men": shown.participants_men,
            "from_bih": shown.participants_from_bih,
        },
        completions=shown.completions,
        certificates=shown.certificates,
        reach={
            "people": shown.reach_people,
            "women": shown.reach_women,
            "men": shown.reach_men,
            "views": shown.reach_views,
            "clicks": shown.reach_clicks,
        },
        links=_unique(link for r in reports for link in r.links),
        reported_figures=tuple(
            (str(r.reporter), r.participants_total) for r in sorted(reports, key=lambda r: r.pk)
        ),
    )


def bulletin_activities(
    *, period: Period, language: str, actor: Any = None, include_ongoing: bool = True
) -> list[BulletinSection]:
    """Approved activities of the period for the bulletin, grouped by the organisation that
    reported them, in `language` (en, bs, hr, sr, sr-latn; titles fall back as in
    nrm.activities.languages).

    An activity belongs to the period it ends in; with `include_ongoing`, activities still
    running at the period's end are included too (marked `ongoing`). Linked reports of one
    event appear once, under the reporter of the report whose figures count, crediting every
    organiser of every linked report.
    """
    if actor is not None:
        require_role(actor, *rules.READER_ROLES)
    dates = Q(end_date__range=(period.start, period.end))
    if include_ongoing:
        dates |= Q(start_date__lte=period.end, end_date__gt=period.end)
    shown = list(with_details(one_per_event(Activity.objects.filter(dates))))
    events = {a.event_id for a in shown if a.event_id is not None}
    linked: dict[int, list[Activity]] = {}
    for report in with_details(
        Activity.objects.filter(event_id__in=events, status=ActivityStatus.APPROVED)
    ):
        linked.setdefault(report.event_id or 0, []).append(report)
    sections: dict[int, list[BulletinActivity]] = {}
    reporters: dict[int, Any] = {}
    for activity in sorted(shown, key=lambda a: (a.start_date, a.end_date, a.pk)):
        reports = (
            linked.get(activity.event_id or 0, [activity]) if activity.event_id else [activity]
        )
        item = _bulletin_item(activity, reports, period, language)
        sections.setdefault(activity.reporter_id, []).append(item)
        reporters[activity.reporter_id] = activity.reporter
    result = [
        BulletinSection(
            organisation_id=pk,
            organisation=reporters[pk].name,
            short_name=reporters[pk].short_name,
            activities=tuple(items),
        )
        for pk, items in sections.items()
    ]
    return sorted(result, key=lambda s: normalise_for_matching(s.organisation))
