"""What the search box finds in activities: titles in any language, and project names."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.activities import rules, selectors
from nrm.core.roles import has_role
from nrm.core.search import PER_PROVIDER, SearchResult


def search_activities(user: Any, query: str) -> list[SearchResult]:
    if not (rules.is_coordinator(user) or has_role(user, *rules.READER_ROLES)):
        return []
    text = Q(project__icontains=query)
    for name in ("title_en", "title_bs", "title_hr", "title_sr"):
        text |= Q(**{f"{name}__icontains": query})
    found = selectors.visible_activities(user).filter(text).order_by("-start_date", "-pk")
    language = (get_language() or "en").split("-")[0][:2]
    results = []
    for activity in found[:PER_PROVIDER]:
        titles = activity.titles()
        title = titles.get(language) or next((t for t in titles.values() if t), "")
        results.append(
            SearchResult(
                kind=_("Activity"),
                title=title or str(activity),
                url=reverse("activities:detail", args=[activity.pk]),
                detail=activity.start_date.isoformat(),
                order=40,
            )
        )
    return results
