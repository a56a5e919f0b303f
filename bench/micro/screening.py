"""Screening: scoring speed (pure engine), explaining results, and storing screenings."""

from __future__ import annotations

import random
from typing import Any

N = 10_000
STORED = 500
ANSWERS = ("yes", "no", "unknown")


def _delphi() -> Any:
    from nrm.screening.definitions import latest_in_files

    return latest_in_files()["ilo-ec-delphi-2009"]


def _answer_sets() -> tuple[Any, list[tuple[str, dict[str, str]]]]:
    """N random answer sets for the adult and child labour sets (fixed seed)."""
    instrument = _delphi()
    rng = random.Random(4)
    sets = []
    for index in range(N):
        set_id = "adult_labour" if index % 2 else "child_labour"
        ids = [i.id for i in instrument.indicators_in(set_id)]
        sets.append((set_id, {i: rng.choices(ANSWERS, weights=(2, 5, 3))[0] for i in ids}))
    return instrument, sets


def _evaluate_all(data: tuple[Any, list[tuple[str, dict[str, str]]]]) -> None:
    from nrm.screening.engine import evaluate

    instrument, sets = data
    for set_id, answers in sets:
        evaluate(instrument, set_id, answers)


def _explain_sample(data: tuple[Any, list[tuple[str, dict[str, str]]]]) -> None:
    from nrm.screening.engine import evaluate, result

    instrument, sets = data
    for set_id, answers in sets[:1000]:
        result(evaluate(instrument, set_id, answers), "bs")


def _store_setup() -> tuple[Any, list[dict[str, str]]]:
    from nrm.accounts.models import Organisation
    from nrm.screening.loading import sync_instruments

    sync_instruments()
    organisation, _ = Organisation.objects.get_or_create(
        name="Bench Police Agency", defaults={"type": "police_agency", "jurisdiction": "bih"}
    )
    _instrument, sets = _answer_sets()
    return organisation, [answers for set_id, answers in sets[:STORED] if set_id == "adult_labour"]


def _store_all(data: tuple[Any, list[dict[str, str]]]) -> None:
    from nrm.screening.services import screening_create

    organisation, answer_sets = data
    for answers in answer_sets:
        screening_create(
            actor=None,
            organisation=organisation,
            instrument="ilo-ec-delphi-2009",
            set_id="adult_labour",
            answers=answers,
            context="labour",
        )


BENCHMARKS: list[tuple[str, Any, Any]] = [
    (f"evaluate {N} answer sets", _answer_sets, _evaluate_all),
    ("evaluate and explain 1000 (bs)", _answer_sets, _explain_sample),
    (f"store {STORED // 2} screenings", _store_setup, _store_all),
]
