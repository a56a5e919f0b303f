import pytest
from django.utils.formats import date_format
from django.utils.timezone import localtime

from nrm.accounts.services import token_create


@pytest.mark.django_db
def test_profile_saves_the_preferred_language(client_for, personas):
    client = client_for(personas.partner)
    response = client.post("/accounts/profile/", {"form": "language", "language": "hr"})
    assert response.status_code == 302
    personas.partner.refresh_from_db()
    assert personas.partner.language == "hr"
    assert response.cookies["django_language"].value == "hr"


@pytest.mark.django_db
def test_preferred_language_applies_at_the_next_sign_in(client_for, personas):
    personas.partner.language = "sr"
    personas.partner.save()
    response = client_for(personas.partner).get("/")
    assert response["Content-Language"] == "sr"


@pytest.mark.django_db
def test_session_language_switch(client):
    response = client.post("/language/", {"language": "sr-latn", "next": "/accounts/login/"})
    assert response.status_code == 303 and response["Location"] == "/accounts/login/"
    assert client.get("/accounts/login/")["Content-Language"] == "sr-latn"
    assert client.post("/language/", {"language": "xx"}).status_code == 400
    # An outside address is never followed.
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_password_change_checks_the_old_password_and_strength(client_for, personas):
    client = client_for(personas.partner)
    response = client.post(
        "/accounts/profile/",
        {"form": "password", "old_password": "wrong", "new_password": "Another-Long-Pass-77"},
    )
    assert "This is not your current password." in response.content.decode()
    response = client.post(
        "/accounts/profile/",
        {"form": "password", "old_password": "Test-Password-2024!", "new_password": "short"},
    )
    assert "too short" in response.content.decode()


@pytest.mark.django_db
def test_a_user_revokes_only_their_own_token(client_for, personas):
    token, _ = token_create(actor=None, user=personas.coordinator, name="x")
    response = client_for(personas.partner).post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    response = client_for(personas.coordinator).post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_the_profile_shows_when_each_token_expires(client_for, personas, settings):
    settings.NRM_API_TOKEN_DAYS = 90
    token, _ = token_create(actor=None, user=personas.partner, name="reporting")
    html = client_for(personas.partner).get("/accounts/profile/").content.decode()
    assert token.expires_at is not None
    expiry = date_format(localtime(token.expires_at), "SHORT_DATE_FORMAT")
    assert "Expires" in html and expiry in html


@pytest.mark.django_db
def test_organisation_directory_filters(client_for, personas):
    response = client_for(personas.case_worker).get("/accounts/organisations/?type=safe_house")
    html = response.content.decode()
    assert "Test Safe House" in html and "Test Partner IO" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    ["coordinator", "case_worker", "field_identifier", "trial_monitor", "partner", "auditor"],
)
def test_only_administrators_reach_the_admin_site(client_for, personas, persona):
    response = client_for(getattr(personas, persona)).get("/admin/accounts/user/")
    assert response.status_code in (302, 403)
    assert client_for(personas.admin).get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
def test_only_auditors_read_the_audit_trail(client_for, personas):
    for persona in ("coordinator", "case_worker", "admin", "partner"):
        assert client_for(getattr(personas, persona)).get("/audit/").status_code == 403
    response = client_for(personas.auditor).get("/audit/?view=changes")
    assert response.status_code == 200
    assert client_for(personas.auditor).get("/audit/?view=access").status_code == 200
