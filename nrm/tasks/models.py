"""Tasks: something an organisation must do for a case by a date (first contact, a review).

A task belongs to the organisation that must do it, may be given to one of its people, and
hangs on a case (and, when it comes from one, a referral). Who may see it follows the case's
own rules (nrm.cases.rules); the title and details are encrypted like every free text.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.fields import EncryptedTextField
from nrm.core.models import VersionedModel, user_reference


class TaskStatus(models.TextChoices):
    OPEN = "open", _("to do")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class TaskOrigin(models.TextChoices):
    MANUAL = "manual", _("added by hand")
    REFERRAL_ACCEPTED = "referral_accepted", _("a referral was accepted")
    PLAN_REVIEW = "plan_review", _("a plan review is due")


# The title a task from an event reads as, in each reader's language.
STANDARD_TITLES: dict[str, Any] = {
    TaskOrigin.REFERRAL_ACCEPTED: _("First contact with the person (within 48 hours)"),
    TaskOrigin.PLAN_REVIEW: _("Review the plan with the person"),
}


@audited(exclude=("overdue_notified_on",))
class Task(VersionedModel):
    case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("case"),
    )
    referral = models.ForeignKey(
        "cases.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("referral"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("organisation"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("assigned to"),
    )
    # Empty for a task from an event: it reads as the standard title (STANDARD_TITLES).
    title = EncryptedTextField(_("what to do"), blank=True)
    details = EncryptedTextField(_("details"), blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    origin = models.CharField(
        _("origin"), max_length=24, choices=TaskOrigin.choices, default=TaskOrigin.MANUAL
    )
    created_by = user_reference(_("added by"))
    completed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    completed_by = user_reference(_("done by"))
    # The overdue notice went out on this day (the daily scan sends it once).
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"]),
            models.Index(fields=["assignee", "status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_at__isnull=False) | ~Q(status="done"),
                name="task_done_has_time",
                violation_error_message=_("A task done has the time it was done."),
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or str(STANDARD_TITLES.get(self.origin, _("Task")))

    @property
    def is_overdue(self) -> bool:
        return self.status == TaskStatus.OPEN and self.due_on < timezone.localdate()
