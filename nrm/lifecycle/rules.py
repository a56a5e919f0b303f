"""Who may do what with the data lifecycle (docs/permissions.md, "Retention and requests").

The coordinator (for the State Coordinator's office, the controller of the register) keeps the
schedule, places and lifts holds and answers people's requests; the auditor reads all of it.
"""

from __future__ import annotations

from typing import Any

from nrm.core.roles import Role, has_role, require_role

MANAGE = (Role.COORDINATOR,)
READ = (Role.COORDINATOR, Role.AUDITOR)


def require_manage(actor: Any) -> None:
    require_role(actor, *MANAGE)


def require_read(actor: Any) -> None:
    require_role(actor, *READ)


def may_manage(actor: Any) -> bool:
    return has_role(actor, *MANAGE)
