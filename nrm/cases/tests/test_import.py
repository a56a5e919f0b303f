"""`nrm import victims`: registers in, statistics out, and broken registers refused whole."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from nrm.cases.models import Person, ShelterStay, VictimCase
from nrm.cases.statistics import victim_statistics
from nrm.core.periods import Period

DATA = Path(__file__).parent / "data"
YEAR_2024 = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))

# The register's figures, counted by hand from tests/data/register-2024.csv (13 rows):
# R-005 was identified in 2023 and R-006 in 2025, so 11 rows count in 2024.
EXPECTED_2024 = {
    "total": 11,
    "by_status": {"potential": 8, "identified": 3},  # identified
    "by_sex": {"female": 5, "male": 4, "other": 1, "unknown": 1},
    "by_age_group": {
        # R-001 turns 18 on the day of identification: an adult. R-010 is 39 that day.
        "adult": {"total": 4, "female": 1, "male": 3, "other": 0, "unknown": 0},
        # R-002 turns 18 the day after identification: a minor. R-008 was born on 29 Feb.
        "minor": {"total": 6, "female": 4, "male": 1, "other": 1, "unknown": 0},
        # R-007 has neither a birth date nor an age.
        "unknown": {"total": 1, "female": 0, "male": 0, "other": 0, "unknown": 1},
    },
    "by_exploitation": {
        "sexual": 2,
        "labour": 3,  # the row without a code, R-008, R-010 (written twice, counted once)
        "begging": 3,
        "criminality": 1,
        "marriage": 1,
        "domestic_servitude": 1,
        "organ_removal": 1,
        "other": 2,
        "not_recorded": 1,
    },
    "by_citizenship": {"BA": 5, "unknown": 2, "AF": 1, "DE": 1, "HR": 1, "TR": 1},
    "nationals": 5,
    "foreigners": 4,
    "citizenship_unknown": 2,
    # Stays overlapping 2024, whenever the victim was identified: the row without a code
    # (from 2023-12-20), R-001, R-004 (open, from 31 Dec), R-005 (identified in 2023, housed
    # until Feb 2024), R-006 (identified in 2025, housed from 20 Dec 2024), R-012 (one day),
    # R-013 (open). Not R-009 (ended in 2023) nor R-010 (starts in 2025).
    "in_shelter": 7,
}


def run_import(*args):
    out, err = StringIO(), StringIO()
    call_command("import", "victims", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return (
        VictimCase.objects.count(),
        Person.objects.count(),
        ShelterStay.objects.count(),
        LogEntry.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["register-2024.csv", "register-2024.xlsx"])
def test_an_imported_register_gives_the_figures_counted_by_hand(orgs, name):
    out, err = run_import(DATA / name, "--organisation", orgs.police.name)
    assert "Imported 13 victim case(s)" in out, (out, err)
    assert victim_statistics(period=YEAR_2024) == EXPECTED_2024
    second_half = victim_statistics(
        period=Period(datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))
    )
    assert (second_half["total"], second_half["in_shelter"]) == (4, 3)
    assert VictimCase.objects.filter(code="V-2024-0001").exists()  # the row without a code
    tuzla = VictimCase.objects.get(code="R-002")
    assert tuzla.municipality_id == "tuzla" and tuzla.organisation == orgs.police
    assert not VictimCase.objects.get(code="R-004").exploitations.exists()


@pytest.mark.django_db
def test_nrm_stats_prints_the_victims_family(orgs):
    run_import(DATA / "register-2024.csv", "--organisation", "Test Police Agency")
    out = StringIO()
    call_command("stats", "--from", "2024-01-01", "--to", "2024-12-31", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert printed["victims"] == EXPECTED_2024


@pytest.mark.django_db
def test_dry_run_checks_and_writes_nothing(orgs):
    before = snapshot()
    out, _err = run_import(
        DATA / "register-2024.xlsx", "--dry-run", "--organisation", "Test Police Agency"
    )
    assert "13 row(s) are valid; nothing was written" in out
    assert snapshot() == before


BROKEN = (
    "case_code,identified_on,status,sex,birth_date,age,citizenship,exploitation,"
    "shelter_from,shelter_to,first_name,last_name,notes\n"
    """B-1,2024-13-01,potential,female,,20,BA,sexual,,,A,B,x
B-2,2024-02-01,victim,f,,,XX,slavery;sexual,,,A,B,
B-3,2024-02-01,potential,male,2010-01-01,20,BA,labour,2024-03-01,2024-02-01,A,B,
B-3,2024-02-01,potential,male,,twelve,BA,,,2024-02-01,A,B,
EXISTING-1,,potential,male,,,BA,,,,A,B,
B-6,2024-02-01,identified,male,2025-01-01,,BA,,,,A,B,
"""
)

EXPECTED_PROBLEMS = [
    "row 2, column identified_on: '2024-13-01' is not a date: write YYYY-MM-DD",
    "row 3, column citizenship: 'XX' is not an ISO 3166-1 alpha-2 country code (e.g. BA, TR)",
    "row 3, column exploitation: unknown code(s) slavery; use: sexual, labour, begging, "
    "criminality, marriage, domestic_servitude, organ_removal, other (separated by ;)",
    "row 3, column sex: 'f' is not one of: female, male, other, unknown",
    "row 3, column status: 'victim' is not one of: potential, identified",
    "row 4, column age: the age 20 does not match the birth date (14 years)",
    "row 4, column shelter_to: the stay ends before it starts",
    "row 5, column age: 'twelve' is not a number of years",
    "row 5, column case_code: the code is also on row 4",
    "row 5, column shelter_from: a stay with an end needs a start",
    "row 6, column case_code: the code EXISTING-1 is already used",
    "row 6, column identified_on: the date of identification is required",
    "row 7, column birth_date: the birth date is after the date of identification",
]


@pytest.mark.django_db
def test_a_broken_register_lists_every_problem_and_changes_nothing(
    tmp_path, orgs, personas, new_case
):
    new_case(personas.coordinator, code="EXISTING-1")
    path = tmp_path / "broken.csv"
    path.write_text(BROKEN, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as failed:
        run_import(path, "--organisation", "Test Police Agency")
    assert failed.value.returncode == 2
    assert "13 problem(s) in broken.csv; nothing was imported." in str(failed.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_problems_are_printed_as_row_and_column(tmp_path, orgs, personas, new_case, capsys):
    new_case(personas.coordinator, code="EXISTING-1")
    path = tmp_path / "broken.csv"
    path.write_text(BROKEN, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "victims",
            str(path),
            "--organisation",
            "Test Police Agency",
            stdout=StringIO(),
            stderr=err,
        )
    assert err.getvalue().splitlines() == EXPECTED_PROBLEMS


@pytest.mark.django_db
def test_missing_columns_and_organisation_are_named(tmp_path, orgs):
    path = tmp_path / "columns.csv"
    path.write_text("case_code,status,sex\nX-1,potential,male\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "victims", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 1, column birth_date: give a birth_date or an age column",
        "row 1, column citizenship: the column is missing",
        "row 1, column exploitation: the column is missing",
        "row 1, column identified_on: the column is missing",
    ]
    ok = tmp_path / "no-organisation.csv"
    ok.write_text(
        "identified_on;status;sex;age;citizenship;exploitation\n2024-01-02;potential;male;20;BA;\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "victims", str(ok), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2, column organisation: name the identifying organisation (column or --organisation)"
    ]
    with pytest.raises(CommandError, match="no such organisation"):
        run_import(ok, "--organisation", "Nobody")
    out, _ = run_import(ok, "--organisation", "Test Police Agency")  # semicolons are fine too
    assert "Imported 1 victim case(s)" in out


@pytest.mark.django_db
def test_unknown_columns_are_reported_and_ignored(tmp_path, orgs):
    path = tmp_path / "extra.csv"
    path.write_text(
        "identified_on,status,sex,age,citizenship,exploitation,remarks\n"
        "2024-01-02,identified,female,30,RS,labour,something\n",
        encoding="utf-8",
    )
    _out, err = run_import(path, "--organisation", "Test Police Agency")
    assert "column 'remarks' is not part of the format and is ignored" in err
    assert VictimCase.objects.get().citizenship == "RS"


@pytest.mark.django_db
def test_other_files_are_refused(tmp_path, orgs):
    path = tmp_path / "register.ods"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(path, "--organisation", "Test Police Agency")
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "missing.csv")


@pytest.mark.django_db
def test_large_registers_show_a_progress_bar(tmp_path, orgs, capsys):
    rows = ["identified_on,status,sex,age,citizenship,exploitation"]
    rows += [f"2024-01-{1 + i % 28:02d},potential,male,{20 + i % 30},BA,labour" for i in range(600)]
    path = tmp_path / "large.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    out, _ = run_import(path, "--dry-run", "--organisation", "Test Police Agency")
    assert "600 row(s) are valid" in out
    assert "Checking" in capsys.readouterr().err  # tqdm writes to standard error
