"""Applying the retention schedule: which records are past their period on a given day, and
what happens to them (docs/retention.md).

Idempotent: every record handled gets an Erasure row, and a record with one is never picked
again. Holds win: a case under a legal hold, or linked to court proceedings that are not final,
is skipped with everything of its person. Statistics never change: de-identification keeps
every value a statistic counts (tests compare every family for every period before and after).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, DateField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from nrm.cases.models import CaseStatus, IdentificationDecision, Person, VictimCase
from nrm.core.models import AccessEntry
from nrm.core.registry import personal_data_modules
from nrm.justice.models import InjuredParty, Stage
from nrm.lifecycle.models import Erasure, LegalHold, RetentionRule, RetentionRun
from nrm.lifecycle.schedule import KINDS, Action, RecordKind
from nrm.screening import personal_data as screening_data
from nrm.screening.models import PublicReport, ReportStatus, Screening

# Each run handles at most this many records of a kind, so that one run stays short; the next
# day's run goes on where it stopped (the backlog shows in the summary).
BATCH = 5000


@dataclass
class Step:
    kind: str
    action: str
    cutoff: datetime.date
    due: int  # records past their period on the day
    done: int = 0


def rules() -> dict[str, RetentionRule]:
    """The schedule in force: the stored rules, with the defaults for kinds never changed."""
    stored = {rule.kind: rule for rule in RetentionRule.objects.all()}
    for kind, default in KINDS.items():
        stored.setdefault(
            kind, RetentionRule(kind=kind, months=default.months, action=default.action)
        )
    return stored


def cutoff(rule: RetentionRule, as_of: datetime.date) -> datetime.date:
    """The last day whose records are past the rule's period on `as_of`."""
    month_index = as_of.year * 12 + as_of.month - 1 - rule.months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(as_of.day, last_day))


# --- which records are due -------------------------------------------------------------------


def held_cases() -> QuerySet[VictimCase]:
    """Cases the schedule must not touch: an active legal hold, or an injured party in court
    proceedings that are not final (the criminal-proceedings exception)."""
    hold = LegalHold.objects.filter(case=OuterRef("pk"), lifted_on__isnull=True)
    in_court = InjuredParty.objects.filter(victim_case=OuterRef("pk")).exclude(
        court_case__stage=Stage.FINAL
    )
    return VictimCase.objects.filter(Q(Exists(hold)) | Q(Exists(in_court)))


def _ended_on() -> Any:
    """The day a case reached its current status (its last decision to it; else its last change)."""
    decision = IdentificationDecision.objects.filter(
        case=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-decided_on")
    return Coalesce(
        Subquery(decision.values("decided_on")[:1]), Cast("updated_at", output_field=DateField())
    )


def _erased(model: type) -> QuerySet[Erasure]:
    return Erasure.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )


def due_persons(schedule: dict[str, RetentionRule], as_of: datetime.date) -> QuerySet[Person]:
    """Persons all of whose cases ended (closed, or found not a victim) longer ago than their
    kind's period, none of them held, not yet de-identified."""
    expired = Q(pk__in=[])
    for status, kind in (
        (CaseStatus.CLOSED, RecordKind.CLOSED_CASE),
        (CaseStatus.NOT_VICTIM, RecordKind.NOT_VICTIM),
    ):
        rule = schedule[kind]
        if rule.action != Action.KEEP:
            expired |= Q(status=status, ended_on__lte=cutoff(rule, as_of))
    live = VictimCase.objects.annotate(ended_on=_ended_on()).exclude(expired)
    return (
        Person.objects.filter(cases__isnull=False)
        .exclude(cases__in=live)
        .exclude(cases__in=held_cases())
        .exclude(Exists(_erased(Person)))
        .distinct()
    )


def due_reports(rule: RetentionRule, as_of: datetime.date) -> QuerySet[PublicReport]:
    return (
        PublicReport.objects.filter(status=ReportStatus.CLOSED, closed_on__lte=cutoff(rule, as_of))
        .exclude(case__in=held_cases())
        .exclude(Exists(_erased(PublicReport)))
    )


def due_screenings(rule: RetentionRule, as_of: datetime.date) -> QuerySet[Screening]:
    return Screening.objects.filter(
        case__isnull=True, screened_on__lte=cutoff(rule, as_of)
    ).exclude(Exists(_erased(Screening)))


def due_access_entries(rule: RetentionRule, as_of: datetime.date) -> QuerySet[AccessEntry]:
    return AccessEntry.objects.filter(at__date__lte=cutoff(rule, as_of))


def due_log_entries(rule: RetentionRule, as_of: datetime.date) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(timestamp__date__lte=cutoff(rule, as_of))


# --- applying --------------------------------------------------------------------------------


def plan(as_of: datetime.date) -> list[Step]:
    """What a run on `as_of` would do, kind by kind (the dry run shows this)."""
    schedule = rules()
    steps = []
    for kind, rule in schedule.items():
        if rule.action == Action.KEEP:
            continue
        steps.append(
            Step(kind, rule.action, cutoff(rule, as_of), _due(kind, schedule, as_of).count())
        )
    return steps


def _due(kind: str, schedule: dict[str, RetentionRule], as_of: datetime.date) -> QuerySet[Any]:
    rule = schedule[kind]
    if kind == RecordKind.CLOSED_CASE:
        return due_persons(schedule, as_of).filter(cases__status=CaseStatus.CLOSED)
    if kind == RecordKind.NOT_VICTIM:
        return due_persons(schedule, as_of).exclude(cases__status=CaseStatus.CLOSED)
    if kind == RecordKind.PUBLIC_REPORT:
        return due_reports(rule, as_of)
    if kind == RecordKind.SCREENING:
        return due_screenings(rule, as_of)
    if kind == RecordKind.ACCESS_LOG:
        return due_access_entries(rule, as_of)
    return due_log_entries(rule, as_of)


def apply(run: RetentionRun) -> list[Step]:
    """Apply the schedule as of `run.as_of`; fills the run's summary (counts only)."""
    schedule = rules()
    steps = plan(run.as_of)
    for step in steps:
        due = _due(step.kind, schedule, run.as_of)
        if step.kind in (RecordKind.CLOSED_CASE, RecordKind.NOT_VICTIM):
            step.done = sum(deidentify_person(p, kind=step.kind, run=run) for p in due[:BATCH])
        elif step.kind == RecordKind.PUBLIC_REPORT:
            step.done = _each(due[:BATCH], step.kind, run, screening_data.erase_reports)
        elif step.kind == RecordKind.SCREENING:
            step.done = _each(due[:BATCH], step.kind, run, screening_data.erase_screenings)
        else:
            step.done = _delete(due)
    run.summary = {s.kind: {"action": s.action, "due": s.due, "done": s.done} for s in steps}
    run.save(update_fields=["summary"])
    return steps


def deidentify_person(
    person: Person, *, kind: str, run: RetentionRun | None = None, request: Any = None
) -> int:
    """Remove every identifying value and free text of the person's cases, in every app."""
    case_ids = list(person.cases.values_list("pk", flat=True))
    for module in personal_data_modules():
        module.erase(case_ids)
    _mark(person, f"P-{person.pk}", kind, Action.DEIDENTIFY, run=run, request=request)
    return 1


def _each(rows: Iterator[Any] | QuerySet[Any], kind: str, run: RetentionRun, erase: Any) -> int:
    done = 0
    for row in rows:
        erase(type(row)._default_manager.filter(pk=row.pk))
        _mark(
            row,
            getattr(row, "reference", str(row.pk)),
            kind,
            Action.DEIDENTIFY,
            run=run,
            request=None,
        )
        done += 1
    return done


def _delete(rows: QuerySet[Any]) -> int:
    # Deleted in slices, so that a large backlog never holds one huge transaction of locks.
    done = 0
    while True:
        ids = list(rows.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        done += rows.model._default_manager.filter(pk__in=ids).delete()[0]


def _mark(row: Any, label: str, kind: str, action: str, *, run: Any, request: Any) -> None:
    Erasure.objects.create(
        content_type=ContentType.objects.get_for_model(type(row)),
        object_id=str(row.pk),
        object_label=label,
        kind=kind,
        action=action,
        done_on=run.as_of if run else timezone.localdate(),
        run=run,
        request=request,
    )


def already_erased(row: Any) -> bool:
    return Erasure.objects.filter(
        content_type=ContentType.objects.get_for_model(type(row)), object_id=str(row.pk)
    ).exists()
