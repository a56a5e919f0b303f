"""Every write to activities: entry, the review workflow, joint events, funding programmes.

The workflow: draft -> submitted -> approved, or submitted -> returned (with a comment) ->
submitted again. Each step is a service that checks the actor first (nrm.activities.rules),
writes an ActivityStep (the history shown on the activity) and is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation
from nrm.accounts.selectors import active_users_with_role, members_with_role
from nrm.activities import notifications, rules
from nrm.activities.data import FIGURE_FIELDS, ActivityData, PlaceData
from nrm.activities.models import (
    TEXT_LANGUAGES,
    Activity,
    ActivityAudience,
    ActivityPlace,
    ActivitySession,
    ActivityStatus,
    ActivityStep,
    ActivityType,
    DatePrecision,
    DistinctEvents,
    FigureQualifier,
    FundingProgramme,
    JointEvent,
    TargetGroup,
)
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.models import Municipality
from nrm.core.periods import Period
from nrm.core.roles import Role
from nrm.core.services import service, update_versioned, validated_save
from nrm.inbox.services import notify
from nrm.inbox.texts import names_in_every_language

Errors = dict[str, list[str]]

HOME_COUNTRY = "BA"
MAX_FIGURE = 10**12


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


def _step(activity: Activity, action: str, actor: Any, comment: str = "") -> ActivityStep:
    return ActivityStep.objects.create(
        activity=activity,
        action=action,
        actor=actor,
        organisation=getattr(actor, "organisation", None),
        comment=comment,
    )


# Validation of what the reporter entered ------------------------------------------------


class _Resolved:
    """The records an ActivityData refers to, looked up once while validating it."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        self.organisers: list[Organisation] = []
        self.partners: list[Organisation] = []
        self.funding_programme: FundingProgramme | None = None


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _validate_place(
    place: PlaceData, prefix: str, municipalities: dict[str, Municipality], errors: Errors
) -> None:
    city, country = place.city.strip(), place.country.strip().upper()
    kinds = sum([bool(place.municipality), bool(city or country), place.online])
    if kinds == 0:
        errors[f"{prefix}.municipality"] = [
            _(
                "Choose a municipality in BiH, give a city abroad with its country, or mark it "
                "online."
            )
        ]
        return
    if kinds > 1:
        errors[f"{prefix}.municipality"] = [
            _("Give only one of: a municipality in BiH, a city abroad, or online.")
        ]
        return
    if place.municipality and place.municipality not in municipalities:
        errors[f"{prefix}.municipality"] = [
            _("Unknown municipality: %(code)s.") % {"code": place.municipality}
        ]
    if city or country:
        if not city:
            errors[f"{prefix}.city"] = [_("Give the city abroad.")]
        if not country:
            errors[f"{prefix}.country"] = [_("Give the country of the city.")]
        elif country == HOME_COUNTRY:
            errors[f"{prefix}.country"] = [
                _("For a place in Bosnia and Herzegovina choose its municipality.")
            ]
        else:
            from django_countries import countries

            if country not in dict(countries):
                errors[f"{prefix}.country"] = [
                    _("Unknown country code: %(code)s.") % {"code": country}
                ]


def _validate_dates(data: ActivityData, errors: Errors) -> datetime.date:
    end = data.end_date or data.start_date
    if end < data.start_date:
        errors["end_date"] = [
            _("The end date (%(end)s) is before the start date (%(start)s).")
            % {"end": _day(end), "start": _day(data.start_date)}
        ]
    if data.date_precision not in DatePrecision.values:
        errors["date_precision"] = [_("Choose one of the listed values.")]
    return end


def _validate_sessions(
    data: ActivityData,
    end: datetime.date,
    municipalities: dict[str, Municipality],
    errors: Errors,
) -> None:
    for index, session in enumerate(data.sessions):
        prefix = f"sessions.{index}"
        session_end = session.end_date or session.start_date
        if session_end < session.start_date:
            errors[f"{prefix}.end_date"] = [_("The session ends before it starts.")]
        elif session.start_date < data.start_date or session_end > end:
            errors[f"{prefix}.start_date"] = [
                _("The session is outside the activity's dates (%(start)s to %(end)s).")
                % {"start": _day(data.start_date), "end": _day(end)}
            ]
        if session.participants is not None and not 0 <= session.participants < MAX_FIGURE:
            errors[f"{prefix}.participants"] = [_("Enter a number of zero or more.")]
        _validate_place(session, prefix, municipalities, errors)


def _validate_links(links: Sequence[str], errors: Errors) -> list[str]:
    check = URLValidator(schemes=["http", "https"])
    cleaned, problems = [], []
    for number, link in enumerate(links, start=1):
        link = link.strip()
        if not link:
            continue
        try:
            check(link)
        except DjangoValidationError:
            problems.append(
                _("Line %(line)s is not a web address (http:// or https://): %(value)s")
                % {"line": number, "value": link[:80]}
            )
        cleaned.append(link)
    if problems:
        errors["links"] = problems
    return cleaned


def _organisations(ids: Iterable[int], field: str, errors: Errors) -> list[Organisation]:
    wanted = list(dict.fromkeys(ids))
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=wanted, is_active=True)}
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        errors[field] = [_("Unknown organisation: %(ids)s.") % {"ids": ", ".join(missing)}]
    return [found[pk] for pk in wanted if pk in found]


def _validate(data: ActivityData, current: Activity | None = None) -> _Resolved:
    """Every blocking error of `data` at once, by field; figure warnings are not errors."""
    errors: Errors = {}
    resolved = _Resolved()
    if data.type not in ActivityType.values:
        errors["type"] = [_("Choose one of the listed types.")]
    if not any((data.titles.get(lang) or "").strip() for lang in TEXT_LANGUAGES):
        errors["titles"] = [_("Give the title in at least one language.")]
    unknown_languages = set(data.titles) | set(data.summaries)
    unknown_languages -= set(TEXT_LANGUAGES)
    if unknown_languages:
        errors["titles"] = [
            _("Titles and summaries are written in: %(languages)s.")
            % {"languages": ", ".join(TEXT_LANGUAGES)}
        ]
    end = _validate_dates(data, errors)
    codes = {p.municipality for p in [*data.places, *data.sessions] if p.municipality}
    resolved.municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    for index, place in enumerate(data.places):
        _validate_place(place, f"places.{index}", resolved.municipalities, errors)
    _validate_sessions(data, end, resolved.municipalities, errors)
    resolved.organisers = _organisations(data.organisers, "organisers", errors)
    resolved.partners = _organisations(data.partners, "partners", errors)
    both = {o.pk for o in resolved.organisers} & {o.pk for o in resolved.partners}
    if both:
        names = ", ".join(str(o) for o in resolved.partners if o.pk in both)
        errors.setdefault("partners", []).append(
            _("Already listed as organisers: %(names)s.") % {"names": names}
        )
    if data.funding_programme:
        programme = FundingProgramme.objects.filter(code=data.funding_programme).first()
        unchanged = current is not None and current.funding_programme_id == getattr(
            programme, "pk", None
        )
        if programme is None or not (programme.is_active or unchanged):
            errors["funding_programme"] = [
                _("Unknown funding programme: %(code)s.") % {"code": data.funding_programme}
            ]
        resolved.funding_programme = programme
    unknown_groups = [g for g in data.target_groups if g not in TargetGroup.values]
    if unknown_groups:
        errors["target_groups"] = [
            _("Unknown target groups: %(codes)s.") % {"codes": ", ".join(unknown_groups)}
        ]
    if data.participants_qualifier not in FigureQualifier.values:
        errors["participants_qualifier"] = [_("Choose one of the listed values.")]
    for name in FIGURE_FIELDS:
        value = getattr(data, name)
        if value is not None and not 0 <= value < MAX_FIGURE:
            errors[name] = [_("Enter a number of zero or more.")]
    data.links = _validate_links(data.links, errors)
    if errors:
        raise ValidationError(_("The activity cannot be saved as it is."), fields=errors)
    return resolved


def _scalar_values(data: ActivityData, resolved: _Resolved) -> dict[str, Any]:
    values: dict[str, Any] = {
        "type": data.type,
        "start_date": data.start_date,
        "end_date": data.end_date or data.start_date,
        "date_precision": data.date_precision,
        "other_organisers": data.other_organisers.strip(),
        "other_partners": data.other_partners.strip(),
        "funding_programme": resolved.funding_programme,
        "project": data.project.strip(),
        "participants_qualifier": data.participants_qualifier,
        "links": data.links,
        "note": data.note.strip(),
    }
    for lang in TEXT_LANGUAGES:
        values[f"title_{lang}"] = (data.titles.get(lang) or "").strip()
        values[f"summary_{lang}"] = (data.summaries.get(lang) or "").strip()
    for name in FIGURE_FIELDS:
        values[name] = getattr(data, name)
    return values


def _place_values(place: PlaceData, resolved: _Resolved) -> dict[str, Any]:
    return {
        "municipality": resolved.municipalities.get(place.municipality),
        "locality": place.locality.strip(),
        "city": place.city.strip(),
        "country": place.country.strip().upper(),
        "online": place.online,
    }


def _write_children(activity: Activity, data: ActivityData, resolved: _Resolved) -> None:
    """Replace places, sessions, target groups, organisers and partners with `data`'s."""
    activity.places.all().delete()
    activity.sessions.all().delete()
    activity.audiences.all().delete()
    for place in data.places:
        validated_save(ActivityPlace(activity=activity, **_place_values(place, resolved)))
    for session in data.sessions:
        validated_save(
            ActivitySession(
                activity=activity,
                label=session.label.strip(),
                start_date=session.start_date,
                end_date=session.end_date or session.start_date,
                participants=session.participants,
                **_place_values(session, resolved),
            )
        )
    for group in dict.fromkeys(data.target_groups):
        ActivityAudience.objects.create(activity=activity, target_group=group)
    activity.organisers.set(resolved.organisers)
    activity.partners.set(resolved.partners)


# Entry -------------------------------------------------------------------------------------


@service
def activity_create(
    *, actor: Any, data: ActivityData, reporter: Organisation | None = None
) -> Activity:
    """A new draft. Partners report for their own organisation; the coordinator may enter an
    activity on behalf of the organisation that reported it (e.g. by e-mail)."""
    _require(rules.can_report(actor))
    own = getattr(actor, "organisation", None)
    if reporter is None:
        reporter = own
    if reporter is None:
        raise ValidationError(fields={"reporter": [_("Choose the reporting organisation.")]})
    if own is not None and reporter.pk != own.pk and not rules.is_coordinator(actor):
        raise PermissionDenied()
    resolved = _validate(data)
    activity = validated_save(
        Activity(reporter=reporter, created_by=actor, **_scalar_values(data, resolved))
    )
    _write_children(activity, data, resolved)
    _step(activity, ActivityStep.Action.CREATED, actor)
    return activity


@service
def activity_update(
    *, actor: Any, activity: Activity, data: ActivityData, expected_version: int
) -> Activity:
    """Replace what was entered. A coordinator's edit in review is noted in the history."""
    _require(rules.can_edit(actor, activity))
    resolved = _validate(data, current=activity)
    activity = update_versioned(
        activity, expected_version=expected_version, changes=_scalar_values(data, resolved)
    )
    _write_children(activity, data, resolved)
    if activity.status in (ActivityStatus.SUBMITTED, ActivityStatus.APPROVED):
        _step(activity, ActivityStep.Action.EDITED, actor)
    return activity


@service
def activity_delete(*, actor: Any, activity: Activity) -> None:
    _require(rules.can_delete(actor, activity))
    _detach(activity, actor)
    activity.delete()


# The review workflow -------------------------------------------------------------------------


def _transition(
    activity: Activity, status: str, expected_version: int | None, **changes: Any
) -> Activity:
    version = activity.version if expected_version is None else expected_version
    return update_versioned(
        activity, expected_version=version, changes={"status": status, **changes}
    )


@service
def activity_submit(
    *, actor: Any, activity: Activity, expected_version: int | None = None
) -> Activity:
    _require(rules.can_submit(actor, activity))
    activity = _transition(
        activity, ActivityStatus.SUBMITTED, expected_version, submitted_at=timezone.now()
    )
    _step(activity, ActivityStep.Action.SUBMITTED, actor)
    notify(
        actor=actor,
        kind=notifications.REPORT_SUBMITTED,
        recipients=active_users_with_role(roles=(Role.COORDINATOR,)),
        url=reverse("activities:detail", args=[activity.pk]),
        params={
            "number": activity.pk,
            "reporter_name": names_in_every_language(activity.reporter),
        },
    )
    return activity


@service
def activities_submit_period(*, actor: Any, period: Period) -> list[Activity]:
    """Submit every draft and returned activity of the actor's organisation that ends in the
    period: all of them or, when one cannot be submitted, none."""
    _require(rules.can_report(actor) and actor is not None)
    pending = Activity.objects.filter(
        reporter_id=actor.organisation_id,
        status__in=rules.EDITABLE_BY_REPORTER,
        end_date__range=(period.start, period.end),
    ).order_by("start_date", "pk")
    return [activity_submit(actor=actor, activity=a) for a in pending]


@service
def activity_withdraw(
    *, actor: Any, activity: Activity, expected_version: int | None = None
) -> Activity:
    """The reporter takes a submitted activity back to correct it before review."""
    _require(rules.can_withdraw(actor, activity))
    activity = _transition(activity, ActivityStatus.DRAFT, expected_version)
    _step(activity, ActivityStep.Action.WITHDRAWN, actor)
    return activity


@service
def activity_return(
    *, actor: Any, activity: Activity, comment: str, expected_version: int | None = None
) -> Activity:
    """Back to the reporter with what to correct (also an approved one: it leaves the
    statistics until it is approved again)."""
    _require(rules.can_return(actor, activity))
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            fields={"comment": [_("Say what the reporter should correct or complete.")]}
        )
    activity = _transition(
        activity,
        ActivityStatus.RETURNED,
        expected_version,
        review_comment=comment,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    _step(activity, ActivityStep.Action.RETURNED, actor, comment)
    _tell_reporter(actor, activity, notifications.REPORT_RETURNED)
    return activity


def _tell_reporter(actor: Any, activity: Activity, kind: str) -> None:
    notify(
        actor=actor,
        kind=kind,
        recipients=members_with_role(
            organisation_id=activity.reporter_id, roles=rules.REPORTER_ROLES
        ),
        url=reverse("activities:detail", args=[activity.pk]),
        params={"number": activity.pk},
    )


@service
def activity_approve(
    *, actor: Any, activity: Activity, comment: str = "", expected_version: int | None = None
) -> Activity:
    _require(rules.can_approve(actor, activity))
    activity = _transition(
        activity,
        ActivityStatus.APPROVED,
        expected_version,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    _step(activity, ActivityStep.Action.APPROVED, actor, comment.strip())
    _tell_reporter(actor, activity, notifications.REPORT_APPROVED)
    return activity


# Joint events: one event reported by several partners ------------------------------------------


def _largest_report(activities: Iterable[Activity]) -> Activity:
    return max(activities, key=lambda a: (a.participants_total or 0, -a.pk))


@service
def event_link(
    *, actor: Any, activities: Sequence[Activity], counted: Activity | None = None
) -> JointEvent:
    """Link reports of one event. Reports already linked bring their whole event along; the
    figures of `counted` (by default the report with the most participants) are the ones
    that count."""
    _require(rules.is_coordinator(actor) and all(rules.can_link(actor, a) for a in activities))
    reports = {a.pk: a for a in activities}
    events = {a.event_id for a in activities if a.event_id is not None}
    for other in Activity.objects.filter(event_id__in=events):
        reports.setdefault(other.pk, other)
    if len(reports) < 2:
        raise ValidationError(
            fields={"activities": [_("Choose at least two reports of the same event.")]}
        )
    if counted is not None and counted.pk not in reports:
        raise ValidationError(
            fields={"counted": [_("The counted report must be one of the linked reports.")]}
        )
    event = JointEvent.objects.filter(pk__in=events).order_by("pk").first()
    counted = counted or _largest_report(reports.values())
    if event is None:
        event = validated_save(JointEvent(counted_report=counted, linked_by=actor))
    else:
        event.counted_report = counted
        validated_save(event)
        JointEvent.objects.filter(pk__in=events - {event.pk}).delete()
    for report in reports.values():
        if report.event_id != event.pk:
            report.event = event
            report.save(update_fields=["event", "updated_at"])
            _step(report, ActivityStep.Action.LINKED, actor)
    return event


@service
def event_unlink(*, actor: Any, activity: Activity) -> None:
    """Take one report out of its joint event; an event left with one report is dissolved."""
    _require(rules.is_coordinator(actor))
    if activity.event_id is None:
        raise ValidationError(fields={"activity": [_("This report is not linked to others.")]})
    _detach(activity, actor)


def _detach(activity: Activity, actor: Any) -> None:
    event = activity.event
    if event is None:
        return
    activity.event = None
    activity.save(update_fields=["event", "updated_at"])
    _step(activity, ActivityStep.Action.UNLINKED, actor)
    remaining = list(event.reports.all())
    if len(remaining) < 2:
        for report in remaining:
            report.event = None
            report.save(update_fields=["event", "updated_at"])
            _step(report, ActivityStep.Action.UNLINKED, actor)
        event.delete()
    elif event.counted_report_id == activity.pk:
        event.counted_report = _largest_report(remaining)
        validated_save(event)


@service
def event_set_counted(*, actor: Any, event: JointEvent, activity: Activity) -> JointEvent:
    _require(rules.is_coordinator(actor))
    if activity.event_id != event.pk:
        raise ValidationError(
            fields={"counted": [_("The counted report must be one of the linked reports.")]}
        )
    event.counted_report = activity
    return validated_save(event)


@service
def activities_mark_distinct(*, actor: Any, activity: Activity, other: Activity) -> DistinctEvents:
    """The coordinator checked: these similar reports are different events."""
    _require(rules.can_link(actor, activity) and rules.can_link(actor, other))
    if activity.pk == other.pk:
        raise ValidationError(fields={"other": [_("Choose another report.")]})
    first, second = sorted((activity, other), key=lambda a: a.pk)
    pair, created = DistinctEvents.objects.get_or_create(
        first=first, second=second, defaults={"decided_by": actor}
    )
    if created:
        _step(activity, ActivityStep.Action.NOT_DUPLICATE, actor, other.record)
        _step(other, ActivityStep.Action.NOT_DUPLICATE, actor, activity.record)
    return pair


# Funding programmes (the coordinator's vocabulary) ----------------------------------------------

PROGRAMME_FIELDS = ("code", "name", "funder", "description", "is_active")


def _programme_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValidationError(fields={name: [_("unknown field")] for name in sorted(unknown)})
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


@service
def funding_programme_create(*, actor: Any, **values: Any) -> FundingProgramme:
    _require(rules.is_coordinator(actor))
    return validated_save(FundingProgramme(**_programme_values(values)))


@service
def funding_programme_update(
    *, actor: Any, programme: FundingProgramme, **values: Any
) -> FundingProgramme:
    _require(rules.is_coordinator(actor))
    for name, value in _programme_values(values).items():
        setattr(programme, name, value)
    return validated_save(programme)
