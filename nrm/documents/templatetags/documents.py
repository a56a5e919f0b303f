"""`{% documents_panel "case" case %}`: the documents of a record and, for those who may,
a form to add one. The page has read the record through its app's selector already."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from nrm.documents import selectors, services
from nrm.documents.forms import DocumentForm

register = template.Library()


@register.inclusion_tag("documents/includes/panel.html", takes_context=True)
def documents_panel(context: dict[str, Any], kind: str, record: Any) -> dict[str, Any]:
    user = context["request"].user
    owner = selectors.owner_for(kind)
    documents = list(selectors.documents_of(actor=user, kind=kind, record=record))
    can_attach = owner.can_attach(actor=user, record=record)
    for document in documents:
        document.removable = can_attach and services.can_remove(user, document, record)  # type: ignore[attr-defined]
    return {
        "documents": documents,
        "kind": kind,
        "key": owner.key(record),
        "form": DocumentForm(max_mb=settings.NRM_DOCUMENT_MAX_MB, auto_id="document_%s")
        if can_attach
        else None,
        "csrf_token": context.get("csrf_token"),
    }
