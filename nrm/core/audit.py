"""The audit trail: django-auditlog records every create, update and delete of a domain model.

Models opt in with the @audited decorator (a test fails when a domain model does not). Services
run inside `audit_actor(actor)`, which stamps each entry with the user and their organisation.
Encrypted fields are recorded as changed, but their values are never copied into the trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from auditlog.context import auditlog_value, set_extra_data
from auditlog.registry import auditlog
from django.db import models

from nrm.core.fields import encrypted_fields

ModelT = TypeVar("ModelT", bound=type[models.Model])

MASK = "[personal data]"


def mask_personal_data(value: str) -> str:
    return MASK


def audited(
    model: ModelT | None = None,
    *,
    exclude: tuple[str, ...] = (),
    m2m: tuple[str, ...] = (),
) -> Any:
    """Class decorator: record every change to this model in the audit trail.

    `@audited`, or `@audited(exclude=(...), m2m=(...))` to leave out fields that must never be
    copied (hashes) and to record changes of many-to-many relations.
    """

    def register(cls: ModelT) -> ModelT:
        auditlog.register(
            cls,
            mask_fields=encrypted_fields(cls),
            exclude_fields=list(exclude),
            m2m_fields=set(m2m),
        )
        return cls

    return register(model) if model is not None else register


def is_audited(model: type[models.Model]) -> bool:
    return auditlog.contains(model)


@contextmanager
def audit_actor(actor: Any, **extra: Any) -> Iterator[None]:
    """Attribute the audit entries written inside the block to `actor` (None: the system)."""
    previous = auditlog_value.get(None)
    organisation = getattr(actor, "organisation", None)
    data: dict[str, Any] = {
        "organisation_id": getattr(organisation, "pk", None),
        "organisation": str(organisation) if organisation else None,
        **extra,
    }
    if actor is None:
        # A service called by the command line or the demo loader keeps their "via".
        outer = (previous or {}).get("additional_data") or {}
        data.setdefault("via", outer.get("via", "system"))
    context = {"additional_data": data}
    if actor is not None and getattr(actor, "is_authenticated", False):
        context["actor"] = actor
    try:
        with set_extra_data(context):
            yield
    finally:
        # auditlog does not restore an outer context (e.g. its middleware's); do it here.
        if previous is not None:
            auditlog_value.set(previous)
