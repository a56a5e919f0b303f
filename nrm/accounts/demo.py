"""Demo accounts: one per role, plus whatever other apps' demo loaders add (all fictional)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from nrm.accounts.models import User
from nrm.accounts.reference import load_organisations, organisation_by_key
from nrm.core.audit import audit_actor
from nrm.core.roles import Role, forget_roles


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation_key: str
    roles: tuple[str, ...]
    first_name: str
    last_name: str


ROLE_ACCOUNTS = [
    DemoAccount("coordinator", "mos", (Role.COORDINATOR,), "Demo", "Coordinator"),
    DemoAccount("caseworker", "emmaus", (Role.CASE_WORKER,), "Demo", "Case Worker"),
    DemoAccount("fieldofficer", "sipa", (Role.FIELD_IDENTIFIER,), "Demo", "Field Officer"),
    DemoAccount("monitor", "osce", (Role.TRIAL_MONITOR,), "Demo", "Trial Monitor"),
    DemoAccount("partner", "iom", (Role.PARTNER,), "Demo", "Partner"),
    DemoAccount("auditor", "mos", (Role.AUDITOR,), "Demo", "Auditor"),
    DemoAccount("admin", "mos", (Role.ADMIN,), "Demo", "Administrator"),
]

# Every demo account created in this process, in creation order (printed by `nrm demo`).
created_accounts: list[DemoAccount] = []


def ensure_demo_user(account: DemoAccount) -> User:
    """Create or refresh a demo account with the shared demo password (idempotent)."""
    organisation = organisation_by_key(account.organisation_key)
    with audit_actor(None, via="demo data"):
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "organisation": organisation,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": demo_email(account.username),
            },
        )
        if not user.email:  # demo data loaded before accounts had e-mail addresses
            user.email = demo_email(account.username)
            user.save(update_fields=["email"])
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=account.roles))
    forget_roles(user)
    if account not in created_accounts:
        created_accounts.append(account)
    return user


@functools.cache
def demo_password_hash() -> str:
    """The shared demo password, hashed once per process: hashing it for each of the two
    dozen accounts took a third of `nrm demo` (the password is printed for all to read)."""
    return make_password(settings.NRM_DEMO_PASSWORD)


def demo_email(username: str) -> str:
    """A fictional address (example.org is reserved for examples: nothing is delivered)."""
    return f"{username}@example.org"


def load_demo() -> None:
    load_organisations()
    for account in ROLE_ACCOUNTS:
        ensure_demo_user(account)


def account_summary() -> list[str]:
    """The demo accounts created in this process, as `nrm demo` prints them."""
    if not created_accounts:
        return []
    lines = ["", "Demo accounts (all fictional), password: " + settings.NRM_DEMO_PASSWORD]
    width = max(len(a.username) for a in created_accounts)
    for account in created_accounts:
        roles = ", ".join(account.roles)
        lines.append(f"  {account.username.ljust(width)}  {roles}  ({account.organisation_key})")
    return lines
