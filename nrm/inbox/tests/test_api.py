"""/api/v1/notifications: one's own notifications and e-mail choices."""

import pytest
from django.test import Client

from nrm.inbox import services


def tell(user):
    return services.notify(
        actor=None,
        kind="cases.referral_received",
        recipients=[user],
        url="/cases/",
        params={"code": "V-2024-0042", "sender_name": {"en": "Test Police Agency"}},
    )[0]


@pytest.mark.django_db
def test_list_and_read_ones_notifications(personas, api_for):
    notification = tell(personas.case_worker)
    api = api_for(personas.case_worker)
    body = api.get("/api/v1/notifications?unread=true").json()
    assert body["count"] == 1 and body["unread"] == 1
    item = body["items"][0]
    assert item["text"] == "Test Police Agency referred case V-2024-0042 to your organisation."
    assert item["url"] == "/cases/" and item["read_at"] is None
    read = api.post(f"/api/v1/notifications/{notification.pk}/read")
    assert read.status_code == 200 and read.json()["read_at"]
    tell(personas.case_worker)
    assert api.post("/api/v1/notifications/read").json() == {"marked": 1}


@pytest.mark.django_db
def test_another_users_notification_is_not_found(personas, api_for):
    notification = tell(personas.case_worker)
    api = api_for(personas.outsider)
    assert api.get("/api/v1/notifications").json()["count"] == 0
    response = api.post(f"/api/v1/notifications/{notification.pk}/read")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_preferences_through_the_api(personas, api_for):
    api = api_for(personas.case_worker)
    kinds = {p["kind"]: p for p in api.get("/api/v1/notifications/preferences").json()}
    assert kinds["cases.referral_received"]["delivery"] == "immediate"
    changed = api.put(
        "/api/v1/notifications/preferences",
        {"cases.referral_received": "off"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert {p["kind"]: p["delivery"] for p in changed.json()}["cases.referral_received"] == "off"
    bad = api.put(
        "/api/v1/notifications/preferences",
        {"cases.referral_received": "sometimes"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "cases.referral_received" in bad.json()["error"]["fields"]


@pytest.mark.django_db
def test_the_api_needs_a_token_and_a_role(personas, api_for):
    assert Client().get("/api/v1/notifications").status_code == 401
    assert api_for(personas.norole).get("/api/v1/notifications").status_code == 403
