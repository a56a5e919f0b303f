"""Plausibility (docs/methodology.md): impossible values are refused, unusual ones are shown
to the coordinator in the data-quality review."""

import datetime

import pytest

from nrm.cases.quality import unusual_service_counts
from nrm.cases.services import (
    case_update,
    referral_accept,
    referral_create,
    service_record,
    stay_record,
)
from nrm.core.errors import ValidationError
from nrm.core.periods import Period

D = datetime.date


@pytest.fixture
def held(personas, orgs, new_case):
    """A case referred to the safe house and accepted there."""
    case = new_case(personas.field_identifier, consent_referral=True, age=30)
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2024, 3, 2),
    )
    referral_accept(actor=personas.case_worker, referral=referral, on=D(2024, 3, 2))
    return case


def record(personas, case, count, on=None):
    return service_record(
        actor=personas.case_worker,
        case=case,
        service_type="legal_aid",
        delivered_on=on or D(2024, 3, 4),
        count=count,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [99_999_999, 1001, 0, -3])
def test_an_impossible_number_of_services_is_refused(personas, held, count):
    with pytest.raises(ValidationError) as refused:
        record(personas, held, count)
    assert "count" in refused.value.fields
    assert not held.services.exists()


@pytest.mark.django_db
def test_the_api_refuses_an_impossible_number_of_services_naming_the_field(personas, held, api_for):
    response = api_for(personas.case_worker).post(
        f"/api/v1/cases/{held.code}/services",
        {"service_type": "legal_aid", "delivered_on": "2024-03-04", "count": 99_999_999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "count" in response.json()["error"]["fields"]
    assert not held.services.exists()


@pytest.mark.django_db
def test_the_form_refuses_an_impossible_number_of_services(personas, held, client_for):
    page = client_for(personas.case_worker).post(
        f"/cases/{held.code}/services/new/",
        {"service_type": "legal_aid", "delivered_on": "2024-03-04", "count": "99999999"},
    )
    assert page.status_code == 200 and "1000" in page.content.decode()
    assert not held.services.exists()


@pytest.mark.django_db
def test_dates_before_1900_are_refused(personas, held):
    with pytest.raises(ValidationError) as service:
        record(personas, held, 1, on=D(1024, 3, 4))
    assert "delivered_on" in service.value.fields
    with pytest.raises(ValidationError) as stay:
        stay_record(actor=personas.case_worker, case=held, start=D(1899, 12, 31))
    assert "start" in stay.value.fields
    with pytest.raises(ValidationError) as identified:
        case_update(
            actor=personas.field_identifier,
            case=held,
            expected_version=held.version,
            identified_on=D(1899, 1, 1),
        )
    assert "identified_on" in identified.value.fields


@pytest.mark.django_db
def test_an_unusual_number_of_services_is_a_data_quality_finding(personas, held):
    record(personas, held, 3)
    assert unusual_service_counts(period=Period(D(2024, 1, 1), D(2024, 12, 31))) == []
    record(personas, held, 250, on=D(2024, 3, 5))
    findings = unusual_service_counts(period=Period(D(2024, 1, 1), D(2024, 12, 31)))
    assert [(f.kind, f.record) for f in findings] == [("implausible", f"case:{held.code}")]
    assert "250 services" in findings[0].message
    assert unusual_service_counts(period=Period(D(2025, 1, 1), D(2025, 12, 31))) == []
