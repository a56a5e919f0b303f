"""The search box: each app finds what the reader may see (NrmAppConfig.search).

Core only merges the results; the apps search their own records with their own selectors,
so a result is always something the reader may open. Each provider costs a fixed number of
queries whatever the number of results.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from nrm.core.registry import search_providers
from nrm.core.roles import Role, has_role

MIN_QUERY = 2
PER_PROVIDER = 20
# Who searches (docs/permissions.md, "Search"): the roles that work on records. The auditor
# and the administrator read the trails and the accounts, not the records.
SEARCH_ROLES = (
    Role.COORDINATOR,
    Role.CASE_WORKER,
    Role.FIELD_IDENTIFIER,
    Role.TRIAL_MONITOR,
    Role.PARTNER,
)


@dataclass(frozen=True)
class SearchResult:
    kind: str | Promise  # e.g. "Case", "Court case"
    title: str  # a code, a reference, a number, a title: never a person's name
    url: str
    detail: str | Promise = ""
    order: int = 50  # groups of results: lower first


def can_search(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and has_role(user, *SEARCH_ROLES)


def search_for(user: object, query: str) -> list[SearchResult]:
    """Every app's results for `user`, grouped by kind (nothing for who may not search)."""
    query = " ".join(query.split())
    if len(query) < MIN_QUERY or not can_search(user):
        return []
    results = [result for provider in search_providers() for result in provider(user, query)]
    return sorted(results, key=lambda r: r.order)
