"""The short first step: refer now, continue or stop; its answers carried into the full
screening; and the questions answered to reach a verdict in the demo screenings."""

import re
from urllib.parse import unquote

import pytest

from nrm.screening import measure
from nrm.screening.demo import SCREENINGS
from nrm.screening.models import Screening
from nrm.screening.modules import triage_carried, triage_module, triage_outcome
from nrm.screening.selectors import current_instrument, screening_plan

pytestmark = pytest.mark.django_db
NO = {q.id: "no" for q in triage_module().questions}


def test_the_first_step_is_a_few_plain_questions_mapped_to_both_indicator_lists(
    delphi, forced_labour
):
    questions = triage_module().questions
    assert len(questions) <= 8
    for question in questions:
        assert all(i in delphi.indicators for i in question.evidences)
        assert all(i in forced_labour.indicators for i in question.first_line)
        assert question.source


def test_the_outcome_is_refer_now_continue_or_stop():
    assert triage_outcome(NO) == "stop"
    assert triage_outcome({**NO, "tr03_documents_kept": "yes"}) == "continue"
    assert triage_outcome({**NO, "tr02_long_hours": "unknown"}) == "continue"
    assert triage_outcome({**NO, "tr06_violence": "yes"}) == "refer_now"
    assert triage_outcome(NO, child_sexual=True) == "refer_now"


def test_the_answers_are_carried_yes_and_no_into_the_set(delphi):
    members = [i.id for i in delphi.indicators_in("adult_labour")]
    carried = triage_carried({**NO, "tr04_debt": "yes", "tr01_not_as_promised": "unknown"}, members)
    assert carried["d5_debt_bondage"] == "yes" and carried["d5_violence"] == "no"
    assert carried["d1_deceived_job_type_place_employer"] == "unknown"  # not asked again


def test_the_first_step_leads_into_the_full_screening_without_asking_twice(personas, client_for):
    client = client_for(personas.field_identifier)
    data = {"context": "labour", "age_group": "uncertain"}
    data.update({f"t_{q}": a for q, a in NO.items()})
    data.update({"t_tr03_documents_kept": "yes", "t_tr04_debt": "yes"})
    html = client.post("/screening/triage/", data).content.decode()
    assert "Continue with the full screening" in html and "Refer now" not in html
    url = html.split('href="/screening/new/labour/child/?triage=')[1].split('"')[0]
    page = client.get(f"/screening/new/labour/child/?triage={url}").content.decode()
    assert "7 answers are carried from the first step" in page
    assert re.search(r'name="q_d5_debt_bondage" value="yes"[^>]*checked', page)
    assert re.search(r'name="q_d5_violence" value="no"[^>]*checked', page)
    form = {"screened_on": "2024-05-06", "action": "save", "triage": unquote(url)}
    form.update({"q_d5_debt_bondage": "yes", "q_d5_documents_confiscated": "yes"})
    assert client.post("/screening/new/labour/child/", form).status_code == 302
    screening = Screening.objects.get()
    assert screening.module_answers["triage"]["answers"]["tr04_debt"] == "yes"
    assert screening.answers["d5_violence"] == "no"  # carried from the first step


def test_an_urgent_sign_says_refer_now_and_a_forged_token_carries_nothing(personas, client_for):
    client = client_for(personas.field_identifier)
    data = {"context": "sexual", "age_group": "adult", "t_tr06_violence": "yes"}
    assert "Refer now" in client.post("/screening/triage/", data).content.decode()
    page = client.get("/screening/new/labour/adult/?triage=forged").content.decode()
    assert "carried from the first step" not in page


def test_the_first_step_is_for_screening_roles_only(personas, client_for):
    assert client_for(personas.partner).get("/screening/triage/").status_code == 403


def test_questions_answered_to_reach_a_verdict_in_the_demo_screenings(capsys):
    rows = []
    for item in SCREENINGS:
        plan = screening_plan(item.context, item.age_group)
        assert plan is not None
        instrument = current_instrument(plan.instrument)[1]
        answers = {i.id: item.rest for i in instrument.indicators_in(plan.set_id)}
        answers.update(dict.fromkeys(item.unknown, "unknown"))
        answers.update(dict.fromkeys(item.yes, "yes"))
        child_sexual = item.context == "sexual" and item.age_group == "child"
        rows.append(
            (
                item.reference,
                measure.count(instrument, plan.set_id, answers, child_sexual=child_sexual),
            )
        )
    with capsys.disabled():
        print("\nreference  before  first-step  decision  after")
        for reference, c in rows:
            outcome = c.triage_outcome
            print(f"{reference:10} {c.before:6}  {outcome:10}  {c.to_decision:8}  {c.after:5}")
        total_before = sum(c.before for _, c in rows)
        total_after = sum(c.after for _, c in rows)
        print(f"total      {total_before:6}  {'':10}  {'':8}  {total_after:5}")
    assert total_after < total_before
    assert all(c.to_decision == 7 for _, c in rows)
