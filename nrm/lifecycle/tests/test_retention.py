"""The retention schedule moved past its periods: identifying data goes, statistics stay."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from nrm.accounts.models import User
from nrm.cases import services as case_services
from nrm.cases.models import Guardian, Person, VictimCase
from nrm.core.models import AccessEntry
from nrm.core.periods import Period
from nrm.core.registry import statistic_families
from nrm.core.services import record_access
from nrm.justice.models import InjuredParty
from nrm.lifecycle import retention
from nrm.lifecycle.models import Erasure, LegalHold
from nrm.lifecycle.schedule import KINDS, RecordKind
from nrm.lifecycle.services import legal_hold_place, retention_rule_update, retention_run

FAR = datetime.date(2040, 1, 1)
TODAY = timezone.localdate()
PERSON_COLUMNS = ("first_name", "last_name", "birth_date", "contact", "languages", "match_index")


def every_statistic() -> dict[str, object]:
    figures: dict[str, object] = {}
    for year in range(2016, 2028):
        for label in (f"{year}", f"{year}-H1", f"{year}-H2"):
            period = Period.parse(label)
            for key, family in statistic_families().items():
                figures[f"{label}:{key}"] = family(period=period)
    return figures


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", "run", *args, stdout=out)
    return out.getvalue()


def close_every_case(day: datetime.date) -> None:
    for case in VictimCase.objects.filter(status__in=["potential", "identified"]):
        case_services.case_decide(
            actor=None,
            case=case,
            to_status="closed",
            decided_on=day,
            reason="Support ended.",
            authority=case.organisation,
        )


def raw_person_values(person_ids: list[int]) -> list[tuple]:
    columns = ", ".join(PERSON_COLUMNS)
    marks = ",".join(["%s"] * len(person_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM cases_person WHERE id IN ({marks})", person_ids)  # noqa: S608
        return cursor.fetchall()


@pytest.mark.django_db
def test_a_run_past_every_period_leaves_no_identifying_value_and_the_same_statistics(demo):
    close_every_case(TODAY)
    before = every_statistic()
    persons_with_names = [p.pk for p in Person.objects.all() if p.first_name or p.last_name]
    assert persons_with_names

    report = run("--as-of", FAR.isoformat())

    still_open = set(
        VictimCase.objects.exclude(status__in=["closed", "not_victim"]).values_list(
            "person_id", flat=True
        )
    )
    still_open |= set(retention.held_cases().values_list("person_id", flat=True))
    erased = [pk for pk in persons_with_names if pk not in still_open]
    assert len(erased) > 40
    assert all(retention.already_erased(Person(pk=pk)) for pk in erased), report
    assert not any(retention.already_erased(Person(pk=pk)) for pk in still_open)
    for values in raw_person_values(erased):
        assert all(value in ("", None) for value in values), values
    guardians = Guardian.objects.filter(case__person_id__in=erased)
    assert guardians.exists(), "the demo has guardians of minors"
    assert all(g.name == "" and g.contact == "" for g in guardians)
    assert every_statistic() == before
    # Only the audit entries this very run wrote are left (the clock is moved past them).
    left = {step.kind: step.due for step in retention.plan(FAR) if step.due}
    assert set(left) <= {RecordKind.AUDIT_TRAIL}, left


@pytest.mark.django_db
def test_a_second_run_does_nothing_more(demo):
    close_every_case(TODAY)
    run("--as-of", FAR.isoformat())
    erasures = Erasure.objects.count()
    second = run("--as-of", FAR.isoformat())
    assert Erasure.objects.count() == erasures
    assert "0 handled (deidentify" in second


@pytest.mark.django_db
def test_a_dry_run_changes_nothing_and_says_what_would_happen(demo):
    close_every_case(TODAY)
    names = sorted((p.pk, p.last_name) for p in Person.objects.all())
    report = run("--dry-run", "--as-of", FAR.isoformat())
    assert "would be handled" in report
    assert sorted((p.pk, p.last_name) for p in Person.objects.all()) == names
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_nothing_is_due_before_the_period_ends(demo):
    close_every_case(TODAY)
    months = KINDS[RecordKind.CLOSED_CASE].months
    on_the_day = TODAY.replace(year=TODAY.year + months // 12)
    run("--as-of", (on_the_day - datetime.timedelta(days=1)).isoformat())
    closed_earlier = Erasure.objects.filter(kind=RecordKind.CLOSED_CASE).count()
    assert closed_earlier <= 2  # the demo's two cases closed in 2025
    run("--as-of", on_the_day.isoformat())
    assert Erasure.objects.filter(kind=RecordKind.CLOSED_CASE).count() > closed_earlier + 40


@pytest.mark.django_db
def test_a_legal_hold_and_open_court_proceedings_keep_the_data(demo, coordinator):
    close_every_case(TODAY)
    held = VictimCase.objects.exclude(person__match_index="")[0]
    legal_hold_place(actor=coordinator, case=held, reason="Criminal proceedings S1 2 K 000001 26")
    injured = InjuredParty.objects.exclude(court_case__stage="final")[0]
    in_court = VictimCase.objects.exclude(person__match_index="").exclude(pk=held.pk)[0]
    InjuredParty.objects.filter(pk=injured.pk).update(victim_case=in_court)
    run("--as-of", FAR.isoformat())
    for case in (held, in_court):
        case.person.refresh_from_db()
        assert case.person.last_name
        assert not retention.already_erased(case.person)
    assert LegalHold.objects.filter(case=held, lifted_on__isnull=True).exists()


@pytest.mark.django_db
def test_old_access_entries_are_deleted_and_the_run_is_audited(demo):
    from auditlog.models import LogEntry

    case = VictimCase.objects.all()[0]
    record_access(actor=User.objects.get(username="caseworker"), subject=case, label=case.code)
    old = AccessEntry.objects.get()
    AccessEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=3700))
    coordinator_run = retention_run(actor=None, as_of=TODAY)[0]
    assert not AccessEntry.objects.filter(pk=old.pk).exists()
    assert coordinator_run is not None
    assert LogEntry.objects.filter(object_repr__startswith="retention run").exists()


@pytest.mark.django_db
def test_the_coordinator_changes_a_rule_only_within_its_bounds(coordinator):
    from nrm.core.errors import ValidationError

    with pytest.raises(ValidationError) as too_short:
        retention_rule_update(
            actor=coordinator, kind=RecordKind.CLOSED_CASE, months=1, action="deidentify"
        )
    assert "months" in too_short.value.fields
    with pytest.raises(ValidationError) as no_ground:
        retention_rule_update(
            actor=coordinator, kind=RecordKind.CLOSED_CASE, months=60, action="keep"
        )
    assert "legal_ground" in no_ground.value.fields
    with pytest.raises(ValidationError) as not_allowed:
        retention_rule_update(
            actor=coordinator, kind=RecordKind.CLOSED_CASE, months=60, action="delete"
        )
    assert "action" in not_allowed.value.fields
    rule = retention_rule_update(
        actor=coordinator, kind=RecordKind.CLOSED_CASE, months=36, action="deidentify"
    )
    assert rule.months == 36


@pytest.mark.django_db
def test_keep_suspends_a_kind(demo, coordinator):
    close_every_case(TODAY)
    retention_rule_update(
        actor=coordinator,
        kind=RecordKind.CLOSED_CASE,
        months=60,
        action="keep",
        legal_ground="Archive law, art. 12",
    )
    run("--as-of", FAR.isoformat())
    assert not Erasure.objects.filter(kind=RecordKind.CLOSED_CASE).exists()
