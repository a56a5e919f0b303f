"""View markers read by the access middleware (nrm.accounts.middleware)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def allow_without_role(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let a signed-in user without any role reach this view (sign-out, language switch)."""
    view.role_required = False  # type: ignore[attr-defined]
    return view
