"""Who may see and do what with action plans (docs/permissions.md, "Action plans").

The coordinator keeps plans and rounds and sees every report; an auditor reads everything.
People of a responsible institution (any working role) see the adopted plans and report on
their own institution's measures; partners read adopted plans. Drafts are the coordinator's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from nrm.core.roles import Role, has_role
from nrm.plans.models import MeasureReport, Plan, PlanStatus, ReportingRound, RoundStatus

# Roles whose holders may report for their institution.
REPORTER_ROLES = (
    Role.COORDINATOR,
    Role.CASE_WORKER,
    Role.FIELD_IDENTIFIER,
    Role.TRIAL_MONITOR,
    Role.PARTNER,
)
READER_ROLES = (*REPORTER_ROLES, Role.AUDITOR)


def is_coordinator(actor: Any) -> bool:
    return actor is None or has_role(actor, Role.COORDINATOR)


def reads_all(actor: Any) -> bool:
    return actor is None or has_role(actor, Role.COORDINATOR, Role.AUDITOR)


def visible_plans(actor: Any) -> QuerySet[Plan]:
    if reads_all(actor):
        return Plan.objects.all()
    if not has_role(actor, *READER_ROLES):
        return Plan.objects.none()
    return Plan.objects.filter(status=PlanStatus.ADOPTED)


def visible_reports(actor: Any) -> QuerySet[MeasureReport]:
    if reads_all(actor):
        return MeasureReport.objects.all()
    organisation_id = getattr(actor, "organisation_id", None)
    if not has_role(actor, *REPORTER_ROLES) or organisation_id is None:
        return MeasureReport.objects.none()
    return MeasureReport.objects.filter(
        organisation_id=organisation_id, round__plan__status=PlanStatus.ADOPTED
    )


def can_write_report(actor: Any, report: MeasureReport) -> bool:
    """People of the reporting institution, while the round is open and the report is theirs
    to change (not sent, or returned to them)."""
    return (
        actor is not None
        and has_role(actor, *REPORTER_ROLES)
        and report.organisation_id == getattr(actor, "organisation_id", None)
        and report.round.status == RoundStatus.OPEN
        and report.state in ("draft", "returned")
    )


def can_review(actor: Any, report: MeasureReport) -> bool:
    return is_coordinator(actor) and report.state == "submitted"


def can_manage_round(actor: Any, round: ReportingRound | None = None) -> bool:
    return is_coordinator(actor)
