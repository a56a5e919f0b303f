"""Home pages are work queues: what waits, how long, what to do; fixed query cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nrm.cases.models import ReferralStatus
from nrm.inbox.models import Notification


def count_queries(client, url="/"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_case_workers_home_lists_the_referrals_waiting_with_their_age(
    personas, client_for, referred
):
    urgent, ordinary = referred(1, urgent=True)[0], referred(1)[0]
    page = client_for(personas.case_worker).get("/").content.decode()
    assert "Referrals waiting for your answer" in page
    assert urgent.case.code in page and ordinary.case.code in page
    # Urgent on top, each with what to do and how long it waits.
    assert page.index(urgent.case.code) < page.index(ordinary.case.code)
    assert "Accept or decline" in page
    assert "minute ago" in page or "minutes ago" in page
    assert "urgent" in page


@pytest.mark.django_db
def test_accepting_removes_it_from_the_queue_and_notifies_the_sender(
    personas, client_for, referred
):
    referral = referred()[0]
    worker = client_for(personas.case_worker)
    response = worker.post(
        f"/cases/referrals/{referral.pk}/accept/", {"version": referral.version}, follow=True
    )
    page = response.content.decode()
    assert f"You accepted the referral of case {referral.case.code} from" in page
    home = worker.get("/").content.decode()
    assert "Referrals waiting for your answer" not in home.split("Nothing waiting in:")[0]
    told = Notification.objects.get(kind="cases.referral_accepted")
    assert told.recipient == personas.field_identifier
    assert told.url == f"/cases/referrals/{referral.pk}/"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    # The first contact is now the worker's task, due in two days.
    assert "First contact with the person (within 48 hours)" in home


@pytest.mark.django_db
def test_overdue_referrals_stand_out(personas, client_for, referred):
    referral = referred()[0]
    type(referral).objects.filter(pk=referral.pk).update(
        created_at=referral.created_at.replace(year=2024)
    )
    page = client_for(personas.case_worker).get("/").content.decode()
    assert "queue-item--overdue" in page and "overdue by" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    [
        "case_worker",
        "coordinator",
        "field_identifier",
        "trial_monitor",
        "partner",
        "auditor",
        "admin",
    ],
)
def test_every_role_has_a_home_page_of_queues(personas, client_for, persona):
    response = client_for(getattr(personas, persona)).get("/")
    assert response.status_code == 200
    assert "Where to go" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["case_worker", "coordinator", "field_identifier"])
def test_a_home_page_costs_the_same_queries_whatever_the_number_of_items(
    personas, client_for, referred, persona
):
    client = client_for(getattr(personas, persona))
    referred(1, urgent=True)
    client.get("/")  # warm the per-process caches (content types, translations)
    few = count_queries(client)
    referred(12)
    many = count_queries(client)
    assert few == many
