"""Fixtures of the cases app: a quick way to record fictional cases as a persona."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.cases.services import case_create


@pytest.fixture
def new_case(db: Any) -> Any:
    """new_case(actor, **values) -> a potential victim case recorded by `actor`."""

    def make(actor: Any, **values: Any) -> Any:
        values.setdefault("identified_on", datetime.date(2024, 3, 1))
        values.setdefault("sex", "female")
        return case_create(actor=actor, **values)

    return make
