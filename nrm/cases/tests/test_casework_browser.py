"""The case page's daily work in a real browser, at desktop and phone sizes: the responsible
worker, the assistance plan with its progress, a dated note, a document."""

import datetime

import pytest
from django.utils import timezone

from nrm.cases.models import CasePlan
from nrm.cases.services import case_create
from nrm.conftest import sign_in
from nrm.core.roles import Role
from nrm.documents.models import Document
from nrm.documents.tests.conftest import PDF
from nrm.testing.browser import shows
from nrm.testing.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.NRM_DOCUMENTS_DIR = tmp_path / "documents"


def walk_the_case_page(page, personas, orgs, tmp_path, size):
    page.set_default_timeout(30_000)  # a shared machine can be slow to start the server
    colleague = make_user(f"t_mira_{size}", orgs.safe_house, Role.CASE_WORKER, first_name="Mira")
    case = case_create(
        actor=personas.case_worker,
        identified_on=timezone.localdate() - datetime.timedelta(days=30),
        sex="female",
        age=16,
    )
    sign_in(page, personas.case_worker.username)
    page.goto(f"/cases/{case.code}/")

    # The responsible worker: a colleague, who is notified.
    page.locator("#id_worker").select_option(label="Mira")
    page.get_by_role("button", name="Assign").click()
    shows(page, "is now responsible for case")

    # The assistance plan: agreed, with a review date (which becomes a task).
    page.get_by_role("link", name="Draw up the assistance plan").first.click()
    page.get_by_label("Agreed with the person").check()
    page.get_by_label("Agreed on").fill(timezone.localdate().isoformat())
    review = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Review on").fill(review.isoformat())
    page.get_by_role("button", name="Save").click()
    shows(page, "A task to review it on")
    page.locator("#goal_text").fill("Safe accommodation")
    page.get_by_role("button", name="Add the goal").click()
    page.locator("#goal_text").fill("Back to school")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_role("button", name="Mark as achieved").first.click()
    shows(page, "1 of 2 steps done")

    # A dated note, signed.
    if not page.locator("#note_text").is_visible():
        page.get_by_text("Write a note").click()
    page.locator("#note_text").fill("Called the school: enrolment in September.")
    page.get_by_role("button", name="Add the note").click()
    shows(page, "Called the school")

    # A document.
    sample = tmp_path / f"consent-{size}.pdf"
    sample.write_bytes(PDF)
    page.get_by_text("Add a document").click()
    page.locator("#document_file").set_input_files(str(sample))
    page.get_by_role("button", name="Add the document").click()
    shows(page, "The document is added.")
    page.get_by_role("heading", name="Assistance plan").scroll_into_view_if_needed()
    assert CasePlan.objects.get(case=case).goals.count() == 2
    assert Document.objects.filter(owner_key=case.code).count() == 1
    assert colleague.case_assignments.filter(case=case).exists()


def test_the_case_page_at_desktop_size(page, personas, orgs, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 900})
    walk_the_case_page(page, personas, orgs, tmp_path, "desktop")


def test_the_case_page_on_a_phone(phone_page, personas, orgs, tmp_path):
    walk_the_case_page(phone_page, personas, orgs, tmp_path, "phone")
    # Nothing is wider than the screen.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
