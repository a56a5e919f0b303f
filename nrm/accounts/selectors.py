"""Every read of organisations, users and tokens, scoped to the reader."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from nrm.accounts.models import ApiToken, Organisation, User, hash_token
from nrm.core.errors import NotFound
from nrm.core.roles import Role, require_role


def organisation_list(
    *, actor: User, q: str = "", type: str = "", jurisdiction: str = ""
) -> QuerySet[Organisation]:
    """The directory of organisations is visible to every user with a role: referrals need it."""
    require_role(actor, *Role.values)
    orgs = Organisation.objects.select_related("municipality").filter(is_active=True)
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if type:
        orgs = orgs.filter(type=type)
    if jurisdiction:
        orgs = orgs.filter(jurisdiction=jurisdiction)
    return orgs


def organisation_get(*, actor: User, pk: int) -> Organisation:
    try:
        return organisation_list(actor=actor).get(pk=pk)
    except Organisation.DoesNotExist:
        raise NotFound() from None


def user_list(*, actor: User) -> QuerySet[User]:
    require_role(actor, Role.ADMIN, Role.AUDITOR)
    return User.objects.select_related("organisation").prefetch_related("groups")


def user_by_username(username: str) -> User:
    """For command-line tools run by the operator; not scoped (there is no signed-in user)."""
    try:
        return User.objects.select_related("organisation").get(username=username)
    except User.DoesNotExist:
        raise NotFound(f"No user named {username!r}.") from None


def token_list(*, actor: User, user: User | None = None) -> QuerySet[ApiToken]:
    if user is None or user.pk == actor.pk:
        return ApiToken.objects.filter(user=actor)
    require_role(actor, Role.ADMIN)
    return ApiToken.objects.filter(user=user)


def user_for_token(value: str) -> User | None:
    """The active user a presented API token belongs to, or None (also marks it used)."""
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=hash_token(value))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    # Recording the use is bookkeeping, not a domain change: no audit entry, at most once a minute.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def members_with_role(*, organisation_id: int | None, roles: tuple[str, ...]) -> QuerySet[User]:
    """Active users of an organisation holding one of `roles` (whom to notify; not scoped:
    callers are services that decided the organisation must hear about something)."""
    if organisation_id is None:
        return User.objects.none()
    return (
        User.objects.filter(organisation_id=organisation_id, is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("username")
    )


def active_users_with_role(*, roles: tuple[str, ...]) -> QuerySet[User]:
    """Active users holding one of `roles` in any organisation (e.g. every coordinator)."""
    return User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("pk")
