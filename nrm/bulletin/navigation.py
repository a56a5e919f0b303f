"""The menu entries of the bulletin app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import Role, has_role


def bulletin_navigation(user: Any) -> list[NavItem]:
    if not has_role(user, Role.COORDINATOR):
        return []
    return [NavItem(_("Bulletin"), "bulletin:editions", order=62)]
