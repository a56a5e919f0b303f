from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from nrm.core.roles import roles_of
from nrm.inbox.selectors import unread_count


def bell(request: HttpRequest) -> dict[str, Any]:
    """The unread count shown on the bell in the header (one query per page)."""
    user = getattr(request, "user", None)
    if user is None or not roles_of(user):
        return {}
    return {"inbox_unread": unread_count(actor=user)}
