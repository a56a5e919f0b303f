"""Notifications and each user's preferences for them.

A notification names what happened with codes and organisation names only (its `params`),
never a person: the same params fill the sentence shown under the bell and the e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.notifications import Delivery


class EmailState(models.TextChoices):
    NONE = "none", _("not e-mailed")
    PENDING = "pending", _("to be e-mailed")
    DIGEST = "digest", _("in the next daily digest")
    SENT = "sent", _("e-mailed")
    FAILED = "failed", _("e-mail failed, to be tried again")
    NO_ADDRESS = "no_address", _("no e-mail address")


# Bookkeeping of reading and sending is not a change of the notification itself.
@audited(exclude=("read_at", "email_state", "emailed_at", "email_attempts", "email_error"))
class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    # Codes (case code, report reference) and organisation names (keys ending in "_name").
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=12, choices=EmailState.choices, default=EmailState.NONE
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    email_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


@audited
class NotificationPreference(models.Model):
    """How one user wants to hear about one kind (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    delivery = models.CharField(_("e-mail"), max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
