import datetime

import pytest

from nrm.cases.models import Referral, VictimCase
from nrm.cases.services import consent_record, referral_accept, referral_create
from nrm.core.models import AccessEntry

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(
        personas.field_identifier,
        first_name="Lejla",
        last_name="Izmišljena",
        birth_date=D(2008, 6, 1),
        exploitation=["begging"],
        citizenship="BA",
        consent_referral=True,
    )


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.mark.django_db
def test_the_list_shows_codes_and_no_names(client_for, personas, case):
    html = page(client_for(personas.coordinator), "/cases/")
    assert case.code in html and "Lejla" not in html and "forced begging" in html


@pytest.mark.django_db
def test_the_list_page_costs_the_same_for_5_or_25_cases(
    client_for, personas, new_case, django_assert_max_num_queries
):
    client = client_for(personas.coordinator)
    for _ in range(5):
        new_case(personas.field_identifier, exploitation=["labour", "other"], municipality="tuzla")
    client.get("/cases/")  # warm up (sessions, content types)
    with django_assert_max_num_queries(12) as small:
        page(client, "/cases/")
    for _ in range(20):
        new_case(personas.case_worker, exploitation=["sexual"], citizenship="TR")
    with django_assert_max_num_queries(12) as large:
        page(client, "/cases/")
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_htmx_filtering_returns_only_the_results(client_for, personas, case, new_case):
    other = new_case(personas.field_identifier, exploitation=["labour"])
    response = client_for(personas.coordinator).get(
        "/cases/", {"exploitation": "labour"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="case-results"' in html and "<html" not in html
    assert other.code in html and case.code not in html


@pytest.mark.django_db
def test_the_coordinator_sees_the_case_pseudonymised(client_for, personas, case):
    client = client_for(personas.coordinator)
    html = page(client, f"/cases/{case.code}/")
    assert "pseudonymised" in html and "Lejla" not in html and "Ask for access" in html
    page(client, f"/cases/{case.code}/identity/", status=403)
    assert not AccessEntry.objects.exists()


@pytest.mark.django_db
def test_the_holder_sees_identity_on_request_and_it_is_logged(client_for, personas, case):
    client = client_for(personas.field_identifier)
    html = page(client, f"/cases/{case.code}/")
    assert "Lejla" not in html and "Show identifying data" in html
    assert not AccessEntry.objects.exists()
    fragment = client.get(f"/cases/{case.code}/identity/", headers={"HX-Request": "true"})
    assert "Lejla Izmišljena" in fragment.content.decode()
    assert AccessEntry.objects.get().object_label == case.code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "legal_aid_worker", "case_worker"])
def test_a_case_never_referred_is_not_found_for_other_organisations(
    client_for, personas, case, persona
):
    client = client_for(getattr(personas, persona))
    for suffix in ("", "identity/", "edit/", "decide/", "refer/", "services/new/", "stays/new/"):
        page(client, f"/cases/{case.code}/{suffix}", status=404)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["trial_monitor", "partner", "auditor", "admin"])
def test_roles_without_cases_are_refused_the_pages(client_for, personas, case, persona):
    client = client_for(getattr(personas, persona))
    for url in ("/cases/", "/cases/new/", "/cases/referrals/", f"/cases/{case.code}/"):
        page(client, url, status=403)


@pytest.mark.django_db
def test_recording_a_case_through_the_form(client_for, personas):
    client = client_for(personas.field_identifier)
    assert "Record a potential victim" in page(client, "/cases/new/")
    response = client.post(
        "/cases/new/",
        {
            "status": "potential",
            "identified_on": "2024-05-04",
            "first_name": "Amra",
            "last_name": "Primjer",
            "age": "16",
            "sex": "female",
            "citizenship": "AF",
            "exploitation": ["begging", "other"],
            "trafficking_scope": "transnational",
            "consent_referral": "yes",
        },
    )
    case = VictimCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.code}/"
    assert (case.age_group, str(case.citizenship)) == ("minor", "AF")
    assert case.exploitation_codes == ["begging", "other"]
    assert case.consents.get().given


@pytest.mark.django_db
def test_form_errors_are_shown_under_their_fields(client_for, personas):
    client = client_for(personas.field_identifier)
    response = client.post(
        "/cases/new/",
        {
            "status": "potential",
            "identified_on": "2024-05-04",
            "birth_date": "2010-01-01",
            "age": "30",
            "sex": "female",
            "trafficking_scope": "unknown",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_age_error"' in html
    assert "does not match the birth date" in html
    assert not VictimCase.objects.exists()


@pytest.mark.django_db
def test_a_possible_duplicate_asks_for_confirmation(client_for, personas, case):
    client = client_for(personas.case_worker)  # another organisation
    data = {
        "status": "potential",
        "identified_on": "2024-07-01",
        "first_name": "LEJLA",
        "last_name": "izmisljena",
        "birth_date": "2008-06-01",
        "sex": "female",
        "trafficking_scope": "unknown",
    }
    html = client.post("/cases/new/", data).content.decode()
    assert "This person may already be recorded" in html
    assert case.code not in html and str(case.organisation) not in html
    assert VictimCase.objects.count() == 1
    response = client.post("/cases/new/", {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302 and VictimCase.objects.count() == 2


@pytest.mark.django_db
def test_editing_a_stale_copy_reports_a_conflict(client_for, personas, case):
    client = client_for(personas.field_identifier)
    form = {
        "identified_on": "2024-03-01",
        "sex": "male",
        "trafficking_scope": "unknown",
        "exploitation": ["begging"],
        "citizenship": "BA",
        "first_name": "Lejla",
        "last_name": "Izmišljena",
        "birth_date": "2008-06-01",
        "version": "1",
    }
    assert client.post(f"/cases/{case.code}/edit/", form).status_code == 302
    stale = client.post(f"/cases/{case.code}/edit/", {**form, "sex": "other"})
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.content.decode()
    case.refresh_from_db()
    assert (case.sex, case.version) == ("male", 2)


@pytest.mark.django_db
def test_referral_inbox_accepts_with_htmx(client_for, personas, orgs, case):
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )
    client = client_for(personas.case_worker)
    html = page(client, "/cases/referrals/")
    assert case.code in html and "Accept" in html
    # Before accepting, the safe house sees the case but not who the person is.
    detail = page(client, f"/cases/{case.code}/")
    assert "Show identifying data" not in detail and "once you accept it" in detail
    response = client.post(
        f"/cases/referrals/{referral.pk}/accept/",
        {"version": referral.version},
        headers={"HX-Request": "true"},
    )
    row = response.content.decode()
    assert row.startswith("<tr") and "accepted" in row and "Mark completed" in row
    assert "Show identifying data" in page(client, f"/cases/{case.code}/")


@pytest.mark.django_db
def test_declining_needs_a_reason_and_says_so(client_for, personas, orgs, case):
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )
    client = client_for(personas.case_worker)
    row = client.post(
        f"/cases/referrals/{referral.pk}/decline/",
        {"version": referral.version, "reason": ""},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Say why the referral is declined." in row
    referral.refresh_from_db()
    assert referral.status == "pending"


@pytest.mark.django_db
def test_a_referral_without_consent_needs_a_reason_from_law_enforcement(
    client_for, personas, orgs, new_case
):
    case = new_case(personas.field_identifier)  # consent not asked
    client = client_for(personas.field_identifier)
    html = page(client, f"/cases/{case.code}/refer/")
    assert "Reason for referring without consent" in html
    data = {
        "to_organisation": orgs.safe_house.pk,
        "service_type": "shelter",
        "referred_on": "2024-03-02",
    }
    html = client.post(f"/cases/{case.code}/refer/", data).content.decode()
    assert "has not consented to referral" in html and not Referral.objects.exists()
    response = client.post(
        f"/cases/{case.code}/refer/", {**data, "override_reason": "immediate danger"}
    )
    assert response.status_code == 302
    assert Referral.objects.get().consent_overridden


@pytest.mark.django_db
def test_services_and_stays_are_recorded_by_the_accepting_safe_house(
    client_for, personas, orgs, case
):
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2024, 3, 2),
    )
    client = client_for(personas.case_worker)
    page(client, f"/cases/{case.code}/stays/new/", status=403)  # not accepted yet
    referral_accept(actor=personas.case_worker, referral=referral, on=D(2024, 3, 2))
    response = client.post(
        f"/cases/{case.code}/stays/new/",
        {"start": "2024-03-02", "referral": referral.pk},
    )
    assert response.status_code == 302
    response = client.post(
        f"/cases/{case.code}/services/new/",
        {"service_type": "psychological_support", "delivered_on": "2024-03-05", "count": "3"},
    )
    assert response.status_code == 302
    html = page(client, f"/cases/{case.code}/")
    assert "Arrived at Test Safe House" in html and "3 services: psychological support" in html
    assert "still there" in html
    stay = case.stays.get()
    end_url = f"/cases/{case.code}/stays/{stay.pk}/end/"
    assert end_url in html
    # The coordinator reads the case and its stays but may not end a stay: no form, no link.
    coordinator = client_for(personas.coordinator)
    assert end_url not in page(coordinator, f"/cases/{case.code}/")
    page(coordinator, end_url, status=403)
    assert coordinator.post(end_url, {"end": "2024-03-09"}).status_code == 403
    assert page(client, end_url)  # the safe house ends it
    assert client.post(end_url, {"end": "2024-03-09"}).status_code == 302


@pytest.mark.django_db
def test_consent_is_recorded_and_shown(client_for, personas, new_case):
    case = new_case(personas.field_identifier)
    client = client_for(personas.field_identifier)
    response = client.post(
        f"/cases/{case.code}/consent/",
        {"kind": "referral", "given": "yes", "given_by": "person", "recorded_on": "2024-03-01"},
    )
    assert response.status_code == 302
    assert "given" in page(client, f"/cases/{case.code}/")
    consent_record(
        actor=personas.field_identifier,
        case=case,
        kind="referral",
        given=False,
        recorded_on=D(2024, 3, 3),
    )
    assert "refused or withdrawn" in page(client, f"/cases/{case.code}/")
