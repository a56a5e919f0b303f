from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import has_role
from nrm.screening import rules


def screening_navigation(user: Any) -> list[NavItem]:
    items = []
    if has_role(user, *rules.SCREENING_ROLES):
        items.append(NavItem(_("Screening"), "screening:list", order=20))
    if user is not None and rules.can_triage(user):
        items.append(NavItem(_("Public reports"), "screening:report_queue", order=25))
    return items
