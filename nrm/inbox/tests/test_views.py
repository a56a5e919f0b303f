"""The bell, the list, opening and reading, e-mail choices; nobody reads another's."""

import pytest

from nrm.inbox import services
from nrm.inbox.models import NotificationPreference

KIND = "cases.referral_received"


def tell(user, code="V-2024-0042"):
    return services.notify(
        actor=None,
        kind=KIND,
        recipients=[user],
        url="/cases/",
        params={"code": code, "sender_name": {"en": "Test Police Agency"}},
    )[0]


@pytest.mark.django_db
def test_the_bell_shows_the_unread_count_and_the_list_the_sentences(personas, client_for):
    tell(personas.case_worker)
    tell(personas.case_worker, "V-2024-0043")
    client = client_for(personas.case_worker)
    page = client.get("/").content.decode()
    assert 'class="bell__count">2' in page
    listing = client.get("/inbox/").content.decode()
    assert "Test Police Agency referred case V-2024-0042 to your organisation." in listing
    assert "notification--unread" in listing


@pytest.mark.django_db
def test_opening_marks_read_and_goes_to_the_page(personas, client_for):
    notification = tell(personas.case_worker)
    response = client_for(personas.case_worker).get(f"/inbox/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == "/cases/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_mark_one_and_all_as_read(personas, client_for):
    first, second = tell(personas.case_worker), tell(personas.case_worker)
    client = client_for(personas.case_worker)
    assert client.post(f"/inbox/{first.pk}/read/").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at and not second.read_at
    client.post("/inbox/read/")
    second.refresh_from_db()
    assert second.read_at
    assert "Nothing unread." in client.get("/inbox/?show=unread").content.decode()


@pytest.mark.django_db
def test_nobody_opens_or_reads_anothers_notification(personas, client_for):
    notification = tell(personas.case_worker)
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/inbox/{notification.pk}/").status_code == 404
    assert outsider.post(f"/inbox/{notification.pk}/read/").status_code == 404
    outsider.post("/inbox/read/")
    notification.refresh_from_db()
    assert notification.read_at is None
    assert "V-2024-0042" not in outsider.get("/inbox/").content.decode()


@pytest.mark.django_db
def test_reading_needs_a_post(personas, client_for):
    notification = tell(personas.case_worker)
    client = client_for(personas.case_worker)
    assert client.get(f"/inbox/{notification.pk}/read/").status_code == 405
    assert client.get("/inbox/read/").status_code == 405


@pytest.mark.django_db
def test_email_choices_per_kind(personas, client_for):
    client = client_for(personas.case_worker)
    page = client.get("/inbox/preferences/").content.decode()
    assert "A referral is received" in page
    assert "A report of yours is returned" not in page  # a partner's kind
    response = client.post("/inbox/preferences/", {KIND: "digest", "tasks.task_assigned": "off"})
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=personas.case_worker).values_list(
            "kind", "delivery"
        )
    ) == {KIND: "digest", "tasks.task_assigned": "off"}
    bad = client.post("/inbox/preferences/", {KIND: "hourly"})
    assert bad.status_code == 200 and "field-error" in bad.content.decode()


@pytest.mark.django_db
def test_pages_need_a_role(personas, client_for):
    client = client_for(personas.norole)
    for url in ("/inbox/", "/inbox/preferences/"):
        assert client.get(url).status_code == 403
