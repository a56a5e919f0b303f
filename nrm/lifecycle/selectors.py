"""Every read of the data lifecycle, for coordinators and auditors only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, QuerySet, When

from nrm.cases import selectors as case_selectors
from nrm.cases.models import VictimCase
from nrm.core.errors import NotFound
from nrm.lifecycle import retention
from nrm.lifecycle.models import LegalHold, RequestStatus, RetentionRun, SubjectRequest
from nrm.lifecycle.rules import require_read
from nrm.lifecycle.schedule import KINDS, Action, KindRule, RecordKind


@dataclass
class ScheduleRow:
    default: KindRule
    months: int
    action: str
    legal_ground: str
    changed: bool

    @property
    def kind(self) -> str:
        return self.default.kind

    @property
    def label(self) -> str:
        return str(RecordKind(self.kind).label)

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


def schedule(*, actor: Any) -> list[ScheduleRow]:
    require_read(actor)
    rules = retention.rules()
    return [
        ScheduleRow(
            default=KINDS[kind],
            months=rule.months,
            action=rule.action,
            legal_ground=rule.legal_ground,
            changed=rule.pk is not None,
        )
        for kind, rule in rules.items()
    ]


def holds(*, actor: Any, active: bool = True) -> QuerySet[LegalHold]:
    require_read(actor)
    return LegalHold.objects.filter(lifted_on__isnull=active).select_related("case", "placed_by")


def hold_get(*, actor: Any, pk: int) -> LegalHold:
    found = holds(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def runs(*, actor: Any) -> QuerySet[RetentionRun]:
    require_read(actor)
    return RetentionRun.objects.select_related("actor")


def requests(*, actor: Any, open_only: bool = False) -> QuerySet[SubjectRequest]:
    require_read(actor)
    # Open requests first, the most urgent on top; then the answered ones, newest first.
    qs = SubjectRequest.objects.select_related("case").order_by(
        Case(When(status=RequestStatus.OPEN, then=0), default=1), "due_on", "-pk"
    )
    return qs.filter(status=RequestStatus.OPEN) if open_only else qs


def request_get(*, actor: Any, pk: int) -> SubjectRequest:
    found = requests(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def case_for_request(*, actor: Any, code: str) -> VictimCase:
    """The case a request or hold names, as the coordinator may read it."""
    require_read(actor)
    return case_selectors.case_get(actor=actor, code=code.strip())
