"""The menu entries of the bulletin app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.accounts.roles import Role, has_role
from nrm.core.navigation import NavItem


def bulletin_navigation(user: Any) -> list[NavItem]:
    if not has_role(user, Role.COORDINATOR):
        return []
    return [NavItem(_("Bulletin"), "bulletin:editions", order=62)]
