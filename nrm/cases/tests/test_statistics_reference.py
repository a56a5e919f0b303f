"""The `victims`, `referrals` and `trends` figures against a plain recomputation in Python of
the counting rules (docs/methodology.md), on random mixed records: every status, cases with
no form, several forms, unknown or unlisted sex and age, no citizenship, cases outside the
period, stays without a safe house or an end, referrals answered late in the evening, and
the organisation and jurisdiction filters. The families compute their figures from grouped
counts and a stored copy of each case's forms; here each figure is counted case by case from
the forms' own rows."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nrm.cases.models import (
    VICTIM_STATUSES,
    CaseExploitation,
    CaseStatus,
    Consent,
    Person,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    ServiceType,
    ShelterStay,
    VictimCase,
    exploitation_forms_value,
)
from nrm.cases.rules import referral_answered_in_time
from nrm.cases.statistics import (
    TREND_FORMS,
    answered_in_time,
    referral_statistics,
    victim_figures_by_period,
    victim_statistics,
    victim_trend_figures,
)
from nrm.core.periods import Period
from nrm.core.vocabularies import NOT_RECORDED, UNKNOWN_COUNTRY, AgeGroup, ExploitationForm, Sex

D = datetime.date
UTC = datetime.UTC
PERIODS = [Period.parse("2024"), Period.parse("2024-H1"), Period(D(2024, 3, 15), D(2024, 9, 10))]
FILTERS: list[dict[str, Any]] = [
    {},
    {"organisation": "police"},
    {"jurisdiction": "fbih"},  # the safe house's
    {"jurisdiction": "rs"},  # nobody's
]
DAYS = st.dates(D(2023, 10, 1), D(2025, 2, 28))
HYPOTHESIS = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Stay:
    start: datetime.date
    end: datetime.date | None
    in_safe_house: bool  # else no safe house recorded (an imported stay)


@dataclass(frozen=True)
class Case:
    status: str
    identified_on: datetime.date | None
    confirmed: bool
    sex: str
    age_group: str
    citizenship: str
    forms: frozenset[str]
    by_police: bool  # identified by the police (state level), else by the safe house (FBiH)
    stays: tuple[Stay, ...]


stays = st.builds(
    lambda start, length, house: Stay(
        start, None if length is None else start + datetime.timedelta(days=length), house
    ),
    DAYS,
    st.none() | st.integers(0, 300),
    st.booleans(),
)
cases = st.builds(
    Case,
    status=st.sampled_from(CaseStatus.values),
    identified_on=st.none() | DAYS,
    confirmed=st.booleans(),
    # Values outside the vocabularies count in the total only (none can be recorded today).
    sex=st.sampled_from([*Sex.values, Sex.FEMALE, Sex.MALE, "other?"]),
    age_group=st.sampled_from([*AgeGroup.values, AgeGroup.ADULT, "elder"]),
    citizenship=st.sampled_from(["BA", "BA", "RS", "HR", "TR", ""]),
    forms=st.frozensets(st.sampled_from(ExploitationForm.values), max_size=3),
    by_police=st.booleans(),
    stays=st.lists(stays, max_size=2).map(tuple),
)


def _in_filter(case: Case, filters: dict[str, Any]) -> bool:
    if filters.get("organisation") == "police" and not case.by_police:
        return False
    if filters.get("jurisdiction") == "fbih" and case.by_police:
        return False
    return filters.get("jurisdiction") != "rs"


def _counted(case: Case, period: Period, filters: dict[str, Any]) -> bool:
    return (
        case.status in VICTIM_STATUSES
        and case.identified_on is not None
        and period.start <= case.identified_on <= period.end
        and _in_filter(case, filters)
    )


def _overlaps(stay: Stay, period: Period) -> bool:
    return stay.start <= period.end and (stay.end is None or stay.end >= period.start)


def expected_victims(
    records: list[Case], forms: dict[int, set[str]], period: Period, filters: dict[str, Any]
) -> dict[str, Any]:
    """The `victims` family counted case by case; `forms` are the CaseExploitation rows."""
    rows = [(i, c) for i, c in enumerate(records) if _counted(c, period, filters)]
    home = django_settings.NRM_HOME_COUNTRY.upper()
    by_age_group = {}
    for group in AgeGroup.values:
        by_sex = {s: sum(c.age_group == group and c.sex == s for _, c in rows) for s in Sex.values}
        by_age_group[group] = {"total": sum(by_sex.values()), **by_sex}
    citizenships = Counter(c.citizenship or UNKNOWN_COUNTRY for _, c in rows)
    citizenships.setdefault(UNKNOWN_COUNTRY, 0)
    nationals = sum(c.citizenship == home for _, c in rows)
    unknown = sum(c.citizenship == "" for _, c in rows)
    return {
        "total": len(rows),
        "by_status": {
            "potential": sum(not _confirmed(c) for _, c in rows),
            "identified": sum(_confirmed(c) for _, c in rows),
        },
        "by_sex": {s: sum(c.sex == s for _, c in rows) for s in Sex.values},
        "by_age_group": by_age_group,
        "by_exploitation": {
            **{f: sum(f in forms[i] for i, _ in rows) for f in ExploitationForm.values},
            NOT_RECORDED: sum(not forms[i] for i, _ in rows),
        },
        "by_citizenship": dict(sorted(citizenships.items(), key=lambda kv: (-kv[1], kv[0]))),
        "nationals": nationals,
        "foreigners": len(rows) - nationals - unknown,
        "citizenship_unknown": unknown,
        "in_shelter": sum(
            c.status in VICTIM_STATUSES
            and _in_filter(c, filters)
            and any(_overlaps(s, period) for s in c.stays)
            for c in records
        ),
    }


def _confirmed(case: Case) -> bool:
    return case.confirmed and case.identified_on is not None


def _confirmed_on(case: Case) -> datetime.date | None:
    if case.identified_on is None or not case.confirmed:
        return None
    return case.identified_on + datetime.timedelta(days=9)


def _store(records: list[Case], orgs: Any) -> list[VictimCase]:
    people = Person.objects.bulk_create(Person() for _ in records)
    stored = VictimCase.objects.bulk_create(
        VictimCase(
            code=f"R-{n}",
            person=person,
            status=c.status,
            identified_on=c.identified_on,
            confirmed_on=_confirmed_on(c),
            organisation=orgs.police if c.by_police else orgs.safe_house,
            sex=c.sex,
            age_group=c.age_group,
            citizenship=c.citizenship,
            exploitation_forms=exploitation_forms_value(c.forms),
        )
        for n, (person, c) in enumerate(zip(people, records, strict=True))
    )
    CaseExploitation.objects.bulk_create(
        CaseExploitation(case=case, form=form)
        for case, c in zip(stored, records, strict=True)
        for form in c.forms
    )
    ShelterStay.objects.bulk_create(
        ShelterStay(
            case=case,
            start=s.start,
            end=s.end,
            safe_house=orgs.safe_house if s.in_safe_house else None,
        )
        for case, c in zip(stored, records, strict=True)
        for s in c.stays
    )
    return stored


def _forms_rows(stored: list[VictimCase]) -> dict[int, set[str]]:
    index = {case.pk: i for i, case in enumerate(stored)}
    forms: dict[int, set[str]] = {i: set() for i in range(len(stored))}
    for case_id, form in CaseExploitation.objects.values_list("case_id", "form"):
        if case_id in index:
            forms[index[case_id]].add(form)
    return forms


def _filters(filters: dict[str, Any], orgs: Any) -> dict[str, Any]:
    return {k: orgs.police.pk if v == "police" else v for k, v in filters.items()}


def _rolled_back(test: Callable[[], None]) -> None:
    with transaction.atomic():
        test()
        transaction.set_rollback(True)


@pytest.mark.django_db
@HYPOTHESIS
@given(records=st.lists(cases, max_size=30))
def test_victims_are_counted_as_the_rules_say(orgs, records):
    def check() -> None:
        stored = _store(records, orgs)
        forms = _forms_rows(stored)
        for period, filters in itertools.product(PERIODS, FILTERS):
            got = victim_statistics(period=period, **_filters(filters, orgs))
            expected = expected_victims(records, forms, period, filters)
            assert got == expected, (period, filters)
            # In the same order, largest first: the tables and charts list them so.
            assert list(got["by_citizenship"].items()) == list(expected["by_citizenship"].items())

    _rolled_back(check)


@pytest.mark.django_db
@HYPOTHESIS
@given(records=st.lists(cases, max_size=30))
def test_several_periods_and_the_trends_count_as_each_period_alone(orgs, records):
    years = [
        Period(D(2023, 1, 1), D(2023, 12, 31)),
        Period(D(2024, 1, 1), D(2024, 12, 31)),
        Period(D(2025, 1, 1), D(2025, 2, 14)),  # the last year: to the period's end
    ]

    def check() -> None:
        stored = _store(records, orgs)
        forms = _forms_rows(stored)
        for filters in FILTERS:
            given = _filters(filters, orgs)
            expected = [expected_victims(records, forms, year, filters) for year in years]
            together = victim_figures_by_period(years, **given)
            assert together == [{k: v for k, v in e.items() if k != "in_shelter"} for e in expected]
            trends = victim_trend_figures(list(reversed(years)), **given)[::-1]
            for figures, e in zip(trends, expected, strict=True):
                assert figures == {
                    "total": e["total"],
                    "female": e["by_sex"]["female"],
                    "male": e["by_sex"]["male"],
                    "minors": e["by_age_group"]["minor"]["total"],
                    "foreigners": e["foreigners"],
                    **{form: e["by_exploitation"][form] for form in TREND_FORMS},
                }

    _rolled_back(check)


def test_overlapping_periods_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        victim_figures_by_period([Period.parse("2024"), Period.parse("2024-H2")])


def test_no_form_code_is_part_of_another():
    """The trends find a form in a case's stored forms as a substring."""
    for one, other in itertools.permutations(ExploitationForm.values, 2):
        assert one not in other and "," not in one


# Referrals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    case: int
    service_type: str
    status: str
    referred_on: datetime.date
    created_at: datetime.datetime
    urgent: bool
    with_consent: bool
    answer_days: int | None  # days from creation to the answer


@dataclass(frozen=True)
class Delivered:
    case: int
    service_type: str
    by_legal_aid: bool
    delivered_on: datetime.date
    count: int


MOMENTS = st.datetimes(
    datetime.datetime(2023, 12, 20), datetime.datetime(2025, 1, 10), timezones=st.just(UTC)
)


def st_late(moment: datetime.datetime) -> int:
    """An hour late in the UTC evening: 22 or 23, the minute deciding which."""
    return 22 + moment.minute % 2


referrals = st.builds(
    Sent,
    case=st.integers(0, 9),
    service_type=st.sampled_from(ServiceType.values),
    status=st.sampled_from(ReferralStatus.values),
    referred_on=DAYS,
    # Late in the evening UTC is already the next day in Sarajevo.
    created_at=MOMENTS | MOMENTS.map(lambda m: m.replace(hour=st_late(m))),
    urgent=st.booleans(),
    with_consent=st.booleans(),
    answer_days=st.none() | st.integers(-1, 12),
)
deliveries = st.builds(
    Delivered,
    case=st.integers(0, 9),
    service_type=st.sampled_from(ServiceType.values),
    by_legal_aid=st.booleans(),
    delivered_on=DAYS,
    count=st.integers(1, 40),
)


def expected_referrals(
    records: list[Case],
    sent: list[Sent],
    stored_referrals: list[Referral],
    delivered: list[Delivered],
    period: Period,
    filters: dict[str, Any],
    names: dict[str, str],
) -> dict[str, Any]:
    """The `referrals` family counted one record at a time; the answers judged by the rule."""
    made = [
        (r, s)
        for r, s in zip(stored_referrals, sent, strict=True)
        if period.contains(s.referred_on) and _in_filter(records[s.case], filters)
    ]
    response = {}
    for t in ServiceType.values:
        of_type = [r for r, s in made if s.service_type == t]
        response[t] = {
            "referred": len(of_type),
            "answered": sum(r.responded_on is not None for r in of_type),
            "answered_in_time": sum(bool(referral_answered_in_time(r)) for r in of_type),
        }
    services = [
        d
        for d in delivered
        if period.contains(d.delivered_on) and _in_filter(records[d.case], filters)
    ]
    by_provider: dict[str, Any] = {}
    for d in sorted(services, key=lambda d: (names[_provider(d)], d.service_type)):
        entry = by_provider.setdefault(
            names[_provider(d)],
            {"total": 0, "by_service_type": dict.fromkeys(ServiceType.values, 0)},
        )
        entry["total"] += d.count
        entry["by_service_type"][d.service_type] += d.count
    housed = [
        (i, s)
        for i, c in enumerate(records)
        if _in_filter(c, filters)
        for s in c.stays
        if _overlaps(s, period)
    ]
    last_known = min(period.end, timezone.localdate())
    houses = sorted(
        {names["safe_house"] if s.in_safe_house else None for _, s in housed},
        key=lambda name: (name is not None, name or ""),
    )
    return {
        "total": len(made),
        "by_service_type": {
            t: sum(s.service_type == t for _, s in made) for t in ServiceType.values
        },
        "by_status": {st_: sum(s.status == st_ for _, s in made) for st_ in ReferralStatus.values},
        "without_consent": sum(not s.with_consent for _, s in made),
        "response_by_service_type": response,
        "services": {
            "total": sum(d.count for d in services),
            "persons": len({d.case for d in services}),
            "by_service_type": {
                t: sum(d.count for d in services if d.service_type == t) for t in ServiceType.values
            },
            "by_provider": by_provider,
        },
        "shelter_stays": {
            "total": len(housed),
            "persons": len({i for i, _ in housed}),
            "started": sum(s.start >= period.start for _, s in housed),
            "ended": sum(s.end is not None and s.end <= period.end for _, s in housed),
            "days": sum(
                (min(s.end or last_known, period.end) - max(s.start, period.start)).days + 1
                for _, s in housed
                if s.start <= last_known
            ),
            "by_safe_house": {
                house: len(
                    {
                        i
                        for i, s in housed
                        if (names["safe_house"] if s.in_safe_house else None) == house
                    }
                )
                for house in houses
            },
        },
    }


SERVICES = ServiceType.values


def _provider(delivered: Delivered) -> str:
    return "legal_aid" if delivered.by_legal_aid else "safe_house"


def _store_referrals(
    stored: list[VictimCase], sent: list[Sent], delivered: list[Delivered], orgs: Any
) -> list[Referral]:
    consents = {
        case.pk: Consent.objects.create(
            case=case, kind="referral", given=True, given_by="person", recorded_on=D(2023, 1, 1)
        )
        for case in stored
    }
    made = Referral.objects.bulk_create(
        Referral(
            case=stored[s.case],
            from_organisation=orgs.police,
            to_organisation=orgs.safe_house,
            service_type=s.service_type,
            status=s.status,
            referred_on=s.referred_on,
            urgent=s.urgent,
            consent=consents[stored[s.case].pk] if s.with_consent else None,
            consent_overridden=not s.with_consent,
            responded_on=None
            if s.answer_days is None
            else s.created_at.date() + datetime.timedelta(days=s.answer_days),
        )
        for s in sent
    )
    for referral, s in zip(made, sent, strict=True):
        referral.created_at = s.created_at  # recorded when it was sent, not now
    Referral.objects.bulk_update(made, ["created_at"])
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(
            case=stored[d.case],
            service_type=d.service_type,
            provider=orgs.legal_aid if d.by_legal_aid else orgs.safe_house,
            delivered_on=d.delivered_on,
            count=d.count,
        )
        for d in delivered
    )
    return list(Referral.objects.filter(pk__in=[r.pk for r in made]).order_by("pk"))


@pytest.mark.django_db
@HYPOTHESIS
@given(
    records=st.lists(cases, min_size=10, max_size=10),
    sent=st.lists(referrals, max_size=25),
    delivered=st.lists(deliveries, max_size=15),
)
def test_referrals_services_and_stays_are_counted_as_the_rules_say(orgs, records, sent, delivered):
    names = {"safe_house": orgs.safe_house.name, "legal_aid": orgs.legal_aid.name}

    def check() -> None:
        stored = _store(records, orgs)
        made = _store_referrals(stored, sent, delivered, orgs)
        for period, filters in itertools.product(PERIODS, FILTERS):
            got = referral_statistics(period=period, **_filters(filters, orgs))
            expected = expected_referrals(records, sent, made, delivered, period, filters, names)
            assert got == expected, (period, filters)
            assert list(got["services"]["by_provider"]) == list(expected["services"]["by_provider"])

    _rolled_back(check)


ANSWERS = st.lists(
    st.builds(
        lambda service, created_at, urgent, days: (
            service,
            created_at,
            urgent,
            None if days is None else created_at.date() + datetime.timedelta(days=days),
        ),
        st.sampled_from(ServiceType.values),
        MOMENTS | MOMENTS.map(lambda m: m.replace(hour=st_late(m))),
        st.booleans(),
        st.none() | st.integers(-1, 12),  # days from creation to the answer
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    "zone", ["Europe/Sarajevo", "America/Havana", "Asia/Kathmandu", "Pacific/Kiritimati", "UTC"]
)
@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(answers=ANSWERS)
def test_answers_in_time_are_judged_as_the_rule_judges_each(zone, answers):
    """Including the days the clocks change, and time zones whose midnight is not on the hour
    or more than twelve hours from UTC."""
    with override_settings(TIME_ZONE=zone):
        expected: Counter[str] = Counter()
        for service_type, created_at, urgent, responded_on in answers:
            referral = Referral(created_at=created_at, urgent=urgent, responded_on=responded_on)
            expected[service_type] += int(bool(referral_answered_in_time(referral)))
        got = answered_in_time(answers)
        assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}
