"""Documents attached to a record of another app (a case, a referral, a court case, an
activity): consent forms, court decisions, photos of an event.

The file's bytes are stored encrypted in NRM_DOCUMENTS_DIR under a random name, never under
a public URL; its name and description are encrypted too. Who may read a document is who may
read the record it is attached to (the record's own app decides, nrm.core.attachments).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.fields import EncryptedTextField
from nrm.core.models import DomainModel, organisation_reference, user_reference


@audited
class Document(DomainModel):
    owner_kind = models.CharField(_("attached to"), max_length=32)
    owner_key = models.CharField(max_length=64)
    filename = EncryptedTextField(_("file name"))
    description = EncryptedTextField(_("description"), blank=True)
    media_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    storage_name = models.CharField(max_length=64, unique=True, editable=False)
    uploaded_by = user_reference(_("added by"))
    organisation = organisation_reference()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["owner_kind", "owner_key"])]

    def __str__(self) -> str:
        return f"document:{self.pk}"
