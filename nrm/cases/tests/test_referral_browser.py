"""Browser: choosing the service lists the organisations that provide it first."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from nrm.cases.services import case_create
from nrm.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_the_service_lists_its_providers_first(page, personas, orgs):
    orgs.legal_aid.services = ["legal_aid"]
    orgs.legal_aid.save()
    orgs.safe_house.services = ["shelter"]
    orgs.safe_house.save()
    case = case_create(
        actor=personas.field_identifier,
        identified_on=datetime.date(2024, 3, 1),
        consent_referral=True,
    )
    sign_in(page, personas.field_identifier.username)
    page.goto(f"/cases/{case.code}/refer/")
    first_group = page.locator("#id_to_organisation optgroup").first
    assert first_group.get_attribute("label") == "They provide: shelter"
    with page.expect_response(lambda r: "/refer/organisations/" in r.url):
        page.get_by_label("Service needed").select_option("legal_aid")
    first_group = page.locator("#id_to_organisation optgroup").first
    # The response arrives before HTMX swaps the list in: wait for the swap itself.
    expect(first_group).to_have_attribute("label", "They provide: legal aid")
    assert first_group.locator("option").all_inner_texts() == ["Test Legal Aid"]
    page.get_by_label("Refer to").select_option(label="Test Legal Aid")
    page.get_by_label("Urgent: the person needs an answer within hours").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The case is referred to Test Legal Aid")).to_be_visible()
