"""The activities API (/api/v1/activities...): the same selectors and services as the pages,
so the same scoping: partners see their organisation's activities and everyone's approved ones,
and change only their own drafts and returned activities."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from nrm.accounts.selectors import organisation_get
from nrm.activities import selectors, services
from nrm.activities.data import ActivityData, PlaceData, SessionData
from nrm.activities.models import Activity, DatePrecision, FigureQualifier
from nrm.activities.selectors import place_text
from nrm.core.api_types import (
    VERSION_HELP,
    Count,
    Day,
    Id,
    Offset,
    PeriodName,
    Version,
    given_version,
)
from nrm.core.errors import ValidationError
from nrm.core.periods import Period

router = Router(tags=["activities"])


# Input -----------------------------------------------------------------------------------------


class PlaceIn(Schema):
    municipality: str = Field("", description="code of a BiH municipality, e.g. neum")
    locality: str = Field("", description="settlement or venue, e.g. Jahorina")
    city: str = Field("", description="a city abroad")
    country: str = Field("", description="ISO 3166 code of the city's country, e.g. AT")
    online: bool = False


class SessionIn(PlaceIn):
    start_date: Day
    end_date: Day | None = None
    label: str = ""
    participants: Count | None = None


class ActivityIn(Schema):
    type: str = Field(
        ...,
        description="training, workshop, conference, coordination_meeting, campaign, "
        "publication, grant_project or other",
    )
    start_date: Day
    end_date: Day | None = Field(None, description="empty for one day")
    date_precision: str = DatePrecision.DAY
    titles: dict[str, str] = Field(default_factory=dict, description="{en, bs, hr, sr: title}")
    summaries: dict[str, str] = Field(default_factory=dict)
    organisers: list[Id] = Field(default_factory=list, description="organisation ids")
    partners: list[Id] = Field(default_factory=list, description="organisation ids")
    other_organisers: str = ""
    other_partners: str = ""
    funding_programme: str = Field("", description="code of a funding programme")
    project: str = ""
    target_groups: list[str] = Field(default_factory=list)
    participants_total: Count | None = None
    participants_qualifier: str = FigureQualifier.EXACT
    participants_women: Count | None = None
    participants_men: Count | None = None
    participants_from_bih: Count | None = None
    completions: Count | None = None
    certificates: Count | None = None
    reach_people: Count | None = None
    reach_women: Count | None = None
    reach_men: Count | None = None
    reach_views: Count | None = None
    reach_clicks: Count | None = None
    links: list[str] = Field(default_factory=list)
    note: str = ""
    places: list[PlaceIn] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(default_factory=list)

    def to_data(self) -> ActivityData:
        values = self.model_dump(exclude={"places", "sessions", "reporter", "version"})
        return ActivityData(
            **values,
            places=[PlaceData(**p.model_dump()) for p in self.places],
            sessions=[SessionData(**s.model_dump()) for s in self.sessions],
        )


class ActivityCreateIn(ActivityIn):
    reporter: Id | None = Field(
        None, description="reporting organisation (coordinators only; default: your own)"
    )


class ActivityUpdateIn(ActivityIn):
    version: Version | None = Field(None, description=VERSION_HELP)


class StepIn(Schema):
    version: Version | None = Field(None, description=VERSION_HELP)
    comment: str = ""


class ReturnIn(Schema):
    version: Version | None = Field(None, description=VERSION_HELP)
    comment: str


class LinkIn(Schema):
    activities: list[Id] = Field(..., description="ids of the reports of one event")
    counted: Id | None = Field(None, description="the report whose figures count")


class ProgrammeIn(Schema):
    code: str
    name: str
    funder: str = ""
    description: str = ""
    is_active: bool = True


# Output ----------------------------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    name: str


class PlaceOut(Schema):
    municipality: str
    locality: str
    city: str
    country: str
    online: bool
    text: str


class SessionOut(PlaceOut):
    label: str
    start_date: Day
    end_date: Day
    participants: int | None


class WarningOut(Schema):
    code: str
    field: str
    message: str


class ParticipantsOut(Schema):
    total: int | None
    qualifier: str
    women: int | None
    men: int | None
    from_bih: int | None
    completions: int | None
    certificates: int | None


class ReachOut(Schema):
    people: int | None
    women: int | None
    men: int | None
    views: int | None
    clicks: int | None


class ActivityOut(Schema):
    id: int
    record: str
    status: str
    version: int
    type: str
    reporter: OrganisationRef
    titles: dict[str, str]
    summaries: dict[str, str]
    start_date: Day
    end_date: Day
    date_precision: str
    places: list[PlaceOut]
    sessions: list[SessionOut]
    organisers: list[OrganisationRef]
    partners: list[OrganisationRef]
    other_organisers: str
    other_partners: str
    funding_programme: str | None
    project: str
    target_groups: list[str]
    participants: ParticipantsOut
    reach: ReachOut
    links: list[str]
    note: str
    review_comment: str
    event: int | None
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    warnings: list[WarningOut]


class ActivityListOut(Schema):
    count: int
    items: list[ActivityOut]


class CandidateOut(Schema):
    id: int
    record: str
    reporter: str
    status: str
    similarity: float
    places: list[str]


class ReviewItemOut(Schema):
    activity: ActivityOut
    possible_duplicates: list[CandidateOut]


class EventOut(Schema):
    id: int
    counted: int | None
    reports: list[int]


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    funder: str
    description: str
    is_active: bool


class BulletinSessionOut(Schema):
    label: str
    start_date: Day
    end_date: Day
    place: str
    participants: int | None


class BulletinActivityOut(Schema):
    record: str
    reports: list[str]
    type: str
    type_label: str
    title: str
    title_language: str
    summary: str
    summary_language: str
    start_date: Day
    end_date: Day
    date_precision: str
    ongoing: bool
    places: list[str]
    sessions: list[BulletinSessionOut]
    organisers: list[str]
    partners: list[str]
    funding_programmes: list[str]
    projects: list[str]
    target_groups: list[str]
    participants: dict[str, Any]
    completions: int | None
    certificates: int | None
    reach: dict[str, int | None]
    links: list[str]
    reported_figures: list[tuple[str, int | None]]


class BulletinSectionOut(Schema):
    organisation_id: int
    organisation: str
    short_name: str
    activities: list[BulletinActivityOut]


def _place(place: Any, language: str) -> dict[str, Any]:
    return {
        "municipality": place.municipality_id or "",
        "locality": place.locality,
        "city": place.city,
        "country": str(place.country or ""),
        "online": place.online,
        "text": place_text(place, language),
    }


def _out(activity: Activity, request: HttpRequest) -> dict[str, Any]:
    language = getattr(request, "LANGUAGE_CODE", "en")
    return {
        "id": activity.pk,
        "record": activity.record,
        "status": activity.status,
        "version": activity.version,
        "type": activity.type,
        "reporter": {"id": activity.reporter_id, "name": activity.reporter.name},
        "titles": activity.titles(),
        "summaries": activity.summaries(),
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "date_precision": activity.date_precision,
        "places": [_place(p, language) for p in activity.places.all()],
        "sessions": [
            {
                **_place(s, language),
                "label": s.label,
                "start_date": s.start_date,
                "end_date": s.end_date,
                "participants": s.participants,
            }
            for s in activity.sessions.all()
        ],
        "organisers": [{"id": o.pk, "name": o.name} for o in activity.organisers.all()],
        "partners": [{"id": o.pk, "name": o.name} for o in activity.partners.all()],
        "other_organisers": activity.other_organisers,
        "other_partners": activity.other_partners,
        "funding_programme": activity.funding_programme.code
        if activity.funding_programme
        else None,
        "project": activity.project,
        "target_groups": [a.target_group for a in activity.audiences.all()],
        "participants": {
            "total": activity.participants_total,
            "qualifier": activity.participants_qualifier,
            "women": activity.participants_women,
            "men": activity.participants_men,
            "from_bih": activity.participants_from_bih,
            "completions": activity.completions,
            "certificates": activity.certificates,
        },
        "reach": {
            "people": activity.reach_people,
            "women": activity.reach_women,
            "men": activity.reach_men,
            "views": activity.reach_views,
            "clicks": activity.reach_clicks,
        },
        "links": activity.links,
        "note": activity.note,
        "review_comment": activity.review_comment,
        "event": activity.event_id,
        "submitted_at": activity.submitted_at,
        "reviewed_at": activity.reviewed_at,
        "warnings": [w.as_dict() for w in selectors.activity_warnings(activity)],
    }


def _candidate(candidate: Any) -> dict[str, Any]:
    other = candidate.activity
    return {
        "id": other.pk,
        "record": other.record,
        "reporter": str(other.reporter),
        "status": other.status,
        "similarity": candidate.similarity,
        "places": list(candidate.places),
    }


def _period(period: str, start: Day | None, end: Day | None) -> Period | None:
    if period:
        return Period.parse(period)
    if start or end:
        if not (start and end):
            raise ValidationError(fields={"to" if start else "from": [_needs_both()]})
        return Period(start, end)
    return None


def _needs_both() -> str:
    return gettext("give both from and to, or a period")


def _user(request: HttpRequest) -> Any:
    """The authenticated user (the API's auth guarantees one)."""
    return request.user


def _fresh(request: HttpRequest, pk: Id) -> Activity:
    return selectors.activity_get(actor=request.user, pk=pk)


# Endpoints -------------------------------------------------------------------------------------


class ListQuery(Schema):
    status: str = ""
    type: str = ""
    organisation: Id | None = Field(None, description="reported, organised or partnered by")
    period: str = Field("", description="YYYY, YYYY-H1 or YYYY-H2 (activities ending in it)")
    start: Day | None = Field(None, alias="from")
    end: Day | None = Field(None, alias="to")
    q: str = Field("", description="in the titles or the project")
    own: bool = Field(False, description="only your organisation's reports")
    limit: int = Field(100, ge=1, le=500)
    offset: Offset = 0


class PeriodQuery(Schema):
    period: str = Field("", description="YYYY, YYYY-H1 or YYYY-H2")
    start: Day | None = Field(None, alias="from")
    end: Day | None = Field(None, alias="to")


@router.get("/activities", response=ActivityListOut, summary="Activities you may read")
def list_activities(request: HttpRequest, filters: Query[ListQuery]) -> dict[str, Any]:
    activities = selectors.activity_list(
        actor=request.user,
        status=filters.status,
        type=filters.type,
        organisation=filters.organisation,
        period=_period(filters.period, filters.start, filters.end),
        q=filters.q,
        own=filters.own,
    )
    window = activities[filters.offset : filters.offset + filters.limit]
    return {"count": activities.count(), "items": [_out(a, request) for a in window]}


@router.post("/activities", response={201: ActivityOut}, summary="Report an activity (draft)")
def create_activity(request: HttpRequest, payload: ActivityCreateIn) -> Status[Any]:
    reporter = None
    if payload.reporter is not None:
        reporter = organisation_get(actor=_user(request), pk=payload.reporter)
    activity = services.activity_create(
        actor=request.user, data=payload.to_data(), reporter=reporter
    )
    return Status(201, _out(_fresh(request, activity.pk), request))


@router.get("/activities/review", response=list[ReviewItemOut], summary="The review queue")
def review_queue(request: HttpRequest, period: str = "") -> list[dict[str, Any]]:
    items = selectors.review_queue(actor=request.user, period=_period(period, None, None))
    return [
        {
            "activity": _out(item.activity, request),
            "possible_duplicates": [_candidate(c) for c in item.candidates],
        }
        for item in items
    ]


@router.get("/activities/statistics", response=dict[str, Any], summary="The activities family")
def statistics(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    chosen = _period(query.period, query.start, query.end)
    if chosen is None:
        raise ValidationError(fields={"period": [_needs_both()]})
    return {
        "period": chosen.as_dict(),
        "activities": selectors.activity_statistics(period=chosen, actor=request.user),
    }


@router.get(
    "/activities/bulletin",
    response=list[BulletinSectionOut],
    summary="Approved activities of a period by organisation, in one language",
)
def bulletin(
    request: HttpRequest,
    period: PeriodName,
    language: str = "en",
    include_ongoing: bool = True,
) -> list[Any]:
    chosen = _period(period, None, None)
    assert chosen is not None
    return selectors.bulletin_activities(
        period=chosen, language=language, actor=request.user, include_ongoing=include_ongoing
    )


@router.get("/activities/{pk}", response=ActivityOut)
def get_activity(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _out(_fresh(request, pk), request)


@router.put("/activities/{pk}", response=ActivityOut, summary="Replace what was entered")
def update_activity(request: HttpRequest, pk: Id, payload: ActivityUpdateIn) -> dict[str, Any]:
    activity = _fresh(request, pk)
    services.activity_update(
        actor=request.user,
        activity=activity,
        data=payload.to_data(),
        expected_version=given_version(payload.version),
    )
    return _out(_fresh(request, pk), request)


@router.delete("/activities/{pk}", response={204: None})
def delete_activity(request: HttpRequest, pk: Id) -> Status[Any]:
    services.activity_delete(actor=request.user, activity=_fresh(request, pk))
    return Status(204, None)


@router.post("/activities/{pk}/submit", response=ActivityOut)
def submit(request: HttpRequest, pk: Id, payload: StepIn) -> dict[str, Any]:
    services.activity_submit(
        actor=request.user,
        activity=_fresh(request, pk),
        expected_version=given_version(payload.version),
    )
    return _out(_fresh(request, pk), request)


@router.post("/activities/{pk}/withdraw", response=ActivityOut)
def withdraw(request: HttpRequest, pk: Id, payload: StepIn) -> dict[str, Any]:
    services.activity_withdraw(
        actor=request.user,
        activity=_fresh(request, pk),
        expected_version=given_version(payload.version),
    )
    return _out(_fresh(request, pk), request)


@router.post("/activities/{pk}/approve", response=ActivityOut)
def approve(request: HttpRequest, pk: Id, payload: StepIn) -> dict[str, Any]:
    services.activity_approve(
        actor=request.user,
        activity=_fresh(request, pk),
        comment=payload.comment,
        expected_version=given_version(payload.version),
    )
    return _out(_fresh(request, pk), request)


@router.post("/activities/{pk}/return", response=ActivityOut)
def return_activity(request: HttpRequest, pk: Id, payload: ReturnIn) -> dict[str, Any]:
    services.activity_return(
        actor=request.user,
        activity=_fresh(request, pk),
        comment=payload.comment,
        expected_version=given_version(payload.version),
    )
    return _out(_fresh(request, pk), request)


@router.get("/activities/{pk}/duplicates", response=list[CandidateOut])
def duplicates(request: HttpRequest, pk: Id) -> list[dict[str, Any]]:
    activity = _fresh(request, pk)
    found = selectors.duplicate_candidates(actor=request.user, activities=[activity])
    return [_candidate(c) for c in found.get(activity.pk, [])]


@router.post("/activities/{pk}/distinct/{other}", response={204: None})
def mark_distinct(request: HttpRequest, pk: Id, other: Id) -> Status[Any]:
    services.activities_mark_distinct(
        actor=request.user, activity=_fresh(request, pk), other=_fresh(request, other)
    )
    return Status(204, None)


@router.post("/activity-events", response={201: EventOut}, summary="Link reports of one event")
def link(request: HttpRequest, payload: LinkIn) -> Status[Any]:
    reports = [_fresh(request, pk) for pk in dict.fromkeys(payload.activities)]
    counted = next((r for r in reports if r.pk == payload.counted), None)
    if payload.counted is not None and counted is None:
        counted = _fresh(request, payload.counted)
    event = services.event_link(actor=request.user, activities=reports, counted=counted)
    return Status(
        201,
        {
            "id": event.pk,
            "counted": event.counted_report_id,
            "reports": sorted(event.reports.values_list("pk", flat=True)),
        },
    )


@router.delete("/activities/{pk}/event", response={204: None}, summary="Unlink a report")
def unlink(request: HttpRequest, pk: Id) -> Status[Any]:
    services.event_unlink(actor=request.user, activity=_fresh(request, pk))
    return Status(204, None)


@router.get("/funding-programmes", response=list[ProgrammeOut])
def list_programmes(request: HttpRequest, active: bool = False) -> Any:
    return selectors.funding_programmes(actor=request.user, active_only=active)


@router.post("/funding-programmes", response={201: ProgrammeOut})
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Status[Any]:
    return Status(
        201, services.funding_programme_create(actor=request.user, **payload.model_dump())
    )


@router.put("/funding-programmes/{pk}", response=ProgrammeOut)
def update_programme(request: HttpRequest, pk: Id, payload: ProgrammeIn) -> Any:
    programme = selectors.funding_programme_get(actor=request.user, pk=pk)
    return services.funding_programme_update(
        actor=request.user, programme=programme, **payload.model_dump()
    )
