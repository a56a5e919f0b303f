"""Sexual exploitation is screened honestly: no invented grades, the elements recorded with
their evidence until a graded set exists, and a graded set (a data file) changes the verdicts
without a code change. The form and age decide the set; an unknown form scores every set."""

import copy

import pytest
import yaml
from django.core.management import call_command

from nrm.core.errors import ValidationError
from nrm.screening.definitions import INSTRUMENTS_DIR, DefinitionError, parse_definition
from nrm.screening.models import Screening
from nrm.screening.selectors import screening_plan, screening_result
from nrm.screening.services import screening_create
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db
SEXUAL_ADULT = "/screening/new/sexual/adult/"
EVIDENCE = {
    "deceptive_recruitment": {"answer": "yes", "evidence": "Promised bar work (fictional)."},
    "exploitative_conditions": {"answer": "yes", "evidence": "Clients every night."},
    "coercion_at_destination": {"answer": "unknown", "evidence": ""},
}


def delphi_v1():
    path = INSTRUMENTS_DIR / "ilo-ec-delphi-2009.v1.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def with_sexual_sets(definition):
    """A TEST-ONLY version 2 with sexual sets: the grades are the labour grades copied, so that
    the test can tell a graded screening from the checklist. Never real grades."""
    v2 = copy.deepcopy(definition)
    v2["version"] = 2
    for age in ("adult", "child"):
        v2["sets"][f"{age}_sexual"] = {
            "age_group": age,
            "exploitation": "sexual",
            "label": {lang: f"TEST {age} sexual" for lang in ("en", "bs", "hr", "sr")},
        }
    for dimension in v2["dimensions"]:
        for indicator in dimension["indicators"]:
            grades = indicator["grades"]
            for age in ("adult", "child"):
                if f"{age}_labour" in grades:
                    grades[f"{age}_sexual"] = grades[f"{age}_labour"]
    return v2


@pytest.fixture
def sexual_file(tmp_path):
    path = tmp_path / "delphi-with-sexual-sets.yaml"
    path.write_text(yaml.safe_dump(with_sexual_sets(delphi_v1()), allow_unicode=True), "utf-8")
    return path


def test_sets_are_keyed_by_age_group_and_form_once_each():
    definition = delphi_v1()
    definition["sets"]["labour_again"] = dict(definition["sets"]["adult_labour"])
    with pytest.raises(DefinitionError, match="adult_labour is already for adult and labour"):
        parse_definition(definition)
    definition = delphi_v1()
    definition["sets"]["adult_labour"]["exploitation"] = "slavery"
    with pytest.raises(DefinitionError, match=r"sets.adult_labour.exploitation"):
        parse_definition(definition)


def test_without_a_sexual_set_the_plan_is_the_elements_checklist_with_no_verdict():
    plan = screening_plan("sexual", "adult")
    assert plan is not None and plan.elements_checklist and not plan.graded
    assert (plan.instrument, plan.set_id) == ("ilo-forced-labour-11", "first_line")
    labour = screening_plan("labour", "child")
    assert labour is not None and (labour.set_id, labour.elements_checklist) == (
        "child_labour",
        False,
    )


def test_the_sexual_checklist_stores_the_elements_and_their_evidence(personas):
    screening = screening_create(
        actor=personas.field_identifier,
        instrument="ilo-forced-labour-11",
        set_id="first_line",
        answers={"fl02_deception": "yes"},
        context="sexual",
        age_group="adult",
        elements=EVIDENCE,
    )
    stored = Screening.objects.get(pk=screening.pk)
    assert stored.verdict == "" and stored.outcome == "refer"
    assert stored.element_answers["deceptive_recruitment"] == "yes"
    assert stored.element_answers["vulnerability_at_destination"] == "unknown"  # all six kept
    assert len(stored.element_answers) == 6
    assert stored.element_evidence["exploitative_conditions"] == "Clients every night."
    assert "coercion_at_destination" not in stored.element_evidence


def test_an_element_marked_present_needs_its_evidence_and_unknown_ids_are_named(personas):
    with pytest.raises(ValidationError) as caught:
        screening_create(
            actor=personas.field_identifier,
            instrument="ilo-forced-labour-11",
            set_id="first_line",
            answers={},
            context="sexual",
            age_group="adult",
            elements={
                "deceptive_recruitment": {"answer": "yes", "evidence": " "},
                "lover_boy": {"answer": "yes", "evidence": "x"},
                "exploitative_conditions": {"answer": "maybe", "evidence": ""},
            },
        )
    assert set(caught.value.fields) == {
        "elements.deceptive_recruitment",
        "elements.lover_boy",
        "elements.exploitative_conditions",
    }
    assert not Screening.objects.exists()


def test_the_page_records_the_elements_and_states_that_no_graded_verdict_exists(
    personas, client_for
):
    client = client_for(personas.field_identifier)
    data = {"screened_on": "2024-05-06", "action": "save", "q_fl02_deception": "yes"}
    data.update({"el_deceptive_recruitment": "yes", "ev_deceptive_recruitment": ""})
    response = client.post(SEXUAL_ADULT, data)
    assert response.status_code == 200 and not Screening.objects.exists()
    assert "Record the evidence for an element you mark present." in response.content.decode()
    data["ev_deceptive_recruitment"] = "Promised bar work abroad (fictional)."
    response = client.post(SEXUAL_ADULT, data)
    screening = Screening.objects.get()
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "No graded verdict exists for this form of exploitation." in html
    assert "Promised bar work abroad (fictional)." in html
    assert screening.element_answers["deceptive_recruitment"] == "yes"


def test_an_uncertain_age_counts_as_a_child(personas, client_for):
    response = client_for(personas.field_identifier).get(
        "/screening/new/", {"context": "sexual", "age_group": "uncertain"}
    )
    assert response.status_code == 302 and response["Location"] == "/screening/new/sexual/child/"


def test_an_unknown_form_scores_every_set_and_says_which_holds(personas, client_for):
    client = client_for(personas.field_identifier)
    data = {f"q_{i}": a for i, a in ADULT_TRAFFICKING.items()}
    data.update({"screened_on": "2024-05-06", "action": "save"})
    response = client.post("/screening/new/unknown/adult/", data)
    screening = Screening.objects.get()
    assert response.status_code == 302
    assert screening.set_results == {"adult_labour": "trafficking"}
    html = client.get(response["Location"]).content.decode()
    assert "Every set scored" in html and "Only one graded set exists" in html


def test_a_sexual_set_loaded_from_a_file_changes_the_verdicts_without_code(
    personas, client_for, sexual_file
):
    before = screening_create(
        actor=personas.field_identifier,
        instrument="ilo-forced-labour-11",
        set_id="first_line",
        answers={"fl02_deception": "yes"},
        context="sexual",
        age_group="adult",
        elements=EVIDENCE,
    )
    client = client_for(personas.field_identifier)
    page = client.get(SEXUAL_ADULT).content.decode()
    assert "No graded verdict exists" in page and 'name="q_d5_debt_bondage"' not in page

    call_command("instruments", "load", str(sexual_file))

    plan = screening_plan("sexual", "adult")
    assert plan is not None and plan.graded and plan.set_id == "adult_sexual"
    page = client.get(SEXUAL_ADULT).content.decode()
    assert "No graded verdict exists" not in page and 'name="q_d5_debt_bondage"' in page
    data = {f"q_{i}": a for i, a in ADULT_TRAFFICKING.items()}
    data.update({"screened_on": "2024-05-06", "action": "save"})
    assert client.post(SEXUAL_ADULT, data).status_code == 302
    graded = Screening.objects.exclude(pk=before.pk).get()
    assert (graded.set_key, graded.verdict) == ("adult_sexual", "trafficking")
    assert graded.instrument.version == 2 and graded.instrument.from_file
    # A child with an uncertain age is screened with the children's sexual set.
    child = screening_plan("sexual", "child")
    assert child is not None and child.set_id == "child_sexual"
    # An unknown form now scores both adult sets.
    unknown = screening_plan("unknown", "adult")
    assert unknown is not None and unknown.sets == ("adult_labour", "adult_sexual")
    # The screening made before keeps its result.
    assert screening_result(Screening.objects.get(pk=before.pk), "en")["verdict"] is None
    # The repository's own loading (after every migrate) does not retire the loaded file.
    call_command("instruments", "load")
    plan = screening_plan("sexual", "adult")
    assert plan is not None and plan.set_id == "adult_sexual"


def test_the_api_stores_the_checklist_and_names_a_missing_evidence(personas, api_for):
    import json

    client = api_for(personas.field_identifier)
    body = {
        "instrument": "ilo-forced-labour-11",
        "set": "first_line",
        "answers": {"fl02_deception": "yes"},
        "context": "sexual",
        "age_group": "adult",
        "elements": EVIDENCE,
    }
    response = client.post("/api/v1/screenings", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    checklist = {item["id"]: item for item in response.json()["checklist"]}
    assert checklist["deceptive_recruitment"]["evidence"] == "Promised bar work (fictional)."
    assert response.json()["verdict"] is None
    body["elements"] = {"deceptive_recruitment": {"answer": "yes"}}
    response = client.post("/api/v1/screenings", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert "elements.deceptive_recruitment" in response.json()["error"]["fields"]


def test_a_separate_instrument_with_only_sexual_sets_is_found_by_age_and_form(personas, tmp_path):
    definition = with_sexual_sets(delphi_v1())
    definition.update(id="test-sexual-indicators", version=1)
    for labour in ("adult_labour", "child_labour"):
        del definition["sets"][labour]
        for dimension in definition["dimensions"]:
            for indicator in dimension["indicators"]:
                indicator["grades"].pop(labour, None)
    path = tmp_path / "test-sexual-indicators.v1.yaml"
    path.write_text(yaml.safe_dump(definition, allow_unicode=True), "utf-8")
    assert screening_plan("sexual", "child").elements_checklist  # type: ignore[union-attr]

    call_command("instruments", "load", str(path))

    plan = screening_plan("sexual", "child")
    assert plan is not None and (plan.instrument, plan.set_id) == (
        "test-sexual-indicators",
        "child_sexual",
    )
    labour_plan = screening_plan("labour", "adult")
    assert labour_plan is not None and labour_plan.instrument == "ilo-ec-delphi-2009"
    answers = {**ADULT_TRAFFICKING, "d5_debt_bondage": "no", "d5_documents_confiscated": "no"}
    screening = screening_create(
        actor=personas.field_identifier,
        instrument=plan.instrument,
        set_id=plan.set_id,
        answers=answers,
        context="sexual",
    )
    assert screening.verdict == "trafficking"  # for a child the means are not required
