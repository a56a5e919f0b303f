"""Demo casework: responsible workers, an assistance plan in progress, dated notes
(fictional, idempotent). Loaded by the cases app's demo, notifications silenced."""

from __future__ import annotations

import datetime

from django.utils import timezone

from nrm.accounts.models import User
from nrm.cases import rules, services
from nrm.cases.models import (
    ACCEPTED_REFERRAL_STATUSES,
    CaseAssignment,
    CasePlan,
    Referral,
    VictimCase,
)

PLAN_CASE = "V-2025-0003"
GOALS = [
    ("Safe accommodation in the safe house", True),
    ("Back to school in September", False),
    ("Contact with the family, when it is safe", False),
]
PLANNED = [
    ("psychological_support", -30, True),
    ("medical_care", -10, True),
    ("legal_aid", 14, False),
    ("reintegration", 60, False),
]
NOTES = [
    (-21, "First meeting in the safe house. Settled in well; asked about school."),
    (-9, "Spoke with the school in Bihać: enrolment possible from September."),
    (-2, "Reviewed the plan together: weekly sessions with the psychologist agreed."),
]


def load_casework() -> None:
    worker = User.objects.filter(username="caseworker").first()
    if worker is None or CaseAssignment.objects.filter(worker=worker).exists():
        return
    held = [
        case
        for case in VictimCase.objects.filter(
            code__in=["V-2025-0001", "V-2025-0003", "V-2026-0002"]
        )
        if rules.can_be_assigned(worker, case)
    ]
    for case in held:
        services.case_assign(actor=worker, case=case, worker=worker)
    _assign_other_case_workers()
    planned_case = next((c for c in held if c.code == PLAN_CASE), None)
    if planned_case is None or CasePlan.objects.filter(case=planned_case).exists():
        return
    _plan(worker, planned_case)


def _plan(worker: User, case: VictimCase) -> None:
    today = timezone.localdate()
    # Drawn up by the safe house (the system records it: its review task then has no author
    # of its own, like the tasks the demo of the tasks app adds).
    plan = services.plan_save(
        actor=None,
        organisation=worker.organisation,
        case=case,
        agreed_with_person=True,
        agreed_on=today - datetime.timedelta(days=20),
        review_on=today + datetime.timedelta(days=5),
    )
    for text, achieved in GOALS:
        goal = services.plan_goal_add(actor=worker, plan=plan, text=text)
        if achieved:
            services.plan_goal_achieve(
                actor=worker, goal=goal, on=today - datetime.timedelta(days=15)
            )
    for service_type, days, done in PLANNED:
        item = services.planned_service_add(
            actor=worker,
            plan=plan,
            service_type=service_type,
            target_on=today + datetime.timedelta(days=days),
        )
        if done:
            services.planned_service_done(
                actor=worker, item=item, on=today + datetime.timedelta(days=days)
            )
    for days, text in NOTES:
        services.case_note_add(
            actor=worker, case=case, text=text, written_on=today + datetime.timedelta(days=days)
        )


def _assign_other_case_workers() -> None:
    """The other demo case workers are responsible for a case their organisation accepted."""
    for username in ("legalaid", "lara", "socialwork"):
        user = User.objects.filter(username=username).first()
        if user is None or user.organisation_id is None:
            continue
        referral = (
            Referral.objects.filter(
                to_organisation_id=user.organisation_id, status__in=ACCEPTED_REFERRAL_STATUSES
            )
            .select_related("case")
            .order_by("-referred_on")
            .first()
        )
        if referral is not None and rules.can_be_assigned(user, referral.case):
            services.case_assign(actor=user, case=referral.case, worker=user)
