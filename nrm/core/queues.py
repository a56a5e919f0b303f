"""Work queues: what is waiting for a user, declared by each app (NrmAppConfig.work_queues).

A home page shows the queues of every app for the signed-in user; each item is a link with
its age and what to do. Apps compute their items in their own selectors (scoped like every
read), so the home page never learns an app's access rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from nrm.core.registry import work_queue_builders
from nrm.core.roles import roles_of


@dataclass(frozen=True)
class QueueItem:
    title: str | Promise  # what is waiting, e.g. "Referral of V-2024-0012"
    url: str
    since: datetime.datetime  # the item's age counts from here
    action: str | Promise = ""  # what to do, e.g. "Accept or decline"
    due: datetime.datetime | None = None  # overdue once past
    urgent: bool = False
    detail: str | Promise = ""  # one line of context without personal data

    def overdue(self, now: datetime.datetime) -> bool:
        return self.due is not None and now > self.due

    @property
    def is_overdue(self) -> bool:
        return self.overdue(timezone.now())


@dataclass(frozen=True)
class WorkQueue:
    key: str  # stable identifier, e.g. "cases.referrals_waiting"
    title: str | Promise
    items: list[QueueItem] = field(default_factory=list)
    total: int | None = None  # when items is a first page of a longer queue
    more_url: str = ""
    order: int = 50

    @property
    def count(self) -> int:
        return self.total if self.total is not None else len(self.items)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.is_overdue)


def by_urgency(items: list[QueueItem], now: datetime.datetime) -> list[QueueItem]:
    """Urgent items on top, then overdue ones, then the oldest first."""
    return sorted(items, key=lambda item: (not item.urgent, not item.overdue(now), item.since))


def work_queues_for(user: Any) -> list[WorkQueue]:
    """Every app's queues for `user`, in their order (none for a user without a role)."""
    if not roles_of(user):
        return []
    queues = [queue for build in work_queue_builders() for queue in build(user)]
    return sorted(queues, key=lambda queue: queue.order)
