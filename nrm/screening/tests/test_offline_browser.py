"""The offline application in a browser: offline, a field officer screens and records a
potential victim; back online exactly one case exists, even when a first send is lost; a
second device's change of the same case is reported, never overwritten."""

from typing import Any

import pytest
from playwright.sync_api import expect

from nrm.cases.models import VictimCase
from nrm.conftest import sign_in
from nrm.screening.models import Screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
READ_QUEUE = """() => new Promise((ok) => {
  const open = indexedDB.open('nrm-field', 1);
  open.onsuccess = () => {
    const all = open.result.transaction('queue').objectStore('queue').getAll();
    all.onsuccess = () => ok(all.result.map(
      (item) => JSON.stringify(Object.keys(item)) + (item.data instanceof ArrayBuffer)));
  };
})"""


def open_app(browser, live_server, user):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, user.username)
    page.goto("/screening/offline/")
    page.wait_for_selector("#offline-app[data-ready=true]")
    page.wait_for_selector("#offline-app[data-controlled=true]")
    return context, page


def fill_screening(page, case_value=""):
    page.select_option("#offline-plan", label="labour exploitation, adult")
    for question in (
        "Was the person misled about the kind of work",
        "Does the person work very long days",
        "Does someone else hold the person's passport",
    ):
        page.locator("fieldset.question", has_text=question).get_by_text("Yes", exact=True).click()
    page.check("input[name=record]")
    if case_value:
        page.select_option("#offline-case", case_value)


def test_offline_screening_and_record_then_online_gives_exactly_one_case(
    browser, live_server, personas
):
    context, page = open_app(browser, live_server, personas.field_identifier)
    context.set_offline(True)
    page.reload()  # served by the service worker, with the cached questions
    page.wait_for_selector("#offline-app[data-ready=true]")
    fill_screening(page)
    page.select_option("#offline-sex", "female")
    page.fill("#offline-age", "34")
    page.get_by_role("button", name="Keep and send").click()
    page.wait_for_selector("text=Waiting to be sent: 1")
    # Nothing readable is kept: the queued item is ciphertext.
    kept = page.evaluate(READ_QUEUE)
    assert len(kept) == 1 and "answers" not in kept[0] and kept[0].endswith("true")
    assert not Screening.objects.exists()

    # Back online, the first answer is lost on the way: the retry sends the same key.
    sent: list[Any] = []

    def lose_first_answer(route):
        if not sent:
            sent.append(route.fetch())
            route.abort()
        else:
            route.continue_()

    page.route("**/api/v1/screenings/submit", lose_first_answer)
    context.set_offline(False)
    page.get_by_role("button", name="Send now").click()
    page.wait_for_selector("#offline-app[data-rounds]")  # a first round of sending is over
    assert len(sent) == 1 and sent[0].status == 201  # stored, but the device never heard it
    page.get_by_role("button", name="Send now").click()
    page.wait_for_selector("text=Waiting to be sent: 0")
    page.wait_for_selector("#offline-status:has-text('Sent: screening')")
    assert Screening.objects.count() == 1 and VictimCase.objects.count() == 1
    case = VictimCase.objects.get()
    assert case.status == "potential" and case.sex == "female"
    assert Screening.objects.get().case == case
    context.close()


def test_a_second_devices_change_of_the_case_is_reported_not_overwritten(
    browser, live_server, personas, new_case
):
    case = new_case(personas.field_identifier, sex="female")
    seen = f"{case.code}|{case.version}"
    first, device_a = open_app(browser, live_server, personas.field_identifier)
    first.set_offline(True)
    fill_screening(device_a, seen)
    device_a.select_option("#offline-sex", "male")
    device_a.get_by_role("button", name="Keep and send").click()
    device_a.wait_for_selector("text=Waiting to be sent: 1")

    second, device_b = open_app(browser, live_server, personas.field_identifier)
    fill_screening(device_b, seen)
    device_b.select_option("#offline-sex", "other")
    device_b.get_by_role("button", name="Keep and send").click()
    device_b.wait_for_selector("#offline-status:has-text('Sent: screening')")
    case.refresh_from_db()
    assert case.sex == "other"

    first.set_offline(False)
    device_a.get_by_role("button", name="Send now").click()
    conflict = device_a.locator(".queue-item--conflict")
    conflict.wait_for()
    expect(conflict).to_contain_text("changed on the server")
    case.refresh_from_db()
    assert case.sex == "other"  # device B's change stands
    assert Screening.objects.count() == 1
    conflict.get_by_role("button", name="Discard").click()
    device_a.wait_for_selector(".queue-item--conflict", state="detached")
    first.close()
    second.close()


def test_the_new_pages_are_accessible(browser, live_server, personas):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = open_app(browser, live_server, personas.field_identifier)
    page.select_option("#offline-plan", label="labour exploitation, adult")
    for url in (
        None,
        "/screening/triage/",
        "/screening/new/sexual/child/",
        "/screening/new/labour/adult/?interviewee=ar",
    ):
        if url:
            page.goto(url)
        results = axe.run(page)
        assert results.violations_count == 0, (url, results.generate_report())
    context.close()
