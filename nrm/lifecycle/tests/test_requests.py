"""People's requests about their data: the access export holds their data and no one else's,
erasure honours holds and says why it refuses, and only the coordinator acts."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone, translation

from nrm.accounts.models import User
from nrm.cases.models import Guardian, VictimCase
from nrm.core.errors import PermissionDenied
from nrm.core.models import AccessEntry
from nrm.core.roles import Role
from nrm.lifecycle import services
from nrm.lifecycle.models import LegalHold, RequestStatus, SubjectRequest
from nrm.lifecycle.services import legal_hold_place, subject_request_create

pytestmark = pytest.mark.django_db


def guarded_case() -> VictimCase:
    """A demo case of a minor with a guardian, whose person has a name."""
    return VictimCase.objects.filter(guardians__isnull=False).exclude(person__match_index="")[0]


def test_the_access_export_has_the_persons_data_and_no_one_elses(demo, coordinator):
    case = guarded_case()
    request = subject_request_create(actor=coordinator, case=case, kind="access", language="en")
    export = services.subject_request_export(actor=coordinator, request=request)
    body = json.loads(export.as_json())
    text = json.dumps(body, ensure_ascii=False)
    assert case.person.last_name in text and case.code in text
    guardian = Guardian.objects.filter(case=case)[0]
    assert guardian.name not in text  # another person's name
    assert "Guardianship" in [section["title"] for section in body["sections"]]
    others = VictimCase.objects.exclude(person=case.person).exclude(person__match_index="")
    names = {f"{o.person.first_name} {o.person.last_name}" for o in others[:50]}
    assert names and not any(name in text for name in names)
    assert AccessEntry.objects.filter(object_label=case.code, purpose="export").exists()
    pdf = export.as_pdf()
    assert pdf.startswith(b"%PDF-")


def test_the_export_speaks_the_persons_language(demo, coordinator):
    request = subject_request_create(
        actor=coordinator, case=guarded_case(), kind="access", language="bs"
    )
    body = json.loads(services.subject_request_export(actor=coordinator, request=request).as_json())
    assert body["language"] == "bs"
    assert "Guardianship" not in [section["title"] for section in body["sections"]]


def test_erasure_removes_identity_everywhere_and_is_audited(demo, coordinator):
    LegalHold.objects.update(lifted_on=timezone.localdate())  # the demo's hold
    case = guarded_case()
    request = subject_request_create(actor=coordinator, case=case, kind="erasure")
    answered = services.subject_request_erase(actor=coordinator, request=request)
    assert answered.status == RequestStatus.COMPLETED
    case.person.refresh_from_db()
    assert (case.person.first_name, case.person.last_name, case.person.birth_date) == ("", "", None)
    assert all(g.name == "" for g in Guardian.objects.filter(case=case))
    assert LogEntry.objects.filter(object_repr=f"R-{request.pk}").exists()


def test_erasure_is_refused_with_the_reason_while_a_hold_applies(demo, coordinator):
    case = guarded_case()
    legal_hold_place(actor=coordinator, case=case, reason="Proceedings at the Court of BiH")
    request = subject_request_create(actor=coordinator, case=case, kind="erasure")
    with translation.override("en"):
        answered = services.subject_request_erase(actor=coordinator, request=request)
    assert answered.status == RequestStatus.REFUSED
    assert "legal hold" in answered.outcome
    case.person.refresh_from_db()
    assert case.person.last_name


def test_a_request_is_due_in_30_days_and_shows_on_the_coordinators_home(demo, coordinator, client):
    request = subject_request_create(actor=coordinator, case=guarded_case(), kind="rectification")
    assert (request.due_on - request.received_on).days == 30
    client.force_login(coordinator)
    home = client.get("/").content.decode()
    assert request.reference in home


@pytest.mark.parametrize(
    "role", [Role.CASE_WORKER, Role.FIELD_IDENTIFIER, Role.TRIAL_MONITOR, Role.PARTNER, Role.ADMIN]
)
def test_only_the_coordinator_reads_and_acts(demo, coordinator, client, role):
    request = subject_request_create(actor=coordinator, case=guarded_case(), kind="access")
    user = User.objects.filter(groups__name=role).exclude(groups__name=Role.COORDINATOR)[0]
    client.force_login(user)
    for url in (
        "/lifecycle/",
        f"/lifecycle/requests/{request.pk}/",
        f"/lifecycle/requests/{request.pk}/export.json",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"/lifecycle/requests/{request.pk}/erase/").status_code in (403, 404)
    assert (
        client.post("/lifecycle/holds/new/", {"case": request.case.code, "reason": "x"}).status_code
        == 403
    )
    assert not AccessEntry.objects.filter(actor=user, purpose="export").exists()
    with pytest.raises(PermissionDenied):
        services.subject_request_export(actor=user, request=request)


def test_the_auditor_reads_but_does_not_act(demo, coordinator, client):
    request = subject_request_create(actor=coordinator, case=guarded_case(), kind="erasure")
    auditor = User.objects.filter(groups__name=Role.AUDITOR)[0]
    client.force_login(auditor)
    assert client.get("/lifecycle/").status_code == 200
    assert client.get(f"/lifecycle/requests/{request.pk}/").status_code == 200
    assert client.post(f"/lifecycle/requests/{request.pk}/erase/").status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_the_coordinator_records_a_request_and_downloads_the_copy(demo, coordinator, client):
    client.force_login(coordinator)
    case = guarded_case()
    response = client.post(
        "/lifecycle/requests/new/",
        {"case": case.code, "kind": "access", "received_on": "2026-12-01", "language": "hr"},
    )
    assert response.status_code == 302
    request = SubjectRequest.objects.filter(case=case).latest("pk")
    pdf = client.get(f"/lifecycle/requests/{request.pk}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    bad = client.post(
        "/lifecycle/requests/new/",
        {"case": "V-0000-9999", "kind": "access", "received_on": "2026-12-01", "language": "hr"},
    )
    assert bad.status_code == 200 and "No case with this code" in bad.content.decode()


def test_erasure_deletes_the_documents_of_the_persons_cases(demo, coordinator, tmp_path, settings):
    from nrm.documents import storage
    from nrm.documents.models import Document

    settings.NRM_DOCUMENTS_DIR = tmp_path
    LegalHold.objects.update(lifted_on=timezone.localdate())
    case = guarded_case()
    name = storage.store(b"%PDF-1.4 consent form")
    Document.objects.create(
        owner_kind="case",
        owner_key=case.code,
        filename="consent.pdf",
        media_type="application/pdf",
        size=21,
        storage_name=name,
    )
    request = subject_request_create(actor=coordinator, case=case, kind="access", language="en")
    titles = [
        s.title
        for s in services.subject_request_export(actor=coordinator, request=request).sections
    ]
    assert "Documents" in titles
    erasure = subject_request_create(actor=coordinator, case=case, kind="erasure")
    services.subject_request_erase(actor=coordinator, request=erasure)
    assert not Document.objects.filter(owner_kind="case", owner_key=case.code).exists()
