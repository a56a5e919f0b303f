"""Sorting names as the reader's alphabet does: Č, Ć, Dž, Đ, Lj, Nj, Š, Ž in their places in
Latin; the Cyrillic alphabet's own order (а б в г д ђ е ж з ...) for Serbian Cyrillic; English
otherwise. One rule for every list a person reads (municipalities, countries, organisations).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

LATIN = [
    "a",
    "b",
    "c",
    "č",
    "ć",
    "d",
    "dž",
    "đ",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "lj",
    "m",
    "n",
    "nj",
    "o",
    "p",
    "q",
    "r",
    "s",
    "š",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "ž",
]
CYRILLIC = [
    "а",
    "б",
    "в",
    "г",
    "д",
    "ђ",
    "е",
    "ж",
    "з",
    "и",
    "ј",
    "к",
    "л",
    "љ",
    "м",
    "н",
    "њ",
    "о",
    "п",
    "р",
    "с",
    "т",
    "ћ",
    "у",
    "ф",
    "х",
    "ц",
    "ч",
    "џ",
    "ш",
]
DIGRAPHS = {"dž", "lj", "nj"}


def _letters(text: str) -> list[str]:
    out, i = [], 0
    while i < len(text):
        if text[i : i + 2] in DIGRAPHS:
            out.append(text[i : i + 2])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return out


def _plain(letter: str) -> str:
    """A letter without accents that the alphabet does not know (é -> e)."""
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


def collation_key(text: str, language: str | None = None) -> tuple[tuple[int, str], ...]:
    language = (language or get_language() or "en").lower()
    lowered = text.casefold().strip()
    if language in ("bs", "hr", "sr", "sr-latn"):
        alphabet = {letter: n for n, letter in enumerate(CYRILLIC if language == "sr" else LATIN)}
        # Latin names inside a Cyrillic list sort after it, in Latin order, and vice versa.
        other = {letter: n for n, letter in enumerate(LATIN if language == "sr" else CYRILLIC)}
        key = []
        for letter in _letters(lowered) if language != "sr" else list(lowered):
            if letter in alphabet:
                key.append((1, f"{alphabet[letter]:03d}"))
            elif letter in other:
                key.append((2, f"{other[letter]:03d}"))
            elif letter.isalnum():
                plain = _plain(letter)
                key.append((1, f"{alphabet[plain]:03d}") if plain in alphabet else (3, letter))
            else:
                key.append((0, letter))
        return tuple(key)
    return tuple((1, _plain(c)) if c.isalnum() else (0, c) for c in lowered)


def sorted_by_name(
    items: Iterable[T], name: Callable[[T], str], language: str | None = None
) -> list[T]:
    return sorted(items, key=lambda item: collation_key(name(item), language))
