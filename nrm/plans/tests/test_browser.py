"""Browser journeys: an institution reports on its measure, the coordinator returns it; the
plan's page at desktop and phone size."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nrm.conftest import sign_in
from nrm.plans.models import MeasureReport
from nrm.testing.browser import serious_violations, shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_institution_reports_and_the_coordinator_returns(
    page: Any,
    browser: Any,
    live_server: Any,
    personas: Any,
    small_plan: Any,
    open_round: Any,
    orgs: Any,
) -> None:
    report = MeasureReport.objects.get(
        round=open_round, measure=small_plan.police_measure, organisation=orgs.police
    )
    sign_in(page, personas.field_identifier.username)
    page.goto(f"/plans/reports/{report.pk}/")
    page.get_by_label("State of the measure").select_option("late")
    page.get_by_label("What was done").fill("One course held out of four.")
    page.get_by_label("Officers trained").fill("25")
    page.get_by_role("button", name="Send to the coordinator").click()
    shows(page, "Say why the measure is behind.")  # the reason is required
    page.get_by_label("Reason for delay").fill("The trainers were not available.")
    page.get_by_role("button", name="Send to the coordinator").click()
    shows(page, "The report is sent to the coordinator.")
    report.refresh_from_db()
    assert (report.state, report.status) == ("submitted", "late")
    assert serious_violations(page) == []

    context = browser.new_context(base_url=live_server.url)
    coordinator = context.new_page()
    sign_in(coordinator, personas.coordinator.username)
    coordinator.goto(f"/plans/rounds/{open_round.pk}/")
    shows(coordinator, "Who has not reported")
    coordinator.get_by_role("link", name="1.1.1 Train officers").click()
    coordinator.get_by_label("What is to be corrected").fill("Attach the list of participants.")
    coordinator.get_by_role("button", name="Return", exact=True).click()
    shows(coordinator, "The report is returned to the institution.")
    report.refresh_from_db()
    assert report.state == "returned"
    context.close()


def test_the_plan_page_fits_a_phone(
    phone_page: Any, personas: Any, small_plan: Any, open_round: Any
) -> None:
    sign_in(phone_page, personas.coordinator.username)
    phone_page.goto(f"/plans/{small_plan.plan.key}/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Test action plan")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert serious_violations(phone_page) == []
