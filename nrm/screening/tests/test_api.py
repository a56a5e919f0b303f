import datetime
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from nrm.screening.engine import RESULT_KEYS
from nrm.screening.models import Screening
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db
EVALUATE = "/api/v1/screenings/evaluate"
SCREENINGS = "/api/v1/screenings"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def body(**values):
    return {
        "instrument": "ilo-ec-delphi-2009",
        "set": "adult_labour",
        "answers": ADULT_TRAFFICKING,
        **values,
    }


def test_evaluate_returns_the_result_and_stores_nothing(personas, api_for):
    response = post(api_for(personas.case_worker), EVALUATE, body())
    assert response.status_code == 200, response.content
    data = response.json()
    assert tuple(data) == RESULT_KEYS
    assert data["verdict"] == "trafficking" and data["set"] == "adult_labour"
    assert data["elements"]["coercion_at_destination"] is True
    assert not Screening.objects.exists()


def test_evaluate_gives_the_same_json_as_the_command(personas, api_for, tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**ADULT_TRAFFICKING, "d2_violence": "unknown"}))
    call_command(
        "screen",
        instrument="ilo-ec-delphi-2009",
        set_id="child_labour",
        answers=str(path),
        lang="hr",
    )
    printed = json.loads(capsys.readouterr().out)
    answers = {**ADULT_TRAFFICKING, "d2_violence": "unknown"}
    request = body(set="child_labour", answers=answers, lang="hr")
    response = post(api_for(personas.coordinator), EVALUATE, request)
    assert response.json() == printed


def test_evaluate_explains_in_the_requested_or_the_users_language(personas, api_for):
    client = api_for(personas.coordinator)
    bosnian = post(client, EVALUATE, body(lang="bs")).json()
    assert bosnian["explanation"]["elements"]["deceptive_recruitment"]["label"].startswith(
        "Vrbovanje"
    )
    personas.coordinator.language = "sr"
    personas.coordinator.save()
    serbian = post(api_for(personas.coordinator), EVALUATE, body()).json()
    assert serbian["explanation"]["elements"]["deceptive_recruitment"]["label"].startswith(
        "Врбовање"
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"instrument": "nope"}, "instrument"),
        ({"set": "adult_sexual"}, "set"),
        ({"answers": {"zz_unknown": "yes"}}, "answers.zz_unknown"),
        ({"answers": {"d1_deceived_wages": "maybe"}}, "answers.d1_deceived_wages"),
        ({"answers": {"d1_deceived_wages": True}}, "answers.d1_deceived_wages"),
        ({"answers": ["d1_deceived_wages"]}, "answers"),
        ({"lang": "de"}, "lang"),
    ],
)
def test_bad_input_gets_the_one_error_body_naming_the_field(personas, api_for, values, field):
    response = post(api_for(personas.field_identifier), EVALUATE, body(**values))
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"], error


def test_a_missing_instrument_is_named(personas, api_for):
    response = post(api_for(personas.field_identifier), EVALUATE, {"set": "adult_labour"})
    assert response.status_code == 422
    assert "instrument" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role", ["trial_monitor", "partner", "auditor", "admin", "norole"])
def test_other_roles_are_refused(personas, api_for, role, new_screening):
    client = api_for(getattr(personas, role))
    stored = new_screening(personas.coordinator)
    assert post(client, EVALUATE, body()).status_code == 403
    assert post(client, SCREENINGS, body()).status_code == 403
    assert client.get(SCREENINGS).status_code == 403
    assert client.get(f"{SCREENINGS}/{stored.reference}").status_code == 403
    assert client.get(f"{SCREENINGS}/instruments").status_code == 403
    assert Screening.objects.count() == 1


def test_anonymous_callers_are_asked_to_authenticate(client):
    response = post(client, EVALUATE, body())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_screening_is_stored_linked_to_a_case(personas, api_for, new_case):
    case = new_case(personas.field_identifier)
    response = post(
        api_for(personas.field_identifier),
        SCREENINGS,
        body(context="labour", case=case.code, screened_on="2024-04-02", municipality="tuzla"),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(RESULT_KEYS) <= set(data)
    assert data["verdict"] == "trafficking" and data["case"] == case.code
    assert data["context"] == "labour" and data["age_group"] == "adult"
    assert data["screened_on"] == "2024-04-02" and data["screened_by"] == "t_field"
    stored = Screening.objects.get(reference=data["reference"])
    assert stored.case == case and stored.municipality_id == "tuzla"


def test_storing_refuses_a_case_the_user_may_not_read(personas, api_for, new_case):
    foreign = new_case(personas.outsider)
    response = post(api_for(personas.case_worker), SCREENINGS, body(case=foreign.code))
    assert response.status_code == 422
    assert "case" in response.json()["error"]["fields"]
    assert not Screening.objects.exists()


def test_list_and_detail_are_scoped_by_role(personas, api_for, new_screening):
    own = new_screening(personas.case_worker)
    other = new_screening(personas.outsider)
    client = api_for(personas.case_worker)
    listed = client.get(SCREENINGS).json()
    assert listed["count"] == 1 and [s["reference"] for s in listed["items"]] == [own.reference]
    assert tuple(k for k in listed["items"][0] if k in RESULT_KEYS) == RESULT_KEYS
    detail = client.get(f"{SCREENINGS}/{own.reference}")
    assert detail.status_code == 200 and detail.json()["verdict"] == "trafficking"
    assert client.get(f"{SCREENINGS}/{other.reference}").status_code == 404
    everything = api_for(personas.coordinator).get(SCREENINGS + "?limit=1").json()
    assert everything["count"] == 2 and len(everything["items"]) == 1


def test_list_filters(personas, api_for, new_screening):
    new_screening(personas.coordinator, screened_on=datetime.date(2024, 1, 5))
    later = new_screening(
        personas.coordinator, screened_on=datetime.date(2024, 6, 5), set_id="child_labour"
    )
    data = api_for(personas.coordinator).get(SCREENINGS + "?from=2024-03-01&age_group=child").json()
    assert [s["reference"] for s in data["items"]] == [later.reference]


def test_the_instruments_are_listed_with_their_questions(personas, api_for):
    data = api_for(personas.field_identifier).get(f"{SCREENINGS}/instruments?lang=hr").json()
    delphi = next(i for i in data if i["instrument"] == "ilo-ec-delphi-2009")
    assert delphi["status"] == "provisional" and delphi["graded"]
    child = next(s for s in delphi["sets"] if s["id"] == "child_labour")
    assert len(child["indicators"]) == 65
    first = child["indicators"][0]
    assert first["grade"] == "S" and first["question"].startswith("Je li")


def test_the_openapi_schema_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/screenings/evaluate",
        "/api/v1/screenings",
        "/api/v1/screenings/{reference}",
    } <= set(paths)


def test_the_command_line_prints_json_and_fails_with_status_2(tmp_path):
    """`nrm screen` as the operator runs it (a real process, with the test database absent:
    the command then reads the repository's instrument files)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ADULT_TRAFFICKING))
    env_db = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": env_db,
        "NRM_ENV": "test",
        "NRM_VAR_DIR": str(tmp_path),
    }

    def run(*args):
        command = [sys.executable, "-m", "nrm.cli", "screen", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False, env=env)  # noqa: S603

    ok = run(
        "--instrument", "ilo-ec-delphi-2009", "--set", "adult_labour", "--answers", str(answers)
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["verdict"] == "trafficking"
    bad = run("--instrument", "ilo-ec-delphi-2009", "--set", "nope", "--answers", str(answers))
    assert bad.returncode == 2 and "has no set nope" in bad.stderr and bad.stdout == ""
