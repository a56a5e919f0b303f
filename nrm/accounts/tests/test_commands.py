import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from nrm.accounts.models import ApiToken, User


@pytest.mark.django_db
def test_token_create_prints_a_working_token(personas):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", "t_partner", "--name", "reporting", stdout=out, stderr=err)
    value = out.getvalue().strip()
    assert value.startswith("nrm_") and "not shown again" in err.getvalue()
    client = Client(headers={"Authorization": f"Bearer {value}"})
    assert client.get("/api/v1/me").json()["username"] == "t_partner"


@pytest.mark.django_db
def test_token_create_for_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("token", "create", "ghost")


@pytest.mark.django_db
def test_demo_is_idempotent_and_gives_one_account_per_role():
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())
    printed = out.getvalue()
    for username in (
        "coordinator",
        "caseworker",
        "fieldofficer",
        "monitor",
        "partner",
        "auditor",
        "admin",
    ):
        assert username in printed
        assert User.objects.filter(username=username).count() == 1
    assert "password: Demo-Referral-2024!" in printed
    assert User.objects.get(username="caseworker").check_password("Demo-Referral-2024!")


@pytest.mark.django_db
def test_tokens_expire_after_the_default_lifetime_shown_by_token_list(personas, settings):
    settings.NRM_API_TOKEN_DAYS = 90
    err = io.StringIO()
    call_command("token", "create", "t_partner", stdout=io.StringIO(), stderr=err)
    token = ApiToken.objects.get(user=personas.partner)
    assert token.expires_at is not None
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=89) < lifetime <= datetime.timedelta(days=90)
    expiry = f"{timezone.localtime(token.expires_at):%Y-%m-%d}"
    assert f"expires {expiry}" in err.getvalue()
    out = io.StringIO()
    call_command("token", "list", "t_partner", stdout=out)
    listed = out.getvalue().splitlines()
    assert listed[0].split("\t")[-1] == "expires"
    assert listed[1].split("\t")[-1].startswith(expiry) and "active" in listed[1]


@pytest.mark.django_db
def test_an_expired_token_is_refused(personas):
    out = io.StringIO()
    call_command("token", "create", "t_partner", stdout=out, stderr=io.StringIO())
    client = Client(headers={"Authorization": f"Bearer {out.getvalue().strip()}"})
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(user=personas.partner).update(expires_at=timezone.now())
    assert client.get("/api/v1/me").status_code == 401
    listed = io.StringIO()
    call_command("token", "list", "t_partner", stdout=listed)
    assert "revoked/expired" in listed.getvalue()


@pytest.mark.django_db
def test_every_demo_account_has_the_printed_password():
    from nrm.accounts.demo import ROLE_ACCOUNTS, load_demo

    load_demo()
    for account in ROLE_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password("Demo-Referral-2024!"), account.username
        assert not user.check_password("another password"), account.username
