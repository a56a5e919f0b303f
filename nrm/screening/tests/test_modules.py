"""Question modules (online recruitment, migrant labour): every question evidences Delphi
indicators and documents its source, and the verdict stays the Delphi rule's."""

import pytest

from nrm.core.errors import ValidationError
from nrm.screening.engine import evaluate
from nrm.screening.models import Screening
from nrm.screening.modules import all_modules, check_against, combine, modules_for
from nrm.screening.services import screening_create
from nrm.screening.tests.conftest import all_no

ONLINE = "online-recruitment"
MIGRANT = "migrant-labour"


def test_every_question_evidences_known_indicators_and_names_its_source(delphi):
    modules = all_modules()
    assert set(modules) == {ONLINE, MIGRANT}
    for module in modules.values():
        check_against(module, delphi)
        for question in module.questions:
            assert question.evidences and question.source.strip()
            assert all(question.question[lang] for lang in ("en", "bs", "hr", "sr"))


def test_modules_are_offered_by_context():
    assert [m.key for m in modules_for("online_recruitment", "ilo-ec-delphi-2009")] == [
        MIGRANT,
        ONLINE,
    ]
    assert [m.key for m in modules_for("labour", "ilo-ec-delphi-2009")] == [MIGRANT]
    assert modules_for("sexual", "ilo-ec-delphi-2009") == []


def test_a_yes_counts_for_the_indicators_and_a_no_changes_nothing(delphi):
    offered = list(all_modules().values())
    in_set = [i.id for i in delphi.indicators_in("adult_labour")]
    direct = {"d5_debt_bondage": "yes", "d1_deceived_wages": "no"}
    answers = {
        ONLINE: {"or02_online_pay_false": "yes"},
        MIGRANT: {"mi02_debt_to_smuggler": "no", "mi08_false_rights": "yes"},
    }
    combined = combine(direct, offered, answers, in_set)
    assert combined["d1_deceived_wages"] == "yes"
    assert combined["d5_debt_bondage"] == "yes"  # a module no never overrides a yes
    assert combined["d3_false_legal_information"] == "yes"
    # For a child the adult-only indicator is not carried.
    child = combine({}, offered, answers, [i.id for i in delphi.indicators_in("child_labour")])
    assert "d3_false_legal_information" not in child


@pytest.mark.django_db
def test_a_migrant_recruited_online_gets_the_delphi_verdict(personas, delphi):
    modules = {
        ONLINE: {"or01_online_job_different": "yes", "or02_online_pay_false": "yes"},
        MIGRANT: {"mi02_debt_to_smuggler": "yes", "mi03_documents_held": "yes"},
    }
    direct = {"d4_excessive_hours": "yes", "d4_low_or_no_pay": "yes"}
    screening = screening_create(
        actor=personas.field_identifier,
        instrument="ilo-ec-delphi-2009",
        set_id="adult_labour",
        answers=direct,
        context="online_recruitment",
        modules=modules,
    )
    same = {
        **direct,
        "d1_deceived_job_type_place_employer": "yes",
        "d1_deceived_wages": "yes",
        "d5_debt_bondage": "yes",
        "d5_documents_confiscated": "yes",
    }
    assert screening.verdict == evaluate(delphi, "adult_labour", same).verdict == "trafficking"
    stored = Screening.objects.get(pk=screening.pk)
    assert stored.module_answers[ONLINE]["version"] == 1
    assert stored.module_answers[MIGRANT]["answers"]["mi03_documents_held"] == "yes"
    assert stored.answers["d5_documents_confiscated"] == "yes"


@pytest.mark.django_db
def test_unknown_modules_and_questions_are_named(personas):
    with pytest.raises(ValidationError) as caught:
        screening_create(
            actor=personas.field_identifier,
            instrument="ilo-ec-delphi-2009",
            set_id="adult_labour",
            answers={},
            context="labour",
            modules={ONLINE: {"or01_online_job_different": "yes"}, MIGRANT: {"mi99": "yes"}},
        )
    assert set(caught.value.fields) == {"modules.online-recruitment", "modules.migrant-labour.mi99"}


@pytest.mark.django_db
def test_the_page_asks_the_module_questions_and_carries_them(personas, client_for, delphi):
    client = client_for(personas.field_identifier)
    page = client.get("/screening/new/online_recruitment/adult/").content.decode()
    assert "Online recruitment (job sites, social networks, messaging)" in page
    assert 'name="m_mi07_reception_centre_offer"' in page
    data = {f"q_{i}": a for i, a in all_no(delphi, "adult_labour").items()}
    data.update({"m_or01_online_job_different": "yes", "m_or02_online_pay_false": "yes"})
    data.update({"q_d4_excessive_hours": "yes", "q_d4_low_or_no_pay": "yes"})
    data.update({"screened_on": "2024-05-06", "action": "evaluate"})
    html = client.post("/screening/new/online_recruitment/adult/", data).content.decode()
    assert "Module answers counted as indicators" in html
    assert "Deceived about wages or earnings" in html or "wages" in html
    data["action"] = "save"
    assert client.post("/screening/new/online_recruitment/adult/", data).status_code == 302
    screening = Screening.objects.get()
    assert screening.answers["d1_deceived_wages"] == "yes"
    assert screening.elements["deceptive_recruitment"] is True


MIGRANT_CASE = {
    ONLINE: {"or01_online_job_different": "yes", "or02_online_pay_false": "yes"},
    MIGRANT: {"mi02_debt_to_smuggler": "yes", "mi03_documents_held": "yes"},
}
EXPLOITED = {"d4_excessive_hours": "yes", "d4_low_or_no_pay": "yes"}


@pytest.mark.django_db
def test_evaluate_and_the_command_take_module_answers(personas, api_for, tmp_path, capsys):
    import json

    from django.core.management import call_command

    body = {
        "instrument": "ilo-ec-delphi-2009",
        "set": "adult_labour",
        "answers": EXPLOITED,
        "modules": MIGRANT_CASE,
    }
    client = api_for(personas.field_identifier)
    response = client.post(
        "/api/v1/screenings/evaluate", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["verdict"] == "trafficking"
    without = client.post(
        "/api/v1/screenings/evaluate",
        json.dumps({**body, "modules": None}),
        content_type="application/json",
    )
    assert without.json()["verdict"] == "insufficient_information"
    answers, modules = tmp_path / "a.json", tmp_path / "m.json"
    answers.write_text(json.dumps(EXPLOITED))
    modules.write_text(json.dumps(MIGRANT_CASE))
    call_command(
        "screen",
        "--instrument=ilo-ec-delphi-2009",
        "--set=adult_labour",
        f"--answers={answers}",
        f"--modules={modules}",
    )
    assert json.loads(capsys.readouterr().out)["verdict"] == "trafficking"
