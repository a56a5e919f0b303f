"""The database filter of who reads which case (nrm.cases.rules.visible_cases) gives exactly
the rows the rule gives when written out in Python (docs/permissions.md), for every persona, on
a register mixing organisations, creators and referrals in every status."""

import datetime
import itertools

import pytest
from django.db.models import Count

from nrm.cases import rules
from nrm.cases.models import (
    OPEN_REFERRAL_STATUSES,
    Person,
    Referral,
    ReferralStatus,
    VictimCase,
)
from nrm.cases.selectors import case_list, case_list_for_counting
from nrm.core.errors import PermissionDenied
from nrm.core.pagination import capped_count
from nrm.core.roles import Role, roles_of
from nrm.testing.factories import make_user

D = datetime.date


def readable_by_the_rule(user, case, referrals):
    """The rule as docs/permissions.md says it, one case at a time."""
    roles = roles_of(user)
    if Role.COORDINATOR in roles:
        return True
    org = user.organisation_id
    if Role.CASE_WORKER in roles and org is not None and case.organisation_id == org:
        return True
    if Role.FIELD_IDENTIFIER in roles and case.created_by_id == user.pk:
        return True
    referred = any(
        r.case_id == case.pk and r.to_organisation_id == org and r.status in OPEN_REFERRAL_STATUSES
        for r in referrals
    )
    return bool(roles & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER}) and org is not None and referred


@pytest.fixture
def register(orgs, personas):
    """48 cases of four organisations, recorded by six people (one of them by nobody), each
    referred to up to three organisations with the statuses going round all five."""
    colleague = make_user("t_field_colleague", orgs.police, Role.FIELD_IDENTIFIER)
    both = make_user("t_both", orgs.legal_aid, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
    creators = itertools.cycle(
        [personas.field_identifier, colleague, personas.case_worker, both, None, colleague]
    )
    owners = itertools.cycle([orgs.police, orgs.safe_house, orgs.legal_aid, orgs.outsider])
    receivers = [orgs.safe_house, orgs.police, orgs.legal_aid, orgs.outsider]
    statuses = itertools.cycle(ReferralStatus.values)
    cases = []
    for number in range(1, 49):
        cases.append(
            VictimCase.objects.create(
                code=f"V-2024-{number:04d}",
                code_year=2024,
                code_number=number,
                person=Person.objects.create(),
                identified_on=None if number % 7 == 0 else D(2024, 1 + number % 12, 1),
                organisation=next(owners),
                created_by=next(creators),
            )
        )
    for index, case in enumerate(cases):
        for receiver in receivers[: index % 4]:
            if receiver.pk == case.organisation_id:
                continue
            Referral.objects.create(
                case=case,
                from_organisation=case.organisation,
                to_organisation=receiver,
                service_type="shelter",
                status=next(statuses),
                referred_on=D(2024, 6, 1),
                consent_overridden=True,
            )
    # Cases referred to the safe house twice, each time still open: a join reads them twice.
    for case in [c for c in cases[1::5] if c.organisation_id != orgs.safe_house.pk]:
        for status in (ReferralStatus.PENDING, ReferralStatus.COMPLETED):
            Referral.objects.create(
                case=case,
                from_organisation=case.organisation,
                to_organisation=orgs.safe_house,
                service_type="legal_aid",
                status=status,
                referred_on=D(2024, 7, 1),
                consent_overridden=True,
            )
    return {"colleague": colleague, "both": both}


def expected_codes(user):
    referrals = list(Referral.objects.all())
    return sorted(
        c.code for c in VictimCase.objects.all() if readable_by_the_rule(user, c, referrals)
    )


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    ["coordinator", "case_worker", "field_identifier", "outsider", "legal_aid_worker"],
)
def test_the_filter_reads_what_the_rule_allows(personas, register, persona):
    user = getattr(personas, persona)
    expected = expected_codes(user)
    assert_both_forms_read(user, expected)
    assert sorted(c.code for c in VictimCase.objects.all() if _one_by_one(user, c)) == expected


def assert_both_forms_read(user, expected):
    """The list's form (EXISTS) and the capped count's parts (the reader's own cases and a
    join on the referrals) read the same cases, and the capped count counts them exactly up to
    its cap."""
    assert codes(rules.visible_cases(user)) == expected
    assert codes(case_list(actor=user)) == expected
    parts = case_list_for_counting(actor=user)
    assert sorted({code for part in parts for code in codes(part)}) == expected
    for cap in {0, len(expected) - 1, len(expected), len(expected) + 1} - {-1}:
        assert capped_count(parts, cap) == (min(len(expected), cap), len(expected) <= cap)


def _one_by_one(user, case):
    return rules.visible_cases(user).filter(pk=case.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["colleague", "both"])
def test_the_filter_reads_what_the_rule_allows_for_more_people(register, name):
    user = register[name]
    expected = expected_codes(user)
    assert expected  # each of them reads some cases and not others
    assert len(expected) < VictimCase.objects.count()
    assert_both_forms_read(user, expected)


@pytest.mark.django_db
def test_the_register_mixes_what_the_rule_distinguishes(personas, register):
    """The data set is worth comparing on: every referral status occurs, and the case
    worker reads cases of their own organisation and cases referred to it, and not others."""
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    worker = personas.case_worker
    readable = set(expected_codes(worker))
    own = set(codes(VictimCase.objects.filter(organisation=worker.organisation)))
    assert own < readable
    closed = Referral.objects.filter(
        to_organisation=worker.organisation,
        status__in=[ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN],
    ).exclude(case__organisation=worker.organisation)
    assert closed.exists()
    assert not {r.case.code for r in closed} <= readable
    twice = (
        Referral.objects.filter(
            to_organisation=worker.organisation, status__in=OPEN_REFERRAL_STATUSES
        )
        .values("case")
        .annotate(n=Count("*"))
        .filter(n__gt=1)
    )
    assert twice.exists()


@pytest.mark.django_db
def test_people_without_an_organisation_read_only_what_they_recorded(orgs, personas, register):
    worker = make_user("t_worker_nowhere", None, Role.CASE_WORKER)
    identifier = make_user("t_field_nowhere", None, Role.FIELD_IDENTIFIER)
    case = VictimCase.objects.filter(created_by__isnull=True).order_by("pk")[0]
    case.created_by = identifier
    case.save()
    assert codes(rules.visible_cases(worker)) == []
    assert codes(rules.visible_cases(identifier)) == [case.code]
    for user, expected in ((worker, []), (identifier, [case.code])):
        parts = rules.visible_case_parts(user)
        assert parts is not None
        assert sorted({code for part in parts for code in codes(part)}) == expected
    assert expected_codes(worker) == [] and expected_codes(identifier) == [case.code]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["trial_monitor", "partner", "auditor", "admin", "norole"])
def test_other_roles_read_no_case(personas, register, persona):
    with pytest.raises(PermissionDenied):
        case_list(actor=getattr(personas, persona))
