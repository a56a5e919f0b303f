"""Every write of the data lifecycle: the schedule, legal holds, retention runs and people's
requests about their data. Each checks permission first and leaves an audit entry."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from nrm.cases.models import VictimCase
from nrm.core.dates import today
from nrm.core.errors import ValidationError
from nrm.core.services import record_access, service, validated_save
from nrm.lifecycle import access_export, retention
from nrm.lifecycle.models import (
    LegalHold,
    RequestKind,
    RequestStatus,
    RetentionRule,
    RetentionRun,
    SubjectRequest,
)
from nrm.lifecycle.rules import require_manage
from nrm.lifecycle.schedule import KINDS, Action

LANGUAGES = ("en", "bs", "hr", "sr", "sr-latn")


@service
def retention_rule_update(
    *, actor: Any, kind: str, months: int, action: str, legal_ground: str = ""
) -> RetentionRule:
    """Change one kind's period and action, within the bounds the schedule allows."""
    require_manage(actor)
    default = KINDS.get(kind)
    if default is None:
        raise ValidationError(fields={"kind": [_("No such record kind.")]})
    errors: dict[str, list[str]] = {}
    if not default.min_months <= months <= default.max_months:
        errors["months"] = [
            _("Between %(low)s and %(high)s months for this kind of record.")
            % {"low": default.min_months, "high": default.max_months}
        ]
    if action not in default.actions:
        errors["action"] = [_("This action is not allowed for this kind of record.")]
    if action == Action.KEEP and not legal_ground.strip():
        errors["legal_ground"] = [_("Name the legal ground for keeping these records.")]
    if errors:
        raise ValidationError(fields=errors)
    rule = RetentionRule.objects.filter(kind=kind).first() or RetentionRule(kind=kind)
    rule.months, rule.action, rule.legal_ground = months, action, legal_ground.strip()
    rule.changed_by = actor
    return validated_save(rule)


@service
def legal_hold_place(*, actor: Any, case: VictimCase, reason: str) -> LegalHold:
    require_manage(actor)
    if not reason.strip():
        raise ValidationError(
            fields={"reason": [_("Say why the case is held (e.g. the proceedings).")]}
        )
    hold = LegalHold(case=case, reason=reason.strip(), placed_on=today(), placed_by=actor)
    return validated_save(hold)


@service
def legal_hold_lift(*, actor: Any, hold: LegalHold) -> LegalHold:
    require_manage(actor)
    if hold.lifted_on is not None:
        raise ValidationError(fields={"hold": [_("This hold was already lifted.")]})
    hold.lifted_on, hold.lifted_by = today(), actor
    hold.save(update_fields=["lifted_on", "lifted_by", "updated_at"])
    return hold


@service
def retention_run(
    *, actor: Any, as_of: datetime.date | None = None, dry_run: bool = False
) -> tuple[RetentionRun | None, list[retention.Step]]:
    """Apply the schedule (idempotent). A dry run writes nothing and says what would happen."""
    require_manage(actor)
    day = as_of or today()
    if dry_run:
        return None, retention.plan(day)
    run = RetentionRun.objects.create(as_of=day, actor=actor)
    return run, retention.apply(run)


@service
def subject_request_create(
    *,
    actor: Any,
    case: VictimCase,
    kind: str,
    received_on: datetime.date | None = None,
    language: str = "bs",
    details: str = "",
) -> SubjectRequest:
    require_manage(actor)
    received = received_on or today()
    errors: dict[str, list[str]] = {}
    if kind not in RequestKind.values:
        errors["kind"] = [_("Choose what the person asks for.")]
    if language not in LANGUAGES:
        errors["language"] = [_("Choose one of the languages NRM speaks.")]
    if received > today():
        errors["received_on"] = [_("A request cannot arrive in the future.")]
    if errors:
        raise ValidationError(fields=errors)
    request = SubjectRequest(
        case=case,
        kind=kind,
        received_on=received,
        due_on=SubjectRequest.due_for(received),
        language=language,
        details=details.strip(),
        recorded_by=actor,
    )
    return validated_save(request)


def _require_open(request: SubjectRequest) -> None:
    if request.status != RequestStatus.OPEN:
        raise ValidationError(fields={"status": [_("This request is already answered.")]})


@service
def subject_request_export(*, actor: Any, request: SubjectRequest) -> access_export.AccessExport:
    """Everything held on the person, for an access request; the read is logged."""
    require_manage(actor)
    if request.kind != RequestKind.ACCESS:
        raise ValidationError(
            fields={"kind": [_("Only an access request gets a copy of the data.")]}
        )
    record_access(actor=actor, subject=request.case, label=request.case.code, purpose="export")
    return access_export.build(
        case=request.case, reference=request.reference, language=request.language, made_on=today()
    )


@service
def subject_request_close(
    *, actor: Any, request: SubjectRequest, outcome: str, refused: bool = False
) -> SubjectRequest:
    """Answer an access, rectification or restriction request (what was done, or why not)."""
    require_manage(actor)
    _require_open(request)
    if not outcome.strip():
        raise ValidationError(fields={"outcome": [_("Say what was done, or why not.")]})
    return _close(
        actor, request, outcome, RequestStatus.REFUSED if refused else RequestStatus.COMPLETED
    )


def erasure_refusal(case: VictimCase) -> str:
    """Why the person's data may not be erased now (empty: it may)."""
    cases = VictimCase.objects.filter(person_id=case.person_id)
    if LegalHold.objects.filter(case__in=cases, lifted_on__isnull=True).exists():
        return _("A legal hold is placed on a case of this person.")
    if retention.held_cases().filter(pk__in=cases).exists():
        return _("The person is an injured party in court proceedings that are not final.")
    return ""


@service
def subject_request_erase(*, actor: Any, request: SubjectRequest) -> SubjectRequest:
    """Erase the person's identifying data (the pseudonymous statistical record stays), unless
    a hold or the criminal-proceedings exception applies: then refuse and say why."""
    require_manage(actor)
    _require_open(request)
    if request.kind != RequestKind.ERASURE:
        raise ValidationError(fields={"kind": [_("This is not an erasure request.")]})
    refusal = erasure_refusal(request.case)
    if refusal:
        return _close(actor, request, refusal, RequestStatus.REFUSED)
    person = request.case.person
    if not retention.already_erased(person):
        retention.deidentify_person(person, kind="erasure", request=request)
    outcome = _(
        "The identifying data and free texts were erased; the pseudonymous record counted in "
        "the statistics remains."
    )
    return _close(actor, request, outcome, RequestStatus.COMPLETED)


def _close(actor: Any, request: SubjectRequest, outcome: str, status: str) -> SubjectRequest:
    request.status, request.outcome = status, outcome.strip()
    request.decided_by, request.decided_on = actor, today()
    request.save(update_fields=["status", "outcome", "decided_by", "decided_on", "updated_at"])
    return request
