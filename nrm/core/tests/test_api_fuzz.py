"""Schemathesis over every operation of the API: no server error, answers as documented.

The demo personas (nrm.accounts.demo) sign in with their own tokens and the demo cases are
loaded, so generated requests reach the handlers, not only the authentication. A fixed seed and
a bounded number of examples per operation keep the run repeatable and within CI's time; set
NRM_FUZZ_EXAMPLES for a longer run on a workstation. The figures are printed at the end.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import Any, cast

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("NRM_FUZZ_EXAMPLES", "6"))
SEED = 20261207
PERSONAS = ("coordinator", "caseworker", "fieldofficer", "monitor", "partner", "auditor")
PERIODS = ("2024", "2024-H2", "2025-H1")


@pytest.fixture
def demo_world(db: Any) -> dict[str, Any]:
    """The demo accounts and cases, and a token for each persona."""
    from nrm.accounts.demo import load_demo as load_accounts
    from nrm.accounts.models import User
    from nrm.accounts.services import token_create
    from nrm.cases.demo import load_demo as load_cases
    from nrm.cases.models import VictimCase

    load_accounts()
    load_cases()
    tokens = {}
    for username in PERSONAS:
        _token, value = token_create(
            actor=None, user=User.objects.get(username=username), name="fuzz"
        )
        tokens[username] = value
    codes = list(VictimCase.objects.order_by("pk").values_list("code", flat=True)[:5])
    return {"tokens": tokens, "codes": codes}


def _checks() -> list[Any]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


def _fuzz(operation: Any, world: dict[str, Any], tally: Counter[str], failures: list[str]) -> None:
    from schemathesis import GenerationMode

    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.generate),  # no shrinking: the failure is reported as is
    )
    @given(case=strategy, data=st.data())
    def run(case: Any, data: Any) -> None:
        persona = data.draw(st.sampled_from(PERSONAS))
        # Real records half of the time, so that handlers past the look-up are reached.
        parameters = case.path_parameters or {}
        if "code" in parameters and world["codes"] and data.draw(st.booleans()):
            parameters["code"] = data.draw(st.sampled_from(world["codes"]))
        if "period" in parameters and data.draw(st.booleans()):
            parameters["period"] = data.draw(st.sampled_from(PERIODS))
        headers = {"Authorization": f"Bearer {world['tokens'][persona]}"}
        response = case.call(headers=headers)
        tally["requests"] += 1
        tally[f"{response.status_code // 100}xx"] += 1
        try:
            case.validate_response(response, checks=_checks(), headers=headers)
        except (AssertionError, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup
            failures.append(f"{operation.label} as {persona}: {exc}"[:2000])

    run()


@pytest.mark.django_db
def test_no_operation_of_the_api_answers_a_server_error(demo_world, capsys):
    from django.core import signals
    from django.db import close_old_connections

    from nrm.wsgi import application

    # Requests go straight to the WSGI application, inside the test's transaction: like
    # Django's test client, keep the request signals from closing the database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _run_fuzz(application, demo_world, capsys)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _run_fuzz(application: Any, demo_world: Any, capsys: Any) -> None:
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    tally: Counter[str] = Counter()
    failures: list[str] = []
    # An operation the schema cannot describe fails here (Err.ok() raises).
    operations = [cast(Any, result).ok() for result in schema.get_all_operations()]
    for operation in operations:
        _fuzz(operation, demo_world, tally, failures)
    with capsys.disabled():
        print(  # the figures for the record (docs/development.md)
            f"\nschemathesis: {len(operations)} operations, {tally['requests']} requests, "
            f"{tally['2xx']} 2xx, {tally['4xx']} 4xx, {tally['5xx']} 5xx, "
            f"{len(failures)} failures, {time.monotonic() - started:.0f} s"
        )
    assert len(operations) > 80
    assert tally["2xx"] > 0 and tally["4xx"] > 0
    assert failures == []
