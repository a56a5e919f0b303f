from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import Role, has_role


def accounts_navigation(user: Any) -> list[NavItem]:
    items = [NavItem(_("Organisations"), "accounts:organisations", order=80)]
    if has_role(user, Role.ADMIN):
        items.append(NavItem(_("Users"), "admin:accounts_user_changelist", order=85))
    return items
