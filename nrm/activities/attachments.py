"""Documents on activities (agenda, photos of an event): this app's rules decide."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nrm.activities import rules, selectors
from nrm.activities.models import Activity
from nrm.core.errors import NotFound


class ActivityOwner:
    """Read by whoever reads the activity; added by its reporting organisation and the
    coordinator."""

    kind = "activity"
    label = _("activity")

    def get(self, *, actor: Any, key: str) -> Activity:
        if not key.isdigit():
            raise NotFound()
        return selectors.activity_get(actor=actor, pk=int(key))

    def key(self, record: Activity) -> str:
        return str(record.pk)

    def title(self, record: Activity) -> str:
        return f"activity {record.pk}"

    def url(self, record: Activity) -> str:
        return reverse("activities:detail", args=[record.pk])

    def can_attach(self, *, actor: Any, record: Activity) -> bool:
        return rules.is_system(actor) or rules.is_coordinator(actor) or rules.owns(actor, record)


ACTIVITY = ActivityOwner()
