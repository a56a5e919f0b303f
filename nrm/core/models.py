from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.vocabularies import Canton, Jurisdiction


class DomainModel(models.Model):
    """Base of every domain record: when it was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(DomainModel):
    """A record edited by several people: `version` guards against lost updates.

    Change it only through nrm.core.services.update_versioned, which fails with Conflict when
    the record changed since the editor read it.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Municipality(models.Model):
    """A municipality or city of BiH (reference data, synchronised from data/)."""

    code = models.SlugField(_("code"), primary_key=True, max_length=64)
    name = models.CharField(_("name"), max_length=100)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    canton = models.CharField(_("canton"), max_length=8, choices=Canton.choices, blank=True)
    is_city = models.BooleanField(_("city"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class AccessEntry(models.Model):
    """One read of a person's identifying data: who, for which organisation, when, what."""

    class Purpose(models.TextChoices):
        VIEW_IDENTITY = "view_identity", _("viewed identifying data")
        EXPORT = "export", _("exported identifying data")
        PRINT = "print", _("printed identifying data")
        DOWNLOAD = "download", _("downloaded a document")
        SEARCH = "search", _("searched by name and birth date")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    # A pseudonymous label (e.g. the case code), never a name.
    object_label = models.CharField(_("record"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access entry")
        verbose_name_plural = _("access entries")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.purpose} {self.object_label}"


def user_reference(verbose_name: Any, *, indexed: bool = True) -> models.ForeignKey[Any, Any]:
    """Who recorded or decided something: kept when the account is deactivated, never deleted.
    `indexed=False` where an index of the model's own leads with it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        db_index=indexed,
    )


def organisation_reference(help_text: Any = "") -> models.ForeignKey[Any, Any]:
    """The organisation a record was made for or came from: kept, never deleted with it."""
    return models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=help_text,
    )


@audited
class SavedListFilter(models.Model):
    """The filters and sort a user last used on one list (nrm.core.lists), restored when
    they open the list again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    list_key = models.CharField(max_length=40)
    query = models.CharField(max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("remembered list filter")
        verbose_name_plural = _("remembered list filters")
        constraints = [
            models.UniqueConstraint(fields=["user", "list_key"], name="one_saved_filter_per_list")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.list_key}"


@audited
class ListExport(models.Model):
    """One export of a list (CSV or XLSX): who, which list, which filters, how many rows.
    Audited (nrm.core.audit), so every export is in the audit trail."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    list_key = models.CharField(_("list"), max_length=40)
    file_format = models.CharField(_("format"), max_length=8)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    rows = models.PositiveIntegerField(_("rows"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("list export")
        verbose_name_plural = _("list exports")

    def __str__(self) -> str:
        return f"{self.list_key} {self.file_format} ({self.rows})"


@audited
class ImportBatch(models.Model):
    """One file imported (all its rows or none): its provenance, recorded once. The audit
    trail holds this record's creation, and one compact entry per record the import created
    that names the batch and the row (nrm.core.audit.imported_entries)."""

    actor = user_reference(_("user"))  # empty: the system (`nrm import` at the command line)
    organisation = organisation_reference(_("The organisation the file came from."))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    kind = models.CharField(_("format"), max_length=32)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    fingerprint = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("rows"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name or self.kind} ({self.rows})"
