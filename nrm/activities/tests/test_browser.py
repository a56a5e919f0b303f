"""Browser journeys: a partner reports and submits, the coordinator reviews and links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nrm.activities.models import Activity, JointEvent
from nrm.conftest import sign_in
from nrm.testing.browser import serious_violations, shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_reports_confirms_odd_figures_and_submits(page, personas):
    sign_in(page, personas.partner.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Activities").click()
    page.get_by_role("link", name="Report an activity").click()
    page.get_by_label("Type").select_option("campaign")
    page.get_by_label("Title in English").fill("Digital awareness-raising campaign")
    page.get_by_label("Title in Bosnian").fill("Digitalna kampanja podizanja svijesti")
    page.locator("#id_start_date").fill("2024-10-01")
    page.locator("#id_end_date").fill("2024-12-31")
    page.locator("#id_places-0-online").check()
    page.get_by_label("People reached").fill("1194614")
    page.get_by_label("Women reached", exact=True).fill("700181")
    page.get_by_label("Men reached", exact=True).fill("662547")
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Please check these figures")
    shows(page, "more than the 1,194,614 people reached")
    assert not Activity.objects.exists()
    assert serious_violations(page) == []
    page.get_by_label("These figures are correct as reported").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digital awareness-raising campaign")
    shows(page, "1 figure does not add up")
    page.get_by_role("button", name="Submit to the coordinator").click()
    shows(page, "submitted to the coordinator")
    assert Activity.objects.get().status == "submitted"


def test_the_form_adds_session_rows(page, personas):
    sign_in(page, personas.partner.username)
    page.goto("/activities/new/")
    rows = page.locator("[data-formset='sessions'] [data-formset-row]")
    assert rows.count() == 1
    page.get_by_role("button", name="Add another session").click()
    assert rows.count() == 2
    assert page.locator("#id_sessions-TOTAL_FORMS").input_value() == "2"
    assert page.evaluate("document.activeElement.id") == "id_sessions-1-label"


def test_the_coordinator_links_the_symposium_reports_on_the_review_screen(page, personas, report):
    coe = report(personas.other_partner, status="submitted", participants_total=39)
    osce = report(personas.coordinator, status="submitted", participants_total=31)
    iom = report(
        personas.partner,
        status="submitted",
        participants_total=31,
        titles={"en": "Panel II at the XVII Prosecutorial Symposium"},
    )
    sign_in(page, personas.coordinator.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Activity review").click()
    shows(page, "3 activities wait for review")
    card = page.locator(f"#activity-{iom.pk}")
    expect(card).to_contain_text("Possibly the same event as 2 other reports")
    assert card.locator(f"input[name=counted][value='{coe.pk}']").is_checked()  # the largest
    assert serious_violations(page) == []
    card.get_by_role("button", name="Link as one event").click()
    shows(page, "linked as one event")
    event = JointEvent.objects.get()
    assert event.counted_report_id == coe.pk
    assert set(event.reports.values_list("pk", flat=True)) == {coe.pk, osce.pk, iom.pk}
    expect(page.locator("body")).not_to_contain_text("Possibly the same event")


def test_the_review_screen_fits_a_phone(phone_page, personas, report):
    report(personas.other_partner, status="submitted", participants_total=39)
    report(
        personas.partner,
        status="submitted",
        participants_total=31,
        participants_women=20,
        participants_men=20,
    )
    sign_in(phone_page, personas.coordinator.username)
    phone_page.goto("/activities/review/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    expect(phone_page.get_by_role("button", name="Approve").first).to_be_visible()


def test_a_partner_cannot_open_another_partners_draft(page, personas, report):
    draft = report(personas.other_partner, titles={"en": "Secret draft"})
    sign_in(page, personas.partner.username)
    response = page.goto(f"/activities/{draft.pk}/")
    assert response.status == 404
    page.goto("/activities/?scope=all")
    expect(page.locator("body")).not_to_contain_text("Secret draft")
