"""The exchange log: every import, export and release of data, who made it and what it held.

An export reads many cases at once; the log (audited, like every domain record) is where the
coordinator and the auditor see what left the system, when, for which period, with or without
identifying data, and the fingerprint (SHA-256) of the file that was handed over.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.models import DomainModel, organisation_reference, user_reference


class ExchangeKind(models.TextChoices):
    HTCDS_IMPORT = "htcds_import", _("HTCDS import")
    HTCDS_EXPORT = "htcds_export", _("HTCDS export")
    ANONYMISED = "anonymised", _("anonymised release (CTDC)")
    OPEN_DATA = "open_data", _("open-data bundle")


@audited
class ExchangeRecord(DomainModel):
    kind = models.CharField(_("kind"), max_length=16, choices=ExchangeKind.choices)
    actor = user_reference(_("by"))
    organisation = organisation_reference()
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    identifying = models.BooleanField(_("with identifying data"), default=False)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    sha256 = models.CharField(_("fingerprint (SHA-256)"), max_length=64, blank=True)
    # What the report said: codes imported, values generalised, records suppressed, ...
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"
