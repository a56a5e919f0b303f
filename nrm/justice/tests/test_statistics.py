"""The `trial_monitoring` family and the bulletin's tables: the rules of docs/methodology.md."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from nrm.core.errors import PermissionDenied
from nrm.core.periods import Period
from nrm.core.registry import statistic_families
from nrm.justice import services
from nrm.justice.models import Article
from nrm.justice.statistics import (
    cases_by_article,
    offences_in_completed_cases,
    trial_monitoring_statistics,
)
from nrm.justice.tests.conftest import OUTSIDERS

d = datetime.date
pytestmark = pytest.mark.django_db
YEAR = Period.parse("2024")


def stats(period: Period = YEAR, **kwargs):
    return trial_monitoring_statistics(period=period, **kwargs)


def listed_keys():
    return {a.key for a in Article.objects.filter(listed=True)}


def final_case(new_court_case, on, **values):
    return new_court_case(
        stage="final",
        first_instance_verdict_on=on,
        final_decision_on=on,
        monitoring_started_on=values.pop("monitoring_started_on", d(2023, 3, 1)),
        indictment_filed_on=d(2023, 2, 1),
        **values,
    )


def defendant_with(personas, court_case, *articles, sex="male", outcome=None, on=None, **sentence):
    monitor = personas.trial_monitor
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex=sex)
    for key in articles:
        services.charge_add(actor=monitor, defendant=defendant, article=key)
    if outcome:
        services.verdict_record(
            actor=monitor, defendant=defendant, outcome=outcome,
            pronounced_on=on or court_case.final_decision_on, sentence=sentence or None,
        )  # fmt: skip
    return defendant


def test_the_family_is_registered_with_every_key_even_when_empty():
    assert "trial_monitoring" in statistic_families()
    figures = stats()
    assert figures == {
        "cases": {"total": 0, "ongoing": 0, "finalized": 0},
        "defendants": {"total": 0, "male": 0, "female": 0},
        "cases_by_article": dict.fromkeys(figures["cases_by_article"], 0),
        "verdicts": {"convicted": 0, "acquitted": 0, "dismissed": 0},
        "sentences": {
            "suspended": 0,
            "imprisonment": 0,
            "fine": 0,
            "imprisonment_months": {"min": None, "max": None},
            "suspended_months": {"min": None, "max": None},
            "fines_bam": {"min": None, "max": None},
        },
    }
    assert set(figures["cases_by_article"]) == listed_keys()  # the bulletin's, with 0


def test_a_case_counts_when_monitored_at_some_time_in_the_period(new_court_case):
    new_court_case(monitoring_started_on=d(2024, 12, 31))  # starts on the last day: counts
    new_court_case(monitoring_started_on=d(2025, 1, 1), indictment_filed_on=d(2024, 12, 1))
    final_case(new_court_case, d(2023, 12, 31))  # final before the period: not monitored in it
    new_court_case(monitoring_started_on=d(2023, 1, 1), monitoring_ended_on=d(2023, 12, 31))
    new_court_case(monitoring_started_on=d(2023, 1, 1), monitoring_ended_on=d(2024, 1, 1))
    final_case(new_court_case, d(2024, 1, 1))  # final on the first day: finalized in it
    final_case(new_court_case, d(2025, 1, 1))  # final after the period: ongoing in it
    assert stats()["cases"] == {"total": 4, "ongoing": 3, "finalized": 1}
    assert stats(Period.parse("2024-H2"))["cases"] == {"total": 2, "ongoing": 2, "finalized": 0}
    assert stats(Period.parse("2025"))["cases"] == {"total": 3, "ongoing": 2, "finalized": 1}


def test_defendants_are_counted_by_sex_and_unrecorded_sex_only_in_the_total(
    new_court_case, personas
):
    court_case = new_court_case()
    for sex in ("male", "male", "female", "unknown"):
        defendant_with(personas, court_case, sex=sex)
    assert stats()["defendants"] == {"total": 4, "male": 2, "female": 1}


def test_a_case_counts_once_per_article_whatever_the_qualification(new_court_case, personas):
    first = new_court_case()
    d1 = defendant_with(personas, first, "fbih:210a", "fbih:219")
    defendant_with(personas, first, "fbih:210a")
    services.charge_add(
        actor=personas.trial_monitor, defendant=d1, article="fbih:210", qualification="final"
    )
    second = new_court_case()
    defendant_with(personas, second, "fbih:219", "bih:189")
    by_article = stats()["cases_by_article"]
    assert by_article["fbih:210a"] == 1 and by_article["fbih:219"] == 2
    assert by_article["fbih:210"] == 1  # a final qualification counts too
    assert by_article["bih:189"] == 1  # charged, though not always listed
    assert by_article["rs2017:187"] == 0  # always listed
    assert "bih:186a" not in by_article  # neither charged nor always listed


def test_plea_agreements_count_as_convictions_and_the_highest_instance_stands(
    new_court_case, personas
):
    court_case = final_case(new_court_case, d(2024, 6, 1))
    defendant_with(personas, court_case, outcome="plea_agreement", imprisonment_months=3,
                   suspended=True, probation_months=12)  # fmt: skip
    appealed = defendant_with(
        personas, court_case, outcome="convicted", on=d(2024, 3, 1), imprisonment_months=144
    )
    services.verdict_record(
        actor=personas.trial_monitor, defendant=appealed, instance=2, outcome="convicted",
        pronounced_on=d(2024, 6, 1), sentence={"imprisonment_months": 120},
    )  # fmt: skip
    turned = defendant_with(personas, court_case, outcome="convicted", on=d(2024, 3, 1),
                            fine_bam=300)  # fmt: skip
    services.verdict_record(
        actor=personas.trial_monitor, defendant=turned, instance=2, outcome="acquitted",
        pronounced_on=d(2024, 6, 1),
    )  # fmt: skip
    defendant_with(personas, court_case, outcome="dismissed")
    defendant_with(personas, court_case)  # no verdict recorded: not counted (quality check)
    figures = stats()
    assert figures["verdicts"] == {"convicted": 2, "acquitted": 1, "dismissed": 1}
    assert figures["sentences"]["imprisonment_months"] == {"min": 120, "max": 120}
    assert figures["sentences"]["fine"] == 0  # the fine was quashed on appeal


def test_verdicts_and_sentences_count_only_in_the_period_of_the_final_decision(
    new_court_case, personas
):
    ongoing = new_court_case(
        stage="first_instance_verdict", first_instance_verdict_on=d(2024, 5, 1)
    )
    defendant_with(personas, ongoing, outcome="convicted", on=d(2024, 5, 1), imprisonment_months=60)
    earlier = final_case(new_court_case, d(2023, 6, 1))
    defendant_with(personas, earlier, outcome="acquitted")
    figures = stats()
    assert figures["verdicts"] == {"convicted": 0, "acquitted": 0, "dismissed": 0}
    assert figures["sentences"]["imprisonment"] == 0
    assert stats(Period.parse("2023"))["verdicts"]["acquitted"] == 1


def test_sentences_by_kind_with_their_lowest_and_highest(new_court_case, personas):
    court_case = final_case(new_court_case, d(2024, 10, 1))
    for sentence in (
        {"imprisonment_months": 18},
        {"imprisonment_months": 120, "confiscated_bam": 50000},
        {"imprisonment_months": 3, "suspended": True, "probation_months": 12},
        {"imprisonment_months": 8, "suspended": True, "probation_months": 24},
        {"fine_bam": 2000, "suspended": True, "probation_months": 12},  # a suspended fine
        {"fine_bam": "300.00"},
        {"fine_bam": "1250.50"},
    ):
        defendant_with(personas, court_case, outcome="convicted", **sentence)
    assert stats()["sentences"] == {
        "suspended": 3,
        "imprisonment": 2,
        "fine": 2,
        "imprisonment_months": {"min": 18, "max": 120},
        "suspended_months": {"min": 3, "max": 8},
        "fines_bam": {"min": 300, "max": 1250.5},
    }


def test_trial_monitors_count_their_organisation_and_others_are_refused(
    new_court_case, other_monitor, personas
):
    new_court_case()
    new_court_case(actor=other_monitor)
    assert stats(actor=personas.coordinator)["cases"]["total"] == 2
    assert stats(actor=personas.trial_monitor)["cases"]["total"] == 1
    assert stats(actor=other_monitor)["cases"]["total"] == 1
    assert stats(organisation=other_monitor.organisation_id)["cases"]["total"] == 1
    assert stats(jurisdiction="fbih")["cases"]["total"] == 0
    for role in OUTSIDERS:
        with pytest.raises(PermissionDenied):
            stats(actor=getattr(personas, role))


def test_the_bulletin_tables_name_the_articles_in_the_reader_language(new_court_case, personas):
    finished = final_case(new_court_case, d(2024, 4, 1))
    defendant = defendant_with(personas, finished, "fbih:210a", outcome="convicted",
                               imprisonment_months=36)  # fmt: skip
    services.charge_add(
        actor=personas.trial_monitor, defendant=defendant, article="fbih:210", qualification="final"
    )
    defendant_with(personas, new_court_case(), "fbih:210a", "fbih:219")
    figures = cases_by_article(period=YEAR, language="hr")
    first = figures[0]
    assert (first.key, first.code_name, first.title, first.cases) == (
        "fbih:210a", "KZ FBiH", "Trgovanje ljudima", 2
    )  # fmt: skip
    categories = [f.category for f in figures]
    assert categories == sorted(
        categories, key=["trafficking", "trafficking_related", "other"].index
    )
    completed = offences_in_completed_cases(period=YEAR, language="sr-latn")
    assert [(f.key, f.title, f.cases) for f in completed] == [
        ("fbih:210", "Navođenje na prostituciju", 1)
    ]  # only the court's final qualification, only finalized cases


def test_nrm_stats_prints_the_family(new_court_case, personas):
    defendant_with(personas, new_court_case(), "bih:186", sex="female")
    out = io.StringIO()
    call_command("stats", "--from", "2024-01-01", "--to", "2024-12-31",
                 "--family", "trial_monitoring", stdout=out)  # fmt: skip
    result = json.loads(out.getvalue())
    assert result["trial_monitoring"]["defendants"] == {"total": 1, "male": 0, "female": 1}
    assert result["trial_monitoring"]["cases_by_article"]["bih:186"] == 1
