from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.core.roles import has_role
from nrm.lifecycle.rules import READ


def lifecycle_navigation(user: Any) -> list[NavItem]:
    if has_role(user, *READ):
        return [NavItem(_("Retention and requests"), "lifecycle:overview", order=80)]
    return []
