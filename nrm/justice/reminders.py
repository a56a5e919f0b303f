"""The daily reminder of hearings coming up (`nrm notifications`, idempotent)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from nrm.accounts.selectors import members_with_role
from nrm.inbox.services import notify, was_notified
from nrm.justice import rules
from nrm.justice.models import Hearing, HearingOutcome
from nrm.justice.notifications import HEARING_SOON

DAYS_AHEAD = 3


def notify_hearings_soon(now: datetime.datetime) -> int:
    """Tell the monitors of each scheduled hearing in the next days, once per hearing."""
    today = timezone.localdate(now)
    hearings = Hearing.objects.filter(
        outcome=HearingOutcome.SCHEDULED,
        held_on__gte=today,
        held_on__lte=today + datetime.timedelta(days=DAYS_AHEAD),
    ).select_related("court_case")
    told = 0
    for hearing in hearings:
        url = reverse("justice:detail", args=[hearing.court_case_id]) + f"#hearing-{hearing.pk}"
        if was_notified(kind=HEARING_SOON, url=url):
            continue
        notify(
            actor=None,
            kind=HEARING_SOON,
            recipients=members_with_role(
                organisation_id=hearing.court_case.monitoring_organisation_id,
                roles=rules.WRITE_ROLES,
            ),
            url=url,
            params={"number": hearing.court_case.case_number, "day": hearing.held_on.isoformat()},
        )
        told += 1
    return told
