"""What the justice app notifies about (nrm.core.notifications): hearings coming up."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

HEARING_SOON = "justice.hearing_soon"

KINDS = [
    NotificationKind(
        HEARING_SOON,
        _("A monitored hearing is coming up"),
        _("Hearing in %(number)s on %(day)s."),
        _("Hearing in court case %(number)s on %(day)s."),
        Delivery.DIGEST,
        (Role.TRIAL_MONITOR,),
    ),
]
