from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nrm.core.navigation import navigation_for
from nrm.core.search import can_search


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: the menu, languages, the hotline."""
    user = getattr(request, "user", None)
    items = navigation_for(user) if user is not None else []
    path = request.path
    current = max(
        (item for item in items if path.startswith(item.url)),
        key=lambda item: len(item.url),
        default=None,
    )
    return {
        "nav_items": items,
        "nav_current": current,
        "can_search": can_search(user),
        "nrm_languages": settings.LANGUAGES,
        "nrm_hotline": settings.NRM_HOTLINE,
        "nrm_quick_exit_url": settings.NRM_QUICK_EXIT_URL,
        "nrm_site_name": settings.NRM_SITE_NAME,
    }
