"""Fixtures of the daily-work tests: cases referred to the personas' organisations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.cases.services import case_create, referral_create


@pytest.fixture
def referred(db: Any, personas: Any, orgs: Any) -> Any:
    """referred(n=1, urgent=False) -> n cases recorded by the police, each referred to the
    safe house for shelter (pending)."""

    def make(n: int = 1, urgent: bool = False, note: str = "") -> list[Any]:
        referrals = []
        for _ in range(n):
            case = case_create(
                actor=personas.field_identifier,
                identified_on=datetime.date(2024, 3, 1),
                sex="female",
                consent_referral=True,
            )
            referrals.append(
                referral_create(
                    actor=personas.field_identifier,
                    case=case,
                    to_organisation=orgs.safe_house,
                    service_type="shelter",
                    urgent=urgent,
                    note=note,
                )
            )
        return referrals

    return make
