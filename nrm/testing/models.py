from __future__ import annotations

from django.db import models

from nrm.core.audit import audited
from nrm.core.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from nrm.core.models import VersionedModel


@audited
class Sample(VersionedModel):
    """A record with personal data, to test encryption, auditing and optimistic locking."""

    code = models.CharField(max_length=20, unique=True)
    name = EncryptedTextField(blank=True)
    birth_date = EncryptedDateField(null=True, blank=True)
    languages = EncryptedJSONField(default=list, blank=True)
    name_index = models.CharField(max_length=64, blank=True, db_index=True)
    note = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.code
