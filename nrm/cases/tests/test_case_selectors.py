import datetime

import pytest

from nrm.cases.selectors import (
    CaseFilters,
    case_by_code,
    case_get,
    case_has_possible_duplicate,
    case_identity,
    case_list,
    person_matches_exist,
)
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.models import AccessEntry
from nrm.testing.factories import make_user

D = datetime.date


@pytest.fixture
def three_cases(personas, orgs, new_case):
    """One case recorded by the police's field identifier, one by the safe house, and one by
    another field identifier of the same police agency."""
    colleague = make_user("t_field_2", orgs.police, "field_identifier")
    return {
        "police": new_case(personas.field_identifier, exploitation=["begging"], age=12),
        "safe_house": new_case(
            personas.case_worker, sex="male", identified_on=D(2023, 5, 1), exploitation=[]
        ),
        "colleague": new_case(colleague, citizenship="TR", identified_on=D(2024, 9, 9)),
    }


def codes(qs):
    return sorted(c.code for c in qs)


@pytest.mark.django_db
def test_each_role_lists_what_it_may_read(personas, three_cases):
    every = codes(three_cases.values())
    assert codes(case_list(actor=personas.coordinator)) == every
    assert codes(case_list(actor=personas.case_worker)) == [three_cases["safe_house"].code]
    assert codes(case_list(actor=personas.field_identifier)) == [three_cases["police"].code]
    assert codes(case_list(actor=personas.outsider)) == []
    assert codes(case_list(actor=personas.legal_aid_worker)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["trial_monitor", "partner", "auditor", "admin", "norole"])
def test_other_roles_cannot_list_or_read_cases(personas, three_cases, persona):
    actor = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        case_list(actor=actor)
    with pytest.raises(PermissionDenied):
        case_get(actor=actor, code=three_cases["police"].code)


@pytest.mark.django_db
def test_a_case_outside_ones_reach_is_not_found(personas, three_cases):
    code = three_cases["police"].code
    assert case_get(actor=personas.field_identifier, code=code) == three_cases["police"]
    assert case_get(actor=personas.coordinator, code=code) == three_cases["police"]
    for persona in ("case_worker", "outsider", "legal_aid_worker"):
        with pytest.raises(NotFound):
            case_get(actor=getattr(personas, persona), code=code)
    with pytest.raises(NotFound):
        case_get(actor=personas.coordinator, code="V-1999-0001")


@pytest.mark.django_db
def test_filters_combine(personas, three_cases):
    coordinator = personas.coordinator
    police, safe_house, colleague = (three_cases[k] for k in ("police", "safe_house", "colleague"))
    assert codes(case_list(actor=coordinator, exploitation="begging")) == [police.code]
    assert codes(case_list(actor=coordinator, exploitation="not_recorded")) == codes(
        [safe_house, colleague]
    )
    assert codes(case_list(actor=coordinator, age_group="minor")) == [police.code]
    assert codes(case_list(actor=coordinator, sex="male")) == [safe_house.code]
    assert codes(case_list(actor=coordinator, citizenship="tr")) == [colleague.code]
    period = CaseFilters(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
    assert codes(case_list(actor=coordinator, filters=period)) == codes([police, colleague])
    assert codes(case_list(actor=coordinator, q="2023-00")) == [safe_house.code]
    assert codes(case_list(actor=coordinator, organisation=safe_house.organisation)) == [
        safe_house.code
    ]


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(personas, new_case, django_assert_num_queries):
    for day in range(1, 6):
        new_case(personas.field_identifier, identified_on=D(2024, 1, day), exploitation=["labour"])

    def render_rows():
        return [
            (c.code, c.organisation.name, c.municipality, c.exploitation_labels)
            for c in case_list(actor=personas.coordinator)
        ]

    with django_assert_num_queries(3):  # roles, cases (with organisations), forms
        assert len(render_rows()) == 5


@pytest.mark.django_db
def test_linking_roles_resolve_a_code_and_others_do_not(personas, three_cases):
    code = three_cases["safe_house"].code
    assert case_by_code(actor=personas.trial_monitor, code=code.lower()).pk == (
        three_cases["safe_house"].pk
    )
    with pytest.raises(NotFound):
        case_by_code(actor=personas.trial_monitor, code="V-2000-9999")
    for persona in ("partner", "auditor", "admin", "norole"):
        with pytest.raises(PermissionDenied):
            case_by_code(actor=getattr(personas, persona), code=code)


@pytest.mark.django_db
def test_identity_is_for_holders_and_every_read_is_logged(personas, new_case):
    case = new_case(personas.field_identifier, first_name="Mila", last_name="Primjer")
    identity = case_identity(actor=personas.field_identifier, case=case)
    assert identity.full_name == "Mila Primjer"
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.object_label) == (personas.field_identifier, case.code)
    with pytest.raises(PermissionDenied):
        case_identity(actor=personas.coordinator, case=case)  # pseudonymised without a grant
    assert AccessEntry.objects.count() == 1


@pytest.mark.django_db
def test_duplicates_are_found_across_organisations_without_saying_where(personas, new_case):
    first = new_case(
        personas.case_worker, first_name="Đurđa", last_name="Ćosić", birth_date=D(2005, 1, 2)
    )
    assert not case_has_possible_duplicate(actor=personas.case_worker, case=first)
    # Another organisation, another script, another order and case of the name's words.
    assert person_matches_exist(
        actor=personas.field_identifier,
        first_name="ЋОСИЋ",
        last_name="Ђурђа",
        birth_date=D(2005, 1, 2),
    )
    assert not person_matches_exist(
        actor=personas.field_identifier,
        first_name="Đurđa",
        last_name="Ćosić",
        birth_date=D(2005, 1, 3),
    )
    second = new_case(
        personas.field_identifier, first_name="djurdja", last_name="cosic", birth_date=D(2005, 1, 2)
    )
    assert case_has_possible_duplicate(actor=personas.field_identifier, case=second)
    assert case_has_possible_duplicate(actor=personas.case_worker, case=first)
    with pytest.raises(PermissionDenied):
        person_matches_exist(
            actor=personas.partner, first_name="a", last_name="b", birth_date=D(2005, 1, 2)
        )
