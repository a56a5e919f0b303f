"""Documents on cases, referrals, court cases and activities: encrypted at rest, checked by
content, downloads logged, never readable without access to the record they hang on."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from nrm.activities import services as activity_services
from nrm.activities.data import ActivityData, PlaceData
from nrm.cases.services import case_create, referral_create
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.core.models import AccessEntry
from nrm.documents import filetypes, selectors, services, storage
from nrm.documents.models import Document
from nrm.documents.tests.conftest import PDF, PNG, office_file
from nrm.justice import services as justice_services

D = datetime.date


@pytest.fixture
def case(personas):
    return case_create(
        actor=personas.case_worker, identified_on=D(2024, 3, 1), sex="female", consent_referral=True
    )


def add(actor, record, kind="case", data=PDF, name="consent.pdf"):
    return services.document_add(
        actor=actor, owner_kind=kind, record=record, filename=name, data=data
    )


@pytest.mark.django_db
def test_the_stored_bytes_are_not_the_uploaded_bytes(personas, case):
    document = add(personas.case_worker, case)
    stored = storage.stored_bytes(document.storage_name)
    assert PDF not in stored and b"%PDF" not in stored
    assert storage.load(document.storage_name) == PDF
    assert (document.media_type, document.size) == ("application/pdf", len(PDF))
    assert LogEntry.objects.get_for_object(document).exists()


@pytest.mark.django_db
def test_the_type_is_checked_by_content_not_by_name(personas, case):
    with pytest.raises(ValidationError) as error:
        add(personas.case_worker, case, data=b"MZ\x90\x00 a program", name="photo.pdf")
    assert "file" in error.value.fields
    with pytest.raises(ValidationError):
        add(personas.case_worker, case, data=b"PK\x03\x04 not really a zip", name="a.docx")
    document = add(personas.case_worker, case, data=PNG, name="scan.pdf")
    assert (document.media_type, document.filename) == ("image/png", "scan.png")
    assert filetypes.detect(office_file("word/document.xml")) == filetypes.DOCX
    assert filetypes.detect(office_file("xl/workbook.xml")) == filetypes.XLSX
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_the_size_is_limited(personas, case, settings):
    settings.NRM_DOCUMENT_MAX_MB = 1
    with pytest.raises(ValidationError) as error:
        add(personas.case_worker, case, data=PDF + bytes(1024 * 1024))
    assert "1 MB" in error.value.fields["file"][0]
    with pytest.raises(ValidationError):
        add(personas.case_worker, case, data=b"")


@pytest.mark.django_db
def test_a_download_is_logged_and_private(personas, case, client_for):
    document = add(personas.case_worker, case)
    response = client_for(personas.case_worker).get(f"/documents/{document.pk}/")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    entry = AccessEntry.objects.get(purpose="download")
    assert entry.actor == personas.case_worker and case.code in entry.object_label


@pytest.mark.django_db
def test_readers_without_access_to_the_case_get_404(personas, case, client_for):
    document = add(personas.case_worker, case)
    assert client_for(personas.norole).get(f"/documents/{document.pk}/").status_code == 403
    for user in (personas.outsider, personas.partner, personas.trial_monitor):
        assert client_for(user).get(f"/documents/{document.pk}/").status_code == 404, user
    assert client_for(personas.outsider).get("/documents/999999/").status_code == 404
    assert not AccessEntry.objects.filter(purpose="download").exists()
    with pytest.raises(NotFound):
        selectors.document_get(actor=personas.outsider, pk=document.pk)


@pytest.mark.django_db
def test_uploading_is_denied_to_those_who_may_not_change_the_record(personas, case, client_for):
    with pytest.raises(PermissionDenied):
        services.document_add(
            actor=personas.outsider, owner_kind="case", record=case, filename="x.pdf", data=PDF
        )
    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    response = client_for(personas.outsider).post(
        f"/documents/add/case/{case.code}/", {"file": upload}
    )
    assert response.status_code == 404
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_uploading_through_the_case_page(personas, case, client_for):
    client = client_for(personas.case_worker)
    upload = SimpleUploadedFile("Consent form.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/documents/add/case/{case.code}/",
        {"file": upload, "description": "Signed consent"},
        follow=True,
    )
    page = response.content.decode()
    assert "The document is added." in page and "Consent form.pdf" in page
    fake = SimpleUploadedFile("virus.pdf", b"#!/bin/sh\nrm -rf /", content_type="application/pdf")
    response = client.post(f"/documents/add/case/{case.code}/", {"file": fake}, follow=True)
    assert "This kind of file is not accepted" in response.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_removing_is_for_the_organisation_that_added_it(
    personas, case, client_for, django_capture_on_commit_callbacks
):
    document = add(personas.case_worker, case)
    name = document.storage_name
    assert (
        client_for(personas.coordinator).post(f"/documents/{document.pk}/remove/").status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.case_worker).post(f"/documents/{document.pk}/remove/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not (storage._directory() / name).exists()


@pytest.mark.django_db
def test_documents_on_a_referral_follow_the_referral(personas, orgs, case, client_for):
    referral = referral_create(
        actor=personas.case_worker,
        case=case,
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
        referred_on=D(2024, 3, 2),
    )
    document = add(personas.case_worker, referral, kind="referral")
    assert (
        client_for(personas.legal_aid_worker).get(f"/documents/{document.pk}/").status_code == 200
    )
    assert client_for(personas.outsider).get(f"/documents/{document.pk}/").status_code == 404
    add(personas.legal_aid_worker, referral, kind="referral")
    with pytest.raises(PermissionDenied):
        add(personas.outsider, referral, kind="referral")


@pytest.mark.django_db
def test_documents_on_a_court_case_follow_trial_monitoring(personas, client_for):
    court_case = justice_services.court_case_create(
        actor=personas.trial_monitor,
        court="court_bih",
        case_number="S1 2 K 000001 24 K",
        stage="indictment",
        monitoring_started_on=D(2024, 2, 1),
        indictment_filed_on=D(2024, 1, 15),
    )
    document = add(personas.trial_monitor, court_case, kind="court_case", name="verdict.pdf")
    assert client_for(personas.coordinator).get(f"/documents/{document.pk}/").status_code == 200
    assert client_for(personas.case_worker).get(f"/documents/{document.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        add(personas.coordinator, court_case, kind="court_case")
    page = client_for(personas.trial_monitor).get(f"/justice/{court_case.pk}/").content.decode()
    assert "verdict.pdf" in page and "Add a document" in page


@pytest.mark.django_db
def test_documents_on_an_activity_follow_the_activity(personas, client_for):
    activity = activity_services.activity_create(
        actor=personas.partner,
        data=ActivityData(
            type="training",
            start_date=D(2024, 9, 1),
            end_date=D(2024, 9, 4),
            titles={"en": "Training of labour inspectors"},
            places=[PlaceData(municipality="neum")],
        ),
    )
    document = add(personas.partner, activity, kind="activity", data=PNG, name="photo.png")
    assert client_for(personas.partner).get(f"/documents/{document.pk}/").status_code == 200
    # A draft is read by its reporting organisation and the coordinator only.
    response = client_for(personas.other_partner).get(f"/documents/{document.pk}/")
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        add(personas.other_partner, activity, kind="activity")
