"""Every write of screenings and public reports.

Each service checks permission first (nrm.screening.rules), validates, writes inside one audited
transaction and returns what it wrote. Bad values raise ValidationError naming the field.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from auditlog.cid import correlation_id
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation, User
from nrm.accounts.selectors import active_users_with_role
from nrm.cases import rules as case_rules
from nrm.cases.models import ADULT_AGE, CaseStatus, VictimCase
from nrm.cases.selectors import case_by_code
from nrm.cases.services import case_create, case_update
from nrm.core.audit import audit_actor
from nrm.core.dates import today
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.core.models import Municipality
from nrm.core.roles import Role, has_role
from nrm.core.services import service, validated_save
from nrm.core.vocabularies import MeansOfControl
from nrm.inbox.services import notify
from nrm.screening import codes, contexts, engine, notifications, rules, selectors
from nrm.screening import modules as question_modules
from nrm.screening.models import (
    Context,
    MessageKind,
    PublicReport,
    ReportContext,
    ReporterRole,
    ReportMessage,
    ReportStatus,
    Screening,
    ScreeningAgeGroup,
    YesNoUnknown,
)

MAX_TEXT = 10_000
GIVEN_REFERENCE = re.compile(r"^[A-Z]-[A-Z0-9]{2,12}$")
M = TypeVar("M", PublicReport, Screening)

# Dates before this are typing errors (a year of 1024 for 2024), never a screening.
EARLIEST_DATE = datetime.date(1900, 1, 1)


def _choice(value: str, allowed: list[str], field: str) -> str:
    if value not in allowed:
        raise ValidationError(fields={field: [_("unknown code: %(code)s") % {"code": value}]})
    return value


def _municipality(value: Municipality | str | None) -> Municipality | None:
    if value is None or value == "":
        return None
    if isinstance(value, Municipality):
        return value
    found = Municipality.objects.filter(code=value).first()
    if found is None:
        raise ValidationError(
            fields={"municipality": [_("unknown municipality: %(code)s") % {"code": value}]}
        )
    return found


def _text(value: str, field: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(fields={field: [_("This field is required.")]})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            fields={field: [_("At most %(count)s characters, please.") % {"count": MAX_TEXT}]}
        )
    return text


def _save_with_reference(instance: M, prefix: str, given: str | None = None) -> M:
    """Save under the given reference, or a new random one (drawn again if it is taken)."""
    if given:
        reference = given.strip().upper()
        if not GIVEN_REFERENCE.match(reference) or not reference.startswith(prefix + "-"):
            raise ValidationError(
                fields={
                    "reference": [
                        _("Expected %(prefix)s- and 2 to 12 letters or digits.")
                        % {"prefix": prefix}
                    ]
                }
            )
        if type(instance).objects.filter(reference=reference).exists():
            raise ValidationError(
                fields={
                    "reference": [
                        _("The reference %(reference)s is already used.") % {"reference": reference}
                    ]
                }
            )
        instance.reference = reference
        return validated_save(instance)
    for _attempt in range(10):
        instance.reference = codes.new_reference(prefix)
        if type(instance).objects.filter(reference=instance.reference).exists():
            continue
        try:
            with transaction.atomic():
                return validated_save(instance)
        except IntegrityError:
            instance.pk = None
    raise ValidationError(_("No free reference was found; try again."))


# Screenings --------------------------------------------------------------------------------


def _screening_organisation(actor: User | None, organisation: Organisation | None) -> Organisation:
    if actor is None:
        if organisation is None:
            raise ValidationError(fields={"organisation": [_("Name the organisation.")]})
        return organisation
    if actor.organisation is None:
        raise PermissionDenied(_("Your account belongs to no organisation."))
    if organisation is not None and organisation.pk != actor.organisation_id:
        raise PermissionDenied(_("You may record screenings only for your own organisation."))
    return actor.organisation


def _visible_case(actor: User | None, case: VictimCase | str | None) -> VictimCase | None:
    """A case the actor may read, given as a case or by its code."""
    if case is None or case == "":
        return None
    code = case.code if isinstance(case, VictimCase) else str(case).strip()
    found = case_rules.visible_cases(actor).filter(code__iexact=code).first()
    if found is None:
        raise ValidationError(
            fields={"case": [_("No case with the code %(code)s is open to you.") % {"code": code}]}
        )
    return found


def _screening_age_group(set_age: str, age_group: str) -> str:
    if age_group and age_group not in ScreeningAgeGroup.values:
        raise ValidationError(fields={"age_group": [_("Use adult or child.")]})
    if set_age == "any":
        return age_group
    if age_group and age_group != set_age:
        raise ValidationError(
            fields={
                "age_group": [
                    _("This indicator set is for %(age_group)s only.")
                    % {"age_group": ScreeningAgeGroup(set_age).label}
                ]
            }
        )
    return set_age


@service
def screening_create(
    *,
    actor: User | None,
    instrument: str,
    set_id: str,
    answers: Mapping[str, Any],
    context: str = "",
    age_group: str = "",
    screened_on: datetime.date | None = None,
    case: VictimCase | str | None = None,
    municipality: Municipality | str | None = None,
    notes: str = "",
    organisation: Organisation | None = None,
    reference: str | None = None,
    also_sets: Sequence[str] = (),
    elements: Mapping[str, Mapping[str, str]] | None = None,
    modules: Mapping[str, Mapping[str, str]] | None = None,
    triage: Mapping[str, str] | None = None,
    confirm_no_answers: bool = False,
) -> Screening:
    """Score the answers with the current version of the instrument and store the screening,
    with that version, the answers as scored and the result.

    `also_sets` (the form of exploitation is unknown): score these sets of the instrument too;
    the screening keeps the set that holds (trafficking, else insufficient information, else
    the first) and the verdict of each. `modules` ({module: {question: answer}}): question
    modules whose yes answers count as yes to the indicators they evidence. `elements` (no
    graded set for the form): each element of the definition answered yes, no or unknown with
    the evidence for it. `triage`: the answers of the short first step; they fill the
    indicators they cover that the answers leave unknown.
    The reference is random (S-7KQ2M9) unless one is given (e.g. when importing records). A
    screening without a single yes or no answer says nothing: it is stored only when
    `confirm_no_answers` says so (e.g. the person left before the interview).
    """
    if not rules.can_screen(actor):
        raise PermissionDenied()
    organisation = _screening_organisation(actor, organisation)
    row, definition = selectors.current_instrument(instrument)
    engine.check_set(definition, set_id)
    indicator_set = definition.sets[set_id]
    age_group = _screening_age_group(indicator_set.age_group, age_group)
    if context:
        _choice(context, Context.values, "context")
    else:
        context = contexts.context_for_set(definition.key, set_id, indicator_set.exploitation)
    screened_on = screened_on or today()
    if screened_on > today():
        raise ValidationError(fields={"screened_on": [_("This date is in the future.")]})
    if screened_on < EARLIEST_DATE:
        raise ValidationError(fields={"screened_on": [_("This date is before 1900.")]})
    scored = list(dict.fromkeys([set_id, *also_sets]))
    for extra in scored:
        engine.check_set(definition, extra)
    offered = question_modules.modules_for(context, definition.key) if modules else []
    module_answers = question_modules.check_module_answers(offered, modules or {})
    in_sets = {i.id for s in scored for i in definition.indicators_in(s)}
    if module_answers and isinstance(answers, Mapping):
        answers = question_modules.combine(answers, offered, module_answers, in_sets)
    triage_answers = question_modules.check_triage(triage) if triage else {}
    if triage_answers and isinstance(answers, Mapping):
        answers = {
            **question_modules.triage_carried(triage_answers, in_sets),
            **{i: a for i, a in answers.items() if a != engine.UNKNOWN},
        }
    evaluations = [
        engine.evaluate(definition, s, answers, age_group=age_group or None) for s in scored
    ]
    evaluation = engine.holding(evaluations)
    element_answers, evidence = _elements(elements)
    answered = any(a in ("yes", "no") for e in evaluations for a in e.answers.values())
    if not confirm_no_answers and not answered and not element_answers:
        raise ValidationError(
            fields={
                "confirm_no_answers": [
                    _(
                        "No question is answered yes or no. Answer what you know, or confirm "
                        "that the screening is to be stored without answers."
                    )
                ]
            }
        )
    screening = Screening(
        instrument=row,
        set_key=evaluation.set_id,
        set_results={e.set_id: e.verdict for e in evaluations}
        if len(evaluations) > 1 or context == Context.UNKNOWN
        else {},
        element_answers=element_answers,
        element_evidence=evidence,
        module_answers={
            m.key: {"version": m.version, "answers": answers_of}
            for m, answers_of in [
                *((m, module_answers[m.key]) for m in offered if m.key in module_answers),
                *([(question_modules.triage_module(), triage_answers)] if triage_answers else []),
            ]
        },
        context=context,
        age_group=age_group,
        answers=dict(evaluation.answers),
        ignored=list(evaluation.ignored),
        verdict=evaluation.verdict or "",
        outcome=evaluation.outcome,
        elements={e.id: e.present for e in evaluation.elements},
        screened_on=screened_on,
        organisation=organisation,
        created_by=actor,
        municipality=_municipality(municipality),
        case=_visible_case(actor, case),
        notes=_text(notes, "notes"),
    )
    return _save_with_reference(screening, "S", reference)


def _elements(
    elements: Mapping[str, Mapping[str, str]] | None,
) -> tuple[dict[str, str], dict[str, str]]:
    """The elements checklist checked: known elements, a real answer, evidence for a yes."""
    if not elements:
        return {}, {}
    known = selectors.definition_elements()
    fields: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    evidence: dict[str, str] = {}
    for element_id, item in elements.items():
        name = f"elements.{element_id}"
        if element_id not in known:
            fields[name] = [_("unknown element: %(id)s") % {"id": element_id}]
            continue
        answer = str(item.get("answer") or engine.UNKNOWN)
        text = str(item.get("evidence") or "").strip()
        if answer not in engine.ANSWERS:
            fields[name] = [_("Use yes, no or unknown.")]
        elif answer == engine.YES and not text:
            fields[name] = [_("Record the evidence for an element you mark present.")]
        elif len(text) > MAX_TEXT:
            fields[name] = [_("At most %(count)s characters, please.") % {"count": MAX_TEXT}]
        answers[element_id] = answer
        if text:
            evidence[element_id] = text
    if fields:
        raise ValidationError(_("The elements checklist cannot be stored."), fields=fields)
    return {e: answers.get(e, engine.UNKNOWN) for e in known}, evidence


def _readable(actor: User | None, screening: Screening) -> None:
    if not rules.can_screen(actor):
        raise PermissionDenied()
    if not rules.visible_screenings(actor).filter(pk=screening.pk).exists():
        raise NotFound()


@service
def screening_link_case(
    *, actor: User | None, screening: Screening, case: VictimCase | str
) -> Screening:
    """Link a screening to a (potential) victim's case that the actor may read."""
    _readable(actor, screening)
    found = _visible_case(actor, case)
    if found is None:
        raise ValidationError(fields={"case": [_("Give a case code.")]})
    screening.case = found
    screening.save(update_fields=["case", "updated_at"])
    return screening


def means_of_control_from(evaluation: engine.Evaluation) -> list[str]:
    """The HTCDS means of control that the yes answers describe (mapped in the instrument)."""
    allowed = set(MeansOfControl.values)
    found = {
        code
        for indicator in engine.indicators_answered_yes(evaluation)
        for code in indicator.means_of_control
        if code in allowed
    }
    return sorted(found)


@service
def screening_create_case(
    *,
    actor: User | None,
    screening: Screening,
    sex: str = "unknown",
    age: int | None = None,
    citizenship: str = "",
    exploitation: list[str] | None = None,
    consent_data_processing: bool | None = None,
    consent_referral: bool | None = None,
) -> VictimCase:
    """Record the screened person as a potential victim, in one step, and link the screening.

    The case takes the screening's date as the date of identification, its municipality, the
    form of exploitation of its situation and the means of control its yes answers describe.
    Nothing identifying is copied: names and contacts are added on the case, by those who may.
    """
    _readable(actor, screening)
    if screening.case_id is not None:
        raise ValidationError(
            _("This screening is already linked to case %(code)s.")
            % {"code": screening.case.code if screening.case else ""},
            fields={"case": [_("already linked")]},
        )
    if age is not None and screening.age_group == ScreeningAgeGroup.CHILD and age >= ADULT_AGE:
        raise ValidationError(
            fields={"age": [_("The screening was made for a child: the age must be under 18.")]}
        )
    if age is not None and screening.age_group == ScreeningAgeGroup.ADULT and age < ADULT_AGE:
        raise ValidationError(
            fields={
                "age": [
                    _(
                        "The screening was made for an adult: screen a person under 18 with "
                        "the children's set first."
                    )
                ]
            }
        )
    if exploitation is None:
        choice = contexts.context_choice(screening.context, screening.age_group)
        exploitation = [choice.exploitation] if choice and choice.exploitation else []
    evaluation = selectors.screening_evaluation(screening)
    case = case_create(
        actor=actor,
        identified_on=screening.screened_on,
        status=CaseStatus.POTENTIAL,
        organisation=screening.organisation,
        sex=sex,
        age=age,
        citizenship=citizenship,
        municipality=screening.municipality,
        exploitation=exploitation,
        means_of_control=means_of_control_from(evaluation),
        reason=_("Screening %(reference)s: %(outcome)s")
        % {"reference": screening.reference, "outcome": screening.get_outcome_display()},
        consent_data_processing=consent_data_processing,
        consent_referral=consent_referral,
    )
    screening.case = case
    screening.save(update_fields=["case", "updated_at"])
    return case


@dataclass(frozen=True)
class Submission:
    screening: Screening
    case: VictimCase | None
    created: bool  # False: the same key was sent before (a retry), nothing new was stored


@service
def screening_submit(
    *,
    actor: User | None,
    key: uuid.UUID,
    screening: Mapping[str, Any],
    record: Mapping[str, Any] | None = None,
    case: str | None = None,
    case_version: int | None = None,
) -> Submission:
    """One submission of the offline queue: a screening and, optionally, the potential victim.

    Idempotent: a key already stored returns what it stored (a retry never makes a second
    screening or case). `record` without `case` records a new potential victim; with `case`
    (and the `case_version` the device saw) it updates that case, and fails with a conflict if
    the case changed on the server meanwhile: never overwritten silently. All or nothing.
    """
    if not rules.can_screen(actor):
        raise PermissionDenied()
    existing = Screening.objects.filter(client_key=key).select_related("case").first()
    if existing is not None:
        if actor is not None and existing.created_by_id != actor.pk:
            raise ValidationError(fields={"key": [_("This key was used by someone else.")]})
        return Submission(existing, existing.case, created=False)
    target = _visible_case(actor, case) if case else None
    if target is not None and record:
        if case_version is None:
            raise ValidationError(fields={"case_version": [_("Give the version you saw.")]})
        case_update(
            actor=actor,
            case=target,
            expected_version=case_version,
            **_given(record),
        )
    stored = screening_create(actor=actor, case=target, **screening)
    Screening.objects.filter(pk=stored.pk).update(client_key=key)
    stored.client_key = key
    made = target
    if record and target is None:
        made = screening_create_case(
            actor=actor,
            screening=stored,
            **_given(record),
        )
    return Submission(stored, made, created=True)


OFFLINE_CASE_FIELDS = ("sex", "age", "citizenship", "exploitation")


def _given(record: Mapping[str, Any]) -> dict[str, Any]:
    """The values the device recorded: a value left blank never erases one on the server."""
    return {k: v for k, v in record.items() if k in OFFLINE_CASE_FIELDS and v not in (None, "")}


# Public reports ----------------------------------------------------------------------------


@contextmanager
def anonymous_writes() -> Iterator[None]:
    """Write as nobody, and drop any request correlation id that a proxy may have set: such an
    id could tie the audit entry to a proxy's access log, and so to an address."""
    token = correlation_id.set(None)
    try:
        with audit_actor(None, via="public form"):
            yield
    finally:
        correlation_id.reset(token)


@service
def report_submit(
    *,
    actor: None,
    description: str,
    context: str = ReportContext.UNKNOWN,
    reporter_role: str = ReporterRole.UNKNOWN,
    child_involved: str = YesNoUnknown.UNKNOWN,
    municipality: Municipality | str | None = None,
    place: str = "",
) -> tuple[PublicReport, str]:
    """Store an anonymous report; returns it with its follow-up code (shown once, never stored).

    Nothing about the sender's connection is taken: the service is not even given the request.
    """
    with anonymous_writes():
        code = codes.new_follow_up_code()
        report = PublicReport(
            code_digest=codes.code_digest(code),
            received_on=today(),
            context=_choice(context, ReportContext.values, "context"),
            reporter_role=_choice(reporter_role, ReporterRole.values, "reporter_role"),
            child_involved=_choice(child_involved, YesNoUnknown.values, "child_involved"),
            municipality=_municipality(municipality),
            place=_text(place, "place"),
            description=_text(description, "description", required=True),
        )
        report = _save_with_reference(report, "R")
        notify(
            actor=None,
            kind=notifications.REPORT_RECEIVED,
            recipients=active_users_with_role(roles=(Role.COORDINATOR,)),
            url=reverse("screening:report_detail", args=[report.reference]),
            params={"reference": report.reference},
        )
        return report, code


def _reopen_values(report: PublicReport) -> None:
    if report.status == ReportStatus.CLOSED:
        report.status = ReportStatus.IN_PROGRESS if report.assigned_to_id else ReportStatus.NEW
        report.closed_on = None


@service
def report_add_information(*, actor: None, report: PublicReport, text: str) -> ReportMessage:
    """The reporter adds information with their follow-up code (which found `report`).

    A closed report is opened again: someone must read what was added.
    """
    with anonymous_writes():
        message = ReportMessage.objects.create(
            report=report, kind=MessageKind.REPORTER, text=_text(text, "text", required=True)
        )
        _reopen_values(report)
        report.awaiting_reply = True
        report.save(update_fields=["status", "closed_on", "awaiting_reply", "updated_at"])
        notify(
            actor=None,
            kind=notifications.REPORT_INFORMATION_ADDED,
            recipients=[report.assigned_to]
            if report.assigned_to is not None
            else active_users_with_role(roles=(Role.COORDINATOR,)),
            url=reverse("screening:report_detail", args=[report.reference]),
            params={"reference": report.reference},
        )
    return message


def _triageable(actor: User | None, report: PublicReport) -> None:
    if not rules.can_triage(actor):
        raise PermissionDenied()
    if not rules.visible_reports(actor).filter(pk=report.pk).exists():
        raise NotFound()


@service
def report_assign(*, actor: User | None, report: PublicReport, assignee: User) -> PublicReport:
    """Give a report to a coordinator or a police officer, who then answers for it."""
    _triageable(actor, report)
    if not selectors.triagers(actor=actor).filter(pk=assignee.pk).exists():
        raise ValidationError(
            fields={"assignee": [_("Reports go to coordinators or police officers only.")]}
        )
    if (
        actor is not None
        and not has_role(actor, Role.COORDINATOR)
        and assignee.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied(_("Only a coordinator may pass a report to another organisation."))
    report.assigned_to = assignee
    report.assigned_organisation = assignee.organisation
    if report.status == ReportStatus.NEW:
        report.status = ReportStatus.IN_PROGRESS
    report.save(update_fields=["assigned_to", "assigned_organisation", "status", "updated_at"])
    return report


@service
def report_reply(
    *, actor: User | None, report: PublicReport, text: str, internal: bool = False
) -> ReportMessage:
    """Answer the reporter (they read it with their code), or leave an internal note.

    Whoever answers an unassigned report takes it.
    """
    _triageable(actor, report)
    message = ReportMessage.objects.create(
        report=report,
        kind=MessageKind.NOTE if internal else MessageKind.REPLY,
        author=actor,
        text=_text(text, "text", required=True),
    )
    fields = ["updated_at"]
    if not internal:
        report.awaiting_reply = False
        fields.append("awaiting_reply")
    if actor is not None and report.assigned_to_id is None:
        report.assigned_to = actor
        report.assigned_organisation = actor.organisation
        fields += ["assigned_to", "assigned_organisation"]
    if report.status == ReportStatus.NEW:
        report.status = ReportStatus.IN_PROGRESS
        fields.append("status")
    report.save(update_fields=fields)
    return message


@service
def report_link_case(*, actor: User | None, report: PublicReport, case: str) -> PublicReport:
    """Link a report to the victim case it led to, by the case's exact code."""
    _triageable(actor, report)
    try:
        found = case_by_code(actor=actor, code=case)
    except (NotFound, PermissionDenied):
        raise ValidationError(
            fields={"case": [_("No case with the code %(code)s.") % {"code": case.strip()}]}
        ) from None
    report.case = found
    report.save(update_fields=["case", "updated_at"])
    return report


@service
def report_close(*, actor: User | None, report: PublicReport) -> PublicReport:
    _triageable(actor, report)
    report.status = ReportStatus.CLOSED
    report.closed_on = today()
    report.save(update_fields=["status", "closed_on", "updated_at"])
    return report


@service
def report_reopen(*, actor: User | None, report: PublicReport) -> PublicReport:
    _triageable(actor, report)
    _reopen_values(report)
    report.save(update_fields=["status", "closed_on", "updated_at"])
    return report
