"""Browser journeys: a monitor records a case; a coordinator reads one on a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from nrm.conftest import sign_in
from nrm.justice import services
from nrm.justice.models import CourtCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
d = datetime.date


def test_a_monitor_records_a_case_with_a_defendant_charge_and_verdict(page, personas):
    sign_in(page, personas.trial_monitor.username)
    page.locator(".site-nav__list").get_by_role("link", name="Trial monitoring").click()
    page.get_by_role("link", name="Start monitoring a case").click()
    page.get_by_label("Court").select_option("cantonal_mostar")
    page.get_by_label("Case number").fill("07 0 K 019654 24 K")
    page.get_by_label("Stage").select_option("final")
    page.get_by_label("Monitoring started on").fill("2024-03-04")
    page.get_by_label("Indictment filed on").fill("2024-02-15")
    page.get_by_label("sexual exploitation").check()
    page.get_by_role("button", name="Start monitoring").click()
    # The final decision's date is missing: the error names the field and nothing is saved.
    expect(page.locator("#id_final_decision_on_error")).to_be_visible()
    assert not CourtCase.objects.exists()
    page.get_by_label("First-instance verdict on").fill("2024-09-10")
    page.get_by_label("Final decision on").fill("2024-10-01")
    page.get_by_role("button", name="Start monitoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("07 0 K 019654 24 K")

    page.get_by_role("link", name="Add a defendant").click()
    page.get_by_label("Sex").select_option("male")
    page.get_by_label("Age", exact=True).fill("34")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a charge").click()
    page.get_by_label("Article").select_option("fbih:210a")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Court kept the charges").click()
    page.get_by_role("link", name="Record a verdict").click()
    page.get_by_label("Outcome").select_option("convicted")
    page.get_by_label("Date of the verdict").fill("2024-09-10")
    page.get_by_label("Imprisonment (months)").fill("42")
    page.get_by_role("button", name="Save").click()
    defendant = page.locator("article.defendant")
    expect(defendant).to_contain_text("Trafficking in human beings")
    expect(defendant).to_contain_text("3 years 6 months in prison")


def test_a_coordinator_reads_a_case_on_a_phone_without_edit_buttons(phone_page, personas):
    monitor = personas.trial_monitor
    court_case = services.court_case_create(
        actor=monitor, court="court_bih", case_number="S1 2 K 047093 24 K", stage="trial",
        monitoring_started_on=d(2024, 2, 5), indictment_filed_on=d(2024, 1, 22),
    )  # fmt: skip
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="female", age=30)
    for article in ("bih:186", "bih:186a", "bih:187"):
        services.charge_add(actor=monitor, defendant=defendant, article=article)
    services.hearing_add(
        actor=monitor, court_case=court_case, held_on=d(2024, 4, 17), notes="Trial opened."
    )
    sign_in(phone_page, personas.coordinator.username)
    phone_page.goto(f"/justice/{court_case.pk}/")
    expect(phone_page.get_by_role("heading", name="Defendant D1")).to_be_visible()
    expect(phone_page.get_by_text("Trial opened.")).to_be_visible()
    assert phone_page.get_by_role("link", name="Edit the case").count() == 0
    for url in (f"/justice/{court_case.pk}/", "/justice/", "/justice/figures/?period=2024"):
        phone_page.goto(url)
        widths = phone_page.evaluate(
            "[document.documentElement.scrollWidth,"
            " ...Array.from(document.querySelectorAll('table')).map(t => t.scrollWidth)]"
        )
        assert max(widths) <= 390, f"{url} scrolls sideways on a phone: {widths}"


def test_a_monitor_adds_a_hearing_on_a_phone(phone_page, personas):
    court_case = services.court_case_create(
        actor=personas.trial_monitor, court="basic_bd", case_number="96 0 K 153208 23 K",
        stage="trial", monitoring_started_on=d(2023, 10, 9), indictment_filed_on=d(2023, 9, 21),
    )  # fmt: skip
    sign_in(phone_page, personas.trial_monitor.username)
    phone_page.goto(f"/justice/{court_case.pk}/")
    phone_page.get_by_role("link", name="Add a hearing").click()
    phone_page.get_by_label("Date").fill("2024-04-03")
    phone_page.get_by_label("Outcome").select_option("postponed")
    phone_page.get_by_label("Notes").fill("Counsel did not appear.")
    phone_page.get_by_role("button", name="Save").click()
    expect(phone_page.get_by_text("Counsel did not appear.")).to_be_visible()
    assert court_case.hearings.get().outcome == "postponed"
