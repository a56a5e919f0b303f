import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection

from nrm.cases.models import CaseStatus, IdentificationDecision, VictimCase
from nrm.cases.services import age_on, case_decide, case_update
from nrm.core.errors import Conflict, PermissionDenied, ValidationError

D = datetime.date

NOT_CASE_ROLES = ["trial_monitor", "partner", "auditor", "admin", "norole"]


@pytest.mark.django_db
def test_codes_are_generated_per_year_of_identification(personas, new_case):
    first = new_case(personas.field_identifier, identified_on=D(2024, 2, 1))
    second = new_case(personas.field_identifier, identified_on=D(2024, 5, 1))
    other_year = new_case(personas.field_identifier, identified_on=D(2023, 12, 31))
    assert (first.code, second.code, other_year.code) == (
        "V-2024-0001",
        "V-2024-0002",
        "V-2023-0001",
    )


@pytest.mark.django_db
def test_a_given_code_is_kept_and_generation_continues_after_it(personas, new_case):
    new_case(personas.coordinator, code="V-2024-0041")
    assert new_case(personas.coordinator).code == "V-2024-0042"
    legacy = new_case(personas.coordinator, code="BL-2019-17")
    assert legacy.code == "BL-2019-17" and legacy.code_number is None


@pytest.mark.django_db
def test_a_used_or_malformed_code_is_refused_naming_the_field(personas, new_case):
    new_case(personas.coordinator, code="V-2024-0007")
    with pytest.raises(ValidationError) as used:
        new_case(personas.coordinator, code="v-2024-0007")
    assert "already used" in used.value.fields["code"][0]
    with pytest.raises(ValidationError) as malformed:
        new_case(personas.coordinator, code="no spaces allowed")
    assert "code" in malformed.value.fields
    assert VictimCase.objects.count() == 1


@pytest.mark.django_db
def test_the_first_status_is_the_first_decision(personas, orgs, new_case):
    case = new_case(personas.field_identifier, reason="met at a bus station")
    decision = IdentificationDecision.objects.get(case=case)
    assert (decision.from_status, decision.to_status) == ("", CaseStatus.POTENTIAL)
    assert decision.authority == orgs.police and decision.decided_by == personas.field_identifier
    assert decision.decided_on == D(2024, 3, 1)
    assert case.organisation == orgs.police and case.created_by == personas.field_identifier


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (D(2006, 3, 10), D(2024, 3, 10), 18),  # the 18th birthday itself: an adult
        (D(2006, 3, 10), D(2024, 3, 9), 17),
        (D(2004, 2, 29), D(2022, 2, 28), 17),  # born on 29 February
        (D(2004, 2, 29), D(2022, 3, 1), 18),
        (D(2000, 12, 31), D(2001, 1, 1), 0),
    ],
)
def test_age_counts_whole_years(birth, day, age):
    assert age_on(birth, day) == age


@pytest.mark.django_db
def test_age_group_is_derived_on_the_identification_date(personas, new_case):
    on_birthday = new_case(
        personas.field_identifier, identified_on=D(2024, 3, 10), birth_date=D(2006, 3, 10)
    )
    day_before = new_case(
        personas.field_identifier, identified_on=D(2024, 3, 9), birth_date=D(2006, 3, 10)
    )
    stated = new_case(personas.field_identifier, age=15)
    unknown = new_case(personas.field_identifier)
    assert (on_birthday.age_group, on_birthday.age_at_identification) == ("adult", 18)
    assert (day_before.age_group, day_before.age_at_identification) == ("minor", 17)
    assert (stated.age_group, stated.age_estimated) == ("minor", True)
    assert (unknown.age_group, unknown.age_at_identification) == ("unknown", None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"birth_date": D(2010, 1, 1), "age": 9}, "age"),
        ({"birth_date": D(2025, 1, 1)}, "birth_date"),
        ({"age": 130}, "age"),
        ({"sex": "f"}, "sex"),
        ({"citizenship": "XX"}, "citizenship"),
        ({"exploitation": ["sexual", "slavery"]}, "exploitation"),
        ({"means_of_control": ["magic"]}, "means_of_control"),
        ({"identified_on": None}, "identified_on"),
        ({"identified_on": D(2999, 1, 1)}, "identified_on"),
        ({"status": "closed"}, "status"),
        ({"municipality": "atlantis"}, "municipality"),
    ],
)
def test_bad_values_are_named_and_nothing_is_written(personas, new_case, values, field):
    with pytest.raises(ValidationError) as error:
        new_case(personas.field_identifier, **values)
    assert field in error.value.fields, error.value.fields
    assert VictimCase.objects.count() == 0


@pytest.mark.django_db
def test_several_forms_of_exploitation_and_htcds_lists(personas, new_case):
    case = new_case(
        personas.field_identifier,
        exploitation=["labour", "begging", "labour"],
        means_of_control=["debt_bondage", "withholds_documents"],
        recruitment=["friends"],
        citizenship="tr",
        municipality="bihac",
        trafficking_scope="transnational",
    )
    assert case.exploitation_codes == ["begging", "labour"]
    assert case.means_of_control == ["debt_bondage", "withholds_documents"]
    assert str(case.citizenship) == "TR" and case.municipality.name == "Bihać"


@pytest.mark.django_db
def test_identifying_data_are_encrypted_at_rest(personas, new_case):
    case = new_case(
        personas.field_identifier,
        first_name="Jasna",
        last_name="Testović",
        birth_date=D(2001, 4, 5),
        contact="+387 61 000 000",
        notes="Found near the border",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT first_name, last_name, birth_date, contact FROM cases_person WHERE id = %s",
            [case.person_id],
        )
        row = cursor.fetchone()
        cursor.execute("SELECT notes FROM cases_victimcase WHERE id = %s", [case.pk])
        notes = cursor.fetchone()[0]
    stored = " ".join(str(v) for v in (*row, notes))
    for secret in ("Jasna", "Testović", "2001-04-05", "+387", "border"):
        assert secret not in stored
    assert str(case) == case.code and str(case.person).startswith("P-")
    trail = str(list(LogEntry.objects.values_list("changes", flat=True)))
    assert "Jasna" not in trail and "Testović" not in trail


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NOT_CASE_ROLES)
def test_roles_without_cases_cannot_record_one(personas, new_case, persona):
    with pytest.raises(PermissionDenied):
        new_case(getattr(personas, persona))
    assert VictimCase.objects.count() == 0


@pytest.mark.django_db
def test_only_coordinators_record_cases_for_another_organisation(personas, orgs, new_case):
    with pytest.raises(PermissionDenied):
        new_case(personas.case_worker, organisation=orgs.police)
    case = new_case(personas.coordinator, organisation=orgs.police)
    assert case.organisation == orgs.police


@pytest.mark.django_db
def test_the_command_line_must_name_the_organisation(orgs, new_case):
    with pytest.raises(ValidationError) as error:
        new_case(None)
    assert "organisation" in error.value.fields
    assert new_case(None, organisation=orgs.safe_house).created_by is None


@pytest.mark.django_db
def test_update_changes_values_and_rederives_the_age_group(personas, new_case):
    case = new_case(personas.field_identifier, age=17)
    case_update(
        actor=personas.field_identifier,
        case=case,
        expected_version=1,
        identified_on=D(2024, 6, 1),
        birth_date=D(2006, 5, 20),
        exploitation=["sexual"],
    )
    case.refresh_from_db()
    assert (case.version, case.age_at_identification, case.age_group) == (2, 18, "adult")
    assert case.exploitation_codes == ["sexual"] and not case.age_estimated


@pytest.mark.django_db
def test_a_stale_update_is_a_conflict_not_an_overwrite(personas, new_case):
    case = new_case(personas.field_identifier, sex="female")
    first = VictimCase.objects.get(pk=case.pk)
    second = VictimCase.objects.get(pk=case.pk)
    case_update(actor=personas.coordinator, case=first, expected_version=1, sex="male")
    with pytest.raises(Conflict):
        case_update(actor=personas.field_identifier, case=second, expected_version=1, sex="other")
    case.refresh_from_db()
    assert (case.sex, case.version) == ("male", 2)


@pytest.mark.django_db
def test_identifying_data_change_only_with_the_right_to_see_them(personas, new_case):
    case = new_case(personas.field_identifier, first_name="Ana")
    with pytest.raises(PermissionDenied):
        case_update(actor=personas.coordinator, case=case, expected_version=1, first_name="Eva")
    with pytest.raises(PermissionDenied):
        case_update(actor=personas.outsider, case=case, expected_version=1, sex="male")
    case_update(actor=personas.field_identifier, case=case, expected_version=1, first_name="Eva")
    case.person.refresh_from_db()
    assert case.person.first_name == "Eva"


@pytest.mark.django_db
def test_decisions_follow_the_workflow_and_record_why(personas, orgs, new_case):
    case = new_case(
        personas.field_identifier,
        status="reported",
        identified_on=None,
        reported_on=D(2024, 3, 30),
    )
    assert case.identified_on is None
    case_decide(
        actor=personas.field_identifier,
        case=case,
        to_status="potential",
        decided_on=D(2024, 4, 2),
        reason="indicators of forced begging",
    )
    decision = case_decide(
        actor=personas.coordinator,
        case=case,
        to_status="identified",
        decided_on=D(2024, 4, 20),
        reason="prosecutor's assessment",
        authority=orgs.ministry,
    )
    case.refresh_from_db()
    assert (case.status, case.identified_on, case.confirmed_on) == (
        "identified",
        D(2024, 4, 2),
        D(2024, 4, 20),
    )
    assert decision.authority == orgs.ministry and decision.decided_by == personas.coordinator
    assert list(case.decisions.values_list("to_status", flat=True)) == [
        "reported",
        "potential",
        "identified",
    ]
    with pytest.raises(ValidationError) as error:
        case_decide(
            actor=personas.coordinator,
            case=case,
            to_status="not_victim",
            decided_on=D(2024, 5, 1),
            reason="x",
        )
    assert "to_status" in error.value.fields


@pytest.mark.django_db
def test_a_decision_needs_a_reason_and_the_right_to_decide(personas, new_case):
    case = new_case(personas.field_identifier)
    with pytest.raises(ValidationError) as error:
        case_decide(
            actor=personas.field_identifier,
            case=case,
            to_status="identified",
            decided_on=D(2024, 4, 1),
            reason=" ",
        )
    assert "reason" in error.value.fields
    for persona in ("case_worker", "outsider", "trial_monitor", "partner"):
        with pytest.raises(PermissionDenied):
            case_decide(
                actor=getattr(personas, persona),
                case=case,
                to_status="identified",
                decided_on=D(2024, 4, 1),
                reason="r",
            )
    case.refresh_from_db()
    assert case.status == "potential" and case.decisions.count() == 1
