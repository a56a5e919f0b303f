"""Scales of the benchmark ("10k", "100k", "1m" or a plain number of cases) and their labels."""

from __future__ import annotations

import re

_SCALE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1_000, "m": 1_000_000}


def parse_scale(text: str) -> int:
    """'10k' -> 10000, '1m' -> 1000000, '2500' -> 2500, '1.5m' -> 1500000."""
    match = _SCALE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a scale: use 10k, 100k, 1m or a number of cases")
    cases = round(float(match[1]) * _FACTORS[match[2].lower()])
    if cases < 1:
        raise ValueError(f"{text!r}: a scale has at least one case")
    return cases


def parse_scales(text: str) -> list[int]:
    """'10k,100k' -> [10000, 100000] (sorted, without repeats)."""
    return sorted({parse_scale(part) for part in text.split(",") if part.strip()})


def scale_label(cases: int) -> str:
    """10000 -> '10k', 1000000 -> '1m', 2500 -> '2500' (used in file and database names)."""
    for suffix, factor in (("m", 1_000_000), ("k", 1_000)):
        if cases % factor == 0:
            return f"{cases // factor}{suffix}"
    return str(cases)
