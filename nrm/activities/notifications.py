"""What the activities app notifies about (nrm.core.notifications)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

REPORT_RETURNED = "activities.report_returned"
REPORT_SUBMITTED = "activities.report_submitted"
REPORT_APPROVED = "activities.report_approved"

KINDS = [
    NotificationKind(
        REPORT_RETURNED,
        _("A report of yours is returned"),
        _("The coordinator returned your activity report no. %(number)s: see what to correct."),
        _("The coordinator returned your activity report no. %(number)s: see what to correct."),
        Delivery.IMMEDIATE,
        (Role.PARTNER, Role.COORDINATOR),
    ),
    NotificationKind(
        REPORT_APPROVED,
        _("A report of yours is approved"),
        _("The coordinator approved your activity report no. %(number)s: it counts now."),
        _("The coordinator approved your activity report no. %(number)s."),
        Delivery.DIGEST,
        (Role.PARTNER, Role.COORDINATOR),
    ),
    NotificationKind(
        REPORT_SUBMITTED,
        _("An activity report is submitted for review"),
        _("%(reporter_name)s submitted activity report no. %(number)s for review."),
        _("Activity report no. %(number)s is submitted for review."),
        Delivery.DIGEST,
        (Role.COORDINATOR,),
    ),
]
