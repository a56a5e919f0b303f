from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from nrm.plans.models import Goal, Indicator, Measure, Objective, Plan, ReportingRound
from nrm.plans.services import round_open


@dataclass
class SmallPlan:
    plan: Plan
    police_measure: Measure  # the police agency reports on it
    shared_measure: Measure  # the police agency and the safe house report on it
    indicator: Indicator
    computed: Indicator


@pytest.fixture
def small_plan(db: Any, orgs: Any) -> SmallPlan:
    """A plan with two measures: one of the police agency, one shared with the safe house."""
    plan = Plan.objects.create(
        key="test-plan",
        title="Test action plan",
        level="state",
        coordinator=orgs.ministry,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    goal = Goal.objects.create(plan=plan, number="1", title="Test goal")
    objective = Objective.objects.create(goal=goal, number="1.1", title="Test objective")
    police = Measure.objects.create(
        objective=objective, number="1.1.1", title="Train officers", deadline="2025-12-31"
    )
    police.responsible.set([orgs.police])
    police.partners.set([orgs.partner])
    shared = Measure.objects.create(
        objective=objective, number="1.1.2", title="Refer victims", deadline="2026-12-31"
    )
    shared.responsible.set([orgs.police, orgs.safe_house])
    indicator = Indicator.objects.create(
        measure=police, name="Officers trained", unit="persons", baseline=0, target=100
    )
    computed = Indicator.objects.create(
        measure=shared, name="Identified victims", target=10, source="identified_victims"
    )
    return SmallPlan(plan, police, shared, indicator, computed)


@pytest.fixture
def open_round(small_plan: SmallPlan, personas: Any) -> ReportingRound:
    return round_open(
        actor=personas.coordinator,
        plan=small_plan.plan,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 31),
    )
