"""Serbian script conversion: Cyrillic <-> Latin (Gaj's alphabet).

The Serbian Latin catalogue is generated from the Cyrillic one, and names written in Latin
(places, organisations) are shown in Cyrillic to Serbian Cyrillic readers.
"""

from __future__ import annotations

import re

_CYR_TO_LAT = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C",
    "Ч": "Č", "Џ": "Dž", "Ш": "Š",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip

_DIGRAPHS = {"Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ",
             "Dž": "Џ", "DŽ": "Џ", "dž": "џ"}  # fmt: skip
_LAT_TO_CYR = {lat: cyr for cyr, lat in _CYR_TO_LAT.items() if len(lat) == 1}


_CYRILLIC = re.compile("[" + "".join(_CYR_TO_LAT) + "]")


def cyrillic_to_latin(text: str) -> str:
    if not _CYRILLIC.search(text):
        return text  # nothing to convert (most names): no loop over the characters
    out = []
    for index, char in enumerate(text):
        latin = _CYR_TO_LAT.get(char, char)
        # A digraph letter inside an upper-case word stays upper-case (ЉУБ -> LJUB).
        if len(latin) == 2 and char.isupper() and _next_is_upper(text, index):
            latin = latin.upper()
        out.append(latin)
    return "".join(out)


def _next_is_upper(text: str, index: int) -> bool:
    return index + 1 < len(text) and text[index + 1].isupper()


_ENGLISH = re.compile(
    r"[wqxyWQXY]|\b(?:the|of|and|for|in|on|to)\b"
    # Latin titles and names keep their form ("Ius Versus Iustitiam", "Caritas", "pro bono").
    r"|\b(?:ius|iu\w+|versus|lex|pro\s+bono|caritas|vita|terra|spes|amicus|et)\b",
    re.IGNORECASE,
)
# Roman numerals stay Latin ("Panel II", not "Панел ИИ"): two or more numeral letters, or one
# after a word ("Panel I").
_ROMAN = re.compile(r"(?<![\w])(?:[IVXLCDM]{2,}|(?<=\w )[IVX])(?![\w])")


def looks_english(text: str) -> bool:
    """True for text with letters or words Serbian Latin does not have ("Council of Europe").

    Transliterating such text would give nonsense ("Цоунцил оф Еуропе"), so names typed in
    English stay in Latin script for Cyrillic readers.
    """
    return bool(_ENGLISH.search(text))


def name_to_cyrillic(name: str) -> str:
    """A name stored in Latin script, in Cyrillic, unless it is written in English."""
    return name if looks_english(name) else latin_to_cyrillic(name)


def latin_to_cyrillic(text: str) -> str:
    """Latin to Cyrillic, leaving URLs, e-mail addresses and placeholders (%(name)s, {x}) intact."""
    out: list[str] = []
    index = 0
    while index < len(text):
        skip = _protected_span(text, index)
        if skip:
            out.append(text[index:skip])
            index = skip
            continue
        pair = text[index : index + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            index += 2
            continue
        out.append(_LAT_TO_CYR.get(text[index], text[index]))
        index += 1
    return "".join(out)


def _protected_span(text: str, index: int) -> int:
    """End of a span starting at `index` that must not be transliterated, or 0."""
    char = text[index]
    roman = _ROMAN.match(text, index)
    if roman and _is_roman(roman.group(0)):
        return roman.end()
    if char == "%" and index + 1 < len(text):
        if text[index + 1] == "(":
            close = text.find(")", index)
            if close != -1 and close + 1 < len(text):
                return close + 2
        return index + 2
    if char == "{":
        close = text.find("}", index)
        return close + 1 if close != -1 else 0
    if char == "<":
        close = text.find(">", index)
        return close + 1 if close != -1 else 0
    if text.startswith(("http://", "https://", "www."), index) or _is_email_start(text, index):
        end = index
        while end < len(text) and not text[end].isspace() and text[end] not in ")]\"'":
            end += 1
        return end
    return 0


def _is_roman(word: str) -> bool:
    """A well-formed Roman numeral (I to MMMCMXCIX), not a word such as "DIM" or "MILL"."""
    return bool(
        re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", word) and word
    )


def _is_email_start(text: str, index: int) -> bool:
    if index > 0 and not text[index - 1].isspace():
        return False
    word_end = index
    while word_end < len(text) and not text[word_end].isspace():
        word_end += 1
    return "@" in text[index:word_end]
