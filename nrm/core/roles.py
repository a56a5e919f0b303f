"""Roles and the checks every selector and service uses (the matrix is docs/permissions.md).

A user holds roles through Django auth groups named after the role codes. Checks live here and
in each app's selectors and services, never in templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.errors import PermissionDenied


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    CASE_WORKER = "case_worker", _("case worker")
    FIELD_IDENTIFIER = "field_identifier", _("field identifier")
    TRIAL_MONITOR = "trial_monitor", _("trial monitor")
    PARTNER = "partner", _("partner")
    AUDITOR = "auditor", _("auditor")
    ADMIN = "admin", _("administrator")


# Separation of duties (docs/permissions.md): who administers accounts does not work on cases,
# or they could give themselves the right to read identities. Case roles are those that open
# a person's identifying data (with a grant, for coordinators).
CASE_ROLES = frozenset({Role.COORDINATOR, Role.CASE_WORKER, Role.FIELD_IDENTIFIER})

_CACHE_ATTR = "_nrm_roles"


def administers_accounts(roles: Iterable[str], *, is_staff: bool, is_superuser: bool) -> bool:
    return Role.ADMIN in set(roles) or is_staff or is_superuser


def duties_conflict(roles: Iterable[str], *, is_staff: bool, is_superuser: bool) -> bool:
    """True when account administration and a case role would be held together, unless the
    installation allows it explicitly (NRM_ALLOW_ADMIN_CASE_ROLES)."""
    if settings.NRM_ALLOW_ADMIN_CASE_ROLES:
        return False
    roles = set(roles)
    return bool(roles & CASE_ROLES) and administers_accounts(
        roles, is_staff=is_staff, is_superuser=is_superuser
    )


def roles_of(user: Any) -> frozenset[str]:
    """The role codes of `user` (empty for anonymous or inactive users); cached per object.

    An account that administers accounts never acts in a case role, even if its groups say so
    (set by hand in the database, say): the services refuse that combination, this enforces it.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = remember_roles(user, user.groups.values_list("name", flat=True))
    return cached


def remember_roles(user: Any, group_names: Iterable[str]) -> frozenset[str]:
    """Cache the roles of `user` from the names of its groups, for a caller that read them
    along with the user (the API's token check); roles_of reads them otherwise."""
    roles = frozenset(group_names) & set(Role.values)
    if duties_conflict(roles, is_staff=user.is_staff, is_superuser=user.is_superuser):
        roles = roles - CASE_ROLES
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_role(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def require_role(user: Any, *roles: str) -> None:
    """Raise PermissionDenied unless `user` holds one of `roles`. None is the system (CLI)."""
    if user is None:
        return
    if not has_role(user, *roles):
        raise PermissionDenied()


def ensure_role_groups(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group

    using = kwargs.get("using", "default")
    for code in Role.values:
        Group.objects.using(using).get_or_create(name=code)
