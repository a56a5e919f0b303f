"""Bulletin editions, their coordinator-written parts, and the versions published.

An edition is the bulletin of one period while the coordinator composes it: the texts the
coordinator writes (in each written language), the publication policy, and free sections. The
figures and activities are not stored here: a draft is always built from the records as they
are. Publishing freezes a version: the documents in every language, exactly as published.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.models import DomainModel, VersionedModel, user_reference


class Disclosure(models.TextChoices):
    EXACT = "exact", _("publish the figures as recorded")
    # The public page's threshold, folding and protection (together with the public periods
    # of the year): a control of the bulletin's own would let a reader combine two answers.
    SUPPRESS = (
        "suppress",
        _("hide small numbers exactly as the public statistics page does, with its threshold"),
    )


class Position(models.TextChoices):
    AFTER_INTRODUCTION = "after_introduction", _("after the introduction")
    AFTER_STATISTICS = "after_statistics", _("after the statistics")
    AFTER_ACTIVITIES = "after_activities", _("after the activities")
    AFTER_MONITORING = "after_monitoring", _("after the monitoring findings")
    CALLOUT = "callout", _("as a call-out box after the introduction (e.g. the hotline)")


@audited
class Edition(VersionedModel):
    """The bulletin of one period (2024-H2), as the coordinator composes it."""

    period = models.CharField(_("period"), max_length=7, unique=True)
    introduction = models.JSONField(_("introduction"), default=dict, blank=True)
    contact = models.JSONField(_("contact block"), default=dict, blank=True)
    acknowledgement = models.JSONField(_("acknowledgement"), default=dict, blank=True)
    disclosure = models.CharField(
        _("publication policy"),
        max_length=10,
        choices=Disclosure.choices,
        default=Disclosure.EXACT,
    )
    # The organisations' ids in the order the coordinator set; empty: the default order
    # (institutions, international organisations, NGOs). Partners not listed come after.
    partner_order = models.JSONField(_("order of partners"), default=list, blank=True)
    # Ids of the activities' photos (documents) the coordinator chose to show beside them.
    photos = models.JSONField(_("photos shown"), default=list, blank=True)
    created_by = user_reference(_("created by"))

    class Meta:
        ordering = ["-period"]
        verbose_name = _("bulletin edition")
        verbose_name_plural = _("bulletin editions")

    def __str__(self) -> str:
        return self.period


@audited
class FreeSection(DomainModel):
    """A section the coordinator writes (a focus, an announcement), placed among the others."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    position = models.CharField(
        _("place in the bulletin"),
        max_length=20,
        choices=Position.choices,
        default=Position.AFTER_ACTIVITIES,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.JSONField(_("title"), default=dict)
    body = models.JSONField(_("text"), default=dict, blank=True)

    class Meta:
        ordering = ["edition", "order", "pk"]
        verbose_name = _("free section")
        verbose_name_plural = _("free sections")

    def __str__(self) -> str:
        return f"{self.edition.period}: section {self.pk}"


@audited(exclude=("documents", "figures", "public_figures"))
class PublishedVersion(DomainModel):
    """A published version: the documents in every language, frozen as published.

    `documents` maps a language to the serialised document (nrm.bulletin.document); `figures`
    is the statistics JSON it was built from; `public_figures` what the public API gives with
    the version: the same under the policy that publishes the figures as recorded, only the
    cells of the public tables (hidden ones null) under the one that hides small numbers. None
    ever changes after publication.
    """

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = user_reference(_("published by"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    documents = models.JSONField(default=dict, editable=False)
    figures = models.JSONField(default=dict, editable=False)
    public_figures = models.JSONField(default=dict, editable=False)
    # A withdrawn version stays listed (with its reason) but is no longer served.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = user_reference(_("withdrawn by"))
    withdrawal_reason = models.CharField(_("why it was withdrawn"), max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.edition.period} v{self.number}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@audited(exclude=("content",))
class RenderedFile(DomainModel):
    """A published version rendered once in one language and format (published versions never
    change, so their files need drawing only once)."""

    version = models.ForeignKey(PublishedVersion, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(max_length=8)
    format = models.CharField(max_length=8)
    renderer = models.CharField(max_length=16)  # the renderer's version: new code, new files
    content = models.BinaryField()

    class Meta:
        verbose_name = _("rendered file")
        verbose_name_plural = _("rendered files")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language", "format", "renderer"], name="rendered_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.language}.{self.format}"
