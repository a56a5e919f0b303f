"""What waits for a user in the activities app: the home page's work queues."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from nrm.activities import rules, selectors
from nrm.activities.models import Activity, ActivityStatus
from nrm.core.periods import Period
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import Role, has_role

QUEUE_SIZE = 10
# A half-year just ended stays "to report" this long (the coordinator prepares the bulletin).
REPORTING_DAYS_AFTER = 60


def title_of(activity: Activity) -> str:
    titles = activity.titles()
    language = (get_language() or "en").split("-")[0]
    return titles.get(language) or titles["en"] or next((t for t in titles.values() if t), "")


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def half_years_to_report(today: datetime.date) -> list[Period]:
    """The current half-year, and the previous one while its reports are still expected."""
    current = Period.parse(f"{today.year}-H{1 if today.month <= 6 else 2}")
    previous_end = current.start - datetime.timedelta(days=1)
    previous = Period.parse(f"{previous_end.year}-H{1 if previous_end.month <= 6 else 2}")
    periods = [current]
    if (today - previous.end).days <= REPORTING_DAYS_AFTER:
        periods.insert(0, previous)
    return periods


def returned_to_me(user: Any) -> WorkQueue:
    returned = selectors.activity_list(actor=user, own=True, status=ActivityStatus.RETURNED)
    items = [
        QueueItem(
            title=title_of(a),
            url=reverse("activities:detail", args=[a.pk]),
            since=a.reviewed_at or a.updated_at,
            action=_("Correct it and submit it again"),
            detail=(a.review_comment[:120] + "…")
            if len(a.review_comment) > 120
            else a.review_comment,
            urgent=True,
        )
        for a in returned.order_by("reviewed_at", "pk")
    ]
    return WorkQueue(
        key="activities.returned",
        title=gettext_lazy("Reports returned to you"),
        items=items[:QUEUE_SIZE],
        total=len(items),
        more_url=reverse("activities:list") + "?status=returned",
        order=15,
    )


def periods_without_reports(user: Any) -> WorkQueue:
    """Half-years in which the user's organisation has sent nothing yet (drafts counted)."""
    periods = half_years_to_report(timezone.localdate())
    own = Activity.objects.filter(reporter_id=user.organisation_id)
    counts = own.aggregate(
        **{
            f"sent_{i}": Count(
                "pk", filter=Q(end_date__range=(p.start, p.end)) & ~Q(status="draft")
            )
            for i, p in enumerate(periods)
        },
        **{
            f"draft_{i}": Count("pk", filter=Q(end_date__range=(p.start, p.end), status="draft"))
            for i, p in enumerate(periods)
        },
    )
    items = []
    for i, period in enumerate(periods):
        if counts[f"sent_{i}"]:
            continue
        drafts = counts[f"draft_{i}"]
        items.append(
            QueueItem(
                title=_("%(period)s: nothing submitted yet") % {"period": period.name},
                url=reverse("activities:list") + f"?period={period.name}",
                since=_moment(period.start),
                action=_("Submit your drafts to the coordinator")
                if drafts
                else _("Report your trainings, events and campaigns"),
                detail=ngettext("%(count)s draft", "%(count)s drafts", drafts) % {"count": drafts}
                if drafts
                else "",
            )
        )
    return WorkQueue(
        key="activities.periods",
        title=gettext_lazy("Half-years with nothing submitted yet"),
        items=items,
        more_url=reverse("activities:create"),
        order=16,
    )


def to_review(user: Any) -> WorkQueue:
    submitted = (
        Activity.objects.filter(status=ActivityStatus.SUBMITTED)
        .select_related("reporter")
        .order_by("submitted_at", "pk")
    )
    total = submitted.count()
    items = [
        QueueItem(
            title=title_of(a),
            url=reverse("activities:detail", args=[a.pk]),
            since=a.submitted_at or a.updated_at,
            action=_("Approve it or return it with a comment"),
            detail=str(a.reporter),
        )
        for a in submitted[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="activities.review",
        title=gettext_lazy("Activity reports to review"),
        items=items,
        total=total,
        more_url=reverse("activities:review"),
        order=20,
    )


def activity_queues(user: Any) -> list[WorkQueue]:
    queues = []
    if has_role(user, Role.PARTNER) and rules.can_report(user):
        queues += [returned_to_me(user), periods_without_reports(user)]
    if has_role(user, Role.COORDINATOR):
        queues.append(to_review(user))
    return queues
