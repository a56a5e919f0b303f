import pytest
from django.test import Client

from nrm.testing.factories import PASSWORD, make_user


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


def _sign_in(address: str, username: str, password: str = "wrong-password") -> int:  # noqa: S107
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code


@pytest.mark.django_db
def test_a_locked_account_stays_locked_from_another_address(personas, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for number in range(5):
        _sign_in(f"198.51.100.{number + 1}", "t_coordinator")  # one address per attempt
    assert _sign_in("203.0.113.50", "t_coordinator", PASSWORD) == 429
    assert _sign_in("203.0.113.50", "t_partner", PASSWORD) == 302  # other accounts are not


@pytest.mark.django_db
def test_spraying_many_accounts_from_one_address_locks_the_address(personas, settings):
    settings.AXES_FAILURE_LIMIT, settings.NRM_LOGIN_ADDRESS_FAILURE_LIMIT = 5, 20
    accounts = [make_user(f"t_spray_{n}", personas.partner.organisation) for n in range(10)]
    answers = [
        _sign_in("198.51.100.66", account.username) for _round in range(4) for account in accounts
    ]
    assert 429 in answers  # 40 failures over 10 accounts, 4 each: the address is locked
    assert answers.index(429) == 19  # at NRM_LOGIN_ADDRESS_FAILURE_LIMIT (20)
    assert _sign_in("198.51.100.66", "t_partner", PASSWORD) == 429  # even a right password
    assert _sign_in("203.0.113.7", "t_partner", PASSWORD) == 302  # from elsewhere it works
    assert _sign_in("203.0.113.8", accounts[0].username, PASSWORD) == 302  # 4 failures: open


@pytest.mark.django_db
def test_a_successful_sign_in_does_not_reset_the_count_of_its_address(personas, settings):
    settings.AXES_FAILURE_LIMIT, settings.NRM_LOGIN_ADDRESS_FAILURE_LIMIT = 5, 20
    for number in range(19):
        _sign_in("198.51.100.9", f"ghost{number}")
    assert _sign_in("198.51.100.9", "t_partner", PASSWORD) == 302
    assert _sign_in("198.51.100.9", "ghost99") == 429  # the 20th failure from the address


@pytest.mark.django_db
def test_the_current_password_check_on_the_profile_page_is_throttled(client_for, personas):
    client = client_for(personas.partner)
    wrong = {"form": "password", "old_password": "guess", "new_password": "A-New-Long-Pass-42"}
    answers = [client.post("/accounts/profile/", wrong) for _ in range(6)]
    assert "This is not your current password." in answers[0].content.decode()
    assert answers[4].status_code == 429  # the fifth wrong guess locks the account
    right = {**wrong, "old_password": PASSWORD}
    response = client.post("/accounts/profile/", right)
    assert "the account is locked" in response.content.decode()
    personas.partner.refresh_from_db()
    assert personas.partner.check_password(PASSWORD)  # not changed
    assert (
        Client()
        .post("/accounts/login/", {"username": "t_partner", "password": PASSWORD})
        .status_code
        == 429
    )
