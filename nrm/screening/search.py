"""What the search box finds in the screening app: public-report references (for those who
triage them) and screening references (for those who read them)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.core.roles import has_role
from nrm.core.search import PER_PROVIDER, SearchResult
from nrm.screening import rules


def search_screening(user: Any, query: str) -> list[SearchResult]:
    results: list[SearchResult] = []
    if rules.can_triage(user):
        reports = rules.visible_reports(user).filter(reference__icontains=query)
        results += [
            SearchResult(
                kind=_("Public report"),
                title=report.reference,
                url=reverse("screening:report_detail", args=[report.reference]),
                detail=report.get_status_display(),
                order=20,
            )
            for report in reports.order_by("-received_on")[:PER_PROVIDER]
        ]
    if has_role(user, *rules.SCREENING_ROLES):
        screenings = rules.visible_screenings(user).filter(reference__icontains=query)
        results += [
            SearchResult(
                kind=_("Screening"),
                title=screening.reference,
                url=reverse("screening:detail", args=[screening.reference]),
                detail=screening.screened_on.isoformat() if screening.screened_on else "",
                order=25,
            )
            for screening in screenings.order_by("-pk")[:PER_PROVIDER]
        ]
    return results
