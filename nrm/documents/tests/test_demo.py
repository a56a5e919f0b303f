"""The demo shows casework: the case worker of IFS-EMMAUS is responsible for the safe house's
cases, one has an assistance plan in progress with notes and documents (generated files)."""

import pytest
from django.test import Client

from nrm.accounts.demo import load_demo as load_accounts
from nrm.accounts.models import User
from nrm.cases.demo import load_demo as load_cases
from nrm.cases.models import CaseAssignment, CaseNote
from nrm.documents import filetypes, storage
from nrm.documents.demo import demo_pdf, demo_png
from nrm.documents.demo import load_demo as load_documents
from nrm.documents.models import Document


@pytest.fixture
def demo(db):
    load_accounts()
    load_cases()
    load_documents()


def test_the_generated_files_are_what_they_claim():
    assert filetypes.detect(demo_pdf("Title", "line")) == filetypes.PDF
    assert filetypes.detect(demo_png()) == filetypes.PNG


@pytest.mark.django_db
def test_the_case_workers_home_and_case_page_show_the_casework(demo):
    client = Client()
    client.force_login(User.objects.get(username="caseworker"))
    home = client.get("/").content.decode()
    assigned = home.split("Cases assigned to you")[1].split("</section>")[0]
    assert "Case V-2025-0003" in assigned and "Review the plan with the person" in assigned
    page = client.get("/cases/V-2025-0003/").content.decode()
    assert "of 7 steps done" in page and "<progress" in page
    assert "Spoke with the school" in page
    assert "Consent to referral (signed).pdf" in page
    document = Document.objects.filter(owner_kind="case").first()
    assert document is not None
    assert b"%PDF" not in storage.stored_bytes(document.storage_name)


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    counts = (CaseAssignment.objects.count(), CaseNote.objects.count(), Document.objects.count())
    load_cases()
    load_documents()
    assert counts == (
        CaseAssignment.objects.count(),
        CaseNote.objects.count(),
        Document.objects.count(),
    )
