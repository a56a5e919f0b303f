"""Fixtures of the screening app: the instruments, answer sets, screenings and cases."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.cases.services import case_create
from nrm.screening.definitions import INSTRUMENTS_DIR, Instrument, latest_in_files
from nrm.screening.services import screening_create

DELPHI = "ilo-ec-delphi-2009"
FORCED_LABOUR = "ilo-forced-labour-11"


@pytest.fixture(scope="session")
def instruments() -> dict[str, Instrument]:
    return latest_in_files(INSTRUMENTS_DIR)


@pytest.fixture(scope="session")
def delphi(instruments: dict[str, Instrument]) -> Instrument:
    return instruments[DELPHI]


@pytest.fixture(scope="session")
def forced_labour(instruments: dict[str, Instrument]) -> Instrument:
    return instruments[FORCED_LABOUR]


def all_no(instrument: Instrument, set_id: str, **answers: str) -> dict[str, str]:
    """Every indicator of the set answered no, except those given."""
    result = {i.id: "no" for i in instrument.indicators_in(set_id)}
    result.update(answers)
    return result


# A clear adult labour case: each required element present with the answers alone.
ADULT_TRAFFICKING = {
    "d1_deceived_job_type_place_employer": "yes",  # S
    "d1_deceived_wages": "yes",  # M
    "d4_excessive_hours": "yes",  # S
    "d4_low_or_no_pay": "yes",  # M
    "d5_documents_confiscated": "yes",  # S
    "d5_debt_bondage": "yes",  # S
}


@pytest.fixture
def new_case(db: Any) -> Any:
    """new_case(actor, **values) -> a potential victim case recorded by `actor`."""

    def make(actor: Any, **values: Any) -> Any:
        values.setdefault("identified_on", datetime.date(2024, 3, 1))
        values.setdefault("sex", "female")
        return case_create(actor=actor, **values)

    return make


@pytest.fixture
def new_screening(db: Any) -> Any:
    """new_screening(actor, **values) -> a stored adult labour screening (trafficking)."""

    def make(actor: Any, **values: Any) -> Any:
        values.setdefault("instrument", DELPHI)
        values.setdefault("set_id", "adult_labour")
        values.setdefault("answers", dict(ADULT_TRAFFICKING))
        values.setdefault("context", "labour")
        values.setdefault("screened_on", datetime.date(2024, 5, 6))
        return screening_create(actor=actor, **values)

    return make


@pytest.fixture
def inspector(orgs: Any) -> Any:
    """A field identifier of a labour inspectorate: screens, but does not triage reports."""
    from nrm.core.roles import Role
    from nrm.core.vocabularies import OrganisationType
    from nrm.testing.factories import make_organisation, make_user

    organisation = make_organisation(
        "Test Labour Inspectorate", OrganisationType.LABOUR_INSPECTORATE
    )
    return make_user("t_inspector", organisation, Role.FIELD_IDENTIFIER)


@pytest.fixture
def other_police(orgs: Any) -> Any:
    """A field identifier of another police agency."""
    from nrm.core.roles import Role
    from nrm.core.vocabularies import OrganisationType
    from nrm.testing.factories import make_organisation, make_user

    organisation = make_organisation("Test Cantonal Police", OrganisationType.POLICE_AGENCY)
    return make_user("t_other_police", organisation, Role.FIELD_IDENTIFIER)


@pytest.fixture
def new_report(db: Any) -> Any:
    """new_report(**values) -> (report, follow-up code), sent through the public service."""
    from nrm.screening.services import report_submit

    def make(**values: Any) -> Any:
        values.setdefault("description", "Workers sleep at the site; passports kept (test).")
        return report_submit(actor=None, **values)

    return make


@pytest.fixture(autouse=True)
def _fresh_throttle_counts(request: pytest.FixtureRequest) -> Any:
    """The flood counters live in the cache (a database table), which a test that commits
    (live server, transaction=True) leaves behind: start each database test afresh."""
    from django.core.cache import cache

    uses_database = request.node.get_closest_marker("django_db") is not None or (
        "_django_db_helper" in request.fixturenames
    )
    if not uses_database:
        yield
        return
    request.getfixturevalue("_django_db_helper")  # the database first, as the test asks for it
    cache.clear()
    yield
    cache.clear()
