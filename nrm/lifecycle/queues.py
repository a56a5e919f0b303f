"""Home page: people's requests about their data waiting for an answer (30 days)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import has_role
from nrm.lifecycle.models import RequestStatus, SubjectRequest
from nrm.lifecycle.rules import MANAGE

QUEUE_SIZE = 10


def lifecycle_queues(user: Any) -> list[WorkQueue]:
    if not has_role(user, *MANAGE):
        return []
    waiting = SubjectRequest.objects.filter(status=RequestStatus.OPEN).select_related("case")
    total = waiting.count()
    items = [
        QueueItem(
            title=_("%(kind)s request %(reference)s · case %(code)s")
            % {"kind": r.get_kind_display(), "reference": r.reference, "code": r.case.code},
            url=reverse("lifecycle:request", args=[r.pk]),
            since=r.created_at,
            action=_("Answer it"),
            due=timezone.make_aware(datetime.datetime.combine(r.due_on, datetime.time.max)),
        )
        for r in waiting.order_by("due_on", "pk")[:QUEUE_SIZE]
    ]
    if not total:
        return []
    return [
        WorkQueue(
            key="lifecycle.requests",
            title=gettext_lazy("People's requests about their data"),
            items=items,
            total=total,
            more_url=reverse("lifecycle:overview") + "#requests",
            order=60,
        )
    ]
