import pytest
from django.test import Client

from nrm.testing.factories import PASSWORD


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(personas):
    client = Client()
    for _ in range(5):
        response = client.post(
            "/accounts/login/", {"username": "t_coordinator", "password": "wrong-password"}
        )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = client.post("/accounts/login/", {"username": "t_coordinator", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_successful_login_lands_on_home(personas):
    client = Client()
    response = client.post("/accounts/login/", {"username": "t_partner", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_no_inline_scripts_or_styles_in_the_layout(client):
    html = client.get("/accounts/login/").content.decode()
    assert "<script>" not in html and "style=" not in html and "<style" not in html
