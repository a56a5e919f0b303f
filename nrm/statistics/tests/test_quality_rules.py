"""The part-whole checks of the figures themselves (nrm.statistics.quality)."""

import copy
from typing import Any

import pytest

from nrm.core.periods import Period
from nrm.statistics.quality import FAMILY_RULES, Coverage, _Context

from .data import BULLETIN_MONITORING, BULLETIN_VICTIMS

YEAR = Period.parse("2024")


def run(family, data):
    context = _Context(family, YEAR)
    return [f for rule in FAMILY_RULES[family] for f in rule(data, context)]


def test_the_bulletins_unrecorded_form_is_a_part_short_of_the_total():
    findings = run("victims", BULLETIN_VICTIMS)
    assert [(f.kind, f.record) for f in findings] == [
        ("parts_below_total", "statistics:victims.by_exploitation")
    ]
    message = findings[0].message
    assert "36" in message and "37" in message and "1 victim " in message
    assert findings[0].url.startswith("/statistics/?from=2024-01-01&to=2024-12-31")


def test_breakdowns_that_exceed_their_total_are_flagged():
    data: Any = copy.deepcopy(BULLETIN_VICTIMS)
    data["by_sex"]["female"] = 20  # 20 + 21 > 37
    data["by_age_group"]["minor"]["male"] = 15  # minors 25, but 11 + 15
    kinds = {(f.kind, f.record) for f in run("victims", data)}
    assert ("parts_exceed_total", "statistics:victims.by_sex") in kinds
    assert ("parts_exceed_total", "statistics:victims.by_age_group.minor") in kinds


def test_several_forms_per_victim_are_not_a_finding():
    data: Any = copy.deepcopy(BULLETIN_VICTIMS)
    data["by_exploitation"].update(sexual=9, not_recorded=0)  # some victims in two forms
    assert run("victims", data) == []


def test_trial_monitoring_gaps():
    data: Any = copy.deepcopy(BULLETIN_MONITORING)
    assert run("trial_monitoring", data) == []
    data["defendants"]["male"] = 50  # 5 defendants' sex not recorded
    data["sentences"]["fine"] = 0  # a convicted defendant without a sentence
    data["sentences"]["fines_bam"] = {"min": 500, "max": 300}
    kinds = sorted((f.kind, f.record) for f in run("trial_monitoring", data))
    assert kinds == [
        ("inconsistent", "statistics:trial_monitoring.sentences.fines_bam"),
        ("parts_below_total", "statistics:trial_monitoring.defendants"),
        ("parts_below_total", "statistics:trial_monitoring.sentences"),
    ]


@pytest.mark.parametrize(
    ("label", "expected"),
    [("activities", "2024-H2"), ("cases", "2024-YTD"), ("justice", "2024-YTD")],
)
def test_the_review_covers_activities_of_the_period_and_statistics_of_the_year(label, expected):
    coverage = Coverage(Period.parse("2024-H2"))
    period = coverage.for_app(label)
    assert period.name == expected
    assert period.end.isoformat() == "2024-12-31"
