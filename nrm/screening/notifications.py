"""What the screening app notifies about (nrm.core.notifications): anonymous public reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

REPORT_RECEIVED = "screening.report_received"
REPORT_INFORMATION_ADDED = "screening.report_information_added"

KINDS = [
    NotificationKind(
        REPORT_RECEIVED,
        _("A public report needs triage"),
        _("A new anonymous report, %(reference)s, needs triage."),
        _("A new anonymous report, %(reference)s, needs triage."),
        Delivery.IMMEDIATE,
        (Role.COORDINATOR,),
    ),
    NotificationKind(
        REPORT_INFORMATION_ADDED,
        _("A reporter adds information"),
        _("The reporter of %(reference)s added information: read it and reply."),
        _("The reporter of %(reference)s added information: read it and reply."),
        Delivery.IMMEDIATE,
        (Role.COORDINATOR, Role.FIELD_IDENTIFIER),
    ),
]
