"""One policy decides which fields of a case each reader sees (nrm.cases.visibility), and
identifying data of any person appear only where reading them leaves an access entry."""

import datetime

import pytest

from nrm.cases import visibility
from nrm.cases.models import Guardian
from nrm.cases.services import guardian_appoint, referral_accept, referral_create
from nrm.core.models import AccessEntry

D = datetime.date

CANARY_GUARDIAN = "Zvjezdana Kanarinović"
CANARY_CONTACT = "+387 61 000 999 canary"
CANARY_NOTE = "Canary note: lives with an aunt"


@pytest.fixture
def case(personas, new_case):
    return new_case(
        personas.field_identifier,
        first_name="Nina",
        last_name="Apijević",
        age=16,
        municipality="neum",
        exploitation=["sexual"],
        means_of_control=["debt_bondage"],
        recruitment=["online_social_networks"],
        notes=CANARY_NOTE,
        consent_referral=True,
    )


@pytest.fixture
def referral(personas, orgs, case):
    """The police refer the case to the safe house, which has not answered yet."""
    return referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )


@pytest.fixture
def guardian(personas, orgs, case):
    return guardian_appoint(
        actor=personas.field_identifier,
        case=case,
        name=CANARY_GUARDIAN,
        contact=CANARY_CONTACT,
        relationship="aunt",
        appointed_on=D(2024, 3, 2),
    )


def test_the_policy_puts_every_api_field_of_a_case_in_one_layer():
    from nrm.cases.api import CaseDetailOut

    described = set(CaseDetailOut.model_fields)
    readers_flags = {"possible_duplicate", "can_see_identity", "can_edit", "withheld"}
    assert described - readers_flags == visibility.WHOLE_CASE_FIELDS
    assert visibility.DETAIL_FIELDS.isdisjoint(visibility.BASIC_FIELDS)


@pytest.mark.django_db
def test_the_pending_receiver_gets_only_the_basic_facts_from_the_api(
    api_for, personas, case, referral
):
    response = api_for(personas.case_worker).get(f"/api/v1/cases/{case.code}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["withheld"] == sorted(visibility.DETAIL_FIELDS)
    for name in visibility.DETAIL_FIELDS:
        assert data[name] is None, name
    assert data["age_group"] == "minor" and data["exploitation"] == ["sexual"]
    listed = api_for(personas.case_worker).get("/api/v1/cases").json()["items"]
    assert [(i["code"], i["age_at_identification"], i["municipality"]) for i in listed] == [
        (case.code, None, None)
    ]


@pytest.mark.django_db
def test_the_receiver_sees_the_details_once_it_accepts(api_for, personas, case, referral):
    referral_accept(actor=personas.case_worker, referral=referral, expected_version=None)
    data = api_for(personas.case_worker).get(f"/api/v1/cases/{case.code}").json()
    assert data["withheld"] == []
    assert (data["age_at_identification"], data["municipality"]) == (16, "neum")
    assert data["means_of_control"] == ["debt_bondage"] and data["recruitment"] == [
        "online_social_networks"
    ]
    listed = api_for(personas.case_worker).get("/api/v1/cases").json()["items"]
    assert listed[0]["age_at_identification"] == 16


@pytest.mark.django_db
def test_the_holder_and_the_coordinator_see_the_details(api_for, personas, case):
    for reader in (personas.field_identifier, personas.coordinator):
        data = api_for(reader).get(f"/api/v1/cases/{case.code}").json()
        assert data["withheld"] == [] and data["municipality"] == "neum", reader


@pytest.mark.django_db
def test_the_pending_receivers_web_page_shows_only_the_basic_facts(
    client_for, personas, case, referral
):
    page = client_for(personas.case_worker).get(f"/cases/{case.code}/").content.decode()
    assert "Minor" in page or "minor" in page
    for hidden in ("16 years", "Municipality", "Means of control", "Recruitment", "Neum"):
        assert hidden not in page, hidden
    listing = client_for(personas.case_worker).get("/cases/").content.decode()
    assert case.code in listing and "(16)" not in listing


@pytest.mark.django_db
def test_the_holders_web_page_shows_the_details(client_for, personas, case):
    page = client_for(personas.field_identifier).get(f"/cases/{case.code}/").content.decode()
    for shown in ("16 years", "Municipality", "Means of control", "Recruitment"):
        assert shown in page, shown


@pytest.mark.django_db
def test_guardians_and_notes_are_not_on_the_case_page(client_for, personas, case, guardian):
    before = AccessEntry.objects.count()
    page = client_for(personas.field_identifier).get(f"/cases/{case.code}/").content.decode()
    for canary in (CANARY_GUARDIAN, CANARY_CONTACT, CANARY_NOTE, "Kanarinović"):
        assert canary not in page, canary
    assert "A minor without a recorded guardian" not in page
    assert AccessEntry.objects.count() == before


@pytest.mark.django_db
def test_guardians_and_notes_come_with_the_logged_identity(client_for, personas, case, guardian):
    before = AccessEntry.objects.filter(object_label=case.code).count()
    page = client_for(personas.field_identifier).get(f"/cases/{case.code}/identity/")
    text = page.content.decode()
    assert CANARY_GUARDIAN in text and CANARY_CONTACT in text and CANARY_NOTE in text
    assert AccessEntry.objects.filter(object_label=case.code).count() == before + 1


@pytest.mark.django_db
def test_the_page_still_warns_about_a_minor_without_a_guardian(client_for, personas, case):
    assert not Guardian.objects.filter(case=case).exists()
    page = client_for(personas.field_identifier).get(f"/cases/{case.code}/").content.decode()
    assert "A minor without a recorded guardian" in page


@pytest.mark.django_db
def test_reading_guardians_leaves_an_access_entry(personas, case, guardian):
    from nrm.cases.selectors import guardians_of_case

    before = AccessEntry.objects.count()
    assert [g.name for g in guardians_of_case(actor=personas.field_identifier, case=case)] == [
        CANARY_GUARDIAN
    ]
    assert AccessEntry.objects.count() == before + 1
