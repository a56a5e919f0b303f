"""Situations constructed by hand from the reference README's rules, with the verdict and the
elements those rules give. Each runs through the engine, `nrm screen` and the API."""

import json
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command

from nrm.screening.engine import evaluate, result
from nrm.screening.tests.conftest import all_no

RECRUITED_BY_DECEPTION = {"d1_deceived_job_type_place_employer": "yes", "d1_deceived_wages": "yes"}
RECRUITED_BY_VULNERABILITY = {
    "d3_economic_reasons": "yes",
    "d3_difficult_family_situation": "yes",
    "d3_control_by_exploiters": "yes",
}  # three medium
EXPLOITED = {"d4_excessive_hours": "yes", "d4_low_or_no_pay": "yes"}  # strong + medium
COERCED = {"d5_documents_confiscated": "yes", "d5_debt_bondage": "yes"}  # two strong
MEANS = [f"d5_{i}" for i in ("documents_confiscated", "debt_bondage", "violence")] + [
    "d6_dependency_on_exploiters",
    "d6_economic_reasons",
    "d6_family_situation",
]


@dataclass(frozen=True)
class Scenario:
    name: str
    set_id: str
    answers: dict[str, str]
    verdict: str
    present: tuple[str, ...]
    rest: str = "no"  # the answer to every indicator not named
    ignored: tuple[str, ...] = field(default=())

    def full_answers(self, delphi):
        if self.rest == "unanswered":
            return dict(self.answers)
        return all_no(delphi, self.set_id, **self.answers)


SCENARIOS = [
    Scenario(
        "foreign construction workers: deceived, overworked, passports and debt held",
        "adult_labour",
        {**RECRUITED_BY_DECEPTION, **EXPLOITED, **COERCED},
        "trafficking",
        ("deceptive_recruitment", "exploitative_conditions", "coercion_at_destination"),
    ),
    Scenario(
        "a child begging for an adult who controls the family: no means needed",
        "child_labour",
        {
            **RECRUITED_BY_VULNERABILITY,
            "d4_excessive_hours": "yes",
            "d4_no_access_education": "yes",
        },
        "trafficking",
        ("vulnerability_recruitment", "exploitative_conditions"),
    ),
    Scenario(
        "the same answers for an adult: the means are missing",
        "adult_labour",
        {
            **RECRUITED_BY_VULNERABILITY,
            "d4_excessive_hours": "yes",
            "d4_no_access_education": "yes",
        },
        "not_established",
        ("vulnerability_recruitment", "exploitative_conditions"),  # strong + weak
    ),
    Scenario(
        "weak recruitment indicators only, however clear the rest",
        "adult_labour",
        {
            "d1_deceived_education": "yes",
            "d3_cultural_religious_beliefs": "yes",
            "d3_general_context": "yes",
            **EXPLOITED,
            **COERCED,
        },
        "not_established",
        ("exploitative_conditions", "coercion_at_destination"),
    ),
    Scenario(
        "the same for a child: one strong (education) alone and two medium are not enough",
        "child_labour",
        {
            "d1_deceived_education": "yes",
            "d3_cultural_religious_beliefs": "yes",
            "d3_general_context": "yes",
            **EXPLOITED,
            **COERCED,
        },
        "not_established",
        ("exploitative_conditions", "coercion_at_destination"),
    ),
    Scenario(
        "means by abuse of vulnerability at destination: two medium and one weak",
        "adult_labour",
        {
            **RECRUITED_BY_VULNERABILITY,
            **EXPLOITED,
            "d6_dependency_on_exploiters": "yes",
            "d6_economic_reasons": "yes",
            "d6_past_difficulties": "yes",
        },
        "trafficking",
        ("vulnerability_recruitment", "exploitative_conditions", "vulnerability_at_destination"),
    ),
    Scenario(
        "a single strong means indicator is not a finding",
        "adult_labour",
        {**RECRUITED_BY_DECEPTION, **EXPLOITED, "d5_violence": "yes"},
        "not_established",
        ("deceptive_recruitment", "exploitative_conditions"),
    ),
    Scenario(
        "strong and weak means together",
        "adult_labour",
        {
            **RECRUITED_BY_DECEPTION,
            **EXPLOITED,
            "d5_violence": "yes",
            "d5_threat_inform_family_community": "yes",
        },
        "trafficking",
        ("deceptive_recruitment", "exploitative_conditions", "coercion_at_destination"),
    ),
    Scenario(
        "recruitment and exploitation known, the means not asked yet",
        "adult_labour",
        {**RECRUITED_BY_DECEPTION, **EXPLOITED, **dict.fromkeys(MEANS, "unknown")},
        "insufficient_information",
        ("deceptive_recruitment", "exploitative_conditions"),
    ),
    Scenario(
        "nothing answered at all",
        "child_labour",
        {},
        "insufficient_information",
        (),
        rest="unanswered",
    ),
    Scenario(
        "an adult-only indicator answered for a child is ignored",
        "child_labour",
        {**RECRUITED_BY_DECEPTION, **EXPLOITED, "d4_no_social_protection": "yes"},
        "trafficking",
        ("deceptive_recruitment", "exploitative_conditions"),
        rest="unanswered",
        ignored=("d4_no_social_protection",),
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_the_engine_gives_the_readme_verdict(delphi, scenario):
    outcome = result(evaluate(delphi, scenario.set_id, scenario.full_answers(delphi)))
    assert outcome["verdict"] == scenario.verdict
    assert {k for k, v in outcome["elements"].items() if v} == set(scenario.present)
    assert outcome["ignored"] == list(scenario.ignored)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_the_command_and_the_api_agree(delphi, scenario, tmp_path, capsys, personas, api_for):
    answers = scenario.full_answers(delphi)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    call_command(
        "screen", instrument="ilo-ec-delphi-2009", set_id=scenario.set_id, answers=str(path)
    )
    printed = json.loads(capsys.readouterr().out)
    response = api_for(personas.field_identifier).post(
        "/api/v1/screenings/evaluate",
        json.dumps(
            {
                "instrument": "ilo-ec-delphi-2009",
                "set": scenario.set_id,
                "answers": answers,
                "lang": "en",
            }
        ),
        content_type="application/json",
    )
    assert printed == response.json()
    assert printed["verdict"] == scenario.verdict
