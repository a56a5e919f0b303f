"""The demo shows daily work: the case worker of IFS-EMMAUS finds the referrals waiting for
the safe house, with their age, tasks due and unread notifications; accepting one tells SIPA."""

import pytest
from django.test import Client

from nrm.accounts.demo import load_demo as load_accounts
from nrm.cases.demo import load_demo as load_cases
from nrm.cases.models import Referral, ReferralStatus
from nrm.inbox.demo import load_demo as load_notifications
from nrm.inbox.models import Notification
from nrm.tasks.demo import load_demo as load_tasks
from nrm.testing.fixtures import loaded_once_per_module

demo_data = loaded_once_per_module(load_accounts, load_cases, load_tasks, load_notifications)


@pytest.fixture
def demo(demo_data, db):
    """The accounts, cases, tasks and notifications of the demo, loaded once for the module."""


def signed_in(username):
    from nrm.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
def test_the_case_workers_home_has_the_safe_houses_referrals_with_their_age(demo):
    home = signed_in("caseworker").get("/").content.decode()
    waiting = home.split("Referrals waiting for your answer")[1].split("</section>")[0]
    for code in ("V-2026-0001", "V-2026-0003"):
        assert f"Case {code} · shelter" in waiting
    assert "days ago" in waiting and "overdue by" in waiting and "urgent" in waiting
    assert waiting.index("V-2026-0001") < waiting.index("V-2026-0003")  # urgent on top
    assert "Your tasks due this week or overdue" in home
    assert 'class="bell__count">' in home


@pytest.mark.django_db
def test_accepting_in_the_demo_removes_it_and_tells_sipa(demo):
    referral = Referral.objects.get(
        case__code="V-2026-0001", to_organisation__short_name="IFS-EMMAUS"
    )
    worker = signed_in("caseworker")
    page = worker.post(
        f"/cases/referrals/{referral.pk}/accept/", {"version": referral.version}, follow=True
    ).content.decode()
    assert "You accepted the referral of case V-2026-0001 from SIPA. SIPA is notified" in page
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    home = worker.get("/").content.decode()
    waiting = home.split("Referrals waiting for your answer")[1].split("</section>")[0]
    assert "V-2026-0001" not in waiting
    told = Notification.objects.filter(
        kind="cases.referral_accepted", url=f"/cases/referrals/{referral.pk}/"
    )
    assert [n.recipient.username for n in told] == ["fieldofficer"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["caseworker", "fieldofficer", "legalaid"])
def test_demo_accounts_have_unread_notifications(demo, username):
    assert Notification.objects.filter(recipient__username=username, read_at__isnull=True)
