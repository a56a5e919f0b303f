"""Role-aware navigation: each app offers the entries a user may reach (see NrmAppConfig)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.core.registry import navigation_builders
from nrm.core.roles import Role, has_role, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int = 50

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def navigation_for(user: Any) -> list[NavItem]:
    if not roles_of(user):
        return []
    items = [item for build in navigation_builders() for item in build(user)]
    return sorted(items, key=lambda item: item.order)


def core_navigation(user: Any) -> list[NavItem]:
    items = [NavItem(_("Home"), "core:home", order=0)]
    if has_role(user, Role.AUDITOR):
        items.append(NavItem(_("Audit trail"), "core:audit", order=90))
    return items
