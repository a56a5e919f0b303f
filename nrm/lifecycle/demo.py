"""Demo data of the data lifecycle (fictional): a legal hold for proceedings, an access request
waiting for its answer and a rectification answered."""

from __future__ import annotations

import datetime

from django.utils import timezone

from nrm.cases.models import VictimCase
from nrm.lifecycle.models import LegalHold, SubjectRequest
from nrm.lifecycle.services import legal_hold_place, subject_request_close, subject_request_create


def load_demo() -> None:
    cases = list(VictimCase.objects.exclude(person__match_index="").order_by("code")[:2])
    if len(cases) < 2 or LegalHold.objects.exists() or SubjectRequest.objects.exists():
        return
    held, asking = cases
    legal_hold_place(
        actor=None, case=held, reason="Criminal proceedings before the Court of BiH (fictional)"
    )
    today = timezone.localdate()
    subject_request_create(
        actor=None,
        case=asking,
        kind="access",
        received_on=today - datetime.timedelta(days=12),
        language="bs",
        details="The person asks for a copy of what is held about her.",
    )
    answered = subject_request_create(
        actor=None,
        case=asking,
        kind="rectification",
        received_on=today - datetime.timedelta(days=40),
        language="bs",
        details="The recorded place of birth is wrong.",
    )
    subject_request_close(actor=None, request=answered, outcome="The municipality was corrected.")
