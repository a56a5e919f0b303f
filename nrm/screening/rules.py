"""Who may screen, read screenings and triage public reports (docs/permissions.md).

Selectors and services ask these questions; nothing else does. `actor=None` is the system
(the command line, the demo loader) and may do everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from nrm.cases.rules import LAW_ENFORCEMENT_TYPES
from nrm.core.roles import Role, has_role, roles_of
from nrm.screening.models import PublicReport, Screening

SCREENING_ROLES = (Role.COORDINATOR, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)


def can_screen(actor: Any) -> bool:
    return actor is None or has_role(actor, *SCREENING_ROLES)


def visible_screenings(
    actor: Any, queryset: QuerySet[Screening] | None = None
) -> QuerySet[Screening]:
    """Coordinators: all; case workers: their organisation's; field identifiers: their own."""
    qs = queryset if queryset is not None else Screening.objects.all()
    if actor is None or has_role(actor, Role.COORDINATOR):
        return qs
    roles = roles_of(actor)
    condition = Q(pk__in=[])
    if Role.CASE_WORKER in roles and actor.organisation_id is not None:
        condition |= Q(organisation_id=actor.organisation_id)
    if Role.FIELD_IDENTIFIER in roles:
        condition |= Q(created_by=actor)
    return qs.filter(condition)


def is_police(actor: Any) -> bool:
    """A field identifier of a police agency (or another law-enforcement body)."""
    organisation = getattr(actor, "organisation", None)
    return (
        has_role(actor, Role.FIELD_IDENTIFIER)
        and organisation is not None
        and organisation.type in LAW_ENFORCEMENT_TYPES
    )


def can_triage(actor: Any) -> bool:
    """Public reports are triaged by coordinators and by the police."""
    return actor is None or has_role(actor, Role.COORDINATOR) or is_police(actor)


def visible_reports(
    actor: Any, queryset: QuerySet[PublicReport] | None = None
) -> QuerySet[PublicReport]:
    """Coordinators: all; the police: reports nobody has taken yet, and their agency's."""
    qs = queryset if queryset is not None else PublicReport.objects.all()
    if actor is None or has_role(actor, Role.COORDINATOR):
        return qs
    if not is_police(actor):
        return qs.none()
    return qs.filter(
        Q(assigned_organisation__isnull=True) | Q(assigned_organisation_id=actor.organisation_id)
    )
