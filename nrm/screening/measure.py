"""How many questions a practitioner answers to reach a verdict, with and without the short
first step (docs/screening.md). Pure: no database.

The practitioner answers the questions in the order the page shows them and stops as soon as
the result is settled: a verdict that no further answer can change (trafficking with the yes
answers alone, or not established even with every open question taken as yes), or, for a
first-line checklist, a first yes (refer) or the last question. With the first step, its seven
questions come first and their answers are carried into the full screening, which then asks
only the questions not yet answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nrm.screening import modules
from nrm.screening.definitions import Instrument
from nrm.screening.engine import INSUFFICIENT, REFER, UNKNOWN, YES, evaluate


@dataclass(frozen=True)
class Count:
    before: int  # questions answered to a settled result, full screening only
    triage_outcome: str  # refer_now, continue or stop
    to_decision: int  # questions answered until the first step decides
    after: int  # first step, then the full screening, to a settled result


def _settled(instrument: Instrument, set_id: str, answered: Mapping[str, str], last: bool) -> bool:
    evaluation = evaluate(instrument, set_id, answered)
    if not instrument.graded:
        return evaluation.outcome == REFER or last
    return evaluation.verdict != INSUFFICIENT or last


def _walk(
    instrument: Instrument, set_id: str, answers: Mapping[str, str], known: Mapping[str, str]
) -> int:
    """Questions answered in page order (skipping those already known) to a settled result."""
    order = [i.id for i in instrument.indicators_in(set_id) if i.id not in known]
    answered = dict(known)
    if not order or _settled(instrument, set_id, answered, last=not order):
        return 0
    for count, indicator_id in enumerate(order, start=1):
        answered[indicator_id] = answers.get(indicator_id, UNKNOWN)
        if _settled(instrument, set_id, answered, last=count == len(order)):
            return count
    return len(order)


def triage_answers_for(instrument: Instrument, set_id: str, answers: Mapping[str, str]) -> dict:
    """What the first step's questions would be answered, given the situation's answers: the
    answer of the first indicator of the set that each question covers."""
    members = {i.id for i in instrument.indicators_in(set_id)}
    result = {}
    for question in modules.triage_module().questions:
        covered = [i for i in (*question.evidences, *question.first_line) if i in members]
        result[question.id] = answers.get(covered[0], UNKNOWN) if covered else UNKNOWN
    return result


def count(
    instrument: Instrument, set_id: str, answers: Mapping[str, str], *, child_sexual: bool = False
) -> Count:
    before = _walk(instrument, set_id, answers, {})
    triage = triage_answers_for(instrument, set_id, answers)
    outcome = modules.triage_outcome(triage, child_sexual=child_sexual)
    asked = len(triage)
    members = [i.id for i in instrument.indicators_in(set_id)]
    carried = modules.triage_carried(triage, members)
    after = (
        asked if outcome == modules.STOP else asked + _walk(instrument, set_id, answers, carried)
    )
    return Count(before, outcome, asked, after)


__all__ = ["YES", "Count", "count", "triage_answers_for"]
