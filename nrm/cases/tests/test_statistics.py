"""The `victims` and `referrals` families and the data-quality checks (docs/methodology.md)."""

import datetime

import pytest

from nrm.cases.quality import case_quality_checks
from nrm.cases.services import (
    case_decide,
    referral_accept,
    referral_create,
    referral_decline,
    service_record,
    stay_record,
)
from nrm.cases.statistics import referral_statistics, victim_statistics
from nrm.core.errors import PermissionDenied
from nrm.core.periods import Period
from nrm.core.registry import quality_checks, statistic_families

D = datetime.date
YEAR = Period(D(2024, 1, 1), D(2024, 12, 31))


@pytest.mark.django_db
def test_every_key_is_there_when_nothing_is_recorded():
    stats = victim_statistics(period=YEAR)
    assert stats["total"] == 0 and stats["by_citizenship"] == {"unknown": 0}
    assert set(stats) == {
        "total",
        "by_status",
        "by_sex",
        "by_age_group",
        "by_exploitation",
        "by_citizenship",
        "nationals",
        "foreigners",
        "citizenship_unknown",
        "in_shelter",
    }
    assert set(stats["by_exploitation"]) == {
        "sexual",
        "labour",
        "begging",
        "criminality",
        "marriage",
        "domestic_servitude",
        "organ_removal",
        "other",
        "not_recorded",
    }
    assert all(
        set(g) == {"total", "female", "male", "other", "unknown"}
        for g in stats["by_age_group"].values()
    )
    referrals = referral_statistics(period=YEAR)
    assert referrals["total"] == 0 and referrals["services"]["total"] == 0
    assert set(referrals["by_status"]) == {
        "pending",
        "accepted",
        "declined",
        "completed",
        "withdrawn",
    }


@pytest.mark.django_db
def test_the_families_are_registered():
    families = statistic_families()
    assert families["victims"] is victim_statistics
    assert families["referrals"] is referral_statistics
    assert case_quality_checks in quality_checks()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["case_worker", "field_identifier", "partner", "norole"])
def test_statistics_are_for_coordinators(personas, persona):
    with pytest.raises(PermissionDenied):
        victim_statistics(period=YEAR, actor=getattr(personas, persona))
    with pytest.raises(PermissionDenied):
        referral_statistics(period=YEAR, actor=getattr(personas, persona))
    assert victim_statistics(period=YEAR, actor=personas.coordinator)["total"] == 0


@pytest.mark.django_db
def test_who_counts_in_a_period(personas, orgs, new_case):
    fi = personas.field_identifier
    new_case(fi, identified_on=D(2024, 1, 1), citizenship="BA")  # first day: counts
    new_case(fi, identified_on=D(2024, 12, 31), citizenship="BA")  # last day: counts
    new_case(fi, identified_on=D(2023, 12, 31))  # the day before: does not
    new_case(fi, status="reported", identified_on=None, reported_on=D(2024, 5, 1))  # not yet
    dismissed = new_case(fi, identified_on=D(2024, 6, 1))
    case_decide(
        actor=fi,
        case=dismissed,
        to_status="not_victim",
        decided_on=D(2024, 6, 5),
        reason="an ordinary labour dispute",
    )
    closed = new_case(fi, identified_on=D(2024, 7, 1), status="identified")
    case_decide(
        actor=fi,
        case=closed,
        to_status="closed",
        decided_on=D(2024, 9, 1),
        reason="returned home",
        closure_reason="returned",
    )
    stats = victim_statistics(period=YEAR)
    assert stats["total"] == 3
    assert stats["by_status"] == {"potential": 2, "identified": 1}
    assert stats["citizenship_unknown"] == 1 and stats["nationals"] == 2


@pytest.mark.django_db
def test_filters_by_organisation_and_jurisdiction(personas, orgs, new_case):
    new_case(personas.field_identifier)  # the police (state level)
    new_case(personas.case_worker)  # the safe house (Federation)
    assert victim_statistics(period=YEAR, organisation=orgs.police.pk)["total"] == 1
    assert victim_statistics(period=YEAR, jurisdiction="fbih")["total"] == 1
    assert victim_statistics(period=YEAR, jurisdiction="rs")["total"] == 0


@pytest.mark.django_db
def test_referrals_services_and_stays_of_a_period(personas, orgs, new_case):
    fi, worker, lawyer = personas.field_identifier, personas.case_worker, personas.legal_aid_worker
    case = new_case(fi, identified_on=D(2024, 3, 1), consent_referral=True)
    shelter = referral_create(
        actor=fi,
        case=case,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2024, 3, 2),
    )
    legal = referral_create(
        actor=fi,
        case=case,
        to_organisation=orgs.legal_aid,
        service_type="legal_aid",
        referred_on=D(2024, 3, 2),
    )
    other = new_case(fi, identified_on=D(2023, 11, 1), consent_referral=True)
    declined = referral_create(
        actor=fi,
        case=other,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2023, 11, 2),
    )
    referral_decline(actor=worker, referral=declined, reason="full")
    again = referral_create(
        actor=fi,
        case=other,
        to_organisation=orgs.safe_house,
        service_type="shelter",
        referred_on=D(2023, 11, 3),
    )
    referral_accept(actor=worker, referral=again, on=D(2023, 11, 3))
    stay_record(actor=worker, case=other, start=D(2023, 11, 3), end=D(2024, 1, 10))
    referral_accept(actor=worker, referral=shelter, on=D(2024, 3, 2))
    referral_accept(actor=lawyer, referral=legal, on=D(2024, 3, 3))
    stay_record(actor=worker, case=case, start=D(2024, 3, 2))
    for day, count in ((D(2024, 3, 10), 30), (D(2024, 8, 1), 40), (D(2024, 12, 31), 4)):
        service_record(
            actor=lawyer, case=case, service_type="legal_aid", delivered_on=day, count=count
        )
    service_record(
        actor=lawyer, case=case, service_type="legal_aid", delivered_on=D(2025, 1, 1), count=9
    )  # outside the period
    service_record(
        actor=worker, case=case, service_type="medical_care", delivered_on=D(2024, 3, 3), count=2
    )
    stats = referral_statistics(period=YEAR)
    assert stats["total"] == 2  # those of 2023 belong to 2023
    assert stats["by_service_type"]["shelter"] == 1 and stats["by_service_type"]["legal_aid"] == 1
    assert stats["by_status"]["accepted"] == 2 and stats["by_status"]["declined"] == 0
    assert stats["services"]["total"] == 76 and stats["services"]["persons"] == 1
    assert stats["services"]["by_service_type"]["legal_aid"] == 74
    assert stats["services"]["by_provider"]["Test Legal Aid"] == {
        "total": 74,
        "by_service_type": {
            "shelter": 0,
            "legal_aid": 74,
            "psychological_support": 0,
            "medical_care": 0,
            "social_protection": 0,
            "reintegration": 0,
            "return": 0,
        },
    }
    assert stats["shelter_stays"] == {
        "total": 2,
        "persons": 2,
        "started": 1,
        "ended": 1,
        # 1-10 January of the stay begun in 2023, and 2 March to 31 December (still going on)
        "days": 10 + 305,
        "by_safe_house": {"Test Safe House": 2},
    }
    assert stats["response_by_service_type"]["legal_aid"] == {
        "referred": 1,
        "answered": 1,
        "answered_in_time": 1,
    }
    half = referral_statistics(period=Period(D(2024, 7, 1), D(2024, 12, 31)))
    assert half["services"]["by_provider"]["Test Legal Aid"]["total"] == 44
    assert (
        referral_statistics(period=Period(D(2023, 1, 1), D(2023, 12, 31)))["by_status"]["declined"]
        == 1
    )


@pytest.mark.django_db
def test_quality_findings_name_the_case_and_link_to_it(personas, new_case):
    fi = personas.field_identifier
    complete = new_case(fi, exploitation=["labour"], citizenship="BA", age=30)
    gaps = new_case(fi, exploitation=[], sex="unknown")
    findings = case_quality_checks(period=YEAR)
    mine = [f for f in findings if f.record == f"case:{gaps.code}"]
    assert {f.kind for f in mine} == {"not_recorded"}
    messages = " ".join(f.message for f in mine)
    for what in ("form of exploitation", "sex", "age", "citizenship"):
        assert what in messages
    assert all(f.url == f"/cases/{gaps.code}/" for f in mine)
    assert not [f for f in findings if f.record == f"case:{complete.code}"]
    exploitation = [f for f in mine if "exploitation" in f.message]
    assert exploitation[0].as_dict()["kind"] == "not_recorded"


@pytest.mark.django_db
def test_possible_duplicates_and_uncounted_stays_are_findings(personas, orgs, new_case):
    person = {"first_name": "Ana", "last_name": "Dvaput", "birth_date": D(2000, 1, 1)}
    first = new_case(personas.field_identifier, identified_on=D(2023, 5, 1), **person)
    second = new_case(personas.case_worker, identified_on=D(2024, 5, 1), **person)
    findings = case_quality_checks(period=YEAR)
    duplicates = [f for f in findings if f.kind == "possible_duplicate"]
    assert [f.record for f in duplicates] == [f"case:{second.code}"]  # the one counted in 2024
    assert first.code in duplicates[0].message
    reported = new_case(
        personas.case_worker, status="reported", identified_on=None, reported_on=D(2024, 2, 1)
    )
    stay_record(actor=personas.case_worker, case=reported, start=D(2024, 2, 1))
    uncounted = [f for f in case_quality_checks(period=YEAR) if f.kind == "not_counted"]
    assert [f.record for f in uncounted] == [f"case:{reported.code}"]
    assert victim_statistics(period=YEAR)["in_shelter"] == 0
