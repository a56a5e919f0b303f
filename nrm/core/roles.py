"""Roles and the checks every selector and service uses (the matrix is docs/permissions.md).

A user holds roles through Django auth groups named after the role codes. Checks live here and
in each app's selectors and services, never in templates.
"""

from __future__ import annotations

from typing import Any

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


_CACHE_ATTR = "_nrm_roles"


def roles_of(user: Any) -> frozenset[str]:
    """The role codes of `user` (empty for anonymous or inactive users); cached per object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & set(Role.values)
        setattr(user, _CACHE_ATTR, cached)
    return cached


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
