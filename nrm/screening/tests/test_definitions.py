"""The instrument files: exactly the reference ids and grades, every text translated, and
malformed definitions refused with the place of the problem."""

import copy
from pathlib import Path

import pytest
import yaml

from nrm.cases.models import ServiceType
from nrm.core.vocabularies import MeansOfControl
from nrm.screening.definitions import (
    LANGUAGES,
    DefinitionError,
    localise,
    parse_definition,
    read_all,
    read_file,
)

DATA = Path(__file__).parent / "data"


def reference(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_delphi_has_exactly_the_reference_indicator_ids(delphi):
    expected = [
        i["id"] for d in reference("delphi-indicators.yaml")["dimensions"] for i in d["indicators"]
    ]
    assert list(delphi.indicators) == expected
    assert len(expected) == 67


def test_delphi_has_the_reference_dimensions_grades_and_sets(delphi):
    ref = reference("delphi-indicators.yaml")
    assert [d.id for d in delphi.dimensions] == [d["id"] for d in ref["dimensions"]]
    assert set(delphi.sets) == set(ref["sets"]) == {"adult_labour", "child_labour"}
    for set_id, body in ref["sets"].items():
        assert delphi.sets[set_id].age_group == body["age_group"]
        assert delphi.sets[set_id].exploitation == body["exploitation"]
    for dimension in ref["dimensions"]:
        for indicator in dimension["indicators"]:
            ours = delphi.indicators[indicator["id"]]
            assert ours.dimension == dimension["id"]
            assert dict(ours.grades) == indicator["grades"], indicator["id"]
    assert delphi.status == ref["status"] == "provisional"


def test_indicators_missing_from_the_child_set_are_not_in_it(delphi):
    child = {i.id for i in delphi.indicators_in("child_labour")}
    adult = {i.id for i in delphi.indicators_in("adult_labour")}
    assert adult - child == {"d3_false_legal_information", "d4_no_social_protection"}
    assert child <= adult


def test_delphi_rules_are_the_readme_rules(delphi):
    assert delphi.element_rule == ({"S": 2}, {"S": 1, "MW": 1}, {"M": 3}, {"M": 2, "W": 1})
    recruitment = ("deceptive_recruitment", "coercive_recruitment", "vulnerability_recruitment")
    assert delphi.verdict_rules["adult"] == (
        recruitment,
        ("exploitative_conditions",),
        ("coercion_at_destination", "vulnerability_at_destination"),
    )
    assert delphi.verdict_rules["child"] == (recruitment, ("exploitative_conditions",))


def test_forced_labour_checklist_has_the_eleven_reference_ids_and_no_grades(forced_labour):
    expected = {i["id"] for i in reference("ilo-forced-labour-11.yaml")["indicators"]}
    assert set(forced_labour.indicators) == expected and len(expected) == 11
    assert not forced_labour.graded and forced_labour.status == "validated"
    assert all(not i.grades for i in forced_labour.indicators.values())
    assert all(i.public_question for i in forced_labour.indicators.values())


def test_every_text_is_in_every_language_and_serbian_latin_is_derived(instruments):
    for instrument in instruments.values():
        texts = [instrument.title]
        texts += [d.label for d in instrument.dimensions]
        texts += [i.label for i in instrument.indicators.values()]
        texts += [i.question for i in instrument.indicators.values()]
        texts += [a.text for r in instrument.recommendations.values() for a in r.actions]
        for text in texts:
            assert set(text) == set(LANGUAGES)
            assert all(text[lang].strip() for lang in LANGUAGES)
            assert any("\u0400" <= ch <= "\u04ff" for ch in text["sr"]), text["sr"]
            latin = localise(text, "sr-latn")
            assert not any("\u0400" <= ch <= "\u04ff" for ch in latin), latin


def test_questions_differ_from_labels_and_read_as_questions(instruments):
    for instrument in instruments.values():
        for indicator in instrument.indicators.values():
            for lang in LANGUAGES:
                assert indicator.question[lang].endswith("?"), (indicator.id, lang)
                assert indicator.question[lang] != indicator.label[lang]


def test_recommendations_name_whom_to_call_and_valid_referrals(instruments):
    services = set(ServiceType.values)
    for instrument in instruments.values():
        for recommendation in instrument.recommendations.values():
            assert recommendation.actions
            assert set(recommendation.referrals) <= services
        contacts = {a.contact for r in instrument.recommendations.values() for a in r.actions}
        assert "hotline" in contacts
    delphi = instruments["ilo-ec-delphi-2009"]
    trafficking = delphi.recommendations["trafficking"]
    assert {"police", "centre_for_social_work", "hotline"} <= {
        a.contact for a in trafficking.actions
    }
    assert any(a.phone == "0800 22 323" for a in trafficking.actions)


def test_means_of_control_are_htcds_codes(instruments):
    codes = set(MeansOfControl.values)
    for instrument in instruments.values():
        for indicator in instrument.indicators.values():
            assert set(indicator.means_of_control) <= codes, indicator.id


def test_each_version_appears_once_in_the_repository():
    versions = [(i.key, i.version) for i in read_all()]
    assert len(versions) == len(set(versions)) == 3


@pytest.fixture
def raw(delphi):
    return copy.deepcopy(dict(delphi.definition))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["title"].pop("hr"), "title: missing translation: hr"),
        (lambda d: d["title"].update({"sr-latn": "x"}), "sr-latn is derived"),
        (
            lambda d: d["dimensions"][0]["indicators"][0]["grades"].update(adult_labour="X"),
            "grades.adult_labour: expected one of S, M, W",
        ),
        (
            lambda d: d["dimensions"][0]["indicators"][1]["grades"].update(adult_sexual="M"),
            "unknown set adult_sexual",
        ),
        (
            lambda d: d["dimensions"][1]["indicators"].append(
                copy.deepcopy(d["dimensions"][0]["indicators"][0])
            ),
            "d1_deceived_job_type_place_employer appears twice",
        ),
        (lambda d: d["rules"]["element"]["any_of"].append({"SM": 1, "M": 1}), "two groups"),
        (lambda d: d["rules"]["element"]["any_of"].append({"X": 1}), "not a group of grades"),
        (
            lambda d: d["rules"]["verdict"]["adult"]["all_of"].append(["nonexistent"]),
            "unknown dimension nonexistent",
        ),
        (lambda d: d["rules"]["verdict"].pop("child"), "no rule for child"),
        (lambda d: d.update(version=0), "version: expected a whole number"),
        (lambda d: d.update(status="draft"), "status: expected one of provisional, validated"),
        (lambda d: d["recommendations"].pop("not_established"), "missing outcome: not_established"),
    ],
)
def test_a_malformed_definition_is_refused_naming_the_place(raw, change, message):
    change(raw)
    with pytest.raises(DefinitionError) as error:
        parse_definition(raw, origin="test.yaml")
    assert message in str(error.value)
    assert str(error.value).startswith("test.yaml")


def test_an_unreadable_file_is_named(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"broken\.yaml"):
        read_file(path)
