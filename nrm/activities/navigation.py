from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.activities.rules import READER_ROLES
from nrm.core.navigation import NavItem
from nrm.core.roles import Role, has_role


def activities_navigation(user: Any) -> list[NavItem]:
    items = []
    if has_role(user, *READER_ROLES):
        items.append(NavItem(_("Activities"), "activities:list", order=40))
    if has_role(user, Role.COORDINATOR):
        items.append(NavItem(_("Activity review"), "activities:review", order=41))
    return items
