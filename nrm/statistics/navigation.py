"""The menu entries of the statistics app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import Role, has_role


def statistics_navigation(user: Any) -> list[NavItem]:
    if not has_role(user, Role.COORDINATOR):
        return []
    return [
        NavItem(_("Statistics"), "statistics:dashboard", order=60),
        NavItem(_("Data quality"), "statistics:quality", order=61),
    ]
