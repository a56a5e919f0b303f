"""The anonymised release of a large synthetic register is k-anonymous, by an independent count."""

import csv
import datetime
import io
import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nrm.cases.models import CaseExploitation, Person, VictimCase
from nrm.core.periods import Period
from nrm.exchange import anonymised
from nrm.exchange.anonymised import QUASI_IDENTIFIERS, rounded

# Documented in docs/exchange.md, written out here so that a change to the module cannot
# quietly loosen what is checked.
DOCUMENTED_QUASI_IDENTIFIERS = [
    "yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship",
    "CountryOfExploitation", "isForcedLabour", "isSexualExploit", "isOtherExploit",
    "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval",
    "typeOfExploitConcatenated", "typeOfLabourAgriculture", "typeOfLabourAquafarming",
    "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
    "typeOfLabourHospitality", "typeOfLabourIllicitActivities", "typeOfLabourManufacturing",
    "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling", "typeOfLabourTransportation",
    "typeOfLabourOther", "typeOfLabourNotSpecified", "typeOfLabourConcatenated",
    "typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices", "typeOfSexConcatenated",
]  # fmt: skip

SIZE = 4000
CITIZENSHIPS = ["BA"] * 60 + ["RS"] * 8 + ["HR"] * 6 + ["AL", "ME", "MK", "TR"] * 3 + [
    "AF", "PK", "SY", "MA", "DZ", "BD", "NP", "CN", "UA", "NG", "CU", "",
]  # fmt: skip
FORMS = [["sexual"]] * 10 + [["labour"]] * 8 + [["begging"]] * 5 + [
    ["criminality"], ["domestic_servitude"], ["marriage"], ["organ_removal"], ["other"],
    ["sexual", "labour"], ["begging", "criminality"], [],
]  # fmt: skip
MEANS = ["debt_bondage", "physical_abuse", "threatens_family", "withholds_documents", "other"]


def synthetic_register(organisation, size=SIZE, seed=2024):
    """Thousands of fictional cases written in bulk (no services: speed, not realism)."""
    rng = random.Random(seed)
    persons = Person.objects.bulk_create([Person() for _ in range(size)])
    cases = []
    for number, person in enumerate(persons, start=1):
        age = rng.choice([None, *range(3, 70)])
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(366))
        cases.append(
            VictimCase(
                code=f"S-{number:05d}",
                person=person,
                status=rng.choice(["potential", "identified", "closed"]),
                identified_on=day,
                organisation=organisation,
                sex=rng.choice(["female"] * 6 + ["male"] * 4 + ["other", "unknown"]),
                age_at_identification=age,
                age_group="unknown" if age is None else ("minor" if age < 18 else "adult"),
                citizenship=rng.choice(CITIZENSHIPS),
                means_of_control=sorted(rng.sample(MEANS, rng.randrange(3))),
                recruitment=rng.sample(["family", "friends", "intimate_partner", "at_work"], 1),
            )
        )
    cases = VictimCase.objects.bulk_create(cases)
    CaseExploitation.objects.bulk_create(
        CaseExploitation(case=case, form=form) for case in cases for form in rng.choice(FORMS)
    )
    return cases


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.django_db
def test_the_release_of_a_large_register_is_11_anonymous(orgs, tmp_path):
    synthetic_register(orgs.police)
    out = tmp_path / "release.csv"
    report = StringIO()
    call_command(
        "export", "anonymised", "--period", "2024", "--k", "11", "--out", str(out), stdout=report
    )
    rows = read_csv(out)
    assert list(rows[0]) == list(anonymised.COLUMNS) and len(anonymised.COLUMNS) == 62
    # The independent check: group the rows by the documented quasi-identifiers.
    assert list(QUASI_IDENTIFIERS) == DOCUMENTED_QUASI_IDENTIFIERS
    groups = Counter(tuple(row[c] for c in DOCUMENTED_QUASI_IDENTIFIERS) for row in rows)
    assert min(groups.values()) >= 11
    # Most of the register is released; what was not is reported.
    text = report.getvalue()
    suppressed = SIZE - len(rows)
    assert len(rows) > SIZE * 0.8
    assert f"{len(rows)} of {SIZE} victim(s) released" in text
    assert f"{suppressed} suppressed" in text
    assert "generalised:" in text
    # Rare citizenships were generalised, common ones kept.
    citizenships = Counter(row["citizenship"] for row in rows)
    assert citizenships["BA"] > 2000
    assert "CU" not in citizenships and "Caribbean" not in citizenships  # 1 in 100 -> region
    assert all(len(c) == 2 or c[0].isupper() for c in citizenships)
    # The verifier agrees.
    verdict = StringIO()
    call_command("verify", "anonymised", str(out), "--k", "11", stdout=verdict)
    assert "OK: every group has at least 11 rows." in verdict.getvalue()


@pytest.mark.django_db
def test_the_counts_table_rounds_down_to_k_and_hides_small_counts(orgs, tmp_path):
    synthetic_register(orgs.police, size=1500, seed=7)
    out = tmp_path / "release.csv"
    call_command(
        "export", "anonymised", "--period", "2024", "--k", "11", "--out", str(out),
        stdout=StringIO(),
    )  # fmt: skip
    counts = read_csv(tmp_path / "release-counts.csv")
    assert counts and set(counts[0]) == {*anonymised.COUNTS_DIMENSIONS, "count"}
    values = [row["count"] for row in counts]
    assert "<11" in values
    assert all(v == "<11" or (int(v) % 11 == 0 and int(v) >= 11) for v in values)
    assert rounded(10, 11) == "<11" and rounded(11, 11) == "11" and rounded(32, 11) == "22"


def test_the_verifier_fails_on_a_group_below_k(tmp_path):
    row = dict.fromkeys(anonymised.COLUMNS, "-99")
    row.update(yearOfRegistration="2024", gender="Female", citizenship="BA")
    rare = {**row, "citizenship": "AF"}
    path = tmp_path / "release.csv"
    path.write_bytes(anonymised.to_csv([row] * 11 + [rare] * 2, anonymised.COLUMNS))
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 group\(s\) have fewer than 11 rows"):
        call_command("verify", "anonymised", str(path), "--k", "11", stdout=StringIO(), stderr=err)
    assert "2 row(s): yearOfRegistration=2024, gender=Female" in err.getvalue()
    assert "citizenship=AF" in err.getvalue()
    call_command("verify", "anonymised", str(path), "--k", "2", stdout=StringIO())


def test_a_release_maps_nrm_values_to_ctdc_columns():
    record = {
        "identified_on": datetime.date(2024, 5, 1),
        "sex": "female",
        "age": 17,
        "age_group": "minor",
        "citizenship": "BA",
        "exploitation": ["begging", "sexual"],
        "means_of_control": ["threatens_family", "debt_bondage"],
        "recruitment": ["intimate_partner"],
    }
    row = anonymised.ctdc_row(record, "BA")
    assert row["yearOfRegistration"] == "2024" and row["ageBroad"] == "9--17"
    assert row["majorityStatus"] == "Minor" and row["gender"] == "Female"
    assert (row["isForcedLabour"], row["isSexualExploit"], row["isSexAndLabour"]) == ("1", "1", "1")
    assert row["typeOfLabourBegging"] == "1" and row["typeOfLabourConstruction"] == "0"
    assert row["typeOfExploitConcatenated"] == "Forced labour and/or services;Sexual exploitation"
    assert row["meansOfControlThreats"] == "1" and row["meansOfControlDebtBondage"] == "1"
    assert row["meansOfControlConcatenated"] == "Debt bondage;Threats to individual or others"
    assert row["recruiterRelationIntimatePartner"] == "1"
    assert row["typeOfSexConcatenated"] == "-99"  # NRM does not record it
    nothing = anonymised.ctdc_row(
        {**record, "age": None, "age_group": "unknown", "exploitation": [], "citizenship": ""},
        "BA",
    )
    assert nothing["ageBroad"] == "-99" and nothing["citizenship"] == "00"
    assert nothing["isForcedLabour"] == "-99"


def test_a_period_with_too_few_victims_releases_nothing_and_says_so():
    record = {
        "identified_on": datetime.date(2024, 5, 1),
        "sex": "female",
        "age": 30,
        "age_group": "adult",
        "citizenship": "BA",
        "exploitation": ["sexual"],
        "means_of_control": [],
        "recruitment": [],
    }
    release = anonymised.build_release([record] * 5, Period.parse("2024"), 11)
    assert release.csv.decode().strip() == ",".join(anonymised.COLUMNS)
    lines = release.report_lines()
    assert lines[0].startswith("0 of 5 victim(s) released") and "5 suppressed" in lines[0]
    assert "Nothing can be released with k = 11" in lines[-1]
    assert release.counts_csv.decode().splitlines()[1].endswith(",<11")
