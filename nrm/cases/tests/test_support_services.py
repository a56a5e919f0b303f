"""Referrals, consent, guardians, services, shelter stays and access grants."""

import datetime

import pytest

from nrm.cases import selectors
from nrm.cases.models import ReferralStatus
from nrm.cases.services import (
    access_grant_decide,
    access_grant_request,
    access_grant_revoke,
    consent_record,
    guardian_appoint,
    referral_accept,
    referral_complete,
    referral_create,
    referral_decline,
    referral_withdraw,
    service_record,
    stay_end,
    stay_record,
)
from nrm.core.errors import Conflict, PermissionDenied, ValidationError
from nrm.core.models import AccessEntry

D = datetime.date


@pytest.fixture
def case(personas, new_case):
    return new_case(
        personas.field_identifier,
        first_name="Sara",
        last_name="Primjerić",
        consent_referral=True,
        age=15,
    )


@pytest.fixture
def referral(personas, orgs, case):
    return referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2024, 3, 2),
    )


@pytest.mark.django_db
def test_the_receiver_sees_the_case_from_the_moment_of_referral(personas, case, referral):
    worker = personas.case_worker
    assert selectors.case_get(actor=worker, code=case.code) == case
    access = selectors.case_access(actor=worker, case=case)
    assert access.full is False and access.identity is False and access.support is False
    with pytest.raises(PermissionDenied):
        selectors.case_identity(actor=worker, case=case)
    with pytest.raises(PermissionDenied):
        selectors.services_of_case(actor=worker, case=case)
    referral_accept(actor=worker, referral=referral, on=D(2024, 3, 2))
    access = selectors.case_access(actor=worker, case=case)
    assert access.full and access.identity and access.support and not access.decide
    assert selectors.case_identity(actor=worker, case=case).first_name == "Sara"
    assert AccessEntry.objects.filter(actor=worker).count() == 1


@pytest.mark.django_db
def test_a_declined_referral_no_longer_opens_the_case(personas, case, referral):
    referral_decline(actor=personas.case_worker, referral=referral, reason="no free place")
    assert list(selectors.case_list(actor=personas.case_worker)) == []
    referral.refresh_from_db()
    assert (referral.status, referral.response_reason) == ("declined", "no free place")


@pytest.mark.django_db
def test_only_the_receiving_organisation_answers(personas, referral):
    for persona in ("outsider", "legal_aid_worker", "coordinator", "field_identifier", "partner"):
        with pytest.raises(PermissionDenied):
            referral_accept(actor=getattr(personas, persona), referral=referral)
        with pytest.raises(PermissionDenied):
            referral_decline(actor=getattr(personas, persona), referral=referral, reason="x")
    referral.refresh_from_db()
    assert referral.status == "pending"


@pytest.mark.django_db
def test_answers_follow_the_referral_life(personas, referral):
    worker = personas.case_worker
    with pytest.raises(ValidationError):
        referral_complete(actor=worker, referral=referral)  # not accepted yet
    referral_accept(actor=worker, referral=referral, on=D(2024, 3, 3))
    with pytest.raises(ValidationError):
        referral_decline(actor=worker, referral=referral, reason="too late")
    with pytest.raises(ValidationError) as early:
        referral_complete(actor=worker, referral=referral, completed_on=D(2024, 3, 1))
    assert "completed_on" in early.value.fields
    referral_complete(actor=worker, referral=referral, completed_on=D(2024, 6, 30), note="returned")
    referral.refresh_from_db()
    assert (referral.status, referral.completed_on, referral.version) == (
        ReferralStatus.COMPLETED,
        D(2024, 6, 30),
        3,
    )


@pytest.mark.django_db
def test_two_answers_to_one_referral_conflict(personas, referral):
    stale = type(referral).objects.get(pk=referral.pk)
    referral_accept(actor=personas.case_worker, referral=referral, expected_version=1)
    with pytest.raises((Conflict, ValidationError)):
        referral_decline(
            actor=personas.case_worker, referral=stale, reason="full", expected_version=1
        )


@pytest.mark.django_db
def test_referral_needs_consent_or_an_authorised_override(personas, orgs, new_case):
    case = new_case(personas.case_worker)  # consent never asked
    with pytest.raises(ValidationError) as missing:
        referral_create(
            actor=personas.case_worker,
            case=case,
            to_organisation=orgs.legal_aid,
            service_type="legal_aid",
        )
    assert "override_reason" in missing.value.fields
    with pytest.raises(PermissionDenied):  # a case worker may not override
        referral_create(
            actor=personas.case_worker,
            case=case,
            to_organisation=orgs.legal_aid,
            service_type="legal_aid",
            override_reason="urgent",
        )
    consent_record(
        actor=personas.case_worker,
        case=case,
        kind="referral",
        given=True,
        recorded_on=D(2024, 3, 1),
    )
    referral = referral_create(
        actor=personas.case_worker,
        case=case,
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
    )
    assert referral.consent is not None and not referral.consent_overridden


@pytest.mark.django_db
def test_withdrawn_consent_stops_referrals(personas, orgs, case):
    consent_record(
        actor=personas.field_identifier,
        case=case,
        kind="referral",
        given=False,
        recorded_on=D(2024, 3, 5),
    )
    with pytest.raises(ValidationError):
        referral_create(
            actor=personas.case_worker if False else personas.field_identifier,
            case=case,
            to_organisation=orgs.legal_aid,
            service_type="legal_aid",
        )
    # Police (law enforcement) may override, with a reason that is kept.
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
        override_reason="the child is in danger",
    )
    assert referral.consent_overridden and referral.consent_override_reason


@pytest.mark.django_db
def test_referral_values_are_checked(personas, orgs, case, referral):
    actor = personas.field_identifier
    cases = [
        ({"to_organisation": orgs.police}, "to_organisation"),  # one's own organisation
        ({"to_organisation": orgs.safe_house}, "to_organisation"),  # already open
        ({"service_type": "massage"}, "service_type"),
        ({"referred_on": D(2999, 1, 1)}, "referred_on"),
    ]
    for values, field in cases:
        arguments = {
            "to_organisation": orgs.legal_aid,
            "service_type": "shelter",
            **values,
        }
        with pytest.raises(ValidationError) as error:
            referral_create(actor=actor, case=case, **arguments)
        assert field in error.value.fields
    with pytest.raises(PermissionDenied):
        referral_create(
            actor=personas.outsider,
            case=case,
            to_organisation=orgs.legal_aid,
            service_type="shelter",
        )


@pytest.mark.django_db
def test_the_sender_withdraws_a_pending_referral(personas, referral):
    with pytest.raises(PermissionDenied):
        referral_withdraw(actor=personas.case_worker, referral=referral, reason="x")
    referral_withdraw(actor=personas.field_identifier, referral=referral, reason="found a place")
    referral.refresh_from_db()
    assert referral.status == "withdrawn"


@pytest.mark.django_db
def test_services_and_stays_are_for_case_workers_who_hold_the_case(personas, orgs, case, referral):
    worker = personas.case_worker
    with pytest.raises(PermissionDenied):  # not accepted yet
        service_record(actor=worker, case=case, service_type="shelter", delivered_on=D(2024, 3, 3))
    referral_accept(actor=worker, referral=referral, on=D(2024, 3, 2))
    for persona in ("field_identifier", "coordinator", "outsider", "legal_aid_worker"):
        with pytest.raises(PermissionDenied):
            service_record(
                actor=getattr(personas, persona),
                case=case,
                service_type="legal_aid",
                delivered_on=D(2024, 3, 3),
            )
        with pytest.raises(PermissionDenied):
            stay_record(actor=getattr(personas, persona), case=case, start=D(2024, 3, 3))
    with pytest.raises(PermissionDenied):  # only what one's own organisation provides
        service_record(
            actor=worker,
            case=case,
            service_type="legal_aid",
            delivered_on=D(2024, 3, 3),
            provider=orgs.legal_aid,
        )
    delivered = service_record(
        actor=worker,
        case=case,
        service_type="psychological_support",
        delivered_on=D(2024, 3, 4),
        count=4,
        referral=referral,
    )
    stay = stay_record(actor=worker, case=case, start=D(2024, 3, 2), referral=referral)
    assert (delivered.provider, delivered.count) == (orgs.safe_house, 4)
    assert stay.safe_house == orgs.safe_house and stay.end is None
    with pytest.raises(ValidationError) as overlap:
        stay_record(actor=worker, case=case, start=D(2024, 4, 1))
    assert "start" in overlap.value.fields
    with pytest.raises(ValidationError):
        stay_end(actor=worker, stay=stay, end=D(2024, 3, 1))
    stay_end(actor=worker, stay=stay, end=D(2024, 5, 31))
    with pytest.raises(ValidationError) as count:
        service_record(
            actor=worker, case=case, service_type="legal_aid", delivered_on=D(2024, 3, 3), count=0
        )
    assert "count" in count.value.fields


@pytest.mark.django_db
def test_guardians_are_identifying_data(personas, orgs, case):
    with pytest.raises(PermissionDenied):
        guardian_appoint(
            actor=personas.coordinator, case=case, name="X", appointed_on=D(2024, 3, 2)
        )
    guardian = guardian_appoint(
        actor=personas.field_identifier,
        case=case,
        name="Centar Staratelj",
        appointed_on=D(2024, 3, 2),
        organisation=orgs.safe_house,
    )
    assert str(guardian) == f"{case.code}: guardian {guardian.pk}"
    with pytest.raises(PermissionDenied):
        selectors.guardians_of_case(actor=personas.coordinator, case=case)
    consent = consent_record(
        actor=personas.field_identifier,
        case=case,
        kind="data_processing",
        given=True,
        given_by="guardian",
        recorded_on=D(2024, 3, 2),
    )
    assert consent.given_by == "guardian"


@pytest.mark.django_db
def test_a_coordinator_sees_identity_only_under_a_granted_request(personas, case):
    coordinator = personas.coordinator
    with pytest.raises(ValidationError):
        access_grant_request(actor=coordinator, case=case, reason=" ")
    grant = access_grant_request(actor=coordinator, case=case, reason="court summons")
    assert not selectors.can_see_identity(actor=coordinator, case=case)
    for persona in ("coordinator", "outsider", "case_worker"):
        with pytest.raises(PermissionDenied):
            access_grant_decide(actor=getattr(personas, persona), grant=grant, approve=True)
    with pytest.raises(PermissionDenied):
        access_grant_request(actor=personas.case_worker, case=case, reason="curious")
    access_grant_decide(actor=personas.field_identifier, grant=grant, approve=True, days=7)
    assert selectors.case_identity(actor=coordinator, case=case).last_name == "Primjerić"
    assert AccessEntry.objects.filter(actor=coordinator, object_label=case.code).count() == 1
    access_grant_revoke(actor=personas.field_identifier, grant=grant)
    assert not selectors.can_see_identity(actor=coordinator, case=case)


@pytest.mark.django_db
def test_a_refused_or_expired_grant_shows_nothing(personas, case):
    coordinator = personas.coordinator
    refused = access_grant_request(actor=coordinator, case=case, reason="statistics")
    access_grant_decide(actor=personas.field_identifier, grant=refused, approve=False)
    assert not selectors.can_see_identity(actor=coordinator, case=case)
    expired = access_grant_request(actor=coordinator, case=case, reason="again")
    access_grant_decide(actor=personas.field_identifier, grant=expired, approve=True, days=1)
    expired.expires_on = D(2020, 1, 1)
    expired.save()
    assert not selectors.can_see_identity(actor=coordinator, case=case)


@pytest.mark.django_db
def test_timeline_tells_the_story_in_a_fixed_number_of_queries(
    personas, case, referral, django_assert_max_num_queries
):
    worker = personas.case_worker
    referral_accept(actor=worker, referral=referral, on=D(2024, 3, 2))
    stay_record(actor=worker, case=case, start=D(2024, 3, 2), end=D(2024, 4, 30))
    for day in (5, 6, 7):
        service_record(
            actor=worker, case=case, service_type="medical_care", delivered_on=D(2024, 3, day)
        )
    with django_assert_max_num_queries(10):
        events = selectors.case_timeline(actor=personas.coordinator, case=case)
    kinds = [e.kind for e in events]
    assert kinds[0] == "stay_end" and kinds.count("service") == 3
    assert {"decision", "referral", "answer", "stay_start", "consent"} <= set(kinds)
    with pytest.raises(PermissionDenied):
        selectors.case_timeline(actor=personas.outsider, case=case)
