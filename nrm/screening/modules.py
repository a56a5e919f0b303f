"""Question modules: plain-language questions that evidence indicators of a graded instrument.

A module (nrm/screening/instruments/modules/*.yaml) adds questions for a context, such as online
recruitment or migrant labour. Each question names the indicators it `evidences`: a yes answer
counts as a yes to each of them that the scored set contains, so the verdict stays the rule of
the instrument (e.g. the Delphi rule). A no or don't-know answer changes nothing: the indicator
keeps its own answer. Every question documents its `source`. Pure: no database.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError
from nrm.core.reference import safe_load
from nrm.screening.definitions import INSTRUMENTS_DIR, DefinitionError, Instrument, Text, _Reader
from nrm.screening.engine import ANSWERS, UNKNOWN, YES

MODULES_DIR = INSTRUMENTS_DIR / "modules"


@dataclass(frozen=True)
class ModuleQuestion:
    id: str
    module: str
    question: Text
    evidences: tuple[str, ...]
    source: str
    # Triage only: the first-line (ILO forced-labour) indicators it answers, and whether a yes
    # means refer now.
    first_line: tuple[str, ...] = ()
    urgent: bool = False


@dataclass(frozen=True)
class Module:
    key: str
    version: int
    applies_to: str
    contexts: tuple[str, ...]
    title: Text
    questions: tuple[ModuleQuestion, ...]


def parse_module(raw: Any, origin: str = "module") -> Module:
    r = _Reader(origin)
    data = r.mapping(raw, "top level")
    key = r.string(data.get("id"), "id")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise r.fail("version", "expected a whole number from 1")
    questions = []
    for index, item in enumerate(r.sequence(data.get("questions"), "questions")):
        where = f"questions[{index}]"
        body = r.mapping(item, where)
        evidences = r.sequence(body.get("evidences"), f"{where}.evidences")
        questions.append(
            ModuleQuestion(
                id=r.string(body.get("id"), f"{where}.id"),
                module=key,
                question=r.text(body.get("question"), f"{where}.question"),
                evidences=tuple(str(e) for e in evidences),
                source=r.string(body.get("source"), f"{where}.source"),
                first_line=tuple(str(i) for i in body.get("first_line") or ()),
                urgent=bool(body.get("urgent", False)),
            )
        )
    return Module(
        key=key,
        version=version,
        applies_to=r.string(data.get("applies_to"), "applies_to"),
        contexts=tuple(str(c) for c in r.sequence(data.get("contexts"), "contexts")),
        title=r.text(data.get("title"), "title"),
        questions=tuple(questions),
    )


def check_against(module: Module, instrument: Instrument) -> None:
    """Every indicator a question evidences exists in the instrument it applies to."""
    for question in module.questions:
        unknown = [i for i in question.evidences if i not in instrument.indicators]
        if unknown:
            raise DefinitionError(
                f"{module.key}: {question.id} evidences unknown indicators: {', '.join(unknown)}"
            )


@functools.cache
def all_modules(directory: Path = MODULES_DIR) -> dict[str, Module]:
    """The newest version of each module in the repository; question ids are unique."""
    modules: dict[str, Module] = {}
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            module = parse_module(safe_load(handle), origin=path.name)
        current = modules.get(module.key)
        if current is None or module.version > current.version:
            modules[module.key] = module
    seen: dict[str, str] = {}
    for module in modules.values():
        for question in module.questions:
            if question.id in seen:
                raise DefinitionError(f"{question.id} is in {seen[question.id]} and {module.key}")
            seen[question.id] = module.key
    return modules


def modules_for(context: str, instrument_key: str) -> list[Module]:
    return [
        m
        for m in all_modules().values()
        if context in m.contexts and m.applies_to == instrument_key
    ]


def check_module_answers(
    modules: Iterable[Module], module_answers: Mapping[str, Any]
) -> dict[str, dict[str, str]]:
    """{module: {question: answer}} checked: known modules and questions, real answers."""
    by_key = {m.key: m for m in modules}
    fields: dict[str, list[str]] = {}
    checked: dict[str, dict[str, str]] = {}
    for key, answers in module_answers.items():
        module = by_key.get(key)
        if module is None or not isinstance(answers, Mapping):
            fields[f"modules.{key}"] = [_("unknown module: %(key)s") % {"key": key}]
            continue
        ids = {q.id for q in module.questions}
        for question_id, answer in answers.items():
            if question_id not in ids:
                fields[f"modules.{key}.{question_id}"] = [_("unknown question")]
            elif answer not in ANSWERS:
                fields[f"modules.{key}.{question_id}"] = [_("Use yes, no or unknown.")]
        checked[key] = {q.id: str(answers.get(q.id, UNKNOWN)) for q in module.questions}
    if fields:
        raise ValidationError(_("The module answers cannot be scored."), fields=fields)
    return checked


def carried(
    modules: Iterable[Module], module_answers: Mapping[str, Mapping[str, str]]
) -> list[tuple[ModuleQuestion, str]]:
    """(question, indicator) for every yes answer and each indicator it evidences."""
    return [
        (question, indicator_id)
        for module in modules
        for question in module.questions
        if module_answers.get(module.key, {}).get(question.id) == YES
        for indicator_id in question.evidences
    ]


def combine(
    answers: Mapping[str, str],
    modules: Iterable[Module],
    module_answers: Mapping[str, Mapping[str, str]],
    in_set: Iterable[str],
) -> dict[str, str]:
    """The indicator answers with the module's yes answers carried into the set's indicators."""
    combined = dict(answers)
    members = set(in_set)
    for _question, indicator_id in carried(modules, module_answers):
        if indicator_id in members:
            combined[indicator_id] = YES
    return combined


def apply_all(
    instrument: Instrument, set_id: str, answers: Any, module_answers: Mapping[str, Any]
) -> Any:
    """Answers with the yes answers of any module of the instrument carried in (evaluating
    without a context: the API's evaluate and `nrm screen --modules`)."""
    offered = [m for m in all_modules().values() if m.applies_to == instrument.key]
    checked = check_module_answers(offered, module_answers)
    if not isinstance(answers, Mapping) or set_id not in instrument.sets:
        return answers
    return combine(answers, offered, checked, [i.id for i in instrument.indicators_in(set_id)])


# The short first step ------------------------------------------------------------------------

TRIAGE_FILE = INSTRUMENTS_DIR / "triage" / "triage.v1.yaml"
REFER_NOW, CONTINUE, STOP = "refer_now", "continue", "stop"


@functools.cache
def triage_module(path: Path = TRIAGE_FILE) -> Module:
    with path.open(encoding="utf-8") as handle:
        return parse_module(safe_load(handle), origin=path.name)


def triage_outcome(answers: Mapping[str, str], *, child_sexual: bool = False) -> str:
    """Refer now: an urgent sign, or a child suspected to be sexually exploited (whatever the
    answers: a child cannot consent to it); continue: any yes or don't know; stop: all no."""
    module = triage_module()
    values = [answers.get(q.id, UNKNOWN) for q in module.questions]
    if child_sexual or any(q.urgent and answers.get(q.id) == YES for q in module.questions):
        return REFER_NOW
    if any(v != "no" for v in values):
        return CONTINUE
    return STOP


def triage_carried(answers: Mapping[str, str], in_set: Iterable[str]) -> dict[str, str]:
    """The indicator answers the triage gives (yes, no and don't know: each question is asked
    so as to cover the indicators it names), for the indicators of the set."""
    if not answers:
        return {}
    members = set(in_set)
    carried: dict[str, str] = {}
    for question in triage_module().questions:
        answer = answers.get(question.id, UNKNOWN)
        for indicator_id in (*question.evidences, *question.first_line):
            if indicator_id in members:
                carried[indicator_id] = answer
    return carried


def check_triage(answers: Mapping[str, Any]) -> dict[str, str]:
    ids = {q.id for q in triage_module().questions}
    fields = {f"triage.{i}": [_("unknown question")] for i in answers if i not in ids} | {
        f"triage.{i}": [_("Use yes, no or unknown.")]
        for i, a in answers.items()
        if i in ids and a not in ANSWERS
    }
    if fields:
        raise ValidationError(_("The triage answers cannot be used."), fields=fields)
    return {q.id: str(answers.get(q.id, UNKNOWN)) for q in triage_module().questions}
