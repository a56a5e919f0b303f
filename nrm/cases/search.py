"""What the search box finds in the cases app (nrm.core.search): case codes for every reader
of cases; for readers allowed to see who a person is, a name and birth date through the
blind index (each case found is logged like an identity read)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.cases import rules
from nrm.cases.models import Person, VictimCase
from nrm.cases.services import person_match_index
from nrm.core.roles import has_role
from nrm.core.search import PER_PROVIDER, SearchResult
from nrm.core.services import record_accesses

DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\.?")


def split_name_and_birth_date(query: str) -> tuple[str, datetime.date | None]:
    """ "Ana Horvat 2001-05-03" or "Horvat Ana 3.5.2001." -> ("Ana Horvat", date)."""
    match = DATE.search(query)
    if match is None:
        return query, None
    text = match.group(1)
    try:
        if "-" in text:
            day = datetime.date.fromisoformat(text)
        else:
            d, m, y = (int(part) for part in text.split("."))
            day = datetime.date(y, m, d)
    except ValueError:
        return query, None
    name = (query[: match.start()] + " " + query[match.end() :]).strip()
    return " ".join(name.split()), day


def _result(case: VictimCase, detail: str = "") -> SearchResult:
    return SearchResult(
        kind=_("Case"),
        title=case.code,
        url=reverse("cases:detail", args=[case.code]),
        detail=detail or case.get_status_display(),
        order=10,
    )


def _by_identity(user: Any, name: str, birth_date: datetime.date) -> list[SearchResult]:
    index = person_match_index(name, "", birth_date)
    if not index:
        return []
    condition = rules.identity_visible_filter(user)
    cases = rules.visible_cases(user).filter(person__in=Person.objects.filter(match_index=index))
    if condition is not None:
        cases = cases.filter(condition)
    found = list(cases.order_by("code")[:PER_PROVIDER])
    record_accesses(actor=user, subjects=[(c, c.code) for c in found], purpose="search")
    return [_result(c, _("the name and birth date match")) for c in found]


def search_cases(user: Any, query: str) -> list[SearchResult]:
    if not has_role(user, *rules.CASE_ROLES):
        return []
    name, birth_date = split_name_and_birth_date(query)
    if birth_date is not None and name:
        return _by_identity(user, name, birth_date)
    cases = rules.visible_cases(user).filter(code__icontains=query).order_by("code")
    return [_result(case) for case in cases[:PER_PROVIDER]]
