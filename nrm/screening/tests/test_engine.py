"""The scoring engine: the element rule, the adult and child verdict rules, answers, and the
explanation. Pure: none of these tests touches the database."""

import pytest

from nrm.core.errors import ValidationError
from nrm.screening.engine import (
    RESULT_KEYS,
    check_answers,
    element_text,
    evaluate,
    result,
    rule_met,
)
from nrm.screening.tests.conftest import ADULT_TRAFFICKING, all_no

README_RULE = ({"S": 2}, {"S": 1, "MW": 1}, {"M": 3}, {"M": 2, "W": 1})


@pytest.mark.parametrize(
    ("grades", "present"),
    [
        ([], False),
        (["W"], False),
        (["W", "W"], False),
        (["W", "W", "W", "W", "W"], False),  # weak indicators alone, however many
        (["S"], False),  # a single strong indicator alone
        (["M"], False),
        (["M", "M"], False),
        (["M", "W"], False),
        (["M", "W", "W"], False),  # one medium and weak ones
        (["S", "S"], True),
        (["S", "M"], True),
        (["S", "W"], True),  # strong + weak
        (["M", "M", "M"], True),  # three medium
        (["M", "M", "W"], True),  # two medium and one weak
        (["S", "W", "W"], True),
        (["M", "M", "W", "W"], True),
    ],
)
def test_element_rule_boundaries(grades, present):
    assert (rule_met(grades, README_RULE) is not None) is present


def test_the_instrument_carries_the_readme_rule(delphi):
    assert delphi.element_rule == README_RULE


def elements(delphi, set_id, **answers):
    return result(evaluate(delphi, set_id, all_no(delphi, set_id, **answers)))["elements"]


def test_the_same_answers_weigh_differently_for_adults_and_children(delphi):
    # Deceived about education: weak for adults, strong for children.
    answers = {"d1_deceived_education": "yes", "d1_deceived_wages": "yes"}
    assert elements(delphi, "adult_labour", **answers)["deceptive_recruitment"] is False
    assert elements(delphi, "child_labour", **answers)["deceptive_recruitment"] is True
    # Threat to inform the family: weak for adults (2 M + 1 W), medium for children (3 M).
    coercion = {
        "d5_threat_inform_family_community": "yes",
        "d5_forced_to_lie": "yes",
        "d5_threat_denunciation": "yes",
    }
    assert elements(delphi, "adult_labour", **coercion)["coercion_at_destination"] is True
    assert elements(delphi, "child_labour", **coercion)["coercion_at_destination"] is True
    only_two = {"d5_threat_inform_family_community": "yes", "d5_forced_to_lie": "yes"}
    assert elements(delphi, "adult_labour", **only_two)["coercion_at_destination"] is False
    assert elements(delphi, "child_labour", **only_two)["coercion_at_destination"] is False


def test_weak_only_answers_never_make_an_element_present(delphi):
    weak = {"d3_cultural_religious_beliefs": "yes", "d3_general_context": "yes"}
    assert elements(delphi, "adult_labour", **weak)["vulnerability_recruitment"] is False
    # The same two are medium for children: still only two, not enough.
    assert elements(delphi, "child_labour", **weak)["vulnerability_recruitment"] is False


def verdict(delphi, set_id, answers):
    return evaluate(delphi, set_id, answers).verdict


def test_adult_trafficking_needs_recruitment_exploitation_and_means(delphi):
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour", **ADULT_TRAFFICKING)) == (
        "trafficking"
    )
    no_means = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d5_")}
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour", **no_means)) == (
        "not_established"
    )
    no_recruitment = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d1_")}
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour", **no_recruitment)) == (
        "not_established"
    )
    no_exploitation = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d4_")}
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour", **no_exploitation)) == (
        "not_established"
    )


def test_children_need_no_means(delphi):
    no_means = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d5_")}
    assert verdict(delphi, "child_labour", all_no(delphi, "child_labour", **no_means)) == (
        "trafficking"
    )
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour", **no_means)) == (
        "not_established"
    )


def test_any_recruitment_element_will_do(delphi):
    base = {
        "d4_excessive_hours": "yes",
        "d4_low_or_no_pay": "yes",
        "d5_violence": "yes",
        "d5_debt_bondage": "yes",
    }
    coercive = {"d2_violence": "yes", "d2_threats_violence": "yes"}  # S + M
    vulnerability = {
        "d3_economic_reasons": "yes",
        "d3_irregular_status": "yes",
        "d3_lack_of_information": "yes",
    }
    for recruitment in (coercive, vulnerability):
        answers = all_no(delphi, "adult_labour", **base, **recruitment)
        assert verdict(delphi, "adult_labour", answers) == "trafficking"
    means_by_vulnerability = {
        "d6_dependency_on_exploiters": "yes",
        "d6_economic_reasons": "yes",
        "d6_past_difficulties": "yes",
    }
    answers = all_no(
        delphi,
        "adult_labour",
        d4_excessive_hours="yes",
        d4_hazardous_work="yes",
        **coercive,
        **means_by_vulnerability,
    )
    assert verdict(delphi, "adult_labour", answers) == "trafficking"


def test_insufficient_information_when_unknown_answers_could_complete_the_rule(delphi):
    answers = all_no(delphi, "adult_labour", **ADULT_TRAFFICKING)
    answers.update(d5_documents_confiscated="no", d5_debt_bondage="unknown")
    # Coercion: no yes at all; debt bondage (S) unknown is not enough alone...
    assert verdict(delphi, "adult_labour", answers) == "not_established"
    # ...but with a second unknown strong indicator it could be.
    answers["d5_violence"] = "unknown"
    assert verdict(delphi, "adult_labour", answers) == "insufficient_information"
    # And one known strong plus an unknown: still only possible.
    answers.update(d5_violence="yes")
    assert verdict(delphi, "adult_labour", answers) == "insufficient_information"
    answers.update(d5_debt_bondage="yes")
    assert verdict(delphi, "adult_labour", answers) == "trafficking"


def test_unanswered_indicators_are_unknown(delphi):
    assert verdict(delphi, "adult_labour", {}) == "insufficient_information"
    assert verdict(delphi, "child_labour", {}) == "insufficient_information"
    partial = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d5_")}
    assert verdict(delphi, "adult_labour", partial) == "insufficient_information"
    assert verdict(delphi, "adult_labour", all_no(delphi, "adult_labour")) == "not_established"


def test_unknown_answers_that_cannot_complete_an_element_do_not_help(delphi):
    answers = all_no(delphi, "adult_labour", **ADULT_TRAFFICKING)
    for indicator in ("d4_excessive_hours", "d4_low_or_no_pay"):
        answers[indicator] = "no"
    # Exploitation: only one weak indicator left unknown for adults.
    answers["d4_no_access_education"] = "unknown"
    assert verdict(delphi, "adult_labour", answers) == "not_established"


def test_answers_outside_the_set_are_ignored_and_listed(delphi):
    answers = {
        **ADULT_TRAFFICKING,
        "d4_no_social_protection": "yes",
        "d3_false_legal_information": "no",
    }
    outcome = result(evaluate(delphi, "child_labour", answers))
    assert outcome["ignored"] == ["d3_false_legal_information", "d4_no_social_protection"]
    assert outcome == result(evaluate(delphi, "child_labour", ADULT_TRAFFICKING)) | {
        "ignored": ["d3_false_legal_information", "d4_no_social_protection"]
    }
    assert result(evaluate(delphi, "adult_labour", answers))["ignored"] == []


def test_an_unknown_id_is_an_error_naming_it(delphi):
    with pytest.raises(ValidationError) as error:
        evaluate(delphi, "adult_labour", {"d9_not_an_indicator": "yes", "d1_deceived_wages": "yes"})
    assert "d9_not_an_indicator" in str(error.value)
    assert list(error.value.fields) == ["answers.d9_not_an_indicator"]


@pytest.mark.parametrize("value", ["maybe", "YES", "", True, 1, None, ["yes"]])
def test_an_invalid_answer_is_an_error_naming_the_indicator(delphi, value):
    with pytest.raises(ValidationError) as error:
        evaluate(delphi, "adult_labour", {"d1_deceived_wages": value})
    assert "answers.d1_deceived_wages" in error.value.fields
    assert "yes, no or unknown" in error.value.fields["answers.d1_deceived_wages"][0]


def test_every_problem_is_named_at_once(delphi):
    with pytest.raises(ValidationError) as error:
        check_answers(delphi, "adult_labour", {"x1": "yes", "x2": "no", "d2_violence": "si"})
    assert set(error.value.fields) == {"answers.x1", "answers.x2", "answers.d2_violence"}


def test_an_unknown_set_or_non_object_answers_are_errors(delphi):
    with pytest.raises(ValidationError) as unknown_set:
        evaluate(delphi, "adult_sexual", {})
    assert "set" in unknown_set.value.fields and "adult_labour" in str(unknown_set.value)
    with pytest.raises(ValidationError) as not_an_object:
        evaluate(delphi, "adult_labour", ["d1_deceived_wages"])
    assert "answers" in not_an_object.value.fields


def test_the_result_has_exactly_the_documented_keys(delphi):
    outcome = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING))
    assert tuple(outcome) == RESULT_KEYS
    assert outcome["instrument"] == "ilo-ec-delphi-2009"
    assert outcome["version"] == delphi.version
    assert outcome["set"] == "adult_labour"
    assert outcome["elements"] == {
        "deceptive_recruitment": True,
        "coercive_recruitment": False,
        "vulnerability_recruitment": False,
        "exploitative_conditions": True,
        "coercion_at_destination": True,
        "vulnerability_at_destination": False,
    }


def test_each_element_explains_which_answers_made_it_present(delphi):
    outcome = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING))
    deceptive = outcome["explanation"]["elements"]["deceptive_recruitment"]
    assert deceptive["present"] is True
    assert [(a["id"], a["grade"]) for a in deceptive["answers"]] == [
        ("d1_deceived_job_type_place_employer", "S"),
        ("d1_deceived_wages", "M"),
    ]
    assert deceptive["answers"][0]["grade_label"] == "strong"
    assert "1 strong, 1 medium" in deceptive["text"]
    assert "1 strong and 1 medium or weak" in deceptive["text"]
    coercion = outcome["explanation"]["elements"]["coercion_at_destination"]
    assert "(2 strong)" in coercion["text"]
    assert "For adults" in outcome["explanation"]["rule"]
    assert outcome["explanation"]["summary"].startswith("Trafficking")


def test_a_single_indicator_is_never_presented_as_a_finding(delphi):
    answers = all_no(delphi, "adult_labour", d5_documents_confiscated="yes")
    outcome = result(evaluate(delphi, "adult_labour", answers))
    assert outcome["verdict"] == "not_established"
    assert not any(outcome["elements"].values())
    text = outcome["explanation"]["elements"]["coercion_at_destination"]["text"]
    assert "single strong indicator alone is not enough" in text
    weak = result(
        evaluate(
            delphi,
            "adult_labour",
            all_no(
                delphi,
                "adult_labour",
                d3_general_context="yes",
                d3_cultural_religious_beliefs="yes",
            ),
        )
    )
    assert (
        "weak indicators alone never"
        in weak["explanation"]["elements"]["vulnerability_recruitment"]["text"]
    )


def test_an_element_that_unknown_answers_could_complete_says_so(delphi):
    evaluation = evaluate(
        delphi, "adult_labour", {"d5_violence": "yes", "d5_debt_bondage": "unknown"}
    )
    coercion = next(e for e in evaluation.elements if e.id == "coercion_at_destination")
    assert not coercion.present and coercion.possible
    assert "could be present" in element_text(coercion)


def test_the_explanation_speaks_the_readers_language(delphi):
    outcome = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING), "bs")
    deceptive = outcome["explanation"]["elements"]["deceptive_recruitment"]
    assert deceptive["label"] == "Vrbovanje obmanom (uključujući premještanje i prevoz)"
    assert deceptive["answers"][0]["grade_label"] == "jak"
    assert deceptive["text"].startswith("Prisutan")
    assert outcome["explanation"]["summary"].startswith("Trgovina ljudima")
    cyrillic = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING), "sr")
    assert cyrillic["explanation"]["elements"]["deceptive_recruitment"]["label"].startswith(
        "Врбовање"
    )
    latin = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING), "sr-latn")
    assert latin["explanation"]["elements"]["deceptive_recruitment"]["label"].startswith(
        "Vrbovanje"
    )
    assert not any("\u0400" <= ch <= "\u04ff" for ch in str(latin))


def test_the_recommendation_says_whom_to_call_for_adults_and_children(delphi):
    adult = result(evaluate(delphi, "adult_labour", ADULT_TRAFFICKING))["recommendation"]
    child = result(evaluate(delphi, "child_labour", ADULT_TRAFFICKING))["recommendation"]
    assert adult["outcome"] == child["outcome"] == "trafficking"
    assert "centre_for_social_work" not in {a["contact"] for a in adult["actions"]}
    assert "centre_for_social_work" in {a["contact"] for a in child["actions"]}
    assert {"police", "hotline"} <= {a["contact"] for a in adult["actions"]}
    assert any(a["phone"] == "0800 22 323" for a in adult["actions"])
    assert {r["service"] for r in adult["referrals"]} >= {"shelter", "legal_aid"}


def test_insufficient_information_lists_the_questions_to_ask(delphi):
    answers = {k: v for k, v in ADULT_TRAFFICKING.items() if not k.startswith("d5_")}
    outcome = result(evaluate(delphi, "adult_labour", answers))
    asked = {item["id"] for item in outcome["recommendation"]["ask_about"]}
    assert outcome["verdict"] == "insufficient_information"
    assert "d5_documents_confiscated" in asked and "d6_economic_reasons" in asked
    assert not any(i.startswith(("d1_", "d4_")) for i in asked)  # those elements are present
    assert (
        "Coercion at destination or Abuse of vulnerability at destination"
        in outcome["explanation"]["summary"]
    )


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({"fl02_deception": "yes"}, "refer"),
        ({}, "ask_more"),
        ({"fl03_restriction_of_movement": "unknown"}, "ask_more"),
    ],
)
def test_the_first_line_checklist_gives_no_verdict(forced_labour, answers, outcome):
    evaluation = evaluate(forced_labour, "first_line", answers)
    shown = result(evaluation)
    assert shown["verdict"] is None and shown["elements"] == {}
    assert shown["recommendation"]["outcome"] == outcome == evaluation.outcome


def test_the_first_line_checklist_with_every_answer_no(forced_labour):
    answers = {i: "no" for i in forced_labour.indicators}
    assert evaluate(forced_labour, "first_line", answers).outcome == "no_signs"


def test_a_checklist_for_any_age_recommends_by_the_persons_age(forced_labour):
    answers = {"fl05_physical_sexual_violence": "yes"}
    child = result(evaluate(forced_labour, "first_line", answers, age_group="child"))
    adult = result(evaluate(forced_labour, "first_line", answers, age_group="adult"))
    assert "centre_for_social_work" in {a["contact"] for a in child["recommendation"]["actions"]}
    assert "centre_for_social_work" not in {
        a["contact"] for a in adult["recommendation"]["actions"]
    }
    assert "not findings" in child["explanation"]["summary"]


def test_results_made_with_what_the_engine_keeps_equal_results_made_afresh(instruments):
    """The engine keeps texts and rules it derived, per instrument and language: a result
    after thousands of others (every set, language, age group) equals one made from nothing."""
    import random

    from django.conf import settings

    from nrm.screening import definitions, engine

    def afresh(instrument, set_id, answers, age_group, language):
        instrument.memo.clear()
        for cached in (engine._element_text, engine._grade_labels, definitions._latin):
            cached.cache_clear()
        return result(evaluate(instrument, set_id, answers, age_group), language)

    randomly = random.Random(17)
    languages = [code for code, _name in settings.LANGUAGES]
    checked = 0
    for _round in range(30):
        for kept in instruments.values():
            fresh = definitions.parse_definition(dict(kept.definition))
            for set_id in kept.sets:
                ids = [i.id for i in kept.indicators_in(set_id)]
                answers = {i: randomly.choice(("yes", "yes", "no", "unknown")) for i in ids}
                age_group = randomly.choice(("adult", "child", None))
                language = randomly.choice(languages)
                made = result(evaluate(kept, set_id, answers, age_group), language)
                assert made == afresh(fresh, set_id, answers, age_group, language)
                checked += 1
    verdicts = {
        result(evaluate(kept, s, {}), "en")["verdict"]
        for kept in instruments.values()
        for s in kept.sets
    }
    assert checked >= 100 and len(verdicts) > 1
