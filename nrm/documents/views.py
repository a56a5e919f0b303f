"""Documents: add one to a record, download it (logged), remove it. Never a public URL."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import ApplicationError, PermissionDenied
from nrm.documents import selectors, services
from nrm.documents.forms import DocumentForm

ANCHOR = "#documents-heading"


@require_POST
def document_add(request: AuthenticatedRequest, kind: str, key: str) -> HttpResponse:
    record = selectors.owner_record(actor=request.user, kind=kind, key=key)
    owner = selectors.owner_for(kind)
    form = DocumentForm(request.POST, request.FILES, max_mb=settings.NRM_DOCUMENT_MAX_MB)
    if not form.is_valid():
        messages.error(request, _("Choose a file to add."))
        return redirect(owner.url(record) + ANCHOR)
    upload = form.cleaned_data["file"]
    data = upload.read(services.max_bytes() + 1)
    try:
        services.document_add(
            actor=request.user,
            owner_kind=kind,
            record=record,
            filename=upload.name or "",
            data=data,
            description=form.cleaned_data["description"],
        )
    except PermissionDenied:
        raise
    except ApplicationError as error:
        details = [m for ms in error.fields.values() for m in ms]
        messages.error(request, " ".join(details) or error.message)
    else:
        messages.success(request, _("The document is added."))
    return redirect(owner.url(record) + ANCHOR)


@require_GET
def document_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document, record = selectors.document_get(actor=request.user, pk=pk)
    content = selectors.document_content(actor=request.user, document=document, record=record)
    response = HttpResponse(content, content_type=document.media_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def document_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document, record = selectors.document_get(actor=request.user, pk=pk)
    owner = selectors.owner_for(document.owner_kind)
    services.document_remove(actor=request.user, document=document, record=record)
    messages.success(request, _("The document is removed."))
    return redirect(owner.url(record) + ANCHOR)
