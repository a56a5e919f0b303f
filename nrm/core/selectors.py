"""Reads of the audit trail and the access log (auditors only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from nrm.core.models import AccessEntry
from nrm.core.roles import Role, require_role


@dataclass(frozen=True)
class AuditFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    username: str = ""
    organisation_id: int | None = None
    content_type_id: int | None = None
    action: int | None = None


def _filter_common(qs: QuerySet[Any], filters: AuditFilters, time_field: str) -> QuerySet[Any]:
    if filters.date_from:
        qs = qs.filter(**{f"{time_field}__date__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{time_field}__date__lte": filters.date_to})
    if filters.username:
        qs = qs.filter(actor__username__icontains=filters.username)
    return qs


def audit_entries(*, actor: Any, filters: AuditFilters) -> QuerySet[LogEntry]:
    require_role(actor, Role.AUDITOR)
    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    qs = _filter_common(qs, filters, "timestamp")
    if filters.organisation_id:
        qs = qs.filter(additional_data__organisation_id=filters.organisation_id)
    if filters.content_type_id:
        qs = qs.filter(content_type_id=filters.content_type_id)
    if filters.action is not None:
        qs = qs.filter(action=filters.action)
    return qs


def access_entries(*, actor: Any, filters: AuditFilters) -> QuerySet[AccessEntry]:
    require_role(actor, Role.AUDITOR)
    qs = AccessEntry.objects.select_related("actor", "organisation", "content_type")
    qs = _filter_common(qs, filters, "at")
    if filters.organisation_id:
        qs = qs.filter(Q(organisation_id=filters.organisation_id))
    if filters.content_type_id:
        qs = qs.filter(content_type_id=filters.content_type_id)
    return qs
