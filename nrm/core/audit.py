"""The audit trail: django-auditlog records every create, update and delete of a domain model.

Models opt in with the @audited decorator (a test fails when a domain model does not). Services
run inside `audit_actor(actor)`, which stamps each entry with the user and their organisation.
Encrypted fields are recorded as changed, but their values are never copied into the trail.

Imports write their records in bulk, which the audit library does not see: the import's
provenance is recorded once (an ImportBatch, audited like any record), and each record it
created gets one compact entry naming the batch and the row (`imported_entries`), instead of
one entry per saved model with every field diffed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_extra_data
from auditlog.registry import auditlog
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from nrm.core.dates import format_date
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


def imported_entries(
    model: type[models.Model], *, batch_id: int, at: datetime.datetime
) -> Callable[[int, str, int], dict[str, Any]]:
    """The audit entry of one record an import created, as the values of its LogEntry row
    (for a bulk insert): `entry(pk, label, row)`. Call inside `audit_actor`: the entry has
    its user, organisation and "via" like any other entry, plus the batch and the row."""
    # Imported here: this module is imported while the models load (@audited).
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    context = auditlog_value.get(None) or {}
    actor = context.get("actor")
    # What the context says, without its empty values: a million entries repeat it.
    base = {k: v for k, v in (context.get("additional_data") or {}).items() if v is not None}
    content_type_id = ContentType.objects.get_for_model(model).pk
    constant = {
        "content_type_id": content_type_id,
        "action": LogEntry.Action.CREATE,
        "changes_text": "",
        "changes": None,
        "serialized_data": None,
        "actor_id": getattr(actor, "pk", None),
        "actor_email": getattr(actor, "email", None),
        "cid": get_cid(),
        "remote_addr": None,
        "remote_port": None,
        "timestamp": at,
    }

    def entry(pk: int, label: str, row: int) -> dict[str, Any]:
        return {
            **constant,
            "object_pk": str(pk),
            "object_id": pk,
            "object_repr": label,
            "additional_data": {**base, "batch": batch_id, "row": row},
        }

    return entry


# Shown to people: what changed, by the field's label, with the value before and after.
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "modified_at", "match_index"}
LONG_VALUE = 120


def _related(value: str, field: Any) -> str:
    """A foreign key's value as the record's name, not its number."""
    try:
        found = field.related_model._default_manager.filter(pk=value).first()
    except (ValueError, TypeError):
        found = None
    return str(found) if found is not None else value


def _moment(text: str, field: Any) -> str:
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(text)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "SHORT_DATETIME_FORMAT")
        return format_date(datetime.date.fromisoformat(text[:10]))
    except ValueError:
        return text


def _shown(value: Any, field: Any) -> str:
    text = "" if value in (None, "None", "") else str(value)
    if text and isinstance(field, models.ForeignKey):
        text = _related(text, field)
    elif text and isinstance(field, models.DateField | models.DateTimeField):
        text = _moment(text, field)
    choices = dict(getattr(field, "flatchoices", None) or [])
    if choices and text in {str(k) for k in choices}:
        text = str(next(label for key, label in choices.items() if str(key) == text))
    if isinstance(field, models.BooleanField) and text in ("True", "False"):
        text = gettext("yes") if text == "True" else gettext("no")
    if len(text) > LONG_VALUE:
        text = text[: LONG_VALUE - 1] + "…"
    return text or "—"


def change_rows(entry: Any) -> list[dict[str, str]]:
    """An audit entry's changes as rows {label, before, after}: the field's label in the
    reader's language instead of its name, internal bookkeeping fields left out."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = _import_rows(entry)
    for name, values in (entry.changes_dict or {}).items():
        if name in HIDDEN_FIELDS:
            continue
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a field since removed keeps its name
                field = None
        if field is not None and not getattr(field, "concrete", True):
            continue  # a reverse relation ("tasks", "notifications"): not a value of this record
        label = str(getattr(field, "verbose_name", name)) if field is not None else name
        if isinstance(values, dict):  # many-to-many: {"type", "operation", "objects"}
            before, after = "", ", ".join(str(v) for v in values.get("objects", []))
        else:
            before, after = [*list(values), "", ""][:2]
        rows.append(
            {
                "label": label[:1].upper() + label[1:],
                "before": _shown(before, field),
                "after": _shown(after, field),
            }
        )
    return rows


def _import_rows(entry: Any) -> list[dict[str, str]]:
    """A record created by an import says which import (ImportBatch) and which row."""
    data = entry.additional_data or {}
    if "batch" not in data:
        return []
    where = gettext("row %(row)s of import no. %(batch)s") % {
        "row": data.get("row", "?"),
        "batch": data["batch"],
    }
    return [{"label": gettext("Imported"), "before": "—", "after": where}]
