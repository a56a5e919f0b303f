"""Plausibility: a screening without a single answer is stored only when confirmed; a date
before 1900 is refused."""

import datetime

import pytest

from nrm.core.errors import ValidationError
from nrm.screening.models import Screening
from nrm.screening.services import screening_create


@pytest.mark.django_db
def test_a_screening_without_answers_needs_a_confirmation(personas, new_screening):
    with pytest.raises(ValidationError) as refused:
        new_screening(personas.field_identifier, answers={})
    assert "confirm_no_answers" in refused.value.fields
    with pytest.raises(ValidationError):
        new_screening(personas.field_identifier, answers={"d1_deceived_wages": "unknown"})
    assert not Screening.objects.exists()
    stored = new_screening(personas.field_identifier, answers={}, confirm_no_answers=True)
    assert Screening.objects.get().pk == stored.pk


@pytest.mark.django_db
def test_one_no_answer_is_an_answer(personas, new_screening):
    assert new_screening(personas.field_identifier, answers={"d1_deceived_wages": "no"}).pk


@pytest.mark.django_db
def test_a_screening_before_1900_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        screening_create(
            actor=personas.field_identifier,
            instrument="ilo-forced-labour-11",
            set_id="first_line",
            answers={"fl02_deception": "yes"},
            context="sexual",
            age_group="adult",
            screened_on=datetime.date(1024, 5, 6),
        )
    assert "screened_on" in refused.value.fields


@pytest.mark.django_db
def test_the_api_refuses_an_empty_screening_naming_the_field(personas, api_for):
    body = {
        "instrument": "ilo-forced-labour-11",
        "set": "first_line",
        "answers": {},
        "context": "sexual",
        "age_group": "adult",
    }
    response = api_for(personas.field_identifier).post(
        "/api/v1/screenings", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert "confirm_no_answers" in response.json()["error"]["fields"]
    confirmed = api_for(personas.field_identifier).post(
        "/api/v1/screenings", {**body, "confirm_no_answers": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201, confirmed.content
