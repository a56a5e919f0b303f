"""What waits for the coordinator in statistics: open data-quality findings of the period."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.core.periods import Period
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import Role, has_role
from nrm.statistics.quality import quality_review

QUEUE_SIZE = 5


def current_half_year(today: datetime.date) -> Period:
    return Period.parse(f"{today.year}-H{1 if today.month <= 6 else 2}")


def quality_findings(user: Any) -> WorkQueue:
    """The findings the bulletin of the current half-year would show, most serious first."""
    period = current_half_year(timezone.localdate())
    findings = quality_review(actor=user, period=period)
    page = reverse("statistics:quality") + f"?period={period.name}"
    since = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time()))
    items = [
        QueueItem(
            title=finding.message,
            url=finding.url or page,
            since=since,
            action=_("Correct the record, or confirm it is right"),
            detail=finding.record,
        )
        for finding in findings[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="statistics.quality",
        title=_("Data-quality findings of %(period)s") % {"period": period.name},
        items=items,
        total=len(findings),
        more_url=page,
        order=60,
    )


def statistics_queues(user: Any) -> list[WorkQueue]:
    if not has_role(user, Role.COORDINATOR):
        return []
    return [quality_findings(user)]
