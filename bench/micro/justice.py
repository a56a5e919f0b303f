"""Trial monitoring at national scale: the figures, the tables and a case page over many cases.

Ten years of monitoring in a large country: 5,000 court cases with 3 defendants each, two
charges per defendant, verdicts and sentences for the finalized half. Data are made once with
bulk inserts (not timed); each run computes the figures of one year.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

CASES = 5_000
DEFENDANTS_PER_CASE = 3
_state: dict[str, Any] = {}


def _data() -> dict[str, Any]:
    """Create the cases once per process; returns what the runs need."""
    if _state:
        return _state
    from nrm.accounts.models import Organisation
    from nrm.justice.models import (
        Article,
        Charge,
        Court,
        CourtCase,
        Defendant,
        Sentence,
        Verdict,
    )

    rng = random.Random(5)
    organisation, _ = Organisation.objects.get_or_create(
        name="Bench Monitoring Mission",
        defaults={"type": "international_organisation", "jurisdiction": "bih"},
    )
    courts = list(Court.objects.all())
    articles = list(Article.objects.filter(is_active=True))
    cases = []
    for number in range(CASES):
        start = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        final = start + datetime.timedelta(days=rng.randrange(200, 1500))
        finished = number % 2 == 0 and final <= datetime.date(2025, 12, 31)
        court = rng.choice(courts)
        cases.append(
            CourtCase(
                court=court,
                case_number=f"BENCH {number:06d}",
                jurisdiction=court.jurisdiction,
                monitoring_organisation=organisation,
                stage="final" if finished else "trial",
                monitoring_started_on=start,
                indictment_filed_on=start,
                final_decision_on=final if finished else None,
            )
        )
    cases = CourtCase.objects.bulk_create(cases, batch_size=1000)
    defendants = Defendant.objects.bulk_create(
        [
            Defendant(court_case=case, code=f"D{i}", sex=rng.choice(["male", "male", "female"]))
            for case in cases
            for i in range(1, DEFENDANTS_PER_CASE + 1)
        ],
        batch_size=2000,
    )
    Charge.objects.bulk_create(
        [
            Charge(defendant=defendant, article=article)
            for defendant in defendants
            for article in rng.sample(articles, 2)
        ],
        batch_size=5000,
    )
    final_on = {c.pk: c.final_decision_on for c in cases if c.final_decision_on}
    verdicts = Verdict.objects.bulk_create(
        [
            Verdict(
                defendant=defendant,
                outcome=rng.choice(["convicted", "plea_agreement", "acquitted"]),
                pronounced_on=final_on[defendant.court_case_id],
            )
            for defendant in defendants
            if defendant.court_case_id in final_on
        ],
        batch_size=5000,
    )
    Sentence.objects.bulk_create(
        [
            Sentence(
                verdict=verdict,
                imprisonment_months=rng.randrange(3, 180),
                suspended=suspended,
                probation_months=24 if suspended else None,
            )
            for verdict in verdicts
            if verdict.outcome != "acquitted"
            for suspended in [rng.random() < 0.4]
        ],
        batch_size=5000,
    )
    _state["case_id"] = cases[len(cases) // 2].pk
    return _state


def _year() -> Any:
    from nrm.core.periods import Period

    _data()
    return Period.parse("2020")


def _family(period: Any) -> None:
    from nrm.justice.statistics import trial_monitoring_statistics

    trial_monitoring_statistics(period=period)


def _tables(period: Any) -> None:
    from nrm.justice.statistics import cases_by_article, offences_in_completed_cases

    cases_by_article(period=period, language="bs")
    offences_in_completed_cases(period=period, language="sr")


def _case_id() -> int:
    return int(_data()["case_id"])


def _case_page(case_id: int) -> None:
    from nrm.justice.selectors import compensation_of, court_case_get

    court_case = court_case_get(actor=None, pk=case_id)
    for defendant in court_case.defendants.all():
        list(defendant.charges.all())
    compensation_of(court_case)


BENCHMARKS: list[tuple[str, Any, Any]] = [
    (f"trial_monitoring family, {CASES} cases", _year, _family),
    (f"offence tables, {CASES} cases", _year, _tables),
    ("court case page (selector)", _case_id, _case_page),
]
