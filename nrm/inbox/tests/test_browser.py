"""Browser walks: each role's home page at desktop and phone sizes; the bell; accepting from
the referral page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nrm.cases.services import case_create, referral_create
from nrm.conftest import sign_in
from nrm.inbox import services as inbox
from nrm.tasks.services import task_create
from nrm.testing.browser import serious_violations, shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["case_worker", "coordinator", "field_identifier", "trial_monitor", "partner", "auditor",
         "admin"]  # fmt: skip


@pytest.fixture
def waiting(personas, orgs):
    """Something waiting for several roles: an urgent referral, a task, notifications."""
    case = case_create(
        actor=personas.field_identifier,
        identified_on=datetime.date(2024, 3, 1),
        sex="female",
        consent_referral=True,
    )
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        urgent=True,
        note="Needs a place tonight.",
    )
    held = case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="male"
    )
    task_create(
        actor=personas.case_worker,
        case=held,
        title="Call the school",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        assignee=personas.case_worker,
    )
    for user in (personas.trial_monitor, personas.partner, personas.auditor, personas.admin):
        inbox.notify(
            actor=None,
            kind="accounts.sign_in_locked"
            if user in (personas.auditor, personas.admin)
            else "activities.report_approved"
            if user == personas.partner
            else "justice.hearing_soon",
            recipients=[user],
            url="/",
            params={"count": 5, "number": "S1 2 K 000001 24 K", "day": "2026-12-09"},
        )
    return referral


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_home_page_at_desktop_and_phone_sizes(page, phone_page, personas, waiting, role):
    user = getattr(personas, role)
    for browser_page in (page, phone_page):
        sign_in(browser_page, user.username)
        expect(browser_page.get_by_role("heading", level=1)).to_have_text(re.compile("^Welcome"))
        expect(browser_page.get_by_role("heading", name="Where to go")).to_be_visible()
        assert no_sideways_scroll(browser_page), role
        assert serious_violations(browser_page, context="main") == []
    if role == "case_worker":
        item = page.locator(".queue-item--urgent").first
        assert waiting.case.code in item.inner_text()
        expect(item).to_contain_text("urgent")
        expect(page.locator(".queue-item--overdue", has_text="Call the school")).to_be_visible()


def test_the_case_worker_accepts_from_the_home_page_and_the_sender_hears(page, personas, waiting):
    sign_in(page, personas.case_worker.username)
    page.get_by_role("link", name=f"Case {waiting.case.code} · shelter").click()
    expect(page.get_by_text("Needs a place tonight.")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Accept").first.click()
    shows(page, f"You accepted the referral of case {waiting.case.code}")
    page.goto("/")
    assert page.locator(".queue", has_text="Referrals waiting").count() == 0
    page.context.clear_cookies()
    sign_in(page, personas.field_identifier.username)
    expect(page.locator(".bell__count")).to_have_text(re.compile("^1"))
    page.locator(".bell").click()
    expect(page.get_by_text(f"accepted the referral of case {waiting.case.code}")).to_be_visible()
