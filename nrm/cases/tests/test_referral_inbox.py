"""A referral inbox that helps decide: urgency, the sender's note, what happened, and the
organisations that provide the service asked for."""

import datetime

import pytest

from nrm.cases.models import Referral
from nrm.cases.services import referral_create
from nrm.inbox.models import Notification

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(personas.field_identifier, consent_referral=True)


@pytest.fixture
def referral(personas, orgs, case):
    return referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        note="Girl, 17, needs safe accommodation tonight.",
        urgent=True,
    )


@pytest.mark.django_db
def test_urgency_is_set_when_referring_by_the_form(personas, orgs, client_for, case):
    response = client_for(personas.field_identifier).post(
        f"/cases/{case.code}/refer/",
        {
            "service_type": "shelter",
            "to_organisation": orgs.safe_house.pk,
            "urgent": "on",
            "referred_on": D(2024, 3, 2).isoformat(),
            "note": "Tonight.",
        },
        follow=True,
    )
    assert "its case workers are notified" in response.content.decode()
    referral = Referral.objects.get()
    assert referral.urgent and referral.note == "Tonight."
    told = Notification.objects.get(recipient=personas.case_worker)
    assert told.kind == "cases.urgent_referral_received"


@pytest.mark.django_db
def test_urgency_through_the_api(personas, orgs, api_for, case):
    response = api_for(personas.field_identifier).post(
        f"/api/v1/cases/{case.code}/referrals",
        {"to_organisation_id": orgs.safe_house.pk, "service_type": "shelter", "urgent": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["urgent"] is True and body["response_due"]


@pytest.mark.django_db
def test_the_note_and_urgency_show_on_the_inbox_row_and_the_case_page(
    personas, client_for, referral
):
    worker = client_for(personas.case_worker)
    inbox = worker.get("/cases/referrals/").content.decode()
    assert "Girl, 17, needs safe accommodation tonight." in inbox and "urgent" in inbox
    case_page = worker.get(f"/cases/{referral.case.code}/").content.decode()
    assert "Girl, 17, needs safe accommodation tonight." in case_page
    detail = worker.get(f"/cases/referrals/{referral.pk}/").content.decode()
    assert "To be answered" in detail and "Note from the sender" in detail


@pytest.mark.django_db
def test_accepting_asks_first_then_says_what_happened(personas, client_for, referral):
    worker = client_for(personas.case_worker)
    inbox = worker.get("/cases/referrals/").content.decode()
    assert f"Accept the referral of case {referral.case.code} from Test Police Agency?" in inbox
    response = worker.post(
        f"/cases/referrals/{referral.pk}/accept/",
        {"version": referral.version},
        HTTP_HX_REQUEST="true",
    )
    row = response.content.decode()
    assert f"You accepted the referral of case {referral.case.code} from Test Police Agency." in row


@pytest.mark.django_db
def test_declining_says_what_happened_and_tells_the_sender(personas, client_for, referral):
    response = client_for(personas.case_worker).post(
        f"/cases/referrals/{referral.pk}/decline/",
        {"version": referral.version, "reason": "No free place."},
        follow=True,
    )
    assert (
        f"You declined the referral of case {referral.case.code} from Test Police Agency."
        in response.content.decode()
    )
    told = Notification.objects.get(kind="cases.referral_declined")
    assert told.recipient == personas.field_identifier


@pytest.mark.django_db
def test_the_organisations_that_provide_the_service_come_first(personas, orgs, client_for, case):
    orgs.safe_house.services = ["shelter", "psychological_support"]
    orgs.safe_house.save()
    orgs.legal_aid.services = ["legal_aid"]
    orgs.legal_aid.save()
    client = client_for(personas.field_identifier)
    form = client.get(f"/cases/{case.code}/refer/?service_type=legal_aid").content.decode()
    providers = form.split("They provide: legal aid")[1].split("</optgroup>")[0]
    assert "Test Legal Aid" in providers and "Test Safe House" not in providers
    options = client.get(
        f"/cases/{case.code}/refer/organisations/?service_type=shelter"
    ).content.decode()
    assert options.startswith("<select")
    shelter = options.split("They provide: shelter")[1].split("</optgroup>")[0]
    assert "Test Safe House" in shelter and "Test Legal Aid" not in shelter
    api = client_for(personas.field_identifier)
    rows = api.get("/api/v1/referrals/recipients?service_type=legal_aid").json()
    assert rows[0]["name"] == "Test Legal Aid" and rows[0]["provides"] is True
    assert orgs.police.pk not in [row["id"] for row in rows]  # not to one's own


@pytest.mark.django_db
def test_the_organisation_list_is_denied_to_those_who_may_not_refer(
    personas, client_for, api_for, case
):
    url = f"/cases/{case.code}/refer/organisations/?service_type=shelter"
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.partner).get(url).status_code == 403
    assert api_for(personas.partner).get("/api/v1/referrals/recipients").status_code == 403
