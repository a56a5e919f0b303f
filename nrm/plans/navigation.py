from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import has_role
from nrm.plans.rules import READER_ROLES


def plans_navigation(user: Any) -> list[NavItem]:
    if has_role(user, *READER_ROLES):
        return [NavItem(_("Action plans"), "plans:list", order=60)]
    return []
