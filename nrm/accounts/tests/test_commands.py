import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from nrm.accounts.models import User


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
