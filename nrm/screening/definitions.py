"""Screening instruments as data: parse and check a definition, then read it.

An instrument file (nrm/screening/instruments/*.yaml) holds one version of one instrument: its
sets, dimensions (elements), indicators with a grade per set, the rules, every label and
question in en, bs, hr and sr (Serbian Latin is derived by transliteration), and the recommended
actions per outcome. Nothing here touches the database: the same definition is read from a file,
from the database copy of a version, or from a stored screening.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nrm.core.reference import safe_load
from nrm.core.transliterate import cyrillic_to_latin

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
LANGUAGES = ("en", "bs", "hr", "sr")
GRADES = ("S", "M", "W")
STATUSES = ("provisional", "validated")
AGE_GROUPS = ("adult", "child", "any")
# The forms of exploitation a set may be made for (core vocabulary), or any.
EXPLOITATION_FORMS = (
    "sexual",
    "labour",
    "begging",
    "criminality",
    "marriage",
    "domestic_servitude",
    "organ_removal",
    "other",
    "any",
)
# Outcomes that have recommended actions: the three verdicts of a graded instrument, and what a
# first-line (ungraded) checklist leads to.
GRADED_OUTCOMES = ("trafficking", "insufficient_information", "not_established")
UNGRADED_OUTCOMES = ("refer", "ask_more", "no_signs")

Text = Mapping[str, str]


class DefinitionError(ValueError):
    """An instrument definition is malformed; the message names the place (file and path)."""


def localise(text: Text | None, language: str | None) -> str:
    """The text in `language` (en, bs, hr, sr, sr-latn), English when the language is unknown."""
    if not text:
        return ""
    code = (language or "en").lower().replace("_", "-")
    if code == "sr-latn":
        return _latin(text["sr"]) if "sr" in text else text.get("en", "")
    return text.get(code) or text.get(code.split("-")[0]) or text.get("en", "")


@functools.lru_cache(maxsize=4096)
def _latin(text: str) -> str:
    # An instrument's texts are few and read on every result shown in Serbian Latin.
    return cyrillic_to_latin(text)


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    grades: Mapping[str, str]  # set id -> S, M or W (graded instruments)
    sets: tuple[str, ...]  # the sets that contain this indicator
    label: Text
    question: Text
    public_question: Text | None = None
    means_of_control: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    """An element of the verdict rules (graded instruments) or a group of questions."""

    id: str
    stage: str
    label: Text
    hint: Text | None
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    age_group: str
    exploitation: str
    label: Text


@dataclass(frozen=True)
class Action:
    contact: str
    label: Text
    text: Text
    phone: str = ""
    age_group: str = "any"


@dataclass(frozen=True)
class Recommendation:
    outcome: str
    summary: Text
    actions: tuple[Action, ...]
    referrals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    key: str
    version: int
    status: str
    graded: bool
    source: str
    title: Text
    note: Text | None
    sets: Mapping[str, IndicatorSet]
    dimensions: tuple[Dimension, ...]
    indicators: Mapping[str, Indicator]
    # Alternatives of the element rule: each maps a group of grades ("S", "MW", ...) to the
    # least number of yes answers of those grades.
    element_rule: tuple[Mapping[str, int], ...]
    # Per age group, a conjunction of disjunctions of dimension ids.
    verdict_rules: Mapping[str, tuple[tuple[str, ...], ...]]
    recommendations: Mapping[str, Recommendation]
    definition: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def digest(self) -> str:
        return definition_digest(self.definition)

    def indicator_set(self, set_id: str) -> IndicatorSet:
        return self.sets[set_id]

    @functools.cached_property
    def _members(self) -> dict[str, list[Indicator]]:
        return {
            set_id: [
                self.indicators[i]
                for dimension in self.dimensions
                for i in dimension.indicators
                if set_id in self.indicators[i].sets
            ]
            for set_id in self.sets
        }

    @functools.cached_property
    def memo(self) -> dict[Any, Any]:
        """What the scoring engine derives from this definition (the graded indicators of each
        element of a set, a rule in a language...), kept with it once made: the definition
        never changes, and results are scored and explained on every evaluation request."""
        return {}

    @functools.cached_property
    def _dimensions(self) -> dict[str, Dimension]:
        return {dimension.id: dimension for dimension in self.dimensions}

    def indicators_in(self, set_id: str) -> list[Indicator]:
        """The indicators of a set, in the instrument's order."""
        return list(self._members[set_id])

    def dimension(self, dimension_id: str) -> Dimension:
        return self._dimensions[dimension_id]

    def rule_for(self, set_id: str) -> tuple[tuple[str, ...], ...]:
        return self.verdict_rules[self.sets[set_id].age_group]

    def set_for(self, age_group: str, exploitation: str) -> str | None:
        """The set made for this age group and form of exploitation, if the instrument has one."""
        for indicator_set in self.sets.values():
            if (indicator_set.age_group, indicator_set.exploitation) == (age_group, exploitation):
                return indicator_set.id
        return None

    def sets_for_age(self, age_group: str) -> list[str]:
        """Every set for this age group, in the instrument's order."""
        return [s.id for s in self.sets.values() if s.age_group == age_group]


def definition_digest(definition: Mapping[str, Any]) -> str:
    """A fingerprint of a definition: equal definitions, equal digests (key order aside)."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Parsing -------------------------------------------------------------------------------------


class _Reader:
    """Checks one definition and names the place of the first problem."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, message: str) -> DefinitionError:
        return DefinitionError(f"{self.origin}: {where}: {message}")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "expected a mapping")
        return value

    def sequence(self, value: Any, where: str) -> Sequence[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a non-empty list")
        return value

    def string(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected a non-empty text")
        return value.strip()

    def text(self, value: Any, where: str) -> Text:
        """A translated text: every language present and non-empty."""
        values = self.mapping(value, where)
        missing = [lang for lang in LANGUAGES if not str(values.get(lang, "")).strip()]
        if missing:
            raise self.fail(where, f"missing translation: {', '.join(missing)}")
        extra = sorted(set(values) - set(LANGUAGES))
        if extra:
            raise self.fail(where, f"unknown language: {', '.join(extra)} (sr-latn is derived)")
        return {lang: str(values[lang]).strip() for lang in LANGUAGES}

    def optional_text(self, value: Any, where: str) -> Text | None:
        return None if value is None else self.text(value, where)


def parse_definition(raw: Any, origin: str = "instrument") -> Instrument:
    """Check a definition (as read from YAML or JSON) and build the Instrument."""
    r = _Reader(origin)
    data = r.mapping(raw, "top level")
    key = r.string(data.get("id"), "id")
    origin = f"{origin} ({key})"
    r = _Reader(origin)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise r.fail("version", "expected a whole number from 1")
    status = data.get("status")
    if status not in STATUSES:
        raise r.fail("status", f"expected one of {', '.join(STATUSES)}")
    graded = data.get("graded")
    if not isinstance(graded, bool):
        raise r.fail("graded", "expected true or false")
    sets = _parse_sets(r, data.get("sets"))
    dimensions, indicators = _parse_dimensions(r, data.get("dimensions"), sets, graded)
    element_rule: tuple[Mapping[str, int], ...] = ()
    verdict_rules: dict[str, tuple[tuple[str, ...], ...]] = {}
    if graded:
        rules = r.mapping(data.get("rules"), "rules")
        element_rule = _parse_element_rule(r, rules.get("element"))
        verdict_rules = _parse_verdict_rules(r, rules.get("verdict"), dimensions, sets)
    elif data.get("rules"):
        raise r.fail("rules", "an ungraded instrument has no rules (it gives no verdict)")
    outcomes = GRADED_OUTCOMES if graded else UNGRADED_OUTCOMES
    recommendations = _parse_recommendations(r, data.get("recommendations"), outcomes)
    return Instrument(
        key=key,
        version=version,
        status=status,
        graded=graded,
        source=r.string(data.get("source"), "source"),
        title=r.text(data.get("title"), "title"),
        note=r.optional_text(data.get("note"), "note"),
        sets=sets,
        dimensions=dimensions,
        indicators=indicators,
        element_rule=element_rule,
        verdict_rules=verdict_rules,
        recommendations=recommendations,
        definition=json.loads(json.dumps(data)),  # a plain, JSON-safe copy
    )


def _parse_sets(r: _Reader, value: Any) -> dict[str, IndicatorSet]:
    sets: dict[str, IndicatorSet] = {}
    for set_id, body in r.mapping(value, "sets").items():
        where = f"sets.{set_id}"
        body = r.mapping(body, where)
        age_group = body.get("age_group")
        if age_group not in AGE_GROUPS:
            raise r.fail(f"{where}.age_group", f"expected one of {', '.join(AGE_GROUPS)}")
        exploitation = r.string(body.get("exploitation"), f"{where}.exploitation")
        if exploitation not in EXPLOITATION_FORMS:
            raise r.fail(
                f"{where}.exploitation", f"expected one of {', '.join(EXPLOITATION_FORMS)}"
            )
        # Sets are keyed by age group and form: the screening finds its set by these two.
        key = (age_group, exploitation)
        twin = [s.id for s in sets.values() if (s.age_group, s.exploitation) == key]
        if twin:
            raise r.fail(where, f"set {twin[0]} is already for {age_group} and {exploitation}")
        sets[set_id] = IndicatorSet(
            id=set_id,
            age_group=age_group,
            exploitation=exploitation,
            label=r.text(body.get("label"), f"{where}.label"),
        )
    if not sets:
        raise r.fail("sets", "expected at least one set")
    return sets


def _parse_dimensions(
    r: _Reader, value: Any, sets: Mapping[str, IndicatorSet], graded: bool
) -> tuple[tuple[Dimension, ...], dict[str, Indicator]]:
    dimensions: list[Dimension] = []
    indicators: dict[str, Indicator] = {}
    for d_index, raw in enumerate(r.sequence(value, "dimensions")):
        where = f"dimensions[{d_index}]"
        body = r.mapping(raw, where)
        dimension_id = r.string(body.get("id"), f"{where}.id")
        if any(d.id == dimension_id for d in dimensions):
            raise r.fail(f"{where}.id", f"{dimension_id} appears twice")
        ids: list[str] = []
        for i_index, raw_indicator in enumerate(r.sequence(body.get("indicators"), where)):
            indicator = _parse_indicator(
                r, raw_indicator, f"{where}.indicators[{i_index}]", dimension_id, sets, graded
            )
            if indicator.id in indicators:
                raise r.fail(f"{where}.indicators[{i_index}].id", f"{indicator.id} appears twice")
            indicators[indicator.id] = indicator
            ids.append(indicator.id)
        dimensions.append(
            Dimension(
                id=dimension_id,
                stage=str(body.get("stage", "")),
                label=r.text(body.get("label"), f"{where}.label"),
                hint=r.optional_text(body.get("hint"), f"{where}.hint"),
                indicators=tuple(ids),
            )
        )
    return tuple(dimensions), indicators


def _parse_indicator(
    r: _Reader,
    raw: Any,
    where: str,
    dimension_id: str,
    sets: Mapping[str, IndicatorSet],
    graded: bool,
) -> Indicator:
    body = r.mapping(raw, where)
    indicator_id = r.string(body.get("id"), f"{where}.id")
    where = f"{where} ({indicator_id})"
    grades: dict[str, str] = {}
    if graded:
        for set_id, grade in r.mapping(body.get("grades"), f"{where}.grades").items():
            if set_id not in sets:
                raise r.fail(f"{where}.grades", f"unknown set {set_id}")
            if grade not in GRADES:
                raise r.fail(f"{where}.grades.{set_id}", f"expected one of {', '.join(GRADES)}")
            grades[set_id] = grade
        if not grades:
            raise r.fail(f"{where}.grades", "the indicator is in no set")
        member_of = tuple(s for s in sets if s in grades)
    else:
        if body.get("grades"):
            raise r.fail(f"{where}.grades", "an ungraded instrument has no grades")
        listed = body.get("sets", list(sets))
        unknown = [s for s in listed if s not in sets]
        if unknown:
            raise r.fail(f"{where}.sets", f"unknown set {', '.join(unknown)}")
        member_of = tuple(s for s in sets if s in listed)
    means = body.get("means_of_control", [])
    if not isinstance(means, list) or not all(isinstance(m, str) for m in means):
        raise r.fail(f"{where}.means_of_control", "expected a list of codes")
    return Indicator(
        id=indicator_id,
        dimension=dimension_id,
        grades=grades,
        sets=member_of,
        label=r.text(body.get("label"), f"{where}.label"),
        question=r.text(body.get("question"), f"{where}.question"),
        public_question=r.optional_text(body.get("public_question"), f"{where}.public_question"),
        means_of_control=tuple(means),
    )


def _parse_element_rule(r: _Reader, value: Any) -> tuple[Mapping[str, int], ...]:
    rule = r.mapping(value, "rules.element")
    alternatives: list[Mapping[str, int]] = []
    for index, raw in enumerate(r.sequence(rule.get("any_of"), "rules.element.any_of")):
        where = f"rules.element.any_of[{index}]"
        alternative = r.mapping(raw, where)
        seen: set[str] = set()
        for group, least in alternative.items():
            letters = set(str(group))
            if not letters or not letters <= set(GRADES) or len(letters) != len(str(group)):
                raise r.fail(where, f"{group!r} is not a group of grades (S, M, W)")
            if letters & seen:
                raise r.fail(where, "a grade appears in two groups of one alternative")
            seen |= letters
            if not isinstance(least, int) or isinstance(least, bool) or least < 1:
                raise r.fail(f"{where}.{group}", "expected a whole number from 1")
        alternatives.append({str(g): int(n) for g, n in alternative.items()})
    return tuple(alternatives)


def _parse_verdict_rules(
    r: _Reader, value: Any, dimensions: Iterable[Dimension], sets: Mapping[str, IndicatorSet]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    known = {d.id for d in dimensions}
    rules: dict[str, tuple[tuple[str, ...], ...]] = {}
    for age_group, body in r.mapping(value, "rules.verdict").items():
        where = f"rules.verdict.{age_group}"
        clauses = r.sequence(r.mapping(body, where).get("all_of"), f"{where}.all_of")
        parsed: list[tuple[str, ...]] = []
        for index, clause in enumerate(clauses):
            ids = tuple(r.sequence(clause, f"{where}.all_of[{index}]"))
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise r.fail(f"{where}.all_of[{index}]", f"unknown dimension {', '.join(unknown)}")
            parsed.append(ids)
        rules[str(age_group)] = tuple(parsed)
    for indicator_set in sets.values():
        if indicator_set.age_group not in rules:
            raise r.fail(
                "rules.verdict", f"no rule for {indicator_set.age_group} (set {indicator_set.id})"
            )
    return rules


def _parse_recommendations(
    r: _Reader, value: Any, outcomes: Sequence[str]
) -> dict[str, Recommendation]:
    body = r.mapping(value, "recommendations")
    missing = [o for o in outcomes if o not in body]
    if missing:
        raise r.fail("recommendations", f"missing outcome: {', '.join(missing)}")
    unknown = [o for o in body if o not in outcomes]
    if unknown:
        raise r.fail("recommendations", f"unknown outcome: {', '.join(unknown)}")
    parsed: dict[str, Recommendation] = {}
    for outcome in outcomes:
        where = f"recommendations.{outcome}"
        item = r.mapping(body[outcome], where)
        actions = []
        for index, raw in enumerate(r.sequence(item.get("actions"), f"{where}.actions")):
            a_where = f"{where}.actions[{index}]"
            action = r.mapping(raw, a_where)
            age_group = action.get("age_group", "any")
            if age_group not in AGE_GROUPS:
                raise r.fail(f"{a_where}.age_group", f"expected one of {', '.join(AGE_GROUPS)}")
            actions.append(
                Action(
                    contact=r.string(action.get("contact"), f"{a_where}.contact"),
                    label=r.text(action.get("label"), f"{a_where}.label"),
                    text=r.text(action.get("text"), f"{a_where}.text"),
                    phone=str(action.get("phone", "")),
                    age_group=age_group,
                )
            )
        referrals = item.get("referrals", [])
        if not isinstance(referrals, list):
            raise r.fail(f"{where}.referrals", "expected a list of service codes")
        parsed[outcome] = Recommendation(
            outcome=outcome,
            summary=r.text(item.get("summary"), f"{where}.summary"),
            actions=tuple(actions),
            referrals=tuple(str(s) for s in referrals),
        )
    return parsed


# Files ---------------------------------------------------------------------------------------


def read_file(path: Path) -> Instrument:
    try:
        with path.open(encoding="utf-8") as handle:
            raw = safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise DefinitionError(f"{path.name}: {exc}") from exc
    return parse_definition(raw, origin=path.name)


def instrument_files(directory: Path = INSTRUMENTS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def read_all(directory: Path = INSTRUMENTS_DIR) -> list[Instrument]:
    """Every instrument version in the repository; a (key, version) may appear once only."""
    instruments = [read_file(path) for path in instrument_files(directory)]
    seen: dict[tuple[str, int], str] = {}
    for path, instrument in zip(instrument_files(directory), instruments, strict=True):
        where = (instrument.key, instrument.version)
        if where in seen:
            raise DefinitionError(
                f"{path.name}: {instrument.key} version {instrument.version} is also in "
                f"{seen[where]}"
            )
        seen[where] = path.name
    return instruments


def latest_in_files(directory: Path = INSTRUMENTS_DIR) -> dict[str, Instrument]:
    """The newest version of each instrument in the repository, by key."""
    latest: dict[str, Instrument] = {}
    for instrument in read_all(directory):
        current = latest.get(instrument.key)
        if current is None or instrument.version > current.version:
            latest[instrument.key] = instrument
    return latest
