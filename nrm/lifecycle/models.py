"""The data lifecycle: the retention schedule, legal holds, what was removed, data-subject
requests (docs/retention.md)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.fields import EncryptedTextField
from nrm.core.models import DomainModel, user_reference
from nrm.lifecycle.schedule import Action, RecordKind

# A person must be answered within 30 days (Law on the Protection of Personal Data, GDPR art. 12).
REQUEST_DAYS = 30


@audited
class RetentionRule(DomainModel):
    """How long one kind of record is kept and what happens then; one row per kind."""

    kind = models.CharField(
        _("record kind"), max_length=20, choices=RecordKind.choices, unique=True
    )
    months = models.PositiveSmallIntegerField(_("retention period (months)"))
    action = models.CharField(_("at the end"), max_length=12, choices=Action.choices)
    legal_ground = models.TextField(_("legal ground"), blank=True)
    changed_by = user_reference(_("changed by"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.CheckConstraint(
                condition=~Q(action=Action.KEEP) | ~Q(legal_ground=""),
                name="retention_keep_needs_ground",
                violation_error_message=_(
                    "Keeping records past their period needs a legal ground."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.months} months, {self.action}"


@audited
class LegalHold(DomainModel):
    """Suspends the schedule for a case (e.g. criminal proceedings) until lifted."""

    case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.CASCADE,
        related_name="legal_holds",
        verbose_name=_("case"),
    )
    reason = EncryptedTextField(_("reason"))
    placed_on = models.DateField(_("placed on"))
    placed_by = user_reference(_("placed by"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = user_reference(_("lifted by"))

    class Meta:
        ordering = ["-placed_on", "pk"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"{self.case.code}: hold {self.pk}"

    @property
    def active(self) -> bool:
        return self.lifted_on is None


@audited
class RetentionRun(models.Model):
    """One application of the schedule (or a dry run): when, as of which day, what it did."""

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    as_of = models.DateField(_("as of"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    # {kind: {"action": ..., "count": n}}: counts only, never the removed values.
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"retention run {self.pk} as of {self.as_of}"

    @property
    def done(self) -> list[tuple[str, int]]:
        """(record kind's name, how many were handled), for the overview."""
        labels = dict(RecordKind.choices)
        return [(str(labels.get(k, k)), step.get("done", 0)) for k, step in self.summary.items()]


@audited
class Erasure(models.Model):
    """That a record's identifying data was removed (or the record deleted), and by which rule:
    what makes the schedule idempotent. Holds no removed value."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(_("record"), max_length=64)
    kind = models.CharField(_("record kind"), max_length=20)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    done_on = models.DateField(_("done on"))
    run = models.ForeignKey(RetentionRun, on_delete=models.SET_NULL, null=True, related_name="+")
    request = models.ForeignKey(
        "lifecycle.SubjectRequest", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-done_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="erasure_once")
        ]

    def __str__(self) -> str:
        return f"{self.object_label}: {self.action}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("access (a copy of everything held)")
    RECTIFICATION = "rectification", _("rectification")
    ERASURE = "erasure", _("erasure")
    RESTRICTION = "restriction", _("restriction of processing")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    COMPLETED = "completed", _("completed")
    REFUSED = "refused", _("refused")


@audited
class SubjectRequest(DomainModel):
    """A person's request about their own data, known by the code of one of their cases."""

    case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.PROTECT,
        related_name="subject_requests",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("request"), max_length=16, choices=RequestKind.choices)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    language = models.CharField(_("the person's language"), max_length=8, default="bs")
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    details = EncryptedTextField(_("what the person asks"), blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    recorded_by = user_reference(_("recorded by"))
    decided_by = user_reference(_("decided by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("received_on")),
                name="request_due_after_received",
                violation_error_message=_("The answer cannot be due before the request arrives."),
            )
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk}"

    @staticmethod
    def due_for(received_on: datetime.date) -> datetime.date:
        return received_on + datetime.timedelta(days=REQUEST_DAYS)
