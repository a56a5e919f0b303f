"""What the activities app notifies about (nrm.core.notifications)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

REPORT_RETURNED = "activities.report_returned"
REPORT_SUBMITTED = "activities.report_submitted"

KINDS = [
    NotificationKind(
        REPORT_RETURNED,
        _("A report of yours is returned"),
        _("The coordinator returned your activity report %(record)s: see what to correct."),
        _("The coordinator returned your activity report %(record)s: see what to correct."),
        Delivery.IMMEDIATE,
        (Role.PARTNER, Role.COORDINATOR),
    ),
    NotificationKind(
        REPORT_SUBMITTED,
        _("An activity report is submitted for review"),
        _("%(reporter_name)s submitted activity report %(record)s for review."),
        _("Activity report %(record)s is submitted for review."),
        Delivery.DIGEST,
        (Role.COORDINATOR,),
    ),
]
