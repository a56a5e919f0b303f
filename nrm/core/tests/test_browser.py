"""Browser journeys through the shell: each role signs in and sees its menu; languages switch."""

import re

import pytest
from playwright.sync_api import expect

from nrm.conftest import sign_in
from nrm.testing.browser import shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The menu entries each role must see (and, by their absence, must not see).
EXPECTED_NAV = {
    "coordinator": {
        "Home",
        "Organisations",
        "Cases",
        "Referrals",
        "Tasks",
        "Activities",
        "Activity review",
        "Screening",
        "Public reports",
        "Trial monitoring",
        "Statistics",
        "Data quality",
        "Bulletin",
        "Exchange",
        "Action plans",
        "Retention and requests",
    },
    "case_worker": {
        "Home",
        "Organisations",
        "Cases",
        "Referrals",
        "Tasks",
        "Activities",
        "Screening",
        "Action plans",
    },
    "field_identifier": {
        "Home",
        "Organisations",
        "Cases",
        "Referrals",
        "Tasks",
        "Activities",
        "Screening",
        "Public reports",
        "Action plans",
    },
    "trial_monitor": {"Home", "Organisations", "Activities", "Trial monitoring", "Action plans"},
    "partner": {"Home", "Organisations", "Activities", "Action plans"},
    "auditor": {"Home", "Organisations", "Audit trail", "Action plans", "Retention and requests"},
    "admin": {"Home", "Organisations", "Users"},
}


def menu(page) -> set[str]:
    return set(page.locator(".site-nav__list a").all_inner_texts())


@pytest.mark.parametrize("role", sorted(EXPECTED_NAV))
def test_each_role_signs_in_and_sees_its_menu(page, personas, role):
    user = getattr(personas, role)
    sign_in(page, user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Welcome"))
    assert menu(page) == EXPECTED_NAV[role]


def test_language_switches_to_serbian_cyrillic_and_back(page, personas):
    sign_in(page, personas.coordinator.username)
    with page.expect_navigation():
        page.get_by_label("Language").select_option("sr")
    assert page.locator("html").get_attribute("lang") == "sr"
    sign_out = page.locator("form[action='/accounts/logout/'] button").inner_text()
    for text in (sign_out, " ".join(menu(page)), page.get_by_role("heading", level=1).inner_text()):
        assert any("\u0400" <= ch <= "\u04ff" for ch in text), text
    with page.expect_navigation():
        page.locator("#language-select").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_user_without_a_role_is_denied_everything_but_login(page, personas):
    sign_in(page, personas.norole.username)
    shows(page, "no role")
    for url in ("/", "/accounts/organisations/", "/audit/", "/accounts/profile/"):
        response = page.goto(url)
        assert response.status == 403, url
    assert page.goto("/accounts/login/").status == 200


def test_phone_layout_collapses_the_menu(phone_page, personas):
    sign_in(phone_page, personas.coordinator.username)
    toggle = phone_page.get_by_text("Menu")
    expect(toggle).to_be_visible()
    nav_link = phone_page.locator(".site-nav__list").get_by_role("link", name="Organisations")
    expect(nav_link).not_to_be_visible()
    toggle.click()
    expect(nav_link).to_be_visible()


def test_skip_link_is_the_first_stop(page, personas):
    sign_in(page, personas.partner.username)
    page.goto("/accounts/organisations/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
