"""What waits for a user in the screening app: the home page's work queues."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.core.queues import QueueItem, WorkQueue, by_urgency
from nrm.core.roles import Role, has_role
from nrm.screening import rules
from nrm.screening.models import Outcome, ReportStatus, Screening, YesNoUnknown

QUEUE_SIZE = 10
# Outcomes that call for a decision: record a case, refer, or find out more.
DECISION_OUTCOMES = {
    Outcome.TRAFFICKING: gettext_lazy("Record the case"),
    Outcome.REFER: gettext_lazy("Refer for a full assessment"),
    Outcome.INSUFFICIENT_INFORMATION: gettext_lazy("Find out more, then decide"),
}


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def reports_to_triage(user: Any) -> WorkQueue:
    """Anonymous reports nobody has taken yet, and those whose reporter added information."""
    waiting = (
        rules.visible_reports(user)
        .filter(
            Q(status=ReportStatus.NEW) | Q(awaiting_reply=True, status=ReportStatus.IN_PROGRESS)
        )
        .select_related("municipality")
        .order_by("received_on", "pk")
    )
    items = [
        QueueItem(
            title=_("Report %(reference)s · %(context)s")
            % {"reference": r.reference, "context": r.get_context_display()},
            url=reverse("screening:report_detail", args=[r.reference]),
            since=_moment(r.received_on),
            action=_("Read it and give it to someone")
            if r.status == ReportStatus.NEW
            else _("The reporter added information: reply"),
            urgent=r.child_involved == YesNoUnknown.YES,
            detail=_("a child is involved") if r.child_involved == YesNoUnknown.YES else "",
        )
        for r in waiting
    ]
    return WorkQueue(
        key="screening.reports",
        title=gettext_lazy("Public reports to triage"),
        items=by_urgency(items, timezone.now())[:QUEUE_SIZE],
        total=len(items),
        more_url=reverse("screening:report_queue"),
        order=5,
    )


def screenings_awaiting_decision(user: Any) -> WorkQueue:
    """The user's own screenings whose result calls for a step and that lead to no case yet."""
    own = (
        Screening.objects.filter(
            created_by=user, case__isnull=True, outcome__in=list(DECISION_OUTCOMES)
        )
        .select_related("instrument")
        .order_by("-screened_on", "-pk")
    )
    total = own.count()
    items = [
        QueueItem(
            title=_("Screening %(reference)s · %(outcome)s")
            % {"reference": s.reference, "outcome": s.get_outcome_display()},
            url=reverse("screening:detail", args=[s.reference]),
            since=_moment(s.screened_on),
            action=DECISION_OUTCOMES[Outcome(s.outcome)],
            urgent=s.outcome == Outcome.TRAFFICKING,
        )
        for s in own[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="screening.awaiting_decision",
        title=gettext_lazy("Your screenings awaiting a decision"),
        items=items,
        total=total,
        more_url=reverse("screening:list"),
        order=12,
    )


def screening_queues(user: Any) -> list[WorkQueue]:
    queues = []
    if rules.can_triage(user):
        queues.append(reports_to_triage(user))
    if has_role(user, Role.FIELD_IDENTIFIER):
        queues.append(screenings_awaiting_decision(user))
    return queues
