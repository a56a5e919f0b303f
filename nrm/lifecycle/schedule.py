"""The retention schedule's record kinds: what each covers, its default period and action, and
the bounds within which the coordinator may change it (docs/retention.md).

The defaults follow purpose limitation: identifying data is kept while the person is helped and
for a limited time after (follow-up, appeals, a returning victim); what statistics need stays as
a pseudonymous record, so de-identification never changes a published figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    DEIDENTIFY = "deidentify", _("de-identify (keep the pseudonymous statistical record)")
    DELETE = "delete", _("delete")
    KEEP = "keep", _("keep (legal ground required)")


class RecordKind(models.TextChoices):
    CLOSED_CASE = "closed_case", _("identifying data of a person whose cases are closed")
    NOT_VICTIM = "not_victim", _("identifying data of a person found not to be a victim")
    PUBLIC_REPORT = "public_report", _("anonymous public report and its messages")
    SCREENING = "screening", _("notes of a screening that led to no case")
    ACCESS_LOG = "access_log", _("access log (reads of identifying data)")
    AUDIT_TRAIL = "audit_trail", _("audit trail")


@dataclass(frozen=True)
class KindRule:
    kind: str
    months: int  # the default period, counted from the date the kind's records start it
    action: str
    actions: tuple[str, ...]  # the actions the coordinator may choose for this kind
    min_months: int
    max_months: int
    starts: Promise  # what starts the clock, said to the coordinator


KINDS: dict[str, KindRule] = {
    rule.kind: rule
    for rule in (
        KindRule(
            RecordKind.CLOSED_CASE,
            60,
            Action.DEIDENTIFY,
            (Action.DEIDENTIFY, Action.KEEP),
            12,
            240,
            _("the last of the person's cases was closed"),
        ),
        KindRule(
            RecordKind.NOT_VICTIM,
            12,
            Action.DEIDENTIFY,
            (Action.DEIDENTIFY, Action.KEEP),
            1,
            60,
            _("the person was found not to be a victim"),
        ),
        KindRule(
            RecordKind.PUBLIC_REPORT,
            24,
            Action.DEIDENTIFY,
            (Action.DEIDENTIFY, Action.KEEP),
            6,
            120,
            _("the report was closed"),
        ),
        KindRule(
            RecordKind.SCREENING,
            12,
            Action.DEIDENTIFY,
            (Action.DEIDENTIFY, Action.KEEP),
            1,
            60,
            _("the screening was made and led to no case"),
        ),
        KindRule(
            RecordKind.ACCESS_LOG,
            60,
            Action.DELETE,
            (Action.DELETE, Action.KEEP),
            24,
            240,
            _("the identifying data was read"),
        ),
        KindRule(
            RecordKind.AUDIT_TRAIL,
            120,
            Action.DELETE,
            (Action.DELETE, Action.KEEP),
            60,
            360,
            _("the change was made"),
        ),
    )
}
