"""What the plans app notifies about (nrm.core.notifications)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.plans.rules import REPORTER_ROLES

ROUND_OPENED = "plans.round_opened"
REPORT_SUBMITTED = "plans.report_submitted"
REPORT_RETURNED = "plans.report_returned"
REPORT_OVERDUE = "plans.report_overdue"

KINDS = [
    NotificationKind(
        ROUND_OPENED,
        _("Report on the action plan"),
        _("A reporting round of plan %(plan)s is open: report on your measures by %(due)s."),
        _("A reporting round of plan %(plan)s is open: report on your measures by %(due)s."),
        Delivery.IMMEDIATE,
        REPORTER_ROLES,
    ),
    NotificationKind(
        REPORT_SUBMITTED,
        _("A progress report was sent"),
        _("A report on measure %(measure)s of plan %(plan)s waits for your review."),
        _("A report on measure %(measure)s of plan %(plan)s waits for your review."),
        Delivery.DIGEST,
        REPORTER_ROLES,
    ),
    NotificationKind(
        REPORT_RETURNED,
        _("A progress report was returned"),
        _("Your report on measure %(measure)s of plan %(plan)s was returned: see the comment."),
        _("Your report on measure %(measure)s of plan %(plan)s was returned: see the comment."),
        Delivery.IMMEDIATE,
        REPORTER_ROLES,
    ),
    NotificationKind(
        REPORT_OVERDUE,
        _("An action-plan report is overdue"),
        _("Your report on measure %(measure)s of plan %(plan)s was due %(due)s and is not sent."),
        _("Your report on measure %(measure)s of plan %(plan)s was due %(due)s and is not sent."),
        Delivery.DIGEST,
        REPORTER_ROLES,
    ),
]
