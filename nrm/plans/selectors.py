"""Every read of action plans, scoped by nrm.plans.rules; the implementation figures that the
dashboard, the API and the report share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.accounts.models import Organisation
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.periods import Period
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import has_role, require_role
from nrm.plans import rules
from nrm.plans.models import (
    Goal,
    Indicator,
    IndicatorSource,
    Measure,
    MeasureReport,
    MeasureStatus,
    Objective,
    Plan,
    ReportingRound,
    ReportState,
    RoundStatus,
)

# A measure's state in a round when none of its institutions has sent a report.
NOT_REPORTED = "not_reported"
SENT = (ReportState.SUBMITTED, ReportState.APPROVED)
QUEUE_SIZE = 10


def plan_list(*, actor: Any) -> QuerySet[Plan]:
    require_role(actor, *rules.READER_ROLES)
    return rules.visible_plans(actor).select_related("coordinator", "parent")


def plan_get(*, actor: Any, key: str) -> Plan:
    if actor is not None:
        require_role(actor, *rules.READER_ROLES)
    plan = rules.visible_plans(actor).select_related("coordinator", "parent").filter(key=key)
    found = plan.first()
    if found is None:
        raise NotFound()
    return found


def plan_goals(plan: Plan) -> list[Goal]:
    """Goals with their objectives, measures, institutions and indicators (fixed queries)."""
    measures = Measure.objects.prefetch_related("responsible", "partners", "indicators")
    objectives = Objective.objects.prefetch_related(Prefetch("measures", queryset=measures))
    return list(plan.goals.prefetch_related(Prefetch("objectives", queryset=objectives)))


def plan_measures(plan: Plan) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(objective__goal__plan=plan)
        .select_related("objective__goal")
        .prefetch_related("responsible", "indicators")
        .order_by("pk")
    )


def round_list(*, actor: Any, plan: Plan) -> list[ReportingRound]:
    return list(plan.rounds.order_by("number"))


def round_get(*, actor: Any, pk: int) -> ReportingRound:
    found = ReportingRound.objects.select_related("plan").filter(pk=pk).first()
    if found is None or not rules.visible_plans(actor).filter(pk=found.plan_id).exists():
        raise NotFound()
    return found


def round_by_number(*, actor: Any, plan: Plan, number: int) -> ReportingRound:
    found = plan.rounds.filter(number=number).first()
    if found is None:
        raise NotFound()
    return found


def latest_round(plan: Plan) -> ReportingRound | None:
    return plan.rounds.order_by("-number").first()


def round_reports(*, actor: Any, round: ReportingRound) -> QuerySet[MeasureReport]:
    """The reports of a round the actor may see (the coordinator and auditor: all)."""
    return (
        rules.visible_reports(actor)
        .filter(round=round)
        .select_related("measure__objective__goal", "organisation", "round__plan")
        .order_by("measure_id", "organisation__name")
    )


def report_get(*, actor: Any, pk: int) -> MeasureReport:
    found = (
        rules.visible_reports(actor)
        .select_related("measure__objective__goal", "organisation", "round__plan")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def missing_reports(*, actor: Any, round: ReportingRound) -> list[tuple[Organisation, int]]:
    """Institutions that have not sent every report of the round, with how many are missing
    (the coordinator's and auditor's view)."""
    if not rules.reads_all(actor):
        raise PermissionDenied()
    counts = Counter(
        round.reports.exclude(state__in=SENT).values_list("organisation_id", flat=True)
    )
    organisations = Organisation.objects.in_bulk(list(counts))
    return sorted(
        ((organisations[pk], n) for pk, n in counts.items()), key=lambda pair: pair[0].name
    )


def measure_states(round: ReportingRound) -> dict[int, str]:
    """Each measure's state in a round, from the reports its institutions sent: completed when
    all say completed, late when any says late, abandoned when all say abandoned, in progress
    when any work began, else not started; not reported when none was sent."""
    statuses: dict[int, list[str]] = {m: [] for m in _measure_ids(round.plan)}
    for measure_id, status in round.reports.filter(state__in=SENT).values_list(
        "measure_id", "status"
    ):
        statuses.setdefault(measure_id, []).append(status)
    return {measure_id: combine(values) for measure_id, values in statuses.items()}


def combine(statuses: list[str]) -> str:
    if not statuses:
        return NOT_REPORTED
    found = set(statuses)
    if found == {MeasureStatus.COMPLETED}:
        return MeasureStatus.COMPLETED
    if MeasureStatus.LATE in found:
        return MeasureStatus.LATE
    if found == {MeasureStatus.ABANDONED}:
        return MeasureStatus.ABANDONED
    if found & {MeasureStatus.IN_PROGRESS, MeasureStatus.COMPLETED}:
        return MeasureStatus.IN_PROGRESS
    return MeasureStatus.NOT_STARTED


def _measure_ids(plan: Plan) -> list[int]:
    return list(
        Measure.objects.filter(objective__goal__plan=plan)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


STATES = [*MeasureStatus.values, NOT_REPORTED]


def state_label(state: str) -> str:
    if state == NOT_REPORTED:
        return _("not reported")
    return str(MeasureStatus(state).label)


@dataclass
class Share:
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, state: str) -> int:
        return round(100 * self.counts.get(state, 0) / self.total) if self.total else 0


@dataclass
class IndicatorRow:
    indicator: Indicator
    measure: Measure
    achieved: Decimal | None
    previous: Decimal | None

    @property
    def share_of_target(self) -> int | None:
        target = self.indicator.target
        if self.achieved is None or not target:
            return None
        return round(100 * self.achieved / target)


@dataclass
class Dashboard:
    plan: Plan
    round: ReportingRound | None
    previous: ReportingRound | None
    totals: Share
    by_goal: list[Share]
    by_institution: list[Share]
    by_jurisdiction: list[Share]
    indicators: list[IndicatorRow]
    changes: list[tuple[Measure, str, str]]  # (measure, state before, state now)
    states: dict[int, str]


def dashboard(*, actor: Any, plan: Plan, round: ReportingRound | None = None) -> Dashboard:
    """How far the plan is implemented as of a round (default: the latest), and what changed
    since the round before."""
    if not rules.reads_all(actor) and not has_role(actor, *rules.READER_ROLES):
        raise PermissionDenied()
    round = round or latest_round(plan)
    previous = (
        plan.rounds.filter(number__lt=round.number).order_by("-number").first() if round else None
    )
    measures = list(plan_measures(plan))
    states = measure_states(round) if round else {m.pk: NOT_REPORTED for m in measures}
    before = measure_states(previous) if previous else {}
    totals = Share(_("All measures"), Counter(states[m.pk] for m in measures))
    by_goal: dict[int, Share] = {}
    by_institution: dict[int, Share] = {}
    by_jurisdiction: dict[str, Share] = {}
    for measure in measures:
        goal = measure.objective.goal
        state = states[measure.pk]
        _count(by_goal, goal.pk, f"{goal.number}. {goal.title}", state)
        for organisation in measure.responsible.all():
            label = organisation.short_name or organisation.name
            _count(by_institution, organisation.pk, label, state)
        for code in {o.jurisdiction for o in measure.responsible.all()}:
            _count(by_jurisdiction, code, _jurisdiction_label(code), state)
    changes = [
        (m, before[m.pk], states[m.pk])
        for m in measures
        if previous is not None and before.get(m.pk) != states[m.pk]
    ]
    return Dashboard(
        plan=plan,
        round=round,
        previous=previous,
        totals=totals,
        by_goal=list(by_goal.values()),
        by_institution=sorted(by_institution.values(), key=lambda s: s.label),
        by_jurisdiction=list(by_jurisdiction.values()),
        indicators=indicator_rows(plan=plan, round=round, previous=previous, measures=measures),
        changes=changes,
        states=states,
    )


def _count(groups: dict[Any, Share], key: Any, label: str, state: str) -> None:
    share = groups.setdefault(key, Share(label, {}))
    share.counts[state] = share.counts.get(state, 0) + 1


def _jurisdiction_label(code: str) -> str:
    from nrm.core.vocabularies import Jurisdiction

    return str(Jurisdiction(code).label) if code in Jurisdiction.values else code


def indicator_rows(
    *,
    plan: Plan,
    round: ReportingRound | None,
    previous: ReportingRound | None,
    measures: list[Measure],
) -> list[IndicatorRow]:
    now = indicator_values(round) if round else {}
    before = indicator_values(previous) if previous else {}
    return [
        IndicatorRow(indicator, measure, now.get(indicator.pk), before.get(indicator.pk))
        for measure in measures
        for indicator in measure.indicators.all()
    ]


def indicator_values(round: ReportingRound) -> dict[int, Decimal]:
    """The value achieved of each indicator in a round: the sum over the institutions' sent
    reports, or computed from the records for the round's period."""
    values: dict[int, Decimal] = {}
    from nrm.plans.models import IndicatorValue

    for indicator_id, value in IndicatorValue.objects.filter(
        report__round=round, report__state__in=SENT
    ).values_list("indicator_id", "value"):
        values[indicator_id] = values.get(indicator_id, Decimal(0)) + value
    computed = Indicator.objects.filter(measure__objective__goal__plan=round.plan).exclude(
        source=IndicatorSource.TYPED
    )
    period = Period(round.period_start, round.period_end)
    for indicator in computed:
        values[indicator.pk] = Decimal(computed_value(indicator.source, period))
    return values


def computed_value(source: str, period: Period) -> int:
    """An indicator value taken from the records (the same selectors as the statistics)."""
    if source == IndicatorSource.IDENTIFIED_VICTIMS:
        from nrm.cases.statistics import victim_statistics

        return int(victim_statistics(period=period, actor=None)["by_status"]["identified"])
    if source == IndicatorSource.FINAL_CONVICTIONS:
        from nrm.justice.statistics import trial_monitoring_statistics

        return int(trial_monitoring_statistics(period=period, actor=None)["verdicts"]["convicted"])
    raise ValueError(source)


def measure_activities(*, actor: Any, measure: Measure) -> QuerySet[Any]:
    """Activities of the register tagged with a measure, as the actor may see them."""
    from nrm.activities.selectors import visible_activities

    return visible_activities(actor).filter(plan_measures__measure=measure).order_by("-pk")


def plan_queues(user: Any) -> list[WorkQueue]:
    """Home page: reports my institution owes in open rounds; for the coordinator, reports
    waiting for review."""
    queues: list[WorkQueue] = []
    if has_role(user, *rules.REPORTER_ROLES) and user.organisation_id is not None:
        owed = (
            rules.visible_reports(user)
            .filter(
                organisation_id=user.organisation_id,
                round__status=RoundStatus.OPEN,
                state__in=(ReportState.DRAFT, ReportState.RETURNED),
            )
            .select_related("measure", "round__plan")
            .order_by("round__deadline", "measure_id")
        )
        queues.append(_queue("plans.owed", gettext_lazy("Action-plan reports to send"), owed, 40))
    if has_role(user, *rules.REPORTER_ROLES) and rules.is_coordinator(user):
        waiting = (
            MeasureReport.objects.filter(state=ReportState.SUBMITTED)
            .select_related("measure", "round__plan")
            .order_by("submitted_at")
        )
        queues.append(
            _queue("plans.review", gettext_lazy("Action-plan reports to review"), waiting, 41)
        )
    return [q for q in queues if q.count]


def _queue(key: str, title: Any, qs: QuerySet[MeasureReport], order: int) -> WorkQueue:
    items = [
        QueueItem(
            title=_("Measure %(measure)s · %(plan)s")
            % {"measure": r.measure.number, "plan": r.round.plan.key},
            url=reverse("plans:report", args=[r.pk]),
            since=r.submitted_at or r.created_at,
            action=_("Review it") if r.state == ReportState.SUBMITTED else _("Report on it"),
            due=_due(r.round),
            detail=_("Returned with a comment") if r.state == ReportState.RETURNED else "",
        )
        for r in qs[:QUEUE_SIZE]
    ]
    return WorkQueue(key=key, title=title, items=items, total=qs.count(), order=order)


def _due(round: ReportingRound) -> Any:
    import datetime

    start = datetime.datetime.combine(round.deadline + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(start)


def measure_get(*, actor: Any, pk: int) -> Measure:
    """A measure of a plan the actor may read."""
    require_role(actor, *rules.READER_ROLES)
    found = (
        Measure.objects.filter(objective__goal__plan__in=rules.visible_plans(actor), pk=pk)
        .select_related("objective__goal__plan")
        .first()
    )
    if found is None:
        raise NotFound()
    return found
