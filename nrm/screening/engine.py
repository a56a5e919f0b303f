"""The scoring engine: answers in, verdict and explanation out. Pure: no database, no I/O.

Rules (docs/screening.md, from the ILO/EC Delphi indicators):
- an element (dimension) is present when its yes answers meet one alternative of the element
  rule (e.g. two strong; one strong and one medium or weak; three medium; two medium and one
  weak), so weak indicators alone, or a single strong one, never make it present;
- the verdict rule of the set's age group (a conjunction of disjunctions of elements) decides
  `trafficking`; when it fails with unknown answers taken as "no" but holds with them taken as
  "yes", the verdict is `insufficient_information`; otherwise `not_established`.
An ungraded instrument (a first-line checklist) gives no verdict, only an outcome that leads to
a referral. A single indicator is never presented as a finding.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from nrm.core.errors import ValidationError
from nrm.screening.definitions import Indicator, Instrument, localise

YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = (YES, NO, UNKNOWN)
TRAFFICKING = "trafficking"
INSUFFICIENT = "insufficient_information"
NOT_ESTABLISHED = "not_established"
VERDICTS = (TRAFFICKING, INSUFFICIENT, NOT_ESTABLISHED)
REFER, ASK_MORE, NO_SIGNS = "refer", "ask_more", "no_signs"
RESULT_KEYS = (
    "instrument",
    "version",
    "set",
    "verdict",
    "elements",
    "ignored",
    "explanation",
    "recommendation",
)


@dataclass(frozen=True)
class ElementOutcome:
    id: str
    present: bool  # unknown answers taken as "no"
    possible: bool  # unknown answers taken as "yes"
    yes: tuple[tuple[str, str], ...]  # (indicator id, grade), in the instrument's order
    unknown: tuple[str, ...]
    met: Mapping[str, int] | None  # the alternative of the element rule that the yes answers meet


@dataclass(frozen=True)
class Evaluation:
    instrument: Instrument
    set_id: str
    answers: Mapping[str, str]  # every indicator of the set: yes, no or unknown
    ignored: tuple[str, ...]
    verdict: str | None  # None: an ungraded checklist gives no verdict
    outcome: str  # the verdict, or refer / ask_more / no_signs for a checklist
    elements: tuple[ElementOutcome, ...]
    # The set's age group; for a set meant for any age, the person's when it is known.
    age_group: str = "any"

    def answered(self, answer: str) -> list[str]:
        return [i for i, a in self.answers.items() if a == answer]


# Rules ---------------------------------------------------------------------------------------


def rule_met(grades: Iterable[str], rule: Iterable[Mapping[str, int]]) -> Mapping[str, int] | None:
    """The first alternative of the element rule that these yes grades meet, or None."""
    counts = Counter(grades)
    for alternative in rule:
        if all(sum(counts[g] for g in group) >= least for group, least in alternative.items()):
            return alternative
    return None


def verdict_holds(clauses: Iterable[Iterable[str]], present: set[str]) -> bool:
    """Every clause has at least one present element."""
    return all(any(element in present for element in clause) for clause in clauses)


# Answers -------------------------------------------------------------------------------------


def check_set(instrument: Instrument, set_id: str) -> None:
    if set_id not in instrument.sets:
        raise ValidationError(
            _("%(instrument)s has no set %(set)s; its sets are: %(sets)s.")
            % {"instrument": instrument.key, "set": set_id, "sets": ", ".join(instrument.sets)},
            fields={"set": [_("unknown set: %(set)s") % {"set": set_id}]},
        )


def check_answers(
    instrument: Instrument, set_id: str, answers: Any
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Every indicator of the set with its answer (unanswered: unknown), and the ignored ids.

    An id of another set of the instrument is ignored; an id the instrument does not know, or
    an answer other than yes, no or unknown, is an error naming every such id.
    """
    check_set(instrument, set_id)
    if not isinstance(answers, Mapping):
        raise ValidationError(
            _("The answers must map indicator ids to yes, no or unknown."),
            fields={"answers": [_("expected an object of indicator ids and answers")]},
        )
    unknown_ids = sorted(str(i) for i in answers if str(i) not in instrument.indicators)
    bad_values = sorted(
        str(i) for i, a in answers.items() if str(i) in instrument.indicators and a not in ANSWERS
    )
    if unknown_ids or bad_values:
        fields: dict[str, list[str]] = {}
        for indicator_id in unknown_ids:
            fields[f"answers.{indicator_id}"] = [
                _("%(instrument)s has no indicator %(id)s")
                % {"instrument": instrument.key, "id": indicator_id}
            ]
        for indicator_id in bad_values:
            fields[f"answers.{indicator_id}"] = [
                _("%(value)s is not an answer: use yes, no or unknown")
                % {"value": _json_repr(answers[indicator_id])}
            ]
        parts = []
        if unknown_ids:
            parts.append(_("unknown indicator: %(ids)s") % {"ids": ", ".join(unknown_ids)})
        if bad_values:
            parts.append(_("invalid answer for: %(ids)s") % {"ids": ", ".join(bad_values)})
        raise ValidationError(
            _("The answers cannot be scored: %(problems)s.") % {"problems": "; ".join(parts)},
            fields=fields,
        )
    in_set = {i.id for i in instrument.indicators_in(set_id)}
    normalised = {i: UNKNOWN for i in in_set}
    ignored = []
    for indicator_id, answer in answers.items():
        if indicator_id in in_set:
            normalised[indicator_id] = answer
        else:
            ignored.append(indicator_id)
    ordered = {i.id: normalised[i.id] for i in instrument.indicators_in(set_id)}
    return ordered, tuple(sorted(ignored))


def _json_repr(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Evaluation ----------------------------------------------------------------------------------


def evaluate(
    instrument: Instrument, set_id: str, answers: Any, age_group: str | None = None
) -> Evaluation:
    """Score the answers with the instrument's rules (see the module's docstring).

    `age_group` (adult or child) only matters for a set meant for any age: it selects the
    recommended actions. A set for adults or children keeps its own age group.
    """
    normalised, ignored = check_answers(instrument, set_id, answers)
    set_age = instrument.sets[set_id].age_group
    age = age_group if set_age == "any" and age_group in ("adult", "child") else set_age
    if not instrument.graded:
        values = set(normalised.values())
        outcome = REFER if YES in values else ASK_MORE if UNKNOWN in values else NO_SIGNS
        return Evaluation(instrument, set_id, normalised, ignored, None, outcome, (), age)
    elements = tuple(
        _element(instrument, dimension_id, graded, normalised)
        for dimension_id, graded in _graded_elements(instrument, set_id)
    )
    clauses = instrument.rule_for(set_id)
    present = {e.id for e in elements if e.present}
    possible = {e.id for e in elements if e.possible}
    if verdict_holds(clauses, present):
        verdict = TRAFFICKING
    elif verdict_holds(clauses, possible):
        verdict = INSUFFICIENT
    else:
        verdict = NOT_ESTABLISHED
    return Evaluation(instrument, set_id, normalised, ignored, verdict, verdict, elements, age)


def holding(evaluations: Iterable[Evaluation]) -> Evaluation:
    """Of several sets scored (form unknown): the one that holds, else the one that could,
    else the first."""
    listed = list(evaluations)
    for verdict in (TRAFFICKING, INSUFFICIENT):
        for evaluation in listed:
            if evaluation.verdict == verdict:
                return evaluation
    return listed[0]


def _graded_elements(
    instrument: Instrument, set_id: str
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each element (dimension) with the (indicator id, grade) of its indicators in the set,
    in the instrument's order; made once per instrument and set."""
    key = ("graded elements", set_id)
    found = instrument.memo.get(key)
    if found is None:
        in_set = {indicator.id for indicator in instrument.indicators_in(set_id)}
        found = tuple(
            (
                dimension.id,
                tuple(
                    (i, instrument.indicators[i].grades[set_id])
                    for i in dimension.indicators
                    if i in in_set
                ),
            )
            for dimension in instrument.dimensions
        )
        instrument.memo[key] = found
    return found


def _rule_met(instrument: Instrument, grades: Iterable[str]) -> Mapping[str, int] | None:
    """rule_met with the instrument's element rule, once per instrument and set of grades."""
    key = ("rule met", tuple(sorted(grades)))
    if key not in instrument.memo:
        instrument.memo[key] = rule_met(key[1], instrument.element_rule)
    met: Mapping[str, int] | None = instrument.memo[key]
    return met


def _element(
    instrument: Instrument,
    dimension_id: str,
    graded: tuple[tuple[str, str], ...],
    answers: Mapping[str, str],
) -> ElementOutcome:
    yes = tuple((i, grade) for i, grade in graded if answers[i] == YES)
    unknown = tuple(i for i, _grade in graded if answers[i] == UNKNOWN)
    yes_grades = [grade for _i, grade in yes]
    unknown_grades = [grade for i, grade in graded if answers[i] == UNKNOWN]
    met = _rule_met(instrument, yes_grades)
    possible = _rule_met(instrument, yes_grades + unknown_grades)
    return ElementOutcome(dimension_id, met is not None, possible is not None, yes, unknown, met)


# The result, explained in the reader's language ------------------------------------------------


def result(evaluation: Evaluation, language: str = "en") -> dict[str, Any]:
    """The result as the CLI, the API and stored screenings show it (RESULT_KEYS)."""
    instrument = evaluation.instrument
    with translation.override(language):
        return {
            "instrument": instrument.key,
            "version": instrument.version,
            "set": evaluation.set_id,
            "verdict": evaluation.verdict,
            "elements": {e.id: e.present for e in evaluation.elements},
            "ignored": list(evaluation.ignored),
            "explanation": explanation(evaluation, language),
            "recommendation": recommendation(evaluation, language),
        }


GRADE_NAMES = {"S": gettext_noop("strong"), "M": gettext_noop("medium"), "W": gettext_noop("weak")}


def grade_label(grade: str) -> str:
    return _(GRADE_NAMES[grade])


@functools.lru_cache(maxsize=32)
def _grade_labels(language: str | None) -> dict[str, str]:
    """The grade labels in the active language (`language`: its code, the cache's key)."""
    return {grade: grade_label(grade) for grade in GRADE_NAMES}


def grade_count(group: str, count: int) -> str:
    """'2 strong', '1 medium or weak' (translated, with the right plural form)."""
    values = {"count": count}
    if group == "S":
        return ngettext("%(count)s strong", "%(count)s strong", count) % values
    if group == "M":
        return ngettext("%(count)s medium", "%(count)s medium", count) % values
    if group == "W":
        return ngettext("%(count)s weak", "%(count)s weak", count) % values
    if set(group) == {"M", "W"}:
        return ngettext("%(count)s medium or weak", "%(count)s medium or weak", count) % values
    names = _(" or ").join(grade_label(g) for g in group)
    return ngettext("%(count)s %(grades)s", "%(count)s %(grades)s", count) % {
        "count": count,
        "grades": names,
    }


def _yes_counts(yes: Iterable[tuple[str, str]]) -> str:
    counts = Counter(grade for _, grade in yes)
    return ", ".join(grade_count(g, counts[g]) for g in ("S", "M", "W") if counts[g])


def _alternative(alternative: Mapping[str, int]) -> str:
    return _(" and ").join(grade_count(group, least) for group, least in alternative.items())


def element_text(outcome: ElementOutcome) -> str:
    """Why an element is present or not, in the active language. The text depends only on
    the grades answered yes, the rule met and the number unanswered, so it is made once per
    process for each such combination (results are explained on every evaluation request)."""
    met = tuple(outcome.met.items()) if outcome.met is not None else None
    grades = tuple(g for _, g in outcome.yes)
    return _element_text(
        translation.get_language(),
        outcome.present,
        outcome.possible,
        grades,
        met,
        len(outcome.unknown),
    )


@functools.lru_cache(maxsize=4096)
def _element_text(
    language: str | None,
    present: bool,
    possible: bool,
    grades: tuple[str, ...],
    met: tuple[tuple[str, int], ...] | None,
    unknown: int,
) -> str:
    yes = [("", grade) for grade in grades]
    if present and met is not None:
        text = _("Present: the yes answers (%(counts)s) meet the rule (%(rule)s).") % {
            "counts": _yes_counts(yes),
            "rule": _alternative(dict(met)),
        }
    elif not grades:
        text = _("Not present: no indicator of this element was answered yes.")
    elif set(grades) == {"W"}:
        text = _(
            "Not present: weak indicators alone never make an element present (yes: %(counts)s)."
        ) % {"counts": _yes_counts(yes)}
    elif grades == ("S",):
        text = _(
            "Not present: a single strong indicator alone is not enough (yes: %(counts)s)."
        ) % {"counts": _yes_counts(yes)}
    else:
        text = _("Not present: the yes answers (%(counts)s) do not meet the rule.") % {
            "counts": _yes_counts(yes)
        }
    if not present and possible:
        text += " " + ngettext(
            "It could be present: %(count)s question is unanswered.",
            "It could be present: %(count)s questions are unanswered.",
            unknown,
        ) % {"count": unknown}
    return text


def _labels(instrument: Instrument, ids: Iterable[str], language: str) -> str:
    return ", ".join(localise(instrument.dimension(i).label, language) for i in ids)


def _clause_text(instrument: Instrument, clause: Iterable[str], language: str) -> str:
    return _(" or ").join(localise(instrument.dimension(i).label, language) for i in clause)


def rule_text(instrument: Instrument, set_id: str, language: str) -> str:
    key = ("rule text", set_id, language, translation.get_language())
    if key not in instrument.memo:
        instrument.memo[key] = _rule_text(instrument, set_id, language)
    text: str = instrument.memo[key]
    return text


def _rule_text(instrument: Instrument, set_id: str, language: str) -> str:
    clauses = instrument.rule_for(set_id)
    parts = [_clause_text(instrument, clause, language) for clause in clauses]
    joined = _(" and ").join(
        f"({p})" if len(c) > 1 else p for p, c in zip(parts, clauses, strict=True)
    )
    if instrument.sets[set_id].age_group == "child":
        return _("For children: %(rule)s. The means are not required.") % {"rule": joined}
    return _("For adults: %(rule)s.") % {"rule": joined}


def explanation(evaluation: Evaluation, language: str) -> dict[str, Any]:
    instrument = evaluation.instrument
    with translation.override(language):
        if not instrument.graded:
            return _checklist_explanation(evaluation, language)
        clauses = instrument.rule_for(evaluation.set_id)
        possible = {e.id for e in evaluation.elements if e.possible}
        present = {e.id for e in evaluation.elements if e.present}
        missing = [c for c in clauses if not any(e in present for e in c)]
        if evaluation.verdict == TRAFFICKING:
            summary = (
                _(
                    "Trafficking: the recruitment and exploitation elements that the rule for "
                    "children requires are present; for a child the means are not required. This "
                    "is the result of a screening, not a formal identification."
                )
                if evaluation.age_group == "child"
                else _(
                    "Trafficking: the recruitment, exploitation and means elements that the rule "
                    "for adults requires are present. This is the result of a screening, not a "
                    "formal identification."
                )
            )
        elif evaluation.verdict == INSUFFICIENT:
            summary = _(
                "Insufficient information: trafficking is not established on the answers given, "
                "but it would be if the unanswered questions were answered yes. Still missing: "
                "%(missing)s."
            ) % {"missing": "; ".join(_clause_text(instrument, c, language) for c in missing)}
        else:
            unmet = [c for c in clauses if not any(e in possible for e in c)]
            summary = _(
                "Not established: even with the unanswered questions taken as yes, the rule is "
                "not met. Missing: %(missing)s. This does not rule out other exploitation or a "
                "need for help."
            ) % {"missing": "; ".join(_clause_text(instrument, c, language) for c in unmet)}
        return {
            "summary": summary,
            "rule": rule_text(instrument, evaluation.set_id, language),
            "elements": {
                e.id: _element_explanation(instrument, evaluation.set_id, e, language)
                for e in evaluation.elements
            },
        }


def _element_explanation(
    instrument: Instrument, set_id: str, outcome: ElementOutcome, language: str
) -> dict[str, Any]:
    grade_labels = _grade_labels(translation.get_language())
    return {
        "label": localise(instrument.dimension(outcome.id).label, language),
        "present": outcome.present,
        "text": element_text(outcome),
        "answers": [
            {
                "id": indicator_id,
                "label": localise(instrument.indicators[indicator_id].label, language),
                "grade": grade,
                "grade_label": grade_labels[grade],
            }
            for indicator_id, grade in outcome.yes
        ],
        "unknown": list(outcome.unknown),
    }


def _checklist_explanation(evaluation: Evaluation, language: str) -> dict[str, Any]:
    instrument = evaluation.instrument
    yes = evaluation.answered(YES)
    unknown = evaluation.answered(UNKNOWN)
    if evaluation.outcome == REFER:
        summary = ngettext(
            "%(count)s indicator was answered yes. This first-line checklist gives no verdict, "
            "and indicators are not findings: refer the situation for a full assessment.",
            "%(count)s indicators were answered yes. This first-line checklist gives no verdict, "
            "and indicators are not findings: refer the situation for a full assessment.",
            len(yes),
        ) % {"count": len(yes)}
    elif evaluation.outcome == ASK_MORE:
        summary = ngettext(
            "No indicator was answered yes, but %(count)s question is unanswered. This checklist "
            "gives no verdict: find out more if it is safe to do so.",
            "No indicator was answered yes, but %(count)s questions are unanswered. This "
            "checklist gives no verdict: find out more if it is safe to do so.",
            len(unknown),
        ) % {"count": len(unknown)}
    else:
        summary = _(
            "No indicator was answered yes. This checklist gives no verdict; if you are still "
            "worried, ask for advice."
        )
    return {
        "summary": summary,
        "rule": _("A first-line checklist without grades: it leads to a referral, not a verdict."),
        "elements": {},
        "answers": [
            {"id": i, "label": localise(instrument.indicators[i].label, language)} for i in yes
        ],
        "unknown": unknown,
    }


def _ask_about(evaluation: Evaluation, language: str) -> list[dict[str, str]]:
    """Unanswered questions of the elements that could still complete the verdict rule."""
    if evaluation.verdict != INSUFFICIENT:
        return []
    instrument = evaluation.instrument
    present = {e.id for e in evaluation.elements if e.present}
    needed = {
        element
        for clause in instrument.rule_for(evaluation.set_id)
        if not any(e in present for e in clause)
        for element in clause
    }
    return [
        {"id": i, "question": localise(instrument.indicators[i].question, language)}
        for e in evaluation.elements
        if e.id in needed and e.possible
        for i in e.unknown
    ]


def recommendation(evaluation: Evaluation, language: str) -> dict[str, Any]:
    with translation.override(language):
        advice = _advice(evaluation.instrument, evaluation.outcome, evaluation.age_group, language)
        return {
            "outcome": evaluation.outcome,
            "summary": advice["summary"],
            "actions": [dict(action) for action in advice["actions"]],
            "referrals": [dict(referral) for referral in advice["referrals"]],
            "ask_about": _ask_about(evaluation, language),
        }


def _advice(instrument: Instrument, outcome: str, age_group: str, language: str) -> dict[str, Any]:
    """The recommendation's texts for an outcome and age group, made once per instrument and
    language (copied by the caller: they are shared)."""
    key = ("advice", outcome, age_group, language, translation.get_language())
    if key in instrument.memo:
        found: dict[str, Any] = instrument.memo[key]
        return found
    from nrm.cases.models import ServiceType  # labels only: no query

    advice = instrument.recommendations[outcome]
    services = dict(ServiceType.choices)
    found = {
        "summary": localise(advice.summary, language),
        "actions": [
            {
                "contact": action.contact,
                "label": localise(action.label, language),
                "phone": action.phone,
                "text": localise(action.text, language),
            }
            for action in advice.actions
            if action.age_group in ("any", age_group) or age_group == "any"
        ],
        "referrals": [
            {"service": code, "label": str(services.get(code, code))} for code in advice.referrals
        ],
    }
    instrument.memo[key] = found
    return found


def indicators_answered_yes(evaluation: Evaluation) -> list[Indicator]:
    return [evaluation.instrument.indicators[i] for i in evaluation.answered(YES)]
