"""Fixtures of trial monitoring: court cases recorded as the trial-monitor persona."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.core.roles import Role
from nrm.core.vocabularies import OrganisationType
from nrm.justice import services
from nrm.testing.factories import make_organisation, make_user


@pytest.fixture
def new_court_case(db: Any, personas: Any) -> Any:
    """new_court_case(actor=personas.trial_monitor, **values) -> a monitored court case."""
    counter = iter(range(1, 10_000))

    def make(actor: Any = None, **values: Any) -> Any:
        values.setdefault("court", "court_bih")
        values.setdefault("case_number", f"S1 2 K {next(counter):06d} 24 K")
        values.setdefault("stage", "indictment")
        values.setdefault("monitoring_started_on", datetime.date(2024, 2, 1))
        values.setdefault("indictment_filed_on", datetime.date(2024, 1, 15))
        return services.court_case_create(actor=actor or personas.trial_monitor, **values)

    return make


@pytest.fixture
def other_monitor(db: Any) -> Any:
    """A trial monitor of another monitoring organisation."""
    organisation = make_organisation(
        "Test Second Monitoring Mission", OrganisationType.INTERNATIONAL_ORGANISATION
    )
    return make_user("t_monitor_2", organisation, Role.TRIAL_MONITOR)


# Everyone who must never see a monitored case (every persona but coordinator and monitor).
OUTSIDERS = (
    "case_worker",
    "field_identifier",
    "partner",
    "auditor",
    "admin",
    "outsider",
    "other_partner",
    "legal_aid_worker",
)
