from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.cases.services import case_create


@pytest.fixture
def held_case(db: Any, personas: Any) -> Any:
    """A case of the safe house (its case workers hold it)."""
    return case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="female"
    )
