"""The API's token check (one written-out query) against the rule written with the ORM."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from nrm.accounts.models import ApiToken, User, hash_token
from nrm.accounts.selectors import user_for_token
from nrm.accounts.services import token_create
from nrm.core.roles import Role, forget_roles, roles_of

pytestmark = pytest.mark.django_db


def user_by_rule(value: str) -> User | None:
    """The rule as the ORM says it: a usable token of an active user."""
    token = ApiToken.objects.select_related("user").filter(digest=hash_token(value)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    return token.user


def roles_by_rule(user: User) -> frozenset[str]:
    fresh = User.objects.get(pk=user.pk)
    forget_roles(fresh)
    return roles_of(fresh)


@pytest.fixture
def tokens(personas):
    """Tokens of every persona in every state: usable, revoked, expired, expiring later,
    never expiring, and of a deactivated user; a user with a group that is no role and one
    holding administration with a case role (which never acts in the case role)."""
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    values = {}
    for name, user in personas.all().items():
        states: dict[str, dict[str, Any]] = {
            "usable": {},
            "revoked": {"revoked_at": now - hour},
            "expired": {"expires_at": now - hour},
            "later": {"expires_at": now + hour},
            "never": {"expires_at": None},
        }
        for state, changes in states.items():
            token, value = token_create(actor=None, user=user, name=f"{name} {state}")
            ApiToken.objects.filter(pk=token.pk).update(**changes)
            values[f"{name} {state}"] = value
    personas.partner.groups.add(Group.objects.create(name="newsletter"))
    personas.admin.groups.add(Group.objects.get(name=Role.CASE_WORKER))
    personas.auditor.is_active = False
    personas.auditor.save()
    values["unknown"] = "nrm_not-a-token"
    values["empty"] = ""
    return values


def test_the_token_check_finds_the_users_and_roles_of_the_orm_rule(tokens):
    for label, value in tokens.items():
        expected = user_by_rule(value)
        found = user_for_token(value)
        if expected is None:
            assert found is None, label
            continue
        assert found is not None, label
        assert found.pk == expected.pk, label
        assert found.roles == roles_by_rule(expected), label
        for field in User._meta.concrete_fields:
            assert getattr(found, field.attname) == getattr(expected, field.attname), (
                label,
                field.name,
            )
        assert found.organisation == expected.organisation, label


def test_the_token_check_holds_for_each_persona(tokens, personas):
    found = {label for label, value in tokens.items() if user_for_token(value) is not None}
    usable = {"usable", "later", "never"}
    expected = {
        f"{name} {state}" for name in personas.all() if name != "auditor" for state in usable
    }
    assert found == expected
    assert user_for_token(tokens["admin usable"]).roles == {Role.ADMIN}  # type: ignore[union-attr]
    assert user_for_token(tokens["partner usable"]).roles == {Role.PARTNER}  # type: ignore[union-attr]


def test_a_use_is_recorded_at_most_once_a_minute(personas):
    token, value = token_create(actor=None, user=personas.partner, name="x")
    assert token.last_used_at is None
    user_for_token(value)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < datetime.timedelta(seconds=30)
    user_for_token(value)
    token.refresh_from_db()
    assert token.last_used_at == first
    earlier = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    user_for_token(value)
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > earlier
