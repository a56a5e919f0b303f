"""Work queues: what is waiting for a user, declared by each app (NrmAppConfig.work_queues).

A home page shows the queues of every app for the signed-in user; each item is a link with
its age and what to do. Apps compute their items in their own selectors (scoped like every
read), so the home page never learns an app's access rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise


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


@dataclass(frozen=True)
class WorkQueue:
    key: str  # stable identifier, e.g. "cases.referrals_waiting"
    title: str | Promise
    items: list[QueueItem] = field(default_factory=list)
    total: int | None = None  # when items is a first page of a longer queue
    more_url: str = ""
    order: int = 50
