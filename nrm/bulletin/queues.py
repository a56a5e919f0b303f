"""What waits for the coordinator in the bulletin: the state of the half-year's bulletin."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.bulletin.models import Edition
from nrm.core.periods import Period
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import Role, has_role

# A half-year's bulletin is expected within this many days after the half-year ends.
PUBLISH_WITHIN_DAYS = 90


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def last_ended_half_year(today: datetime.date) -> Period:
    current = Period.parse(f"{today.year}-H{1 if today.month <= 6 else 2}")
    before = current.start - datetime.timedelta(days=1)
    return Period.parse(f"{before.year}-H{1 if before.month <= 6 else 2}")


def bulletin_state(user: Any) -> WorkQueue:
    period = last_ended_half_year(timezone.localdate())
    edition = (
        Edition.objects.filter(period=period.name)
        .annotate(versions_count=Count("versions"), last_published=Max("versions__published_at"))
        .first()
    )
    due = _moment(period.end + datetime.timedelta(days=PUBLISH_WITHIN_DAYS + 1))
    items: list[QueueItem] = []
    if edition is None:
        items.append(
            QueueItem(
                title=_("Bulletin %(period)s: not started") % {"period": period.name},
                url=reverse("bulletin:editions"),
                since=_moment(period.end + datetime.timedelta(days=1)),
                action=_("Check the data quality, then compose it"),
                due=due,
            )
        )
    elif not edition.versions_count:
        items.append(
            QueueItem(
                title=_("Bulletin %(period)s: draft, not published") % {"period": period.name},
                url=reverse("bulletin:compose", args=[period.name]),
                since=edition.created_at,
                action=_("Review the preview and publish it"),
                due=due,
            )
        )
    title: Any = gettext_lazy("The bulletin")
    if edition is not None and edition.versions_count:
        title = _("The bulletin: %(period)s published on %(day)s") % {
            "period": period.name,
            "day": date_format(timezone.localtime(edition.last_published), "SHORT_DATE_FORMAT"),
        }
    return WorkQueue(
        key="bulletin.state",
        title=title,
        items=items,
        more_url=reverse("bulletin:editions"),
        order=65,
    )


def bulletin_queues(user: Any) -> list[WorkQueue]:
    return [bulletin_state(user)] if has_role(user, Role.COORDINATOR) else []
