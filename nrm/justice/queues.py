"""What waits for a trial monitor: hearings ahead, and monitored cases gone quiet."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import Role, has_role
from nrm.justice import rules
from nrm.justice.models import KEY_DATES, Hearing, HearingOutcome

QUEUE_SIZE = 10
HEARINGS_AHEAD_DAYS = 28
# A monitored case with no hearing and no change for this long is worth a look.
QUIET_DAYS = 90


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def hearings_ahead(user: Any) -> WorkQueue:
    today = timezone.localdate()
    hearings = (
        Hearing.objects.filter(
            court_case__in=rules.visible_court_cases(user),
            outcome=HearingOutcome.SCHEDULED,
            held_on__gte=today,
            held_on__lte=today + datetime.timedelta(days=HEARINGS_AHEAD_DAYS),
        )
        .select_related("court_case__court")
        .order_by("held_on", "pk")
    )
    total = hearings.count()
    items = [
        QueueItem(
            title=_("%(number)s · %(kind)s")
            % {"number": h.court_case.case_number, "kind": h.get_kind_display()},
            url=reverse("justice:detail", args=[h.court_case_id]),
            since=h.created_at,
            action=_("Attend or follow it, then record what happened"),
            due=_moment(h.held_on + datetime.timedelta(days=1), 0),
            detail=_("%(court)s, %(day)s")
            % {"court": h.court_case.court, "day": date_format(h.held_on, "SHORT_DATE_FORMAT")},
        )
        for h in hearings[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="justice.hearings",
        title=gettext_lazy("Hearings in the coming four weeks"),
        items=items,
        total=total,
        more_url=reverse("justice:list") + "?status=ongoing",
        order=10,
    )


def quiet_cases(user: Any) -> WorkQueue:
    """Ongoing monitored cases with no hearing and no step of the proceedings for QUIET_DAYS
    (a scheduled hearing counts: the case is not forgotten)."""
    limit = timezone.localdate() - datetime.timedelta(days=QUIET_DAYS)
    cases = (
        rules.visible_court_cases(user)
        .filter(final_decision_on__isnull=True, monitoring_ended_on__isnull=True)
        .annotate(last_hearing=Max("hearings__held_on"))
        .annotate(
            # The latest recorded step: a hearing or a key date of the proceedings (Greatest
            # is NULL on SQLite when one value is, so each falls back to the start).
            last_entry=Greatest(
                "monitoring_started_on",
                *(Coalesce(name, "monitoring_started_on") for name in (*KEY_DATES, "last_hearing")),
            )
        )
        .filter(last_entry__lt=limit)
        .select_related("court")
        .order_by("last_entry", "pk")
    )
    rows = list(cases)
    items = [
        QueueItem(
            title=str(c.case_number),
            url=reverse("justice:detail", args=[c.pk]),
            since=_moment(c.last_entry),
            action=_("Check for news and record the next hearing"),
            detail=str(c.court),
        )
        for c in rows[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="justice.quiet",
        title=gettext_lazy("Monitored cases with no entry for three months"),
        items=items,
        total=len(rows),
        more_url=reverse("justice:list") + "?status=ongoing",
        order=11,
    )


def justice_queues(user: Any) -> list[WorkQueue]:
    if not has_role(user, Role.TRIAL_MONITOR) or user.organisation_id is None:
        return []
    return [hearings_ahead(user), quiet_cases(user)]
