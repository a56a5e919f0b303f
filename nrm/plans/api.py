"""The action-plans API (/api/v1/plans): the same selectors and services as the pages.

Coordinators see every plan, round and report; institutions see adopted plans and their own
reports, and send them; auditors read."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from nrm.accounts.models import User
from nrm.activities import selectors as activity_selectors
from nrm.core.api_types import Id
from nrm.plans import selectors, services
from nrm.plans.models import MeasureReport, Plan, ReportingRound

router = Router(tags=["action plans"])


class PlanOut(Schema):
    key: str
    title: str
    level: str
    parent: str | None = Field(description="key of the plan this one hangs under")
    coordinator: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    fictional: bool


class PlanIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    source: str


class MeasureOut(Schema):
    id: int
    number: str
    title: str
    responsible: list[str]
    partners: list[str]
    deadline: datetime.date
    budget: Decimal | None
    funding_source: str
    indicators: list[PlanIndicatorOut]


class ObjectiveOut(Schema):
    number: str
    title: str
    measures: list[MeasureOut]


class GoalOut(Schema):
    number: str
    title: str
    objectives: list[ObjectiveOut]


class PlanDetailOut(PlanOut):
    goals: list[GoalOut]


class RoundOut(Schema):
    id: int
    number: int
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.date
    status: str


class RoundIn(Schema):
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.date


class ReportOut(Schema):
    id: int
    round: int
    measure: str
    organisation: str
    status: str
    state: str = Field(description="draft, submitted, returned or approved")
    spending: Decimal | None
    narrative: str
    delay_reason: str
    comment: str
    evidence_links: list[str]
    indicator_values: dict[str, Decimal] = Field(description="indicator id: value")
    version: int


class ReportIn(Schema):
    status: str = Field(description="not_started, in_progress, completed, late or abandoned")
    narrative: str = ""
    delay_reason: str = ""
    spending: Decimal | None = None
    indicator_values: dict[Id, Decimal] = {}
    evidence_links: list[str] = []
    submit: bool = Field(False, description="send it to the coordinator now")


class PlanReturnIn(Schema):
    comment: str


class ShareOut(Schema):
    label: str
    counts: dict[str, int]
    total: int


class DashboardOut(Schema):
    round: int | None
    totals: ShareOut
    by_goal: list[ShareOut]
    by_institution: list[ShareOut]
    by_jurisdiction: list[ShareOut]


class MissingOut(Schema):
    organisation: str
    missing: int


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "key": plan.key,
        "title": plan.title,
        "level": plan.level,
        "parent": plan.parent.key if plan.parent else None,
        "coordinator": plan.coordinator.name,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "status": plan.status,
        "fictional": plan.fictional,
    }


def _round_out(round: ReportingRound) -> dict[str, Any]:
    return {
        "id": round.pk,
        "number": round.number,
        "period_start": round.period_start,
        "period_end": round.period_end,
        "deadline": round.deadline,
        "status": round.status,
    }


def _report_out(report: MeasureReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "round": report.round.number,
        "measure": report.measure.number,
        "organisation": report.organisation.name,
        "status": report.status,
        "state": report.state,
        "spending": report.spending,
        "narrative": report.narrative,
        "delay_reason": report.delay_reason,
        "comment": report.comment,
        "evidence_links": report.evidence_links,
        "indicator_values": {str(v.indicator_id): v.value for v in report.values.all()},
        "version": report.version,
    }


def _share(share: selectors.Share) -> dict[str, Any]:
    return {"label": share.label, "counts": dict(share.counts), "total": share.total}


@router.get("/plans", response=list[PlanOut], summary="Action plans you may see")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan_out(p) for p in selectors.plan_list(actor=_actor(request))]


@router.get("/plans/{key}", response=PlanDetailOut, summary="A plan with its goals and measures")
def get_plan(request: HttpRequest, key: str) -> dict[str, Any]:
    plan = selectors.plan_get(actor=_actor(request), key=key)
    goals = [
        {
            "number": goal.number,
            "title": goal.title,
            "objectives": [
                {
                    "number": objective.number,
                    "title": objective.title,
                    "measures": [
                        {
                            "id": m.pk,
                            "number": m.number,
                            "title": m.title,
                            "responsible": [o.name for o in m.responsible.all()],
                            "partners": [o.name for o in m.partners.all()],
                            "deadline": m.deadline,
                            "budget": m.budget,
                            "funding_source": m.funding_source,
                            "indicators": list(m.indicators.all()),
                        }
                        for m in objective.measures.all()
                    ],
                }
                for objective in goal.objectives.all()
            ],
        }
        for goal in selectors.plan_goals(plan)
    ]
    return {**_plan_out(plan), "goals": goals}


@router.get("/plans/{key}/rounds", response=list[RoundOut], summary="Reporting rounds of a plan")
def list_rounds(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    actor = _actor(request)
    plan = selectors.plan_get(actor=actor, key=key)
    return [_round_out(r) for r in selectors.round_list(actor=actor, plan=plan)]


@router.post(
    "/plans/{key}/rounds", response={201: RoundOut}, summary="Open a reporting round (coordinator)"
)
def open_round(request: HttpRequest, key: str, payload: RoundIn) -> Status[dict[str, Any]]:
    actor = _actor(request)
    plan = selectors.plan_get(actor=actor, key=key)
    round = services.round_open(actor=actor, plan=plan, **payload.dict())
    return Status(201, _round_out(round))


@router.get("/plans/{key}/dashboard", response=DashboardOut, summary="Implementation figures")
def get_dashboard(request: HttpRequest, key: str, round: Id | None = None) -> dict[str, Any]:
    actor = _actor(request)
    plan = selectors.plan_get(actor=actor, key=key)
    chosen = selectors.round_by_number(actor=actor, plan=plan, number=round) if round else None
    board = selectors.dashboard(actor=actor, plan=plan, round=chosen)
    return {
        "round": board.round.number if board.round else None,
        "totals": _share(board.totals),
        "by_goal": [_share(s) for s in board.by_goal],
        "by_institution": [_share(s) for s in board.by_institution],
        "by_jurisdiction": [_share(s) for s in board.by_jurisdiction],
    }


@router.get(
    "/plan-rounds/{round_id}/reports",
    response=list[ReportOut],
    summary="Reports of a round (coordinator and auditor: all; institutions: their own)",
)
def list_reports(request: HttpRequest, round_id: Id) -> list[dict[str, Any]]:
    actor = _actor(request)
    round = selectors.round_get(actor=actor, pk=round_id)
    reports = selectors.round_reports(actor=actor, round=round).prefetch_related("values")
    return [_report_out(r) for r in reports]


@router.get(
    "/plan-rounds/{round_id}/missing",
    response=list[MissingOut],
    summary="Institutions that have not sent every report (coordinator, auditor)",
)
def list_missing(request: HttpRequest, round_id: Id) -> list[dict[str, Any]]:
    actor = _actor(request)
    round = selectors.round_get(actor=actor, pk=round_id)
    return [
        {"organisation": o.name, "missing": n}
        for o, n in selectors.missing_reports(actor=actor, round=round)
    ]


@router.put("/plan-reports/{report_id}", response=ReportOut, summary="Write (and send) a report")
def write_report(request: HttpRequest, report_id: Id, payload: ReportIn) -> dict[str, Any]:
    actor = _actor(request)
    report = selectors.report_get(actor=actor, pk=report_id)
    report = services.report_save(
        actor=actor,
        report=report,
        status=payload.status,
        narrative=payload.narrative,
        delay_reason=payload.delay_reason,
        spending=payload.spending,
        values=payload.indicator_values,
        evidence_links=payload.evidence_links,
    )
    if payload.submit:
        report = services.report_submit(actor=actor, report=report)
    return _report_out(report)


@router.post(
    "/plan-reports/{report_id}/return", response=ReportOut, summary="Return a report (coordinator)"
)
def return_report(request: HttpRequest, report_id: Id, payload: PlanReturnIn) -> dict[str, Any]:
    actor = _actor(request)
    report = selectors.report_get(actor=actor, pk=report_id)
    return _report_out(services.report_return(actor=actor, report=report, comment=payload.comment))


@router.post(
    "/plan-reports/{report_id}/approve",
    response=ReportOut,
    summary="Approve a report (coordinator)",
)
def approve_report(request: HttpRequest, report_id: Id) -> dict[str, Any]:
    actor = _actor(request)
    report = selectors.report_get(actor=actor, pk=report_id)
    return _report_out(services.report_approve(actor=actor, report=report))


class TagOut(Schema):
    measure: int
    activity: int


@router.post(
    "/plan-measures/{measure_id}/activities/{activity_id}",
    response={201: TagOut},
    summary="Tag an activity with a measure it implements (its reporter or the coordinator)",
)
def tag_activity(request: HttpRequest, measure_id: Id, activity_id: Id) -> Status[dict[str, int]]:
    actor = _actor(request)
    measure = selectors.measure_get(actor=actor, pk=measure_id)
    activity = activity_selectors.activity_get(actor=actor, pk=activity_id)
    services.activity_tag(actor=actor, activity=activity, measure=measure)
    return Status(201, {"measure": measure.pk, "activity": activity.pk})


@router.delete(
    "/plan-measures/{measure_id}/activities/{activity_id}",
    response={204: None},
    summary="Remove an activity's tag",
)
def untag_activity(request: HttpRequest, measure_id: Id, activity_id: Id) -> Status[None]:
    actor = _actor(request)
    measure = selectors.measure_get(actor=actor, pk=measure_id)
    activity = activity_selectors.activity_get(actor=actor, pk=activity_id)
    services.activity_untag(actor=actor, activity=activity, measure=measure)
    return Status(204, None)
