"""Small factories for tests and benchmarks (fictional data only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from nrm.accounts.models import Organisation, User
from nrm.core.vocabularies import Jurisdiction, OrganisationType

PASSWORD = "Test-Password-2024!"  # noqa: S105  (test users only)


def make_organisation(name: str, type: str = OrganisationType.NGO, **values: Any) -> Organisation:
    values.setdefault("jurisdiction", Jurisdiction.BIH)
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"type": type, **values}
    )
    return organisation


def make_user(username: str, organisation: Organisation | None, *roles: str, **values: Any) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, **values
    )
    if roles:
        user.groups.set(Group.objects.filter(name__in=roles))
    return user
