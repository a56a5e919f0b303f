"""Who may see and change monitored court cases (docs/permissions.md, "Trial monitoring").

Trial monitors read and write the cases their organisation monitors; coordinators read every
case; nobody else sees them. `actor=None` is the system (command line, demo loader).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from nrm.core.roles import Role, has_role
from nrm.justice.models import CourtCase

READ_ROLES = (Role.COORDINATOR, Role.TRIAL_MONITOR)
WRITE_ROLES = (Role.TRIAL_MONITOR,)


def _organisation_id(actor: Any) -> int | None:
    return getattr(actor, "organisation_id", None)


def visible_filter(actor: Any, prefix: str = "") -> Q | None:
    """The court cases `actor` may read (None: all of them)."""
    if actor is None or has_role(actor, Role.COORDINATOR):
        return None
    organisation = _organisation_id(actor)
    if has_role(actor, Role.TRIAL_MONITOR) and organisation is not None:
        return Q(**{f"{prefix}monitoring_organisation_id": organisation})
    return Q(pk__in=[])


def visible_court_cases(
    actor: Any, queryset: QuerySet[CourtCase] | None = None
) -> QuerySet[CourtCase]:
    qs = queryset if queryset is not None else CourtCase.objects.all()
    condition = visible_filter(actor)
    return qs if condition is None else qs.filter(condition)


def can_edit(actor: Any, court_case: CourtCase) -> bool:
    """Trial monitors of the monitoring organisation (and the system)."""
    if actor is None:
        return True
    return (
        has_role(actor, *WRITE_ROLES)
        and _organisation_id(actor) is not None
        and court_case.monitoring_organisation_id == _organisation_id(actor)
    )


def can_create(actor: Any) -> bool:
    return actor is None or (has_role(actor, *WRITE_ROLES) and _organisation_id(actor) is not None)
