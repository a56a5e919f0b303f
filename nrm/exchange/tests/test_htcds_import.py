"""`nrm import htcds`: a template filled elsewhere imports; broken rows are refused, each named."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from openpyxl import load_workbook

from nrm.cases.models import Consent, Person, VictimCase
from nrm.cases.services import case_create
from nrm.cases.statistics import victim_statistics
from nrm.core.periods import Period
from nrm.exchange import htcds
from nrm.exchange.models import ExchangeRecord

YEAR_2024 = Period.parse("2024")
COLUMNS = ["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_Citizenship",
           "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_MethodsOfControl",
           "vic_MethodOfRecruitment", "cas_Status", "cas_IncomingReferralDate", "con_Consent",
           "prs_Email", "vic_ForcedLabourIndustry", "cas_CaseOwner"]  # fmt: skip
D = datetime.datetime
# As a partner's case worker would fill the template: value names and labels mixed.
PARTNER_ROWS: list[list[Any]] = [
    ["Mara", "Primjer", D(2006, 3, 2), "Feminine", "BA", "ActualVictimOfTrafficking",
     "SexualExploitation", "DebtBondage; PhysicalAbuse", "ThroughFriendsOrSocialEvents",
     "Active", D(2024, 2, 1), "TRUE", "mara@example.org", None, "J. Worker"],
    ["Ivo", "Uzorak", D(1990, 7, 9), "Masculine", "RS", "Possible victim of trafficking",
     "Forced labour", "Withholds documents", None, "Active", D(2024, 3, 15), "FALSE", None,
     "F_Construction", "J. Worker"],
    ["Lea", "Test", None, "Transgender Feminine", "TR", "PossibleVictimOfTrafficking",
     "ForcedBegging; ForcedLabour", None, None, "FollowUp", D(2024, 5, 5), None, None, None,
     None],
    ["Amra", "Fikcija", D(2010, 1, 1), "Feminine", "BA", "ActualVictimOfTrafficking",
     "ForcedMarriage", "FalsePromises", "ThroughFamilyOrFamilyEvents", "Closed",
     D(2024, 6, 30), "TRUE", None, None, None],
    ["Nedo", "Primjerić", D(1985, 12, 24), "Not Specified/Unknown", "AF",
     "NotAVictimOfTrafficking", "ForcedLabour", None, None, "Closed", D(2024, 7, 1), None, None,
     None, None],
    ["Ena", "Proba", D(2000, 4, 4), "Feminine", "Albania", "ActualVictimOfTrafficking",
     "ChildLabour; Servitude", "PsychologicalAbuse", "AtWork", "Active", D(2024, 9, 9), None,
     None, None, None],
    [None, None, None, "Masculine", "BA", "PossibleVictimOfTrafficking", "OrganRemoval", None,
     None, "Active", D(2024, 11, 11), None, None, None, None],
    ["Ana", "Primjer", D(1999, 9, 9), "Feminine", "", "PossibleVictimOfTrafficking", "Other",
     None, None, "Active", D(2025, 1, 20), None, None, None, None],
]  # fmt: skip
# Counted by hand from PARTNER_ROWS: Nedo is not a victim, Ana was identified in 2025.
EXPECTED_2024 = {
    "total": 6,
    "by_status": {"potential": 3, "identified": 3},  # Mara, Amra (closed), Ena
    "by_sex": {"female": 3, "male": 2, "other": 1, "unknown": 0},
    # Ivo and Ena adults; Mara and Amra minors; Lea and the unnamed man without a birth date.
    "by_age_group": {
        "adult": {"total": 2, "female": 1, "male": 1, "other": 0, "unknown": 0},
        "minor": {"total": 2, "female": 2, "male": 0, "other": 0, "unknown": 0},
        "unknown": {"total": 2, "female": 0, "male": 1, "other": 1, "unknown": 0},
    },
}


def partner_file(path, rows, columns=COLUMNS):
    """The published template, filled from row 3 by name (row 1), leaving the rest as it is."""
    workbook = load_workbook(htcds.TEMPLATE)
    sheet = workbook[htcds.TEMPLATE_SHEET]
    position = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for number, row in enumerate(rows, start=3):
        for name, value in zip(columns, row, strict=True):
            if value is not None:
                sheet.cell(row=number, column=position[name], value=value)
    workbook.save(path)
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_template_filled_by_a_partner_imports_with_the_figures_counted_by_hand(orgs, tmp_path):
    path = partner_file(tmp_path / "partner.xlsx", PARTNER_ROWS)
    out, err = run("import", "htcds", path, "--organisation", orgs.partner.name)
    assert "Imported 8 victim case(s)" in out, (out, err)
    stats = victim_statistics(period=YEAR_2024)
    for key, value in EXPECTED_2024.items():
        assert stats[key] == value, key
    assert stats["by_exploitation"] == {
        "sexual": 1, "labour": 3, "begging": 1, "criminality": 0, "marriage": 1,
        "domestic_servitude": 1, "organ_removal": 1, "other": 0, "not_recorded": 0,
    }  # fmt: skip
    assert stats["by_citizenship"] == {"BA": 3, "AL": 1, "RS": 1, "TR": 1, "unknown": 0}
    statuses = dict(VictimCase.objects.values_list("citizenship", "status").filter(sex="unknown"))
    assert statuses == {"AF": "not_victim"}
    amra = VictimCase.objects.get(citizenship="BA", status="closed")
    assert amra.confirmed_on == datetime.date(2024, 6, 30)
    # What NRM does not hold is reported, the approximations too.
    assert "column cas_CaseOwner: 2 value(s) not imported" in out
    assert "column vic_ForcedLabourIndustry: 1 value(s) not imported" in out
    assert "transgender values are recorded as “other”" in out
    assert "child labour is recorded as labour exploitation" in out
    # Consent, contacts and names: consent recorded, personal data encrypted at rest.
    assert Consent.objects.filter(kind="data_processing", given=True).count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, contact FROM cases_person")
        stored = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert "Mara" not in stored and "mara@example.org" not in stored
    assert any(p.contact == "Email: mara@example.org" for p in Person.objects.all())
    assert ExchangeRecord.objects.get().rows == 8


@pytest.mark.django_db
def test_broken_rows_are_refused_each_named_and_nothing_is_written(orgs, tmp_path):
    broken = [list(row) for row in PARTNER_ROWS]
    broken[1][3] = "Femme"  # row 4: gender
    broken[2][10] = "31/02/2024"  # row 5: date
    broken[3][4] = "Atlantis"  # row 6: citizenship
    broken[4][2] = D(2024, 8, 1)  # row 7: born after the referral date
    broken[5][6] = "Forced labour; Slavery"  # row 8: exploitation
    path = partner_file(tmp_path / "broken.xlsx", broken)
    with pytest.raises(CommandError, match=r"5 problem\(s\) in broken\.xlsx; nothing was imported"):
        run("import", "htcds", path, "--organisation", orgs.partner.name)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import", "htcds", str(path), "--organisation", orgs.partner.name,
            stdout=StringIO(), stderr=err,
        )  # fmt: skip
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 4, column prs_Gender: unknown value(s) 'Femme'; use: Feminine")
    assert lines[1].startswith("row 5, column cas_IncomingReferralDate: '31/02/2024' is not a date")
    assert lines[2].startswith("row 6, column prs_Citizenship: 'Atlantis'")
    assert lines[3] == (
        "row 7, column prs_Birthdate: the birth date is after the date of identification"
    )
    assert lines[4].startswith("row 8, column vic_TypeOfExploitation: unknown value(s) 'Slavery'")
    assert VictimCase.objects.count() == 0 and Person.objects.count() == 0
    assert ExchangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_without_an_organisation_the_file_is_refused_naming_the_column(orgs, tmp_path):
    path = partner_file(tmp_path / "partner.xlsx", PARTNER_ROWS[:1])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "htcds", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "row 1, column nrm_IdentifyingOrganisation: the file does not name the organisation that "
        "identified the victims: choose it for the whole file (--organisation at the command line)"
    ]


@pytest.mark.django_db
def test_dry_run_checks_and_writes_nothing(orgs, tmp_path):
    path = partner_file(tmp_path / "partner.xlsx", PARTNER_ROWS)
    out, _err = run("import", "htcds", path, "--organisation", orgs.partner.name, "--dry-run")
    assert "8 row(s) are valid; nothing was written (--dry-run)." in out
    assert VictimCase.objects.count() == 0 and ExchangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_possible_duplicates_are_warned_through_the_blind_index(orgs, tmp_path):
    case_create(
        actor=None,
        organisation=orgs.police,
        identified_on=datetime.date(2024, 1, 5),
        first_name="MARA",
        last_name="primjer",
        birth_date=datetime.date(2006, 3, 2),
    )
    rows = [*PARTNER_ROWS[:2], ["Primjer", "Mara", *PARTNER_ROWS[0][2:]]]
    path = partner_file(tmp_path / "partner.xlsx", rows)
    out, err = run("import", "htcds", path, "--organisation", orgs.partner.name)
    assert "Imported 3 victim case(s)" in out
    assert "warning: row 5: the same name and birth date as row 3" in err
    assert "warning: row 3: a person with the same name and birth date is already recorded" in err


@pytest.mark.django_db
def test_a_file_with_only_the_labels_row_and_dates_as_text_imports(orgs, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Cases"
    sheet.append(["Gender", "Citizenship", "Trafficking Status", "Type of Exploitation",
                  "Incoming Referral Date", "Favourite colour"])  # fmt: skip
    sheet.append(["Masculine", "HRV", "Actual victim of trafficking", "Forced labour", "02.03.2024",
                  "blue"])  # fmt: skip
    path = tmp_path / "labels.xlsx"
    workbook.save(path)
    out, err = run(
        "import", "htcds", path, "--organisation", orgs.partner.name, "--identified-on",
        "2024-01-01",
    )  # fmt: skip
    assert "Imported 1 victim case(s)" in out, (out, err)
    assert "column 'Favourite colour' is not part of HTCDS 2.0 and is ignored" in err
    case = VictimCase.objects.get()
    assert (case.identified_on, case.citizenship, case.status) == (
        datetime.date(2024, 3, 2),
        "HR",
        "identified",
    )


@pytest.mark.django_db
def test_a_file_that_is_not_a_template_is_refused(orgs, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "age"])
    path = tmp_path / "other.xlsx"
    workbook.save(path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "htcds", str(path), stdout=StringIO(), stderr=err)
    assert "row 1, column -: this is not an HTCDS 2.0 template" in err.getvalue()
