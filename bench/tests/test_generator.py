"""The benchmark's generator at a tiny scale: its rows are the ones the services would write,
and NRM's victims statistics equal a plain count of them."""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict

import pytest
from django.db import connection

from bench import generator
from bench.year_statistics import assemble, differences
from nrm.accounts.models import Organisation
from nrm.cases.models import (
    TRANSITIONS,
    CaseExploitation,
    Consent,
    IdentificationDecision,
    Person,
    Referral,
    ServiceDelivery,
    ShelterStay,
    VictimCase,
)
from nrm.cases.services import GENERATED_CODE, age_group_for, age_on, person_match_index
from nrm.cases.statistics import victim_statistics
from nrm.core.periods import Period

pytestmark = pytest.mark.django_db
CASES = 200


@pytest.fixture
def generated():
    return generator.generate(CASES, seed=7)


def test_year_counts_add_up_and_grow_towards_recent_years():
    counts = generator.year_counts(1_000_000)
    assert sum(counts.values()) == 1_000_000
    assert sorted(counts) == list(range(2015, 2025))
    assert counts[2024] > counts[2020] > counts[2015]
    assert sum(generator.year_counts(7).values()) == 7


def test_the_timeline_numbers_each_year_from_one_in_the_order_of_days():
    timeline = generator.Timeline.of(1_000)
    places = [timeline.place(k) for k in range(1_000)]
    by_year = defaultdict(list)
    for year, number, day in places:
        assert day.year == year
        by_year[year].append((number, day))
    for year, numbers in by_year.items():
        assert [n for n, _day in numbers] == list(range(1, len(numbers) + 1)), year
        days = [day for _n, day in numbers]
        assert days == sorted(days)


def test_every_table_gets_rows_and_the_report_counts_them(generated):
    assert VictimCase.objects.count() == Person.objects.count() == CASES
    assert generated.rows["cases_victimcase"] == CASES
    for model in (CaseExploitation, IdentificationDecision, Consent, Referral, ServiceDelivery):
        assert model.objects.exists(), model
    assert ShelterStay.objects.exists()
    assert generated.rows["cases_referral"] == Referral.objects.count()


def test_codes_are_the_ones_the_services_give(generated):
    cases = list(VictimCase.objects.all())
    numbers = defaultdict(list)
    for case in cases:
        match = GENERATED_CODE.match(case.code)
        assert match, case.code
        assert (case.code_year, case.code_number) == (int(match["year"]), int(match["number"]))
        numbers[case.code_year].append(case.code_number)
        if case.identified_on is not None:
            assert case.identified_on.year == case.code_year
    for year, found in numbers.items():
        assert sorted(n or 0 for n in found) == list(range(1, len(found) + 1)), year


def test_persons_are_encrypted_and_indexed_as_case_create_does(generated):
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, last_name FROM cases_person")
        stored = cursor.fetchall()
    assert all(first.startswith("gAAAA") and last.startswith("gAAAA") for first, last in stored)
    for person in Person.objects.all():
        assert person.first_name and person.last_name  # decrypted by the fields
        expected = person_match_index(person.first_name, person.last_name, person.birth_date)
        assert person.match_index == expected


def test_ages_and_age_groups_agree(generated):
    for case in VictimCase.objects.select_related("person"):
        assert case.age_group == age_group_for(case.age_at_identification)
        first = case.decisions.order_by("decided_on", "pk").first()
        assert first is not None
        reference = case.identified_on or first.decided_on
        if case.person.birth_date is not None:
            assert case.age_at_identification == age_on(case.person.birth_date, reference)
            assert not case.age_estimated
        else:
            assert case.age_estimated == (case.age_at_identification is not None)


def test_decisions_follow_the_workflow_to_the_case_status(generated):
    for case in VictimCase.objects.prefetch_related("decisions"):
        decisions = sorted(case.decisions.all(), key=lambda d: (d.decided_on, d.pk))
        assert decisions[0].from_status == ""
        for before, after in itertools.pairwise(decisions):
            assert after.from_status == before.to_status
            assert after.to_status in TRANSITIONS[before.to_status]
        assert decisions[-1].to_status == case.status
        assert (case.confirmed_on is not None) == any(
            d.to_status == "identified" for d in decisions
        )
        assert case.version == len(decisions)


def test_referrals_services_and_stays_hang_together(generated):
    organisation_ids = set(Organisation.objects.values_list("pk", flat=True))
    for referral in Referral.objects.select_related("consent"):
        assert referral.to_organisation_id in organisation_ids
        assert referral.from_organisation_id in organisation_ids
        assert referral.to_organisation_id != referral.from_organisation_id
        assert (referral.consent is None) == referral.consent_overridden
        if referral.consent is not None:
            assert referral.consent.given and referral.consent.case_id == referral.case_id
        answered = referral.status in ("accepted", "declined", "completed")
        assert (referral.responded_on is not None) == answered
        assert (referral.completed_on is not None) == (referral.status == "completed")
    for service in ServiceDelivery.objects.select_related("referral"):
        assert service.referral is not None
        assert service.referral.status in ("accepted", "completed")
        assert service.provider_id == service.referral.to_organisation_id
    stays = Counter(ShelterStay.objects.values_list("case_id", flat=True))
    assert max(stays.values()) == 1  # no overlapping stays of one person


def test_rows_pass_the_models_validation(generated):
    for model in (
        Person,
        VictimCase,
        CaseExploitation,
        IdentificationDecision,
        Consent,
        Referral,
        ServiceDelivery,
        ShelterStay,
    ):
        for row in model.objects.order_by("pk")[:40]:
            row.full_clean()


def test_the_case_worker_sees_cases_by_referral(generated):
    from nrm.cases.selectors import case_list

    worker = generator.bench_user("bench.caseworker")
    visible = case_list(actor=worker)
    assert visible.exists()
    assert not visible.filter(organisation=worker.organisation).exists()


def test_victims_statistics_equal_a_plain_count_of_the_rows(generated):
    year = Period.parse("2024")
    victims = [
        case
        for case in VictimCase.objects.values()
        if case["status"] in ("potential", "identified", "closed")
        and case["identified_on"] is not None
        and year.start <= case["identified_on"] <= year.end
    ]
    assert victims
    ids = {case["id"] for case in victims}
    forms = defaultdict(set)
    for case_id, form in CaseExploitation.objects.values_list("case_id", "form"):
        if case_id in ids:
            forms[form].add(case_id)
    with_form = set().union(*forms.values()) if forms else set()
    counted = {
        c["id"]
        for c in VictimCase.objects.values("id", "status")
        if c["status"] in ("potential", "identified", "closed")
    }
    housed = {
        stay.case_id
        for stay in ShelterStay.objects.all()
        if stay.case_id in counted
        and stay.start <= year.end
        and (stay.end is None or stay.end >= year.start)
    }
    cells = Counter((c["sex"], c["age_group"]) for c in victims)
    plain = assemble(
        [(sex, group, n) for (sex, group), n in cells.items()],
        sum(1 for c in victims if c["confirmed_on"] is None),
        sum(1 for c in victims if c["confirmed_on"] is not None),
        list(Counter(c["citizenship"] for c in victims).items()),
        [(form, len(cases)) for form, cases in forms.items()],
        len(ids - with_form),
        len(housed),
        "BA",
    )
    nrm = victim_statistics(period=year, actor=None)
    assert differences(nrm, plain) == []
    assert nrm["total"] == len(victims)


def test_differences_name_what_disagrees():
    base = assemble([("female", "adult", 2)], 1, 1, [("BA", 2)], [("labour", 2)], 0, 0, "BA")
    other = assemble([("female", "adult", 2)], 1, 1, [("BA", 2)], [("sexual", 2)], 0, 0, "BA")
    found = differences(base, other)
    assert len(found) == 1 and found[0].startswith("by_exploitation")
    assert differences(base, base) == []


def test_the_same_seed_gives_the_same_rows():
    cast = generator.ensure_cast()
    rows = []
    for _ in range(2):
        tables = generator.Tables()
        writer = generator.CaseWriter(tables, cast, lambda text: f"enc:{text}")
        rng = random.Random("7:0")
        timeline = generator.Timeline.of(50)
        for k in range(50):
            writer.write(rng, *timeline.place(k))
        rows.append([t.rows for t in tables.all])
    assert rows[0] == rows[1]


def test_the_marker_tells_a_dataset_that_can_be_reused(generated):
    generator.write_marker(generated)
    found = generator.marker()
    assert generator.matches(found, CASES, 7)
    assert not generator.matches(found, CASES, 8)
    assert not generator.matches(found, CASES + 1, 7)
