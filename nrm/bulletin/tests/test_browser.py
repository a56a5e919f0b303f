"""Browser journeys: the coordinator reviews the figures, composes, previews and publishes the
bulletin; anyone downloads it and reads the public statistics, on a phone too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nrm.bulletin.models import PublishedVersion
from nrm.conftest import sign_in
from nrm.testing.browser import serious_violations, shows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, locator):
    """Click something that loads a new page, and wait for it."""
    with page.expect_navigation():
        locator.click()


def test_the_coordinator_reviews_composes_previews_and_publishes(page, personas):
    sign_in(page, personas.coordinator.username)
    main = page.get_by_role("navigation", name="Main")
    go(page, main.get_by_role("link", name="Statistics"))
    page.get_by_label("Period").fill("2024")
    go(page, page.get_by_role("button", name="Show"))
    shows(page, "Figures for 1 January 2024 to 31 December 2024")
    assert serious_violations(page, context="main") == []

    go(page, main.get_by_role("link", name="Data quality"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Data-quality review")
    assert serious_violations(page, context="main") == []

    go(page, main.get_by_role("link", name="Bulletin"))
    page.get_by_label("Period").fill("2024-H2")
    go(page, page.get_by_role("button", name="Start"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bulletin 2024-H2")
    page.get_by_label("Introduction").fill("The second half of 2024 in figures.")
    go(page, page.get_by_role("button", name="Save the texts"))
    shows(page, "The texts are saved.")
    go(
        page,
        page.get_by_role("navigation", name="Language of the texts").get_by_role(
            "link", name="Српски"
        ),
    )
    page.get_by_label("Introduction").fill("Друга половина 2024. у бројевима.")
    go(page, page.get_by_role("button", name="Save the texts"))
    assert serious_violations(page, context="main") == []

    go(page, page.get_by_role("link", name="Preview (Српски)"))
    assert page.locator("article.bulletin").get_attribute("lang") == "sr"
    expect(page.get_by_role("heading", name="Полугодишњи билтен")).to_be_visible()
    shows(page, "Друга половина 2024. у бројевима.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "nrm-bulletin-2024-H2-draft-sr.pdf"

    go(page, page.get_by_role("link", name="Bulletin 2024-H2"))
    go(page, page.get_by_role("link", name="Publish…"))
    # The confirmation lists what is still open: here the texts not written in bs and hr.
    shows(page, "Introduction: not written in bs, hr")
    assert serious_violations(page, context="main") == []
    page.get_by_label("What this version is").fill("first edition")
    go(page, page.get_by_role("button", name="Publish as it is"))
    shows(page, "Version 1 of the bulletin for 2024-H2 is published.")
    assert PublishedVersion.objects.get().note == "first edition"


def test_anyone_reads_the_public_statistics_and_downloads_a_bulletin(phone_page, personas):
    page = phone_page
    page.goto("/public/statistics/?period=2024")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Trafficking in human beings: public statistics"
    )
    shows(page, "a number smaller than 5 is not shown")
    assert serious_violations(page, context="main") == []
    go(page, page.get_by_role("link", name="Published bulletins"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Published bulletins")
    shows(page, "No bulletin has been published yet.")
