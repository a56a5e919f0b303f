"""The menu entries of the cases app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.cases.rules import CASE_ROLES
from nrm.core.navigation import NavItem
from nrm.core.roles import has_role


def cases_navigation(user: Any) -> list[NavItem]:
    items = []
    if has_role(user, *CASE_ROLES):
        items.append(NavItem(_("Cases"), "cases:list", order=10))
        items.append(NavItem(_("Referrals"), "cases:referrals", order=11))
    return items
