"""Photos beside activities: the coordinator chooses which; only photos attached to the
activities the bulletin reports (never a case's documents); shown in HTML, DOCX and PDF."""

from __future__ import annotations

import datetime
import io

import pytest
from auditlog.models import LogEntry
from docx import Document as read_docx

from nrm.activities import services as activity_services
from nrm.activities.tests.conftest import activity_data
from nrm.bulletin import selectors, services
from nrm.bulletin.document import ActivityEntry, Bulletin
from nrm.bulletin.render_docx import render_docx
from nrm.bulletin.render_html import render_html
from nrm.bulletin.render_pdf import render_pdf
from nrm.cases.services import case_create
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.documents import services as documents
from nrm.documents.demo import demo_png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.NRM_DOCUMENTS_DIR = tmp_path / "documents"


@pytest.fixture
def edition(personas):
    return services.edition_create(actor=personas.coordinator, period="2024-H2")


@pytest.fixture
def activity(personas):
    data = activity_data(titles={"en": "Training of labour inspectors"})
    activity = activity_services.activity_create(actor=personas.partner, data=data)
    activity = activity_services.activity_submit(actor=personas.partner, activity=activity)
    return activity_services.activity_approve(actor=None, activity=activity)


def attach(actor, record, kind="activity", name="photo.png", description=""):
    return documents.document_add(
        actor=actor,
        owner_kind=kind,
        record=record,
        filename=name,
        data=demo_png(),
        description=description,
    )


def choose(personas, edition, *photos):
    return services.edition_choose_photos(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        documents=[p.pk for p in photos],
    )


def draft(personas, edition) -> Bulletin:
    return selectors.draft_document(actor=personas.coordinator, edition=edition, language="en")


def test_a_chosen_photo_is_shown_in_html_docx_and_pdf_and_an_unchosen_one_is_not(
    personas, edition, activity
):
    chosen = attach(personas.partner, activity, description="Inspectors at the training")
    attach(personas.partner, activity, name="other.png", description="Coffee break")
    plain = draft(personas, edition)
    edition = choose(personas, edition, chosen)
    document = draft(personas, edition)

    html = render_html(document).decode()
    assert '<img class="b-photo" src="data:image/png;base64,' in html
    assert 'alt="Inspectors at the training"' in html
    assert "Coffee break" not in html

    shapes = read_docx(io.BytesIO(render_docx(document))).inline_shapes
    assert len(shapes) == len(read_docx(io.BytesIO(render_docx(plain))).inline_shapes) + 1

    pdf = render_pdf(document)
    assert pdf.count(b"/Subtype /Image") > render_pdf(plain).count(b"/Subtype /Image")

    # A published version keeps the photo itself: it is rebuilt exactly from the stored JSON.
    again = Bulletin.from_dict(document.to_dict())
    assert render_html(again) == render_html(document)


def test_a_case_document_can_never_be_chosen(personas, edition, activity):
    case = case_create(
        actor=personas.case_worker,
        identified_on=datetime.date(2024, 8, 1),
        sex="female",
        consent_referral=True,
    )
    scan = attach(personas.case_worker, case, kind="case", name="scan.png")
    assert scan.pk not in {
        p.document for p in selectors.photo_choices(actor=personas.coordinator, edition=edition)
    }
    with pytest.raises(ValidationError) as error:
        choose(personas, edition, scan)
    assert "photos" in error.value.fields
    blocks = [b for s in draft(personas, edition).sections for b in s.blocks]
    assert all(not getattr(b, "photos", []) for b in blocks)


def test_only_the_coordinator_chooses_photos_and_the_choice_is_audited(personas, edition, activity):
    photo = attach(personas.partner, activity)
    with pytest.raises(PermissionDenied):
        services.edition_choose_photos(
            actor=personas.partner,
            edition=edition,
            expected_version=edition.version,
            documents=[photo.pk],
        )
    choose(personas, edition, photo)
    entry = LogEntry.objects.get_for_object(edition).order_by("-timestamp").first()
    assert entry.actor == personas.coordinator
    assert "photos" in entry.changes_dict


def test_the_compose_page_lists_the_photos_to_choose(personas, client_for, edition, activity):
    photo = attach(personas.partner, activity, description="Inspectors at the training")
    client = client_for(personas.coordinator)
    page = client.get("/bulletin/2024-H2/").content.decode()
    assert "Inspectors at the training" in page
    response = client.post(
        "/bulletin/2024-H2/photos/", {"version": edition.version, "photos": [photo.pk]}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.photos == [photo.pk]


def test_a_photo_of_a_linked_report_shows_under_the_event_s_one_entry(personas, edition, activity):
    data = activity_data(titles={"en": "Training of labour inspectors (co-organiser)"})
    other = activity_services.activity_create(actor=personas.other_partner, data=data)
    other = activity_services.activity_submit(actor=personas.other_partner, activity=other)
    other = activity_services.activity_approve(actor=None, activity=other)
    activity_services.event_link(
        actor=personas.coordinator, activities=[activity, other], counted=activity
    )
    photo = attach(personas.other_partner, other, description="The co-organiser's photo")
    (choice,) = selectors.photo_choices(actor=personas.coordinator, edition=edition)
    assert (choice.document, choice.activity) == (photo.pk, activity.pk)
    edition = choose(personas, edition, photo)
    entries = [
        b
        for s in draft(personas, edition).sections
        for b in s.blocks
        if isinstance(b, ActivityEntry)
    ]
    assert [[p.alt for p in e.photos] for e in entries] == [["The co-organiser's photo"]]
