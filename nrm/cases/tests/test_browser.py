"""The referral journey in a real browser: identification, referral, shelter, legal aid, and
the coordinator's pseudonymised view."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nrm.cases.models import VictimCase
from nrm.conftest import sign_in
from nrm.core.models import AccessEntry
from nrm.testing.browser import shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = ("Hana", "Putović")


def sign_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_from_identification_to_shelter_and_legal_aid(page, personas, orgs):
    identified_on = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()

    # A field identifier records a potential victim.
    sign_in(page, personas.field_identifier.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="Record a case").click()
    page.get_by_label("Date of identification").fill(identified_on)
    page.get_by_label("First name").fill(NAME[0])
    page.get_by_label("Last name").fill(NAME[1])
    page.get_by_label("Age at identification").fill("16")
    page.get_by_label("female", exact=True).check()
    page.get_by_label("Citizenship").select_option("BA")
    page.get_by_label("sexual exploitation").check()
    page.get_by_label("Consent to referral to services").select_option("yes")
    page.get_by_role("button", name="Record the case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("potential victim")
    heading = page.get_by_role("heading", level=1).inner_text()
    found = re.search(r"V-\d{4}-\d{4}", heading)
    assert found, heading
    code = found.group(0)
    assert "potential victim" in heading

    # ... and refers the case to a safe house.
    page.get_by_role("link", name="Refer", exact=True).click()
    page.get_by_label("Refer to").select_option(label=orgs.safe_house.name)
    page.get_by_label("Service needed").select_option("shelter")
    page.get_by_role("button", name="Save").click()
    shows(page, "The case is referred to Test Safe House")
    sign_out(page)

    # The safe house finds it in its inbox and accepts it (HTMX swaps the row).
    sign_in(page, personas.case_worker.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Referrals").click()
    row = page.locator("tr", has_text=code)
    page.once("dialog", lambda dialog: dialog.accept())  # "Accept the referral of ...?"
    row.get_by_role("button", name="Accept").click()
    page.locator(f"tr:has-text('{code}') .status--accepted").wait_for()
    row.get_by_role("link", name=code).click()

    # It records the stay and legal aid, and may see who the person is.
    page.get_by_role("link", name="Record a stay").click()
    page.get_by_label("From").fill(identified_on)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record services").click()
    page.get_by_label(re.compile("^Service")).select_option("legal_aid")
    page.get_by_label("Number of services").fill("2")
    page.get_by_role("button", name="Save").click()
    timeline = page.locator(".timeline").inner_text()
    assert "Arrived at Test Safe House" in timeline
    assert "2 services: legal aid" in timeline
    page.get_by_role("link", name="Show identifying data").click()
    page.locator("#identity dl").wait_for()
    assert " ".join(NAME) in page.locator("#identity").inner_text()
    assert AccessEntry.objects.filter(actor=personas.case_worker, object_label=code).exists()
    sign_out(page)

    # The coordinator oversees the case, pseudonymised.
    sign_in(page, personas.coordinator.username)
    page.goto(f"/cases/{code}/")
    content = page.content()
    assert "pseudonymised" in content
    assert NAME[0] not in content and NAME[1] not in content
    expect(page.locator(".timeline")).to_contain_text("Arrived at Test Safe House")
    assert page.goto(f"/cases/{code}/identity/").status == 403
    assert VictimCase.objects.get(code=code).stays.get().safe_house == orgs.safe_house


def test_a_case_is_recorded_on_a_phone(phone_page, personas):
    page = phone_page
    sign_in(page, personas.field_identifier.username)
    page.goto("/cases/new/")
    page.get_by_label("Date of identification").fill(timezone.localdate().isoformat())
    page.get_by_label("male", exact=True).check()
    page.get_by_label("forced begging").check()
    submit = page.get_by_role("button", name="Record the case")
    box = submit.bounding_box()
    assert box["width"] > 300  # a full-width button, easy to tap
    submit.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Case V-\d{4}-\d{4}"))
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
