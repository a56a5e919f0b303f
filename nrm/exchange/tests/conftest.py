"""Fixtures of the exchange app: a small register of fictional cases, and emptying it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.cases.models import Person, VictimCase
from nrm.cases.services import case_create, case_decide, referral_create, stay_record

D = datetime.date


@pytest.fixture
def register(orgs: Any) -> list[VictimCase]:
    """Eleven fictional cases around 2024, one of each kind an exchange must carry."""
    police, safe_house = orgs.police, orgs.safe_house
    cases = [
        case_create(
            actor=None,
            organisation=police,
            identified_on=D(2024, 2, 3),
            status="identified",
            sex="female",
            birth_date=D(2007, 5, 1),
            citizenship="BA",
            exploitation=["sexual", "labour"],
            means_of_control=["debt_bondage", "restricts_movement"],
            recruitment=["intimate_partner"],
            first_name="Ana",
            last_name="Testić",
            contact="Email: ana@example.org\nMobile phone: +38761000000",
            trafficking_scope="internal",
            consent_data_processing=True,
        ),
        case_create(
            actor=None,
            organisation=police,
            identified_on=D(2024, 3, 10),
            sex="male",
            age=34,
            citizenship="TR",
            exploitation=["criminality"],
        ),
        case_create(
            actor=None,
            organisation=safe_house,
            identified_on=D(2024, 7, 1),
            sex="other",
            citizenship="",
            exploitation=[],
        ),
        case_create(
            actor=None,
            organisation=safe_house,
            identified_on=D(2024, 8, 15),
            sex="female",
            age=16,
            citizenship="AF",
            exploitation=["begging", "domestic_servitude", "marriage"],
        ),
        case_create(
            actor=None,
            organisation=police,
            identified_on=D(2024, 11, 30),
            sex="unknown",
            citizenship="BA",
            exploitation=["organ_removal", "other"],
        ),
        case_create(  # identified before 2024, housed into 2024: counts "in shelter" only
            actor=None,
            organisation=safe_house,
            identified_on=D(2023, 12, 1),
            status="identified",
            sex="female",
            age=25,
            citizenship="BA",
            exploitation=["labour"],
        ),
        case_create(  # identified in 2025: not in the 2024 export
            actor=None,
            organisation=police,
            identified_on=D(2025, 1, 5),
            sex="male",
            age=40,
            citizenship="RS",
            exploitation=["labour"],
        ),
    ]
    confirmed_later = case_create(
        actor=None,
        organisation=police,
        identified_on=D(2024, 4, 2),
        sex="male",
        age=17,
        citizenship="BA",
        exploitation=["labour"],
    )
    case_decide(
        actor=None,
        case=confirmed_later,
        to_status="identified",
        decided_on=D(2024, 5, 20),
        reason="confirmed",
        authority=orgs.ministry,
    )
    closed = case_create(
        actor=None,
        organisation=police,
        identified_on=D(2024, 5, 5),
        sex="female",
        age=30,
        citizenship="HR",
        exploitation=["sexual"],
    )
    case_decide(
        actor=None,
        case=closed,
        to_status="closed",
        decided_on=D(2024, 9, 1),
        reason="left the country",
        authority=police,
    )
    not_victim = case_create(
        actor=None,
        organisation=police,
        identified_on=D(2024, 6, 6),
        sex="male",
        age=50,
        citizenship="BA",
        exploitation=["labour"],
    )
    case_decide(
        actor=None,
        case=not_victim,
        to_status="not_victim",
        decided_on=D(2024, 6, 20),
        reason="no indicators",
        authority=police,
    )
    stay_record(actor=None, case=cases[0], start=D(2024, 2, 4), end=D(2024, 3, 1))
    stay_record(actor=None, case=cases[0], start=D(2024, 10, 1))
    stay_record(actor=None, case=cases[5], start=D(2023, 12, 2), end=D(2024, 1, 15))
    referral_create(
        actor=None,
        case=cases[0],
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
        referred_on=D(2024, 2, 5),
        override_reason="urgent, recorded by the system",
        from_organisation=police,
    )
    return [*cases, confirmed_later, closed, not_victim]


def empty_the_register() -> None:
    """What an empty database has of cases: nothing (organisations stay: reference data)."""
    for case in VictimCase.objects.all():
        case.delete()
    Person.objects.all().delete()
