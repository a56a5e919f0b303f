"""Titles and summaries in the reader's language, falling back to the closest one written.

Activities are written in English, Bosnian, Croatian and Serbian (Cyrillic); Serbian Latin is
never stored but transliterated. When the reader's language is missing, the closest written
language is used (Bosnian and Croatian for each other, then Serbian, then English), in the
reader's script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nrm.core.transliterate import cyrillic_to_latin, latin_to_cyrillic, name_to_cyrillic

FALLBACKS: dict[str, tuple[str, ...]] = {
    "en": ("en", "bs", "hr", "sr"),
    "bs": ("bs", "hr", "sr", "en"),
    "hr": ("hr", "bs", "sr", "en"),
    "sr": ("sr", "bs", "hr", "en"),
    "sr-latn": ("sr", "bs", "hr", "en"),
}
CYRILLIC_READERS = {"sr"}
LATIN_READERS = {"en", "bs", "hr", "sr-latn"}

# Words that stay in Latin script in a Cyrillic text: codes and foreign names (EU4FAST,
# WBJAST, YouTube) have digits or letters that Serbian does not use.
_KEEP_LATIN = re.compile(r"[0-9WQXYwqxy]")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class LocalText:
    text: str
    language: str  # the language it was written in ("" when nothing was written)


def normalise_language(language: str) -> str:
    code = language.lower().replace("_", "-")
    if code in FALLBACKS:
        return code
    return code.split("-")[0] if code.split("-")[0] in FALLBACKS else "en"


def to_cyrillic(text: str) -> str:
    return _WORD.sub(
        lambda m: m.group(0) if _KEEP_LATIN.search(m.group(0)) else latin_to_cyrillic(m.group(0)),
        text,
    )


def localised(texts: Mapping[str, str], language: str) -> LocalText:
    """The text of `texts` ({language: text}) for a reader of `language`."""
    reader = normalise_language(language)
    for source in FALLBACKS[reader]:
        text = (texts.get(source) or "").strip()
        if not text:
            continue
        if reader in CYRILLIC_READERS and source in ("bs", "hr"):
            text = to_cyrillic(text)  # English stays English: transliterated it is nonsense
        elif reader in LATIN_READERS and source == "sr":
            text = cyrillic_to_latin(text)
        return LocalText(text, source)
    return LocalText("", "")


def in_script(name: str, language: str) -> str:
    """A name stored in Latin script (place, organisation) in the reader's script."""
    return name_to_cyrillic(name) if normalise_language(language) in CYRILLIC_READERS else name
