"""Fixtures shared by every app's tests: persona users, API clients, the browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from nrm.accounts.models import Organisation, User
from nrm.accounts.services import token_create
from nrm.core.roles import Role
from nrm.core.vocabularies import Jurisdiction, OrganisationType
from nrm.testing.factories import PASSWORD, make_organisation, make_user

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("NRM_CHROMIUM", "/usr/bin/chromium")


@dataclass
class Organisations:
    ministry: Organisation  # the State Coordinator's office
    police: Organisation
    safe_house: Organisation
    legal_aid: Organisation
    monitor: Organisation  # e.g. the OSCE Mission
    partner: Organisation  # e.g. IOM
    other_partner: Organisation  # e.g. the Council of Europe
    outsider: Organisation  # an NGO that nothing is ever shared with


@dataclass
class Personas:
    """One user per role, plus an outsider and a user without a role."""

    coordinator: User
    case_worker: User
    field_identifier: User
    trial_monitor: User
    partner: User
    auditor: User
    admin: User
    outsider: User  # a case worker of an unrelated organisation
    other_partner: User  # a partner of another organisation
    legal_aid_worker: User  # a case worker of a legal-aid provider
    norole: User

    def all(self) -> dict[str, User]:
        return dict(vars(self))


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request served in-process activates the
    reader's language for the thread (LocaleMiddleware, the user's preference), and it would
    otherwise stay active for the next test on that worker."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def orgs(db: Any) -> Organisations:
    return Organisations(
        ministry=make_organisation("Test Ministry of Security", OrganisationType.MINISTRY),
        police=make_organisation("Test Police Agency", OrganisationType.POLICE_AGENCY),
        safe_house=make_organisation(
            "Test Safe House", OrganisationType.SAFE_HOUSE, jurisdiction=Jurisdiction.FBIH
        ),
        legal_aid=make_organisation("Test Legal Aid", OrganisationType.LEGAL_AID_PROVIDER),
        monitor=make_organisation(
            "Test Monitoring Mission", OrganisationType.INTERNATIONAL_ORGANISATION
        ),
        partner=make_organisation("Test Partner IO", OrganisationType.INTERNATIONAL_ORGANISATION),
        other_partner=make_organisation("Test Other Partner", OrganisationType.NGO),
        outsider=make_organisation(
            "Test Outsider NGO", OrganisationType.NGO, jurisdiction=Jurisdiction.RS
        ),
    )


@pytest.fixture
def personas(orgs: Organisations) -> Personas:
    return Personas(
        coordinator=make_user("t_coordinator", orgs.ministry, Role.COORDINATOR),
        case_worker=make_user("t_case_worker", orgs.safe_house, Role.CASE_WORKER),
        field_identifier=make_user("t_field", orgs.police, Role.FIELD_IDENTIFIER),
        trial_monitor=make_user("t_monitor", orgs.monitor, Role.TRIAL_MONITOR),
        partner=make_user("t_partner", orgs.partner, Role.PARTNER),
        auditor=make_user("t_auditor", orgs.ministry, Role.AUDITOR),
        admin=make_user("t_admin", orgs.ministry, Role.ADMIN),
        outsider=make_user("t_outsider", orgs.outsider, Role.CASE_WORKER),
        other_partner=make_user("t_other_partner", orgs.other_partner, Role.PARTNER),
        legal_aid_worker=make_user("t_legal_aid", orgs.legal_aid, Role.CASE_WORKER),
        norole=make_user("t_norole", orgs.ministry),
    )


@pytest.fixture
def client_for(db: Any) -> Any:
    """client_for(user) -> a web client signed in as that user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for(db: Any) -> Any:
    """api_for(user) -> a client that sends that user's API token with every request."""

    def make(user: User) -> Client:
        _token, value = token_create(actor=None, user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {value}"})

    return make


@pytest.fixture(scope="session")
def demo_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The demo, loaded once per test process and kept as a copy of the database
    (nrm/testing/demo_database.py); the database is left empty."""
    from nrm.testing.demo_database import DemoDatabase

    with django_db_blocker.unblock():
        database = DemoDatabase()
    yield database
    with django_db_blocker.unblock():
        database.drop()


@pytest.fixture(scope="module")
def demo_module(demo_database: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo for a module's tests (each test still rolls back its own changes, as in
    Django's TestCase); the empty database again after them. Not for transactional tests,
    which restore `demo_database` themselves."""
    with django_db_blocker.unblock():
        demo_database.restore_demo()
    yield
    with django_db_blocker.unblock():
        demo_database.restore_empty()


# Browser tests: Playwright driving Debian's Chromium (no browser download).


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (make test installs it as root)"
        if IN_CI:
            pytest.fail(message + "; browser tests are required in CI")
        pytest.skip(message)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def signed_in() -> Any:
    """signed_in(page, user) signs that persona in through the login form."""

    def go(page: Any, user: User) -> Any:
        sign_in(page, user.username)
        return page

    return go


def pytest_runtest_setup(item: Any) -> None:
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of make test")
