"""Victim cases: statistics over a large register, the case list, and importing a register."""

from __future__ import annotations

import datetime
import random
import tempfile
from pathlib import Path
from typing import Any

CASES = 50_000
IMPORT_ROWS = 2_000  # the cost per row is constant: a full register scales linearly
FORMS = ["sexual", "labour", "begging", "criminality", "marriage", "other"]
COUNTRIES = ["BA"] * 6 + ["TR", "HR", "RS", "AF", "DE", "RU", ""]


def _organisations() -> Any:
    from nrm.testing.factories import make_organisation

    return (
        make_organisation("Bench Police", "police_agency"),
        make_organisation("Bench Safe House", "safe_house"),
    )


def _register() -> Any:
    """50,000 cases over 2020-2024 with forms and stays, inserted in bulk (not timed)."""
    from nrm.cases.models import CaseExploitation, Person, ShelterStay, VictimCase
    from nrm.core.periods import Period

    period = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    if VictimCase.objects.filter(code__startswith="B-").count() >= CASES:
        return period
    police, house = _organisations()
    rng = random.Random(7)
    people = Person.objects.bulk_create(Person() for _ in range(CASES))
    cases = []
    days = []
    for number, person in enumerate(people):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1826))
        days.append(day)
        age = rng.choice([None, *range(6, 60)])
        cases.append(
            VictimCase(
                code=f"B-{number:06d}",
                person=person,
                status=rng.choice(["potential", "identified", "closed"]),
                identified_on=day,
                organisation=police,
                sex=rng.choice(["female", "male", "male", "unknown"]),
                age_at_identification=age,
                age_group="unknown" if age is None else ("minor" if age < 18 else "adult"),
                citizenship=rng.choice(COUNTRIES),
            )
        )
    cases = VictimCase.objects.bulk_create(cases, batch_size=2000)
    forms = [
        CaseExploitation(case=case, form=form)
        for case in cases
        for form in rng.sample(FORMS, k=rng.choice([0, 1, 1, 2]))
    ]
    CaseExploitation.objects.bulk_create(forms, batch_size=5000)
    stays = [
        ShelterStay(
            case=case,
            safe_house=house,
            start=day,
            end=day + datetime.timedelta(days=rng.randint(1, 400)),
        )
        for case, day in zip(cases, days, strict=True)
        if rng.random() < 0.4
    ]
    ShelterStay.objects.bulk_create(stays, batch_size=5000)
    return period


def _statistics(period: Any) -> None:
    from nrm.cases.statistics import victim_statistics

    stats = victim_statistics(period=period)
    assert stats["total"] > 0


def _coordinator() -> Any:
    from nrm.accounts.models import User
    from nrm.core.roles import Role
    from nrm.testing.factories import make_user

    _register()
    user = User.objects.filter(username="bench.coordinator").first()
    return user or make_user("bench.coordinator", _organisations()[0], Role.COORDINATOR)


def _list_first_page(user: Any) -> None:
    from nrm.cases.selectors import case_list

    rows = [
        (c.code, c.organisation.name, c.exploitation_codes)
        for c in case_list(actor=user, exploitation="labour")[:25]
    ]
    assert len(rows) == 25


def _csv() -> Path:
    """A register of 10,000 people (names, birth dates or ages, forms, stays)."""
    _organisations()
    rng = random.Random(11)
    lines = [
        "identified_on,status,sex,birth_date,age,citizenship,exploitation,"
        "shelter_from,shelter_to,first_name,last_name"
    ]
    for number in range(IMPORT_ROWS):
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        born = day - datetime.timedelta(days=rng.randint(6 * 365, 50 * 365))
        with_birth_date = rng.random() < 0.7
        stay = rng.random() < 0.3
        lines.append(
            ",".join(
                [
                    day.isoformat(),
                    rng.choice(["potential", "identified"]),
                    rng.choice(["female", "male", "unknown"]),
                    born.isoformat() if with_birth_date else "",
                    "" if with_birth_date else str(rng.randint(6, 50)),
                    rng.choice(COUNTRIES),
                    ";".join(rng.sample(FORMS, k=rng.choice([0, 1, 2]))),
                    day.isoformat() if stay else "",
                    (day + datetime.timedelta(days=30)).isoformat() if stay else "",
                    f"Bench{number}",
                    "Primjerić",
                ]
            )
        )
    path = Path(tempfile.mkdtemp()) / "register.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _import(path: Path) -> None:
    from nrm.cases.importers import find_organisation, import_victims

    result = import_victims(actor=None, path=path, organisation=find_organisation("Bench Police"))
    assert result.rows == IMPORT_ROWS


def _check_only(path: Path) -> None:
    from nrm.cases.importers import find_organisation, import_victims

    result = import_victims(
        actor=None, path=path, organisation=find_organisation("Bench Police"), dry_run=True
    )
    assert result.rows == IMPORT_ROWS


BENCHMARKS: list[tuple[str, Any, Any]] = [
    (f"victim statistics, {CASES} cases", _register, _statistics),
    (f"case list, first page of {CASES}", _coordinator, _list_first_page),
    (f"import --dry-run, {IMPORT_ROWS} rows", _csv, _check_only),
    (f"import, {IMPORT_ROWS} rows", _csv, _import),
]
