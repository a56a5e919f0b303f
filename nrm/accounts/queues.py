"""What waits for auditors and administrators: sign-in trouble and accounts to look after."""

from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nrm.accounts.models import User
from nrm.core.models import AccessEntry
from nrm.core.queues import QueueItem, WorkQueue
from nrm.core.roles import Role, has_role

QUEUE_SIZE = 10
RECENT_DAYS = 7


def _failures(since: datetime.datetime) -> Any:
    return (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        # An account's failures from every address (nrm.accounts.lockout counts them so).
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-failures", "username")
    )


def locked_accounts(user: Any) -> WorkQueue:
    """Sign-ins blocked by too many failed attempts (they unlock by themselves later)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = [r for r in _failures(since) if r["failures"] >= settings.AXES_FAILURE_LIMIT]
    items = [
        QueueItem(
            title=r["username"] or _("(no user name)"),
            url=reverse("admin:index"),
            since=r["last"],
            action=_("Check with the person: the account is locked for now"),
            urgent=True,
            detail=ngettext("%(count)s failed attempt", "%(count)s failed attempts", r["failures"])
            % {"count": r["failures"]},
        )
        for r in rows
    ]
    return WorkQueue(
        key="accounts.locked",
        title=gettext_lazy("Locked sign-ins"),
        items=items[:QUEUE_SIZE],
        total=len(items),
        order=5,
    )


def accounts_to_complete(user: Any) -> WorkQueue:
    """Active accounts without a role (they can do nothing) or an e-mail (no notices)."""
    accounts = (
        User.objects.filter(is_active=True)
        .annotate(role_count=Count("groups", filter=Q(groups__name__in=Role.values)))
        .filter(Q(role_count=0) | Q(email=""))
        .order_by("date_joined", "pk")
    )
    rows = list(accounts[: QUEUE_SIZE + 1])
    total = accounts.count() if len(rows) > QUEUE_SIZE else len(rows)
    items = [
        QueueItem(
            title=u.username,
            url=reverse("admin:index"),
            since=u.date_joined,
            action=_("Give a role, or deactivate the account")
            if not u.role_count
            else _("Add an e-mail address so that notifications reach the person"),
        )
        for u in rows[:QUEUE_SIZE]
    ]
    return WorkQueue(
        key="accounts.incomplete",
        title=gettext_lazy("Accounts to complete"),
        items=items,
        total=total,
        order=10,
    )


def failed_sign_ins(user: Any) -> WorkQueue:
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    rows = list(_failures(since)[:QUEUE_SIZE])
    items = [
        QueueItem(
            title=r["username"] or _("(no user name)"),
            url=reverse("core:audit") + f"?username={r['username']}",
            since=r["last"],
            action=_("Look for a pattern: a forgotten password or someone guessing"),
            detail=ngettext("%(count)s failed attempt", "%(count)s failed attempts", r["failures"])
            % {"count": r["failures"]},
        )
        for r in rows
    ]
    return WorkQueue(
        key="accounts.failed_sign_ins",
        title=gettext_lazy("Failed sign-ins this week"),
        items=items,
        order=5,
    )


def identity_reads(user: Any) -> WorkQueue:
    """Who read identifying data this week, most reads first."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    rows = list(
        AccessEntry.objects.filter(at__gte=since)
        .values("actor__username", "organisation__short_name", "organisation__name")
        .annotate(reads=Count("pk"), last=Max("at"))
        .order_by("-reads", "actor__username")[:QUEUE_SIZE]
    )
    items = [
        QueueItem(
            title=r["actor__username"],
            url=reverse("core:audit") + f"?view=access&username={r['actor__username']}",
            since=r["last"],
            action=ngettext(
                "%(count)s read of identifying data",
                "%(count)s reads of identifying data",
                r["reads"],
            )
            % {"count": r["reads"]},
            detail=r["organisation__short_name"] or r["organisation__name"] or "",
        )
        for r in rows
    ]
    return WorkQueue(
        key="accounts.identity_reads",
        title=gettext_lazy("Reads of identifying data this week"),
        items=items,
        more_url=reverse("core:audit") + "?view=access",
        order=10,
    )


def account_queues(user: Any) -> list[WorkQueue]:
    queues = []
    if has_role(user, Role.ADMIN):
        queues += [locked_accounts(user), accounts_to_complete(user)]
    if has_role(user, Role.AUDITOR):
        queues += [failed_sign_ins(user), identity_reads(user)]
    return queues
