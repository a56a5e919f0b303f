"""Interview languages: an instrument's questions in the language of the person interviewed.

The instrument itself carries en, bs, hr and sr (and sr-latn by transliteration), all reviewed.
Further languages that migrants speak are text files in nrm/screening/instruments/languages/
(`<instrument>.<code>.yaml`): `status: unreviewed` until a translator has checked them (then
`reviewed`, with `reviewed_by`), and the interview view says so on every question. Pure: no
database.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nrm.core.reference import safe_load
from nrm.screening.definitions import INSTRUMENTS_DIR, DefinitionError, Instrument, localise

LANGUAGES_DIR = INSTRUMENTS_DIR / "languages"
BUILT_IN = {
    "en": "English",
    "bs": "Bosanski",
    "hr": "Hrvatski",
    "sr": "Српски",
    "sr-latn": "Srpski (latinica)",
}
CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


@dataclass(frozen=True)
class InterviewLanguage:
    code: str
    instrument: str
    name: str
    direction: str = "ltr"
    reviewed: bool = True
    reviewed_by: str = ""
    questions: Mapping[str, str] = field(default_factory=dict)


def parse_language(raw: Any, origin: str) -> InterviewLanguage:
    def fail(message: str) -> DefinitionError:
        return DefinitionError(f"{origin}: {message}")

    if not isinstance(raw, Mapping):
        raise fail("expected a mapping")
    code = str(raw.get("language", ""))
    if not CODE.match(code) or code in BUILT_IN:
        raise fail(f"language: {code!r} is not a language code the instrument lacks")
    status = raw.get("status")
    if status not in ("unreviewed", "reviewed"):
        raise fail("status: expected unreviewed or reviewed")
    if status == "reviewed" and not str(raw.get("reviewed_by", "")).strip():
        raise fail("reviewed_by: say who reviewed the translation")
    direction = raw.get("direction", "ltr")
    if direction not in ("ltr", "rtl"):
        raise fail("direction: expected ltr or rtl")
    questions = raw.get("questions")
    if not isinstance(questions, Mapping) or not questions:
        raise fail("questions: expected indicator ids and their text")
    return InterviewLanguage(
        code=code,
        instrument=str(raw.get("instrument", "")),
        name=str(raw.get("name") or code),
        direction=direction,
        reviewed=status == "reviewed",
        reviewed_by=str(raw.get("reviewed_by", "")),
        questions={str(k): str(v).strip() for k, v in questions.items() if str(v).strip()},
    )


@functools.cache
def language_files(directory: Path = LANGUAGES_DIR) -> tuple[InterviewLanguage, ...]:
    found = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            found.append(parse_language(safe_load(handle), path.name))
    return tuple(found)


def check_against(language: InterviewLanguage, instrument: Instrument) -> None:
    unknown = sorted(i for i in language.questions if i not in instrument.indicators)
    if unknown:
        raise DefinitionError(
            f"{language.instrument}.{language.code}: unknown indicators: {', '.join(unknown)}"
        )


def available(instrument_key: str) -> list[InterviewLanguage]:
    """The languages the interviewee may read: the instrument's own, then the added files."""
    own = [InterviewLanguage(code, instrument_key, name) for code, name in BUILT_IN.items()]
    return own + [f for f in language_files() if f.instrument == instrument_key]


def find(instrument_key: str, code: str) -> InterviewLanguage | None:
    return next((lang for lang in available(instrument_key) if lang.code == code), None)


def texts(instrument: Instrument, language: InterviewLanguage) -> dict[str, str]:
    """Indicator id -> the question in the interviewee's language ("" when not translated)."""
    if language.code in BUILT_IN:
        return {
            i: localise(ind.question, language.code) for i, ind in instrument.indicators.items()
        }
    return {i: language.questions.get(i, "") for i in instrument.indicators}
