"""Menu entries of trial monitoring: for trial monitors and coordinators."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import has_role
from nrm.justice import rules


def justice_navigation(user: Any) -> list[NavItem]:
    if not has_role(user, *rules.READ_ROLES):
        return []
    return [NavItem(_("Trial monitoring"), "justice:list", order=40)]
