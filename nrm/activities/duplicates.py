"""Possible duplicates: the same event reported by different partners.

Two reports are possible duplicates when they come from different organisations, their dates
overlap, they share a place (a BiH municipality, a city abroad, or both online) and their titles
are similar. Titles are compared after folding script, case and diacritics
(normalise_for_matching, so Cyrillic and Latin match), dropping words that almost every title in
this field shares ("trafficking", "human", "training", ...) and words of one or two letters, and
cutting words to their first six letters, which absorbs inflection (simpozij, simpozija,
simpoziju; prosecutors, prosecutorial). The similarity is the larger of two measures:

- word overlap: shared word stems / stems of the shorter title (a short title contained in a
  longer one scores 1), when at least two stems are shared;
- character trigram Dice coefficient of the remaining words (robust to spelling and word order).

Titles are compared language by language where both reports have one, otherwise across all the
languages written. Reports of different kinds are not the same event: events (training, workshop,
conference, coordination meeting), campaigns, publications and grant projects are compared only
within their kind; "other" is compared with everything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nrm.core.crypto import normalise_for_matching

SIMILARITY_THRESHOLD = 0.5
STEM_LENGTH = 6

_STOPWORD_LINES = (
    # English
    "and for from into the with within about its their this that",
    "human beings being persons person trafficking traffic combating combat against thb",
    # Bosnian, Croatian and Serbian, after folding (Cyrillic becomes Latin, no diacritics)
    "pri kod prema ili kao njihov",
    "trgovina trgovine trgovini trgovinom trgovanje trgovanja trgovanju ljudi ljudima ljudskim",
    "borba borbe borbi protiv suzbijanje suzbijanja suzbijanju",
    # what kind of event it is says little about which event it is
    "training trainings workshop workshops conference meeting seminar session sessions event",
    "obuka obuke obuci edukacija radionica radionice radionici konferencija konferencije",
    "sastanak sastanka dogadjaj",
    "campaign campaigns kampanja kampanje kampanji publication publikacija project projekat"
    " projekta projekt",
)
STOPWORDS = frozenset(" ".join(_STOPWORD_LINES).split())
MIN_WORD = 3  # shorter tokens are articles, numerals (ii, 17) and initials
_WORDS = re.compile(r"[a-z0-9]+")


# Partners call the same event a training, a workshop or a conference; a campaign is not one.
KINDS = {
    "training": "event",
    "workshop": "event",
    "conference": "event",
    "coordination_meeting": "event",
    "campaign": "campaign",
    "publication": "publication",
    "grant_project": "grant_project",
}


def comparable_types(first: str, second: str) -> bool:
    if "other" in (first, second):
        return True
    return KINDS.get(first, first) == KINDS.get(second, second)


@dataclass(frozen=True)
class Candidate:
    """Another report that may be the same event."""

    activity: Any
    similarity: float
    places: tuple[str, ...]  # the shared place keys


def words(title: str) -> list[str]:
    folded = normalise_for_matching(title)
    return [w for w in _WORDS.findall(folded) if len(w) >= MIN_WORD and w not in STOPWORDS]


def _stems(tokens: Iterable[str]) -> set[str]:
    return {t[:STEM_LENGTH] for t in tokens}


def _trigrams(tokens: Iterable[str]) -> set[str]:
    grams: set[str] = set()
    for token in tokens:
        padded = f" {token} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def text_similarity(first: str, second: str) -> float:
    """0 (nothing in common) to 1 (the same words)."""
    a, b = words(first), words(second)
    if not a or not b:
        return 0.0
    stems_a, stems_b = _stems(a), _stems(b)
    shared = len(stems_a & stems_b)
    # One shared word proves little: overlap needs two.
    overlap = shared / min(len(stems_a), len(stems_b)) if shared >= 2 else 0.0
    grams_a, grams_b = _trigrams(a), _trigrams(b)
    dice = 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))
    return max(overlap, dice)


def title_similarity(first: Mapping[str, str], second: Mapping[str, str]) -> float:
    """Similarity of two reports' titles ({language: title})."""
    written_a = {lang: t for lang, t in first.items() if t and t.strip()}
    written_b = {lang: t for lang, t in second.items() if t and t.strip()}
    common = set(written_a) & set(written_b)
    pairs = (
        [(written_a[lang], written_b[lang]) for lang in common]
        if common
        else [(a, b) for a in written_a.values() for b in written_b.values()]
    )
    return max((text_similarity(a, b) for a, b in pairs), default=0.0)


def place_keys(activity: Any) -> set[str]:
    """Places of an activity and of its sessions (prefetched)."""
    keys = {place.place_key for place in activity.places.all()}
    keys.update(session.place_key for session in activity.sessions.all())
    return keys


def _may_be_same_event(a: Any, b: Any, excluded: set[tuple[int, int]]) -> Candidate | None:
    if a.pk == b.pk or a.reporter_id == b.reporter_id:
        return None
    if a.event_id is not None and a.event_id == b.event_id:
        return None
    if not comparable_types(a.type, b.type):
        return None
    if (min(a.pk, b.pk), max(a.pk, b.pk)) in excluded:
        return None
    if a.start_date > b.end_date or b.start_date > a.end_date:
        return None
    shared = place_keys(a) & place_keys(b)
    if not shared:
        return None
    similarity = title_similarity(a.titles(), b.titles())
    if similarity < SIMILARITY_THRESHOLD:
        return None
    return Candidate(b, round(similarity, 2), tuple(sorted(shared)))


def find_candidates(
    anchors: Iterable[Any], pool: Iterable[Any], excluded: set[tuple[int, int]]
) -> dict[int, list[Candidate]]:
    """{anchor id: its candidates in `pool`}, most similar first.

    `excluded` holds (smaller id, larger id) pairs the coordinator marked as different events.
    The pool is indexed by place, so a report is only compared with reports held in one of its
    places.
    """
    by_place: dict[str, list[Any]] = defaultdict(list)
    for activity in pool:
        for key in place_keys(activity):
            by_place[key].append(activity)
    found: dict[int, list[Candidate]] = {}
    for anchor in anchors:
        others = {o.pk: o for key in place_keys(anchor) for o in by_place.get(key, ())}
        matches = [
            candidate
            for other in others.values()
            if (candidate := _may_be_same_event(anchor, other, excluded)) is not None
        ]
        if matches:
            found[anchor.pk] = sorted(matches, key=lambda c: (-c.similarity, c.activity.pk))
    return found
