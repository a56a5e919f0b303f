"""Every write of the inbox: notifying, reading, preferences, and sending e-mail.

`notify` is the one entry point for other apps. The notification is stored in the caller's
transaction; e-mail goes out only after that transaction commits, so a rolled-back action
never mails anyone, and a failed sending never loses the notification: it is marked failed
and `nrm notifications` tries again (and sends the daily digests).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.accounts.models import User
from nrm.core.errors import NotFound, ValidationError
from nrm.core.notifications import Delivery
from nrm.core.roles import Role, require_role
from nrm.core.services import service
from nrm.inbox import texts
from nrm.inbox.models import EmailState, Notification, NotificationPreference

logger = logging.getLogger(__name__)

# A failed e-mail is tried again by `nrm notifications` this many times, then left failed.
MAX_ATTEMPTS = 5
# An immediate e-mail still pending after this long lost its after-commit sending (e.g. the
# process stopped): `nrm notifications` sends it.
PENDING_GRACE = datetime.timedelta(minutes=10)


_silenced: ContextVar[bool] = ContextVar("nrm_notifications_silenced", default=False)


@contextmanager
def silenced() -> Iterator[None]:
    """Record past events without telling anyone: demo data, imports of history."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def delivery_for(user: User, kind: str, preferences: Mapping[tuple[int, str], str]) -> str:
    found = preferences.get((user.pk, kind))
    if found is not None:
        return found
    declared = texts.kind_of(kind)
    return declared.default if declared is not None else Delivery.OFF


def _email_state(user: User, delivery: str) -> str:
    if delivery == Delivery.OFF:
        return EmailState.NONE
    if not user.email:
        return EmailState.NO_ADDRESS
    return EmailState.PENDING if delivery == Delivery.IMMEDIATE else EmailState.DIGEST


@service
def notify(
    *,
    actor: Any,
    kind: str,
    recipients: Iterable[User],
    url: str,
    params: Mapping[str, Any] | None = None,
) -> list[Notification]:
    """Tell `recipients` (never the actor) that something happened; returns what was stored.

    `params` fill the kind's sentences: codes, and organisation names under keys ending in
    `_name` (nrm.inbox.texts.names_in_every_language); never a person's name or any other
    personal data. `url` is the path in NRM where the reader acts on it.
    """
    if texts.kind_of(kind) is None:
        raise ValueError(f"unknown notification kind {kind!r}: declare it on the app's config")
    if _silenced.get():
        return []
    actor_pk = getattr(actor, "pk", None)
    people = {u.pk: u for u in recipients if u.is_active and u.pk != actor_pk}
    if not people:
        return []
    preferences = {
        (p.user_id, p.kind): p.delivery
        for p in NotificationPreference.objects.filter(user_id__in=people, kind=kind)
    }
    created = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            params=dict(params or {}),
            url=url,
            email_state=_email_state(user, delivery_for(user, kind, preferences)),
        )
        for user in people.values()
    )
    pending = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if pending:
        transaction.on_commit(lambda: send_immediate(pending), robust=True)
    return created


def was_notified(*, kind: str, url: str) -> bool:
    """Whether anyone was told of this kind about this page already (for daily jobs)."""
    return Notification.objects.filter(kind=kind, url=url).exists()


# Reading ------------------------------------------------------------------------------------


def mark_read(*, actor: User, notification: Notification) -> Notification:
    """Reading is bookkeeping of one's own notification: no audit entry."""
    require_role(actor, *Role.values)
    if notification.recipient_id != actor.pk:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, actor: User) -> int:
    # Like every read of the inbox, only for someone with a role (docs/permissions.md).
    require_role(actor, *Role.values)
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Preferences --------------------------------------------------------------------------------


@service
def preferences_set(*, actor: User, choices: Mapping[str, str]) -> None:
    """Set how the actor hears about each kind (`{kind: delivery}`); unknown values refused."""
    offered = {kind.key for kind in offered_kinds(actor)}
    errors: dict[str, list[str]] = {}
    for key, delivery in choices.items():
        if key not in offered:
            errors[key] = [_("No such notification for your roles.")]
        elif delivery not in Delivery.values:
            errors[key] = [_("Choose one of: %(values)s.") % {"values": ", ".join(Delivery)}]
    if errors:
        raise ValidationError(fields=errors)
    for key, delivery in choices.items():
        NotificationPreference.objects.update_or_create(
            user=actor, kind=key, defaults={"delivery": delivery}
        )


def offered_kinds(user: User) -> list[Any]:
    """The kinds the user's roles can receive, in the apps' order."""
    roles = user.roles
    return [k for k in texts.kinds().values() if not k.roles or roles & set(k.roles)]


# Sending ------------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.NRM_SITE_URL + path


def _language(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def _immediate_message(notification: Notification) -> EmailMessage:
    user = notification.recipient
    with translation.override(_language(user)):
        sentence = texts.email_text(notification.kind, notification.params)
        body = render_to_string(
            "inbox/email/notification.txt",
            {
                "sentence": sentence,
                "link": absolute(reverse("inbox:open", args=[notification.pk])),
                "preferences": absolute(reverse("inbox:preferences")),
                "hotline": settings.NRM_HOTLINE,
            },
        )
        subject = settings.EMAIL_SUBJECT_PREFIX + sentence
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _digest_message(user: User, notifications: list[Notification]) -> EmailMessage:
    with translation.override(_language(user)):
        lines = [
            (
                texts.email_text(n.kind, n.params),
                absolute(reverse("inbox:open", args=[n.pk])),
            )
            for n in notifications
        ]
        body = render_to_string(
            "inbox/email/digest.txt",
            {
                "lines": lines,
                "inbox": absolute(reverse("inbox:list")),
                "preferences": absolute(reverse("inbox:preferences")),
            },
        )
        count = len(notifications)
        subject = settings.EMAIL_SUBJECT_PREFIX + ngettext(
            "%(count)s notification today", "%(count)s notifications today", count
        ) % {"count": count}
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _record(notifications: list[Notification], error: Exception | None) -> None:
    now = timezone.now()
    for notification in notifications:
        notification.email_attempts += 1
        if error is None:
            notification.email_state = EmailState.SENT
            notification.emailed_at = now
            notification.email_error = ""
        else:
            notification.email_state = EmailState.FAILED
            notification.email_error = f"{type(error).__name__}: {error}"[:300]
    Notification.objects.bulk_update(
        notifications, ["email_state", "emailed_at", "email_attempts", "email_error"]
    )


def _send(message: EmailMessage, notifications: list[Notification], connection: Any) -> bool:
    try:
        message.connection = connection
        message.send()
    except Exception as error:  # any failure of the mail server: record it, never lose data
        logger.warning("e-mail to user %s failed: %s", notifications[0].recipient_id, error)
        _record(notifications, error)
        return False
    _record(notifications, None)
    return True


def send_immediate(ids: Iterable[int]) -> int:
    """E-mail these notifications one by one (after the commit); returns how many were sent."""
    notifications = Notification.objects.filter(
        pk__in=list(ids), email_state__in=(EmailState.PENDING, EmailState.FAILED)
    ).select_related("recipient")
    sent = 0
    try:
        connection = get_connection()
        for notification in notifications:
            sent += _send(_immediate_message(notification), [notification], connection)
    except Exception:  # the backend itself failed to start: leave them pending or failed
        logger.exception("e-mail could not be sent")
    return sent


def retry_failed(now: datetime.datetime | None = None) -> int:
    """Immediate e-mails that failed (or were never sent): try them again."""
    now = now or timezone.now()
    ids = Notification.objects.filter(
        email_state=EmailState.FAILED, email_attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True)
    stale = Notification.objects.filter(
        email_state=EmailState.PENDING, created_at__lt=now - PENDING_GRACE
    ).values_list("pk", flat=True)
    return send_immediate([*ids, *stale])


def send_digests() -> int:
    """One e-mail per user with everything waiting for the digest; returns how many e-mails."""
    waiting = (
        Notification.objects.filter(email_state=EmailState.DIGEST)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in waiting:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    connection = get_connection()
    for notifications in by_user.values():
        user = notifications[0].recipient
        if not user.email or not user.is_active:
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                email_state=EmailState.NO_ADDRESS
            )
            continue
        sent += _send(_digest_message(user, notifications), notifications, connection)
    # A digest that failed is tried again with the next run, as a digest.
    Notification.objects.filter(
        pk__in=[n.pk for ns in by_user.values() for n in ns], email_state=EmailState.FAILED
    ).update(email_state=EmailState.DIGEST)
    return sent
