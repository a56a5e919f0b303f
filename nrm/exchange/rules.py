"""Who may exchange data (docs/permissions.md, the "Exchange" rows).

Imports, exports and anonymised releases are the State Coordinator's: they move many cases at
once. What an export contains is still scoped to the caller (nrm.exchange.selectors): identifying
data leave only with an explicit request and, per case, the right to see them. The open-data
bundle is public: it holds only the public statistics, after their disclosure control.
"""

from __future__ import annotations

from typing import Any

from nrm.core.roles import Role, has_role, require_role

EXCHANGE_ROLES = (Role.COORDINATOR,)


def may_exchange(user: Any) -> bool:
    """`None` is the operator at the command line."""
    return user is None or has_role(user, *EXCHANGE_ROLES)


def require_exchange(user: Any) -> None:
    require_role(user, *EXCHANGE_ROLES)
