"""Every read of the inbox: a user sees their own notifications and preferences only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from nrm.accounts.models import User
from nrm.core.errors import NotFound
from nrm.core.roles import Role, require_role
from nrm.inbox import texts
from nrm.inbox.models import Notification, NotificationPreference
from nrm.inbox.services import offered_kinds


def notifications_of(*, actor: User, unread: bool = False) -> QuerySet[Notification]:
    require_role(actor, *Role.values)
    qs = Notification.objects.filter(recipient=actor)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(*, actor: Any) -> int:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).count()


def notification_get(*, actor: User, pk: int) -> Notification:
    """One of the actor's own notifications (anyone else's is not found)."""
    found = notifications_of(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class Preference:
    key: str
    label: str
    delivery: str
    default: str


def preferences_of(*, actor: User) -> list[Preference]:
    """Each kind the actor can receive, with their choice (or the kind's default)."""
    require_role(actor, *Role.values)
    chosen = dict(NotificationPreference.objects.filter(user=actor).values_list("kind", "delivery"))
    return [
        Preference(kind.key, str(kind.label), chosen.get(kind.key, kind.default), kind.default)
        for kind in offered_kinds(actor)
    ]


def text_of(notification: Notification) -> str:
    return texts.in_app_text(notification.kind, notification.params)
