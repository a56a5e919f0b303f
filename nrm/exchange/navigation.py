"""The menu entry of the exchange app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from nrm.core.navigation import NavItem
from nrm.exchange.rules import may_exchange


def exchange_navigation(user: Any) -> list[NavItem]:
    if not may_exchange(user):
        return []
    return [NavItem(_("Exchange"), "exchange:index", order=62)]
