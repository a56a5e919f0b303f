"""Instruments are loaded from the repository's files idempotently, a version never changes,
and a stored screening keeps the result of the version it used."""

import copy
import shutil

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from nrm.core.errors import ValidationError
from nrm.screening.definitions import INSTRUMENTS_DIR, DefinitionError
from nrm.screening.engine import evaluate
from nrm.screening.loading import sync_instruments
from nrm.screening.models import InstrumentVersion
from nrm.screening.selectors import current_instrument, screening_result
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    """A copy of the repository's instrument files that a test may change."""
    directory = tmp_path / "instruments"
    shutil.copytree(INSTRUMENTS_DIR, directory)
    return directory


def delphi_definition(directory):
    return yaml.safe_load((directory / "ilo-ec-delphi-2009.v1.yaml").read_text(encoding="utf-8"))


def write(directory, name, definition):
    (directory / name).write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")


def write_version_2(directory):
    """Version 2 of the Delphi instrument: the two strong means that the answers rely on
    (documents confiscated, debt bondage) downgraded to weak for adult labour."""
    definition = copy.deepcopy(delphi_definition(directory))
    definition["version"] = 2
    for indicator in definition["dimensions"][4]["indicators"]:
        if indicator["id"] in ("d5_documents_confiscated", "d5_debt_bondage"):
            indicator["grades"]["adult_labour"] = "W"
    write(directory, "ilo-ec-delphi-2009.v2.yaml", definition)


def test_migrate_loaded_every_instrument_and_loading_again_changes_nothing():
    keys = set(InstrumentVersion.objects.values_list("key", "version"))
    assert keys == {
        ("ilo-ec-delphi-2009", 1),
        ("ilo-forced-labour-11", 1),
        ("job-offer-warning-signs", 1),
    }
    changes = sync_instruments()
    assert {c.action for c in changes} == {"unchanged"}
    assert InstrumentVersion.objects.count() == 3


def test_a_stored_version_keeps_its_full_definition():
    row = InstrumentVersion.objects.get(key="ilo-ec-delphi-2009", version=1)
    assert row.status == "provisional" and row.graded
    assert len([i for d in row.definition["dimensions"] for i in d["indicators"]]) == 67
    assert row.definition["rules"]["verdict"]["child"]["all_of"][1] == ["exploitative_conditions"]


def test_a_changed_definition_under_the_same_version_is_refused(files):
    definition = delphi_definition(files)
    definition["dimensions"][4]["indicators"][0]["grades"]["adult_labour"] = "W"
    write(files, "ilo-ec-delphi-2009.v1.yaml", definition)
    with pytest.raises(DefinitionError, match=r"version 1 differs .* version 2"):
        sync_instruments(directory=files)


def test_the_command_loads_files_and_reports_a_refused_definition(files, capsys):
    call_command("instruments", "load", directory=files)
    assert "ilo-ec-delphi-2009 v1: unchanged" in capsys.readouterr().out
    definition = delphi_definition(files)
    definition["title"]["en"] = "Changed"
    write(files, "ilo-ec-delphi-2009.v1.yaml", definition)
    with pytest.raises(CommandError, match="differs") as error:
        call_command("instruments", "load", directory=files)
    assert error.value.returncode == 2


def test_a_new_version_never_changes_a_stored_screening(personas, new_screening, files):
    screening = new_screening(personas.field_identifier)
    before = screening_result(screening, "en")
    assert before["verdict"] == "trafficking" and before["version"] == 1

    # Version 2 downgrades the two strong means that the answers rely on.
    write_version_2(files)
    changes = sync_instruments(directory=files)
    assert ("ilo-ec-delphi-2009", 2, "created") in [(c.key, c.version, c.action) for c in changes]

    row, current = current_instrument("ilo-ec-delphi-2009")
    assert row.version == 2
    assert (
        evaluate(current, "adult_labour", ADULT_TRAFFICKING).verdict == "insufficient_information"
    )

    screening.refresh_from_db()
    assert screening.instrument.version == 1
    after = screening_result(screening, "en")
    assert after == before
    assert after["elements"]["coercion_at_destination"] is True

    newer = new_screening(personas.field_identifier)
    assert newer.instrument.version == 2
    assert newer.verdict == "insufficient_information"
    assert newer.elements["coercion_at_destination"] is False


def test_a_version_whose_file_is_gone_is_kept_but_no_longer_offered(files, personas, new_screening):
    screening = new_screening(personas.field_identifier)
    (files / "ilo-ec-delphi-2009.v1.yaml").unlink()
    changes = sync_instruments(directory=files)
    assert ("ilo-ec-delphi-2009", 1, "retired") in [(c.key, c.version, c.action) for c in changes]
    with pytest.raises(ValidationError) as error:
        current_instrument("ilo-ec-delphi-2009")
    assert "instrument" in error.value.fields
    assert screening_result(screening, "en")["verdict"] == "trafficking"
    sync_instruments()  # the repository's files again
    assert current_instrument("ilo-ec-delphi-2009")[0].is_active


def test_instruments_list_command(capsys):
    call_command("instruments", "list")
    out = capsys.readouterr().out
    assert "ilo-ec-delphi-2009 v1 [provisional, offered]" in out
    assert "sets adult_labour, child_labour; 67 indicators" in out
    assert "ilo-forced-labour-11 v1 [validated, offered]" in out


def test_the_audit_trail_records_the_fingerprint_not_the_whole_definition():
    from auditlog.models import LogEntry

    row = InstrumentVersion.objects.get(key="ilo-ec-delphi-2009", version=1)
    entry = LogEntry.objects.get_for_object(row).get()
    assert entry.additional_data["via"] == "reference data"
    assert entry.changes_dict["digest"][1] == row.digest
    assert "definition" not in entry.changes_dict


def test_the_evaluation_api_scores_with_a_version_loaded_after_it_answered(
    personas, api_for, files
):
    """The API keeps parsed definitions in the process, by fingerprint: a version loaded
    meanwhile (by another process too) is used from the next request, a retired one no more."""
    client = api_for(personas.field_identifier)
    body = {"instrument": "ilo-ec-delphi-2009", "set": "adult_labour", "answers": ADULT_TRAFFICKING}

    def evaluated():
        return client.post("/api/v1/screenings/evaluate", body, content_type="application/json")

    first = evaluated().json()
    assert (first["version"], first["verdict"]) == (1, "trafficking")
    write_version_2(files)
    sync_instruments(directory=files)
    second = evaluated().json()
    assert (second["version"], second["verdict"]) == (2, "insufficient_information")
    assert second["elements"]["coercion_at_destination"] is False

    (files / "ilo-ec-delphi-2009.v1.yaml").unlink()
    (files / "ilo-ec-delphi-2009.v2.yaml").unlink()
    sync_instruments(directory=files)
    response = evaluated()
    assert response.status_code == 422
    assert "instrument" in response.json()["error"]["fields"]


def test_the_evaluation_api_loads_the_instruments_into_an_empty_database(personas, api_for):
    InstrumentVersion.objects.all().delete()
    response = api_for(personas.field_identifier).post(
        "/api/v1/screenings/evaluate",
        {"instrument": "ilo-ec-delphi-2009", "set": "adult_labour", "answers": ADULT_TRAFFICKING},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "trafficking"
    assert InstrumentVersion.objects.filter(key="ilo-ec-delphi-2009", is_active=True).exists()
