"""No lost updates: two real transactions on PostgreSQL, one case, at the same time."""

import datetime
import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from nrm.cases.models import VictimCase
from nrm.cases.services import case_create, case_update, referral_accept, referral_decline
from nrm.core.errors import Conflict, ValidationError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT = 10  # seconds; generous, only reached if something hangs


def in_thread(target):
    """Run `target` in its own thread with its own database connection."""

    def run():
        try:
            target()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_second_of_two_concurrent_editors_gets_a_conflict(personas, new_case):
    case = new_case(personas.field_identifier, sex="female")
    first_updated = threading.Event()
    second_reading_done = threading.Event()
    events: dict[str, Any] = {}

    def first_editor():
        with transaction.atomic():
            mine = VictimCase.objects.get(pk=case.pk)
            case_update(actor=personas.field_identifier, case=mine, expected_version=1, sex="male")
            first_updated.set()
            second_reading_done.wait(WAIT)
            time.sleep(0.5)  # the second editor's UPDATE is now waiting for this row's lock
            events["first_commits"] = time.monotonic()
        events["first"] = "saved"

    def second_editor():
        first_updated.wait(WAIT)
        mine = VictimCase.objects.get(pk=case.pk)  # still version 1: the first has not committed
        events["second_read_version"] = mine.version
        second_reading_done.set()
        try:
            case_update(actor=personas.coordinator, case=mine, expected_version=1, sex="other")
            events["second"] = "saved"
        except Conflict as conflict:
            events["second"] = conflict
        events["second_answered"] = time.monotonic()

    threads = [in_thread(first_editor), in_thread(second_editor)]
    for thread in threads:
        thread.join(WAIT * 2)
    assert events["second_read_version"] == 1
    assert events["first"] == "saved"
    assert isinstance(events["second"], Conflict)
    assert "Someone else changed this record" in str(events["second"])
    assert events["second_answered"] >= events["first_commits"]  # it waited, then was refused
    case.refresh_from_db()
    assert (case.sex, case.version) == ("male", 2)


def test_two_answers_to_one_referral_at_once(personas, orgs, new_case):
    from nrm.cases.services import referral_create

    case = new_case(personas.field_identifier, consent_referral=True)
    referral = referral_create(
        actor=personas.field_identifier,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def answer(service, **kwargs):
        def run():
            mine = type(referral).objects.get(pk=referral.pk)
            barrier.wait(WAIT)
            try:
                service(actor=personas.case_worker, referral=mine, expected_version=1, **kwargs)
                outcomes.append("saved")
            except (Conflict, ValidationError) as error:
                outcomes.append(type(error).__name__)

        return run

    threads = [
        in_thread(answer(referral_accept)),
        in_thread(answer(referral_decline, reason="no place")),
    ]
    for thread in threads:
        thread.join(WAIT * 2)
    assert sorted(outcomes) == ["Conflict", "saved"]
    referral.refresh_from_db()
    assert referral.version == 2 and referral.status in ("accepted", "declined")


def test_concurrent_cases_get_distinct_codes(personas):
    barrier = threading.Barrier(4)
    codes = []

    def record():
        barrier.wait(WAIT)
        case = case_create(
            actor=personas.field_identifier,
            identified_on=datetime.date(2024, 5, 5),
            sex="male",
        )
        codes.append(case.code)

    threads = [in_thread(record) for _ in range(4)]
    for thread in threads:
        thread.join(WAIT * 2)
    assert sorted(codes) == [f"V-2024-000{n}" for n in range(1, 5)]
