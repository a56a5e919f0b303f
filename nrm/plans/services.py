"""Every write of action plans: plans (from an import), reporting rounds, institutions'
reports, the coordinator's review, linking activities, publishing the implementation report."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation, User
from nrm.accounts.selectors import active_users_with_role, members_with_role
from nrm.activities.models import Activity
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.roles import Role, has_role
from nrm.core.services import service, update_versioned, validated_save
from nrm.inbox.services import notify
from nrm.plans import rules
from nrm.plans.models import (
    ActivityMeasure,
    IndicatorValue,
    Measure,
    MeasureReport,
    MeasureStatus,
    Plan,
    PublishedReport,
    ReportingRound,
    ReportState,
    RoundStatus,
)
from nrm.plans.notifications import (
    REPORT_OVERDUE,
    REPORT_RETURNED,
    REPORT_SUBMITTED,
    ROUND_OPENED,
)

MAX_LINKS = 20


def _require_coordinator(actor: User | None) -> None:
    if not rules.is_coordinator(actor):
        raise PermissionDenied()


# Rounds ---------------------------------------------------------------------------------------


@service
def round_open(
    *,
    actor: User | None,
    plan: Plan,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
) -> ReportingRound:
    """Open the next reporting round: one empty report per measure and responsible institution;
    the institutions are told."""
    _require_coordinator(actor)
    if plan.rounds.filter(status=RoundStatus.OPEN).exists():
        raise ValidationError(_("Close the open reporting round of this plan first."))
    number = (plan.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    round = validated_save(
        ReportingRound(
            plan=plan,
            number=number,
            period_start=period_start,
            period_end=period_end,
            deadline=deadline,
            opened_by=actor,
        )
    )
    pairs = Measure.responsible.through.objects.filter(measure__objective__goal__plan=plan)
    for pair in pairs.order_by("measure_id", "organisation_id"):
        # One by one (not bulk_create), so that each report leaves an audit entry.
        MeasureReport.objects.create(
            round=round, measure_id=pair.measure_id, organisation_id=pair.organisation_id
        )
    organisations = set(pairs.values_list("organisation_id", flat=True))
    recipients = [
        user
        for organisation_id in sorted(organisations)
        for user in members_with_role(organisation_id=organisation_id, roles=rules.REPORTER_ROLES)
    ]
    notify(
        actor=actor,
        kind=ROUND_OPENED,
        recipients=recipients,
        url=reverse("plans:round", args=[round.pk]),
        params={"plan": plan.key, "due": deadline.isoformat()},
    )
    return round


@service
def round_close(*, actor: User | None, round: ReportingRound) -> ReportingRound:
    _require_coordinator(actor)
    round.status = RoundStatus.CLOSED
    return validated_save(round)


@service
def round_conclude(
    *, actor: User | None, round: ReportingRound, language: str, text: str
) -> ReportingRound:
    """The coordinator's conclusions and recommendations for the report, in one language."""
    _require_coordinator(actor)
    conclusions = dict(round.conclusions or {})
    conclusions[language] = (text or "").strip()
    round.conclusions = conclusions
    return validated_save(round)


# Reports --------------------------------------------------------------------------------------


def _decimal(name: str, value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        raise ValidationError(fields={name: [_("Write a number.")]}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError(fields={name: [_("Write a number of at least 0.")]})
    return number


@service
def report_save(
    *,
    actor: User | None,
    report: MeasureReport,
    status: str,
    narrative: str = "",
    delay_reason: str = "",
    spending: Any = None,
    values: Mapping[int, Any] | None = None,
    activities: Iterable[Activity] = (),
    evidence_links: Iterable[str] = (),
) -> MeasureReport:
    """An institution writes its report on a measure (not yet sent)."""
    if actor is not None and not rules.can_write_report(actor, report):
        raise PermissionDenied()
    if status not in MeasureStatus.values:
        raise ValidationError(fields={"status": [_("unknown code: %(code)s") % {"code": status}]})
    delay_reason = (delay_reason or "").strip()
    if status in (MeasureStatus.LATE, MeasureStatus.ABANDONED) and not delay_reason:
        raise ValidationError(fields={"delay_reason": [_("Say why the measure is behind.")]})
    links = [link.strip() for link in evidence_links if link and link.strip()]
    if len(links) > MAX_LINKS or any(
        not link.startswith(("https://", "http://")) for link in links
    ):
        raise ValidationError(fields={"evidence_links": [_("Give web addresses (https://…).")]})
    changes = {
        "status": status,
        "narrative": (narrative or "").strip(),
        "delay_reason": delay_reason,
        "spending": _decimal("spending", spending),
        "evidence_links": links,
    }
    report = update_versioned(report, expected_version=report.version, changes=changes)
    _save_values(report, values or {})
    report.activities.set(list(activities))
    return report


def _save_values(report: MeasureReport, values: Mapping[int, Any]) -> None:
    indicators = {i.pk: i for i in report.measure.indicators.filter(source="typed")}
    for indicator_id, raw in values.items():
        if indicator_id not in indicators:
            raise ValidationError(
                fields={f"indicator_{indicator_id}": [_("Not an indicator of this measure.")]}
            )
        value = _decimal(f"indicator_{indicator_id}", raw)
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
            continue
        IndicatorValue.objects.update_or_create(
            report=report, indicator_id=indicator_id, defaults={"value": value}
        )


def _plan_params(report: MeasureReport) -> dict[str, str]:
    return {"measure": report.measure.number, "plan": report.round.plan.key}


@service
def report_submit(*, actor: User | None, report: MeasureReport) -> MeasureReport:
    """Send the report to the coordinator."""
    if actor is not None and not rules.can_write_report(actor, report):
        raise PermissionDenied()
    report = update_versioned(
        report,
        expected_version=report.version,
        changes={
            "state": ReportState.SUBMITTED,
            "submitted_at": timezone.now(),
            "submitted_by": actor,
        },
    )
    coordinators = active_users_with_role(roles=(Role.COORDINATOR,)).filter(
        organisation_id=report.round.plan.coordinator_id
    )
    notify(
        actor=actor,
        kind=REPORT_SUBMITTED,
        recipients=list(coordinators),
        url=reverse("plans:report", args=[report.pk]),
        params=_plan_params(report),
    )
    return report


@service
def report_return(*, actor: User | None, report: MeasureReport, comment: str) -> MeasureReport:
    """The coordinator sends a report back with a comment saying what is missing."""
    if not rules.can_review(actor, report):
        raise PermissionDenied()
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(fields={"comment": [_("Say what is to be corrected.")]})
    report = update_versioned(
        report,
        expected_version=report.version,
        changes={"state": ReportState.RETURNED, "comment": comment},
    )
    notify(
        actor=actor,
        kind=REPORT_RETURNED,
        recipients=list(
            members_with_role(organisation_id=report.organisation_id, roles=rules.REPORTER_ROLES)
        ),
        url=reverse("plans:report", args=[report.pk]),
        params=_plan_params(report),
    )
    return report


@service
def report_approve(*, actor: User | None, report: MeasureReport) -> MeasureReport:
    if not rules.can_review(actor, report):
        raise PermissionDenied()
    return update_versioned(
        report,
        expected_version=report.version,
        changes={"state": ReportState.APPROVED, "approved_at": timezone.now()},
    )


def notify_overdue_reports(now: datetime.datetime) -> int:
    """Tell each institution once about its reports not sent by an open round's deadline
    (`nrm notifications`, idempotent)."""
    day = timezone.localdate(now)
    overdue = (
        MeasureReport.objects.filter(
            round__status=RoundStatus.OPEN,
            round__deadline__lt=day,
            state__in=(ReportState.DRAFT, ReportState.RETURNED),
            overdue_notified_on__isnull=True,
        )
        .select_related("measure", "round__plan")
        .order_by("pk")
    )
    count = 0
    for report in overdue:
        notify(
            actor=None,
            kind=REPORT_OVERDUE,
            recipients=list(
                members_with_role(
                    organisation_id=report.organisation_id, roles=rules.REPORTER_ROLES
                )
            ),
            url=reverse("plans:report", args=[report.pk]),
            params={**_plan_params(report), "due": report.round.deadline.isoformat()},
        )
        MeasureReport.objects.filter(pk=report.pk).update(overdue_notified_on=day)
        count += 1
    return count


# Linking activities ---------------------------------------------------------------------------


def _can_tag(actor: User | None, activity: Activity) -> bool:
    if rules.is_coordinator(actor):
        return True
    return has_role(actor, *rules.REPORTER_ROLES) and (
        getattr(actor, "organisation_id", None) == activity.reporter_id
    )


@service
def activity_tag(*, actor: User | None, activity: Activity, measure: Measure) -> ActivityMeasure:
    """Tag an activity with a measure it implements (the coordinator, or its reporter)."""
    if not _can_tag(actor, activity):
        raise PermissionDenied()
    link, _created = ActivityMeasure.objects.get_or_create(
        activity=activity, measure=measure, defaults={"tagged_by": actor}
    )
    return link


@service
def activity_untag(*, actor: User | None, activity: Activity, measure: Measure) -> None:
    if not _can_tag(actor, activity):
        raise PermissionDenied()
    for link in ActivityMeasure.objects.filter(activity=activity, measure=measure):
        link.delete()  # one by one, so that each leaves an audit entry


# Publishing -----------------------------------------------------------------------------------


@service
def report_publish(*, actor: User | None, round: ReportingRound) -> PublishedReport:
    """Freeze the implementation report of a round in every language (a new version each
    time): what was published stays as published whatever the records say later."""
    from nrm.bulletin.language import LANGUAGES
    from nrm.plans.report import build_report

    _require_coordinator(actor)
    number = (round.published.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    documents = {
        language: build_report(round, language, version=number).to_dict() for language in LANGUAGES
    }
    return validated_save(
        PublishedReport(round=round, number=number, documents=documents, published_by=actor)
    )


def organisation_label(organisation: Organisation) -> str:
    return organisation.short_name or organisation.name
