"""Browser journeys: an institution reports on its measure, the coordinator returns it; the
plan's page at desktop and phone size."""

from __future__ import annotations

from typing import Any

import pytest

from nrm.conftest import sign_in
from nrm.plans.models import MeasureReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page: Any) -> list[tuple[str, str]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["help"])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


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
    assert "Say why the measure is behind." in page.content()  # the reason is required
    page.get_by_label("Reason for delay").fill("The trainers were not available.")
    page.get_by_role("button", name="Send to the coordinator").click()
    assert "The report is sent to the coordinator." in page.content()
    report.refresh_from_db()
    assert (report.state, report.status) == ("submitted", "late")
    assert serious_violations(page) == []

    context = browser.new_context(base_url=live_server.url)
    coordinator = context.new_page()
    sign_in(coordinator, personas.coordinator.username)
    coordinator.goto(f"/plans/rounds/{open_round.pk}/")
    assert "Who has not reported" in coordinator.content()
    coordinator.get_by_role("link", name="1.1.1 Train officers").click()
    coordinator.get_by_label("What is to be corrected").fill("Attach the list of participants.")
    coordinator.get_by_role("button", name="Return", exact=True).click()
    assert "The report is returned to the institution." in coordinator.content()
    report.refresh_from_db()
    assert report.state == "returned"
    context.close()


def test_the_plan_page_fits_a_phone(
    phone_page: Any, personas: Any, small_plan: Any, open_round: Any
) -> None:
    sign_in(phone_page, personas.coordinator.username)
    phone_page.goto(f"/plans/{small_plan.plan.key}/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Test action plan"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert serious_violations(phone_page) == []
