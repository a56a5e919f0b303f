"""A victim register of R rows in the import format (docs/import-format.md), seeded.

Identification dates fall in 2025, after the generated history (2015-2024), so that the
imported cases take codes of their own year and change no figure of 2024.
"""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

from bench.generator import CITIZENSHIP, FIRST_NAMES, FORM, SEX, SURNAMES

COLUMNS = (
    "case_code",
    "identified_on",
    "status",
    "sex",
    "birth_date",
    "age",
    "citizenship",
    "exploitation",
    "shelter_from",
    "shelter_to",
    "first_name",
    "last_name",
    "municipality",
    "trafficking_scope",
)
DATE_COLUMNS = ("identified_on", "birth_date", "shelter_from", "shelter_to")
FIRST_DAY = datetime.date(2025, 1, 1)
DAYS = 180
MUNICIPALITIES = ("tuzla", "bihac", "centar", "banja-luka", "mostar", "zenica", "brcko", "")


def register_rows(cases: int) -> int:
    """R for a scale: 2,000 rows up to 10k cases, 20,000 from 100k cases on."""
    return 2_000 if cases < 100_000 else 20_000


def write_register(path: Path, rows: int, seed: int) -> Path:
    """Write (or keep, when it is there already) the register of `rows` rows."""
    if path.exists():
        return path
    rng = random.Random(f"register:{seed}:{rows}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            writer.writerow(_row(rng))
    partial.rename(path)
    return path


def _row(rng: random.Random) -> list[str]:
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
    sex = SEX(rng)
    birth_date = age = ""
    draw = rng.random()
    if draw < 0.6:
        born = day - datetime.timedelta(days=rng.randint(7 * 365, 60 * 365))
        birth_date = born.isoformat()
    elif draw < 0.92:
        age = str(rng.randint(7, 60))
    forms = {FORM(rng) for _ in range(rng.choice((0, 1, 1, 1, 2)))}
    stay = rng.random() < 0.3
    stay_end = day + datetime.timedelta(days=rng.randint(1, 60))
    citizenship = CITIZENSHIP(rng)
    names = FIRST_NAMES["male" if sex == "male" else "female"]
    return [
        "",
        day.isoformat(),
        rng.choice(("potential", "identified")),
        sex,
        birth_date,
        age,
        citizenship,
        ";".join(sorted(forms)),
        day.isoformat() if stay else "",
        stay_end.isoformat() if stay and rng.random() < 0.8 else "",
        rng.choice(names),
        rng.choice(SURNAMES),
        rng.choice(MUNICIPALITIES),
        "internal" if citizenship == "BA" else "transnational",
    ]
