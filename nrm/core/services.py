"""Building blocks for services: the audited transaction, optimistic locking, access entries."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from nrm.core.audit import audit_actor
from nrm.core.errors import Conflict, PreconditionRequired, ValidationError
from nrm.core.models import AccessEntry, VersionedModel

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=VersionedModel)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service in one transaction, with its audit entries attributed to `actor`.

    Services are keyword-only and always take `actor`; the permission check is the first thing
    they do, so a denial writes nothing.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if "actor" not in kwargs:
            raise TypeError(f"{func.__name__}() needs actor=")
        with transaction.atomic(), audit_actor(kwargs["actor"]):
            return func(*args, **kwargs)

    return wrapper


def validated_save(instance: M, **save_kwargs: Any) -> M:
    """full_clean() then save(), turning Django's ValidationError into the application's."""
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise ValidationError.from_django(exc) from exc
    instance.save(**save_kwargs)
    return instance


# What a web form or API request that did not say which version it changes passes on: the
# service refuses it (428) once it has checked the permission, instead of writing blindly.
VERSION_NOT_GIVEN = -1


def update_versioned(instance: V, *, expected_version: int, changes: Mapping[str, Any]) -> V:
    """Apply `changes` only if nobody saved the record since the editor read `expected_version`.

    The version bump is one conditional UPDATE, so of two concurrent editors exactly one wins
    and the other gets Conflict instead of silently overwriting.
    """
    if expected_version == VERSION_NOT_GIVEN:
        # Checked here, after the service's permission check: a denied change answers 403.
        raise PreconditionRequired(fields={"version": [str(PreconditionRequired.default_message)]})
    model = type(instance)
    for name, value in changes.items():
        setattr(instance, name, value)
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise ValidationError.from_django(exc) from exc
    bumped = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not bumped:
        raise Conflict()
    instance.version = expected_version + 1
    instance.save(update_fields=[*changes.keys(), "version", "updated_at"])
    return instance


def record_access(
    *, actor: Any, subject: models.Model, label: str, purpose: str = "view_identity"
) -> None:
    """Leave an access entry for reading a person's identifying data."""
    AccessEntry.objects.create(
        actor=actor,
        organisation=getattr(actor, "organisation", None),
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_label=label,
        purpose=purpose,
    )


def record_accesses(
    *, actor: Any, subjects: list[tuple[models.Model, str]], purpose: str = "view_identity"
) -> None:
    """Leave one access entry per (record, label) in one insert (e.g. search results)."""
    if not subjects:
        return
    content_type = ContentType.objects.get_for_model(subjects[0][0])
    organisation = getattr(actor, "organisation", None)
    AccessEntry.objects.bulk_create(
        AccessEntry(
            actor=actor,
            organisation=organisation,
            content_type=content_type,
            object_id=str(subject.pk),
            object_label=label,
            purpose=purpose,
        )
        for subject, label in subjects
    )
