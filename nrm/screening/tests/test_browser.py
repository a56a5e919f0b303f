"""Browser journeys at phone size: screening in the field, the public report round trip and the
triage queue, each page checked with axe for accessibility."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from nrm.conftest import sign_in
from nrm.screening.models import PublicReport, Screening
from nrm.screening.services import report_reply
from nrm.testing.browser import shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()


def assert_accessible(page):
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


def answer(page, question, choice):
    """Pick Yes / No / Don't know for the question whose text starts with `question`."""
    group = page.locator("fieldset.question", has_text=question)
    group.get_by_text(choice, exact=True).click()


def test_a_field_officer_screens_on_a_phone_and_records_a_potential_victim(phone_page, personas):
    page = phone_page
    sign_in(page, personas.field_identifier.username)
    page.goto("/screening/new/")
    assert_accessible(page)
    page.get_by_text("Labour exploitation", exact=True).click()
    page.get_by_text("Adult", exact=True).click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/screening/new/labour/adult/")
    assert_accessible(page)
    for question in (
        "Was the person misled about the kind of work",
        "Was the person promised pay or earnings",
        "Does the person work very long days",
        "Is the person paid very little",
        "Does someone else hold the person's passport",
    ):
        answer(page, question, "Yes")
    answer(page, "Has the person been hit, hurt or sexually abused where they work", "No")
    page.locator(".sticky-actions").get_by_role("button", name="Show the result").click()
    result = page.locator("#result")
    expect(result.locator("h2")).to_contain_text("Insufficient information")
    expect(result).to_contain_text("Coercion at destination")
    assert not Screening.objects.exists()
    assert_accessible(page)

    answer(page, "Must the person work off a debt", "Yes")
    page.locator(".sticky-actions").get_by_role("button", name="Save the screening").click()
    page.wait_for_url(re.compile(r"/screening/S-\w+/"))
    expect(page.locator("#result h2")).to_contain_text("Trafficking")
    expect(page.get_by_role("link", name="Call 122")).to_be_visible()
    assert_accessible(page)

    page.locator("#id_sex").select_option("female")
    page.get_by_label("Age (if known or estimated)").fill("31")
    page.get_by_role("button", name="Record as a potential victim").click()
    shows(page, "is recorded")
    screening = Screening.objects.get()
    assert screening.case is not None and screening.case.status == "potential"
    shows(page, f"Case {screening.case.code} is recorded")


def test_the_public_report_and_follow_up_round_trip(phone_page, personas):
    page = phone_page
    page.goto("/public/")
    expect(page.get_by_role("link", name="0800 22 323")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Report anonymously").first.click()
    page.wait_for_url("**/public/report/")
    assert_accessible(page)
    page.get_by_text("Online recruitment", exact=True).click()
    page.get_by_label("What happened?").fill("A page offers jobs abroad and asks for 300 EUR.")
    page.get_by_role("button", name="Send the report").click()
    code = page.locator("#follow-up-code").inner_text().strip()
    assert len(code) == 19
    assert_accessible(page)
    report = PublicReport.objects.get()
    assert report.context == "online_recruitment"

    report_reply(actor=personas.coordinator, report=report, text="Thank you: do not pay anything.")

    page.get_by_role("link", name="Follow up a report").first.click()
    page.get_by_label("Your follow-up code").fill(code.lower())
    page.get_by_role("button", name="Open my report").click()
    expect(page.locator(".thread")).to_contain_text("Thank you: do not pay anything.")
    assert_accessible(page)
    page.get_by_label("What would you like to add?").fill("The page is called Jobs Abroad Fast.")
    page.get_by_role("button", name="Add to my report").click()
    shows(page, "Your information is added")
    expect(page.locator(".thread")).to_contain_text("Jobs Abroad Fast")
    assert code not in page.url


def test_the_self_check_on_a_phone(phone_page):
    page = phone_page
    page.goto("/public/self-check/")
    assert_accessible(page)
    answer(page, "Are you asked to pay for the job", "Yes")
    page.get_by_role("button", name="See what my answers show").click()
    result = page.locator("#result")
    expect(result).to_contain_text("Asks for a fee for the job, visa or travel")
    expect(result).to_contain_text("not proof")
    assert_accessible(page)


def test_a_coordinator_triages_a_report_on_a_phone(phone_page, personas, new_report):
    report, _code = new_report(child_involved="yes")
    page = phone_page
    sign_in(page, personas.coordinator.username)
    page.goto("/screening/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=report.reference).click()
    page.wait_for_url(f"**/{report.reference}/")
    assert_accessible(page)
    page.get_by_label("Message").fill("Thank you, the police are informed.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    page.get_by_label("Assign to").select_option(str(personas.field_identifier.pk))
    with page.expect_navigation():
        page.locator("form[action$='/assign/'] button").click()
    report.refresh_from_db()
    assert report.assigned_to == personas.field_identifier and report.status == "in_progress"
    expect(page.locator(".thread")).to_contain_text("Thank you, the police are informed.")


def test_quick_exit_leaves_and_back_does_not_return(phone_page, settings):
    settings.NRM_QUICK_EXIT_URL = "https://neutral.example/"
    phone_page.route(
        "https://neutral.example/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>weather</p>"),
    )
    phone_page.goto("/public/")
    phone_page.goto("/public/report/")
    phone_page.get_by_role("link", name="Leave this site quickly").click()
    phone_page.wait_for_url("https://neutral.example/")
    phone_page.go_back()
    assert "/public/report/" not in phone_page.url  # the report page was replaced in history
