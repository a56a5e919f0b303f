"""Every read of documents: scoped by the record they are attached to (its own app's rule)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from nrm.core.attachments import AttachmentOwner
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.registry import attachment_owners
from nrm.core.services import record_access
from nrm.documents import storage
from nrm.documents.models import Document


def owner_for(kind: str) -> AttachmentOwner:
    owner = attachment_owners().get(kind)
    if owner is None:
        raise NotFound()
    return owner


def owner_record(*, actor: Any, kind: str, key: str) -> Any:
    """The record a reader may read (NotFound otherwise, also for a role that reads no such
    records: a document's address reveals nothing), found by its own app."""
    try:
        return owner_for(kind).get(actor=actor, key=key)
    except PermissionDenied:
        raise NotFound() from None


def documents_of(*, actor: Any, kind: str, record: Any) -> QuerySet[Document]:
    """The documents attached to `record`, which the caller read through its app's selector
    (so `actor` may read it)."""
    owner = owner_for(kind)
    return Document.objects.filter(owner_kind=kind, owner_key=owner.key(record)).select_related(
        "uploaded_by", "organisation"
    )


def document_get(*, actor: Any, pk: int) -> tuple[Document, Any]:
    """A document and the record it is attached to; NotFound unless the reader may read the
    record (the answer does not say whether the document exists)."""
    document = Document.objects.select_related("organisation").filter(pk=pk).first()
    if document is None:
        raise NotFound()
    record = owner_record(actor=actor, kind=document.owner_kind, key=document.owner_key)
    return document, record


def document_content(*, actor: Any, document: Document, record: Any) -> bytes:
    """The file's bytes, decrypted; every download leaves an access entry."""
    if actor is not None:
        label = f"{owner_for(document.owner_kind).title(record)} · document {document.pk}"
        record_access(actor=actor, subject=document, label=label[:64], purpose="download")
    return storage.load(document.storage_name)


def documents_owned_by(
    *, kind: str, keys: Sequence[str], media_types: Sequence[str]
) -> QuerySet[Document]:
    """The documents of one kind of owner (the system's read: the bulletin shows the photos
    of approved activities that the coordinator chose), oldest first."""
    return Document.objects.filter(
        owner_kind=kind, owner_key__in=list(keys), media_type__in=list(media_types)
    ).order_by("created_at", "pk")


def document_file(*, pk: int) -> bytes:
    """A document's bytes for the system (the bulletin), which reads every record."""
    return storage.load(Document.objects.get(pk=pk).storage_name)
