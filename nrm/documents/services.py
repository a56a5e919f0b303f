"""Every write of documents: adding one to a record, removing it.

The record's own app says who may add documents to it (nrm.core.attachments); the content
is checked by what it is (magic bytes) and its size, then stored encrypted.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from nrm.accounts.models import User
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.services import service, validated_save
from nrm.documents import filetypes, storage
from nrm.documents.models import Document
from nrm.documents.selectors import owner_for

MAX_NAME = 200
MAX_DESCRIPTION = 500


def max_bytes() -> int:
    return int(settings.NRM_DOCUMENT_MAX_MB) * 1024 * 1024


def _filename(name: str, file_type: filetypes.FileType) -> str:
    """The base name without any folder, at most 200 characters, with the type's extension."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "document"
    stem, _dot, _extension = base.rpartition(".")
    stem = (stem or base)[: MAX_NAME - 6]
    return f"{stem}.{file_type.extension}"


def check_content(data: bytes) -> filetypes.FileType:
    if not data:
        raise ValidationError(fields={"file": [_("The file is empty.")]})
    if len(data) > max_bytes():
        raise ValidationError(
            fields={
                "file": [
                    _("The file is larger than %(size)s MB.")
                    % {"size": settings.NRM_DOCUMENT_MAX_MB}
                ]
            }
        )
    file_type = filetypes.detect(data)
    if file_type is None:
        raise ValidationError(
            fields={
                "file": [
                    _("This kind of file is not accepted. Accepted: %(types)s.")
                    % {"types": ", ".join(t.name for t in filetypes.ACCEPTED)}
                ]
            }
        )
    return file_type


@service
def document_add(
    *,
    actor: User | None,
    owner_kind: str,
    record: Any,
    filename: str,
    data: bytes,
    description: str = "",
) -> Document:
    """Attach a file to a record the actor may add documents to (checked by its own app)."""
    owner = owner_for(owner_kind)
    if not owner.can_attach(actor=actor, record=record):
        raise PermissionDenied()
    file_type = check_content(data)
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise ValidationError(
            fields={
                "description": [_("At most %(count)s characters.") % {"count": MAX_DESCRIPTION}]
            }
        )
    name = storage.store(data)
    try:
        return validated_save(
            Document(
                owner_kind=owner_kind,
                owner_key=owner.key(record),
                filename=_filename(filename, file_type),
                description=description,
                media_type=file_type.media_type,
                size=len(data),
                storage_name=name,
                uploaded_by=actor,
                organisation=getattr(actor, "organisation", None),
            )
        )
    except BaseException:
        storage.remove(name)
        raise


def can_remove(actor: Any, document: Document, record: Any) -> bool:
    """The organisation that added a document removes it, if it may still add documents."""
    if actor is None:
        return True
    owner = owner_for(document.owner_kind)
    return document.organisation_id == getattr(actor, "organisation_id", None) and owner.can_attach(
        actor=actor, record=record
    )


@service
def document_remove(*, actor: User | None, document: Document, record: Any) -> None:
    if not can_remove(actor, document, record):
        raise PermissionDenied()
    delete_with_file(document)


def delete_with_file(document: Document) -> None:
    """Delete the record now and its stored file once the transaction commits, so that a
    rolled-back removal keeps both."""
    name = document.storage_name
    document.delete()
    transaction.on_commit(lambda: storage.remove(name))
