"""What the search box finds in trial monitoring: court case numbers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.core.roles import has_role
from nrm.core.search import PER_PROVIDER, SearchResult
from nrm.justice import rules


def search_court_cases(user: Any, query: str) -> list[SearchResult]:
    if not has_role(user, *rules.READ_ROLES):
        return []
    found = rules.visible_court_cases(user).filter(case_number__icontains=query)
    return [
        SearchResult(
            kind=_("Court case"),
            title=court_case.case_number,
            url=reverse("justice:detail", args=[court_case.pk]),
            detail=court_case.get_stage_display(),
            order=30,
        )
        for court_case in found.order_by("case_number")[:PER_PROVIDER]
    ]
