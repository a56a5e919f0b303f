"""The notifications API (/api/v1/notifications): one's own notifications and e-mail choices."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema

from nrm.accounts.models import User
from nrm.core.api_types import Id, Limit, Offset
from nrm.inbox import selectors, services
from nrm.inbox.models import Notification

router = Router(tags=["notifications"])

MAX_LIMIT = 200


class NotificationOut(Schema):
    id: int
    kind: str
    text: str = Field(description="the sentence in your language")
    url: str = Field(description="the page in NRM where it is acted on")
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class PreferenceOut(Schema):
    kind: str
    label: str
    delivery: str = Field(description="off, immediate or digest")
    default: str


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def notification_out(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "text": selectors.text_of(notification),
        "url": notification.url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


@router.get("/notifications", response=NotificationPage, summary="Your notifications")
def list_notifications(
    request: HttpRequest, unread: bool = False, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    actor = _actor(request)
    limit = min(max(limit, 1), MAX_LIMIT)
    qs = selectors.notifications_of(actor=actor, unread=unread)
    return {
        "count": qs.count(),
        "unread": selectors.unread_count(actor=actor),
        "items": [notification_out(n) for n in qs[offset : offset + limit]],
    }


@router.post("/notifications/read", summary="Mark all your notifications as read")
def read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.mark_all_read(actor=_actor(request))}


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    summary="Mark one notification as read",
)
def read_one(request: HttpRequest, notification_id: Id) -> dict[str, Any]:
    actor = _actor(request)
    notification = selectors.notification_get(actor=actor, pk=notification_id)
    return notification_out(services.mark_read(actor=actor, notification=notification))


@router.get(
    "/notifications/preferences",
    response=list[PreferenceOut],
    summary="How you hear about each kind",
)
def get_preferences(request: HttpRequest) -> list[dict[str, Any]]:
    return [_preference_out(p) for p in selectors.preferences_of(actor=_actor(request))]


@router.put(
    "/notifications/preferences",
    response=list[PreferenceOut],
    summary="Choose, per kind: off, immediate or digest",
)
def set_preferences(request: HttpRequest, payload: Body[dict[str, str]]) -> list[dict[str, Any]]:
    actor = _actor(request)
    services.preferences_set(actor=actor, choices=payload)
    return [_preference_out(p) for p in selectors.preferences_of(actor=actor)]


def _preference_out(preference: selectors.Preference) -> dict[str, Any]:
    return {
        "kind": preference.key,
        "label": preference.label,
        "delivery": preference.delivery,
        "default": preference.default,
    }
