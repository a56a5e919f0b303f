"""`nrm notifications`: cron-friendly and idempotent."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nrm.cases.services import case_create
from nrm.inbox.models import Notification
from nrm.tasks.services import task_create


def run() -> str:
    out = StringIO()
    call_command("notifications", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_daily_round_tells_once_and_sends_one_digest(personas):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()
    case = case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="female"
    )
    task_create(
        actor=personas.case_worker,
        case=case,
        title="Call",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        assignee=personas.case_worker,
    )
    output = run()
    assert "notify_overdue_tasks: 1" in output and "digests sent: 1" in output
    assert Notification.objects.filter(kind="tasks.task_overdue").count() == 1
    assert len(mail.outbox) == 1 and case.code in mail.outbox[0].body
    again = run()
    assert "notify_overdue_tasks: 0" in again and "digests sent: 0" in again
    assert len(mail.outbox) == 1
