"""What the tasks app notifies about (nrm.core.notifications)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.tasks.rules import TASK_ROLES

TASK_ASSIGNED = "tasks.task_assigned"
TASK_OVERDUE = "tasks.task_overdue"

KINDS = [
    NotificationKind(
        TASK_ASSIGNED,
        _("A task is given to you"),
        _("A task on case %(code)s is given to you, due %(due)s."),
        _("A task on case %(code)s is given to you, due %(due)s."),
        Delivery.IMMEDIATE,
        TASK_ROLES,
    ),
    NotificationKind(
        TASK_OVERDUE,
        _("A task is overdue"),
        _("A task on case %(code)s was due %(due)s and is not done."),
        _("A task on case %(code)s was due %(due)s and is not done."),
        Delivery.DIGEST,
        TASK_ROLES,
    ),
]
