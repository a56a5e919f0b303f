from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import has_role
from nrm.tasks.rules import TASK_ROLES


def tasks_navigation(user: Any) -> list[NavItem]:
    if has_role(user, *TASK_ROLES):
        return [NavItem(_("Tasks"), "tasks:list", order=12)]
    return []
