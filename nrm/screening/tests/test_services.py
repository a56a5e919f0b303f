import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.utils import timezone

from nrm.cases.models import CaseStatus, VictimCase
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.screening import codes
from nrm.screening.models import MessageKind, PublicReport, ReportStatus, Screening
from nrm.screening.selectors import report_by_code, reporter_thread
from nrm.screening.services import (
    report_add_information,
    report_assign,
    report_close,
    report_link_case,
    report_reopen,
    report_reply,
    screening_create,
    screening_create_case,
    screening_link_case,
)
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db
D = datetime.date
NOT_SCREENING_ROLES = ["trial_monitor", "partner", "auditor", "admin", "norole"]


# Screenings --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "case_worker", "field_identifier"])
def test_screening_roles_store_a_screening_for_their_organisation(personas, new_screening, role):
    user = getattr(personas, role)
    screening = new_screening(user)
    assert screening.organisation == user.organisation and screening.created_by == user
    assert screening.reference.startswith("S-") and len(screening.reference) == 8
    assert screening.instrument.key == "ilo-ec-delphi-2009" and screening.instrument.version == 1
    assert screening.verdict == screening.outcome == "trafficking"
    assert screening.age_group == "adult" and screening.context == "labour"
    assert len(screening.answers) == 67
    assert screening.answers["d2_violence"] == "unknown"  # unanswered: stored as unknown
    assert screening.elements["coercion_at_destination"] is True


@pytest.mark.parametrize("role", NOT_SCREENING_ROLES)
def test_other_roles_may_not_screen(personas, new_screening, role):
    with pytest.raises(PermissionDenied):
        new_screening(getattr(personas, role))
    assert not Screening.objects.exists()


def test_a_screening_is_audited_with_its_author(personas, new_screening):
    screening = new_screening(personas.case_worker, notes="Met at the bus station.")
    entry = LogEntry.objects.get_for_object(screening).get()
    assert entry.actor == personas.case_worker
    assert "Met at the bus station" not in str(entry.changes)  # notes are masked
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM screening_screening WHERE id = %s", [screening.pk])
        assert "bus station" not in cursor.fetchone()[0]  # and encrypted at rest


def test_bad_values_are_refused_naming_the_field(personas, new_screening):
    user = personas.field_identifier
    cases: list[tuple[dict[str, Any], str]] = [
        ({"set_id": "child_labour", "age_group": "adult"}, "age_group"),
        ({"age_group": "elderly"}, "age_group"),
        ({"context": "tourism"}, "context"),
        ({"screened_on": timezone.localdate() + datetime.timedelta(days=2)}, "screened_on"),
        ({"set_id": "adult_sexual"}, "set"),
        ({"instrument": "nope"}, "instrument"),
        ({"answers": {"d1_deceived_wages": "perhaps"}}, "answers.d1_deceived_wages"),
        ({"answers": {"zz_unknown": "yes"}}, "answers.zz_unknown"),
        ({"municipality": "atlantis"}, "municipality"),
        ({"reference": "bad ref"}, "reference"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as error:
            new_screening(user, **values)
        assert field in error.value.fields, (values, error.value.fields)
    assert not Screening.objects.exists()


def test_a_given_reference_is_kept_once(personas, new_screening):
    assert new_screening(personas.coordinator, reference="S-IMPORT1").reference == "S-IMPORT1"
    with pytest.raises(ValidationError, match="already used"):
        new_screening(personas.coordinator, reference="S-IMPORT1")


def test_a_first_line_screening_records_no_verdict_and_the_persons_age(personas):
    screening = screening_create(
        actor=personas.field_identifier,
        instrument="ilo-forced-labour-11",
        set_id="first_line",
        answers={"fl05_physical_sexual_violence": "yes"},
        context="sexual",
        age_group="child",
    )
    assert screening.verdict == "" and screening.outcome == "refer"
    assert screening.age_group == "child" and screening.elements == {}


def test_a_screening_links_only_to_a_case_its_author_may_read(personas, new_screening, new_case):
    own = new_case(personas.case_worker)
    foreign = new_case(personas.outsider)
    assert new_screening(personas.case_worker, case=own.code).case == own
    with pytest.raises(ValidationError) as error:
        new_screening(personas.case_worker, case=foreign.code)
    assert foreign.code in error.value.fields["case"][0]
    screening = new_screening(personas.case_worker)
    with pytest.raises(ValidationError):
        screening_link_case(actor=personas.case_worker, screening=screening, case="V-1999-0001")
    assert (
        screening_link_case(actor=personas.case_worker, screening=screening, case=own.code).case
        == own
    )


def test_only_readers_of_a_screening_may_link_it(personas, new_screening, new_case):
    screening = new_screening(personas.field_identifier)
    case = new_case(personas.outsider)
    with pytest.raises(NotFound):
        screening_link_case(actor=personas.outsider, screening=screening, case=case.code)
    with pytest.raises(PermissionDenied):
        screening_link_case(actor=personas.partner, screening=screening, case=case.code)


def test_a_potential_victim_case_is_created_from_a_screening_in_one_step(personas, new_screening):
    screening = new_screening(personas.field_identifier, municipality="bihac")
    case = screening_create_case(
        actor=personas.field_identifier,
        screening=screening,
        sex="male",
        age=34,
        citizenship="np",
        consent_data_processing=True,
    )
    screening.refresh_from_db()
    assert screening.case == case
    assert case.status == CaseStatus.POTENTIAL and case.identified_on == D(2024, 5, 6)
    assert (
        case.organisation == screening.organisation and case.created_by == personas.field_identifier
    )
    assert case.exploitation_codes == ["labour"]
    assert case.means_of_control == [
        "debt_bondage",
        "excessive_working_hours",
        "false_promises",
        "withholds_documents",
    ]
    assert case.age_group == "adult" and case.citizenship == "NP"
    assert case.municipality_id == "bihac"
    assert screening.reference in case.decisions.get().reason
    with pytest.raises(ValidationError, match="already linked"):
        screening_create_case(actor=personas.field_identifier, screening=screening)
    assert VictimCase.objects.count() == 1


def test_the_age_must_fit_the_set_the_screening_used(personas, new_screening):
    adult = new_screening(personas.field_identifier)
    with pytest.raises(ValidationError) as error:
        screening_create_case(actor=personas.field_identifier, screening=adult, age=15)
    assert "children's set" in error.value.fields["age"][0]
    child = new_screening(personas.field_identifier, set_id="child_labour", context="begging")
    with pytest.raises(ValidationError):
        screening_create_case(actor=personas.field_identifier, screening=child, age=19)
    case = screening_create_case(actor=personas.field_identifier, screening=child, age=12)
    assert case.age_group == "minor" and case.exploitation_codes == ["begging"]
    assert not VictimCase.objects.filter(age_at_identification__in=[15, 19]).exists()


def test_creating_a_case_needs_the_right_to_read_the_screening(personas, new_screening):
    screening = new_screening(personas.field_identifier)
    with pytest.raises(NotFound):
        screening_create_case(actor=personas.outsider, screening=screening)
    with pytest.raises(PermissionDenied):
        screening_create_case(actor=personas.trial_monitor, screening=screening)
    assert not VictimCase.objects.exists()


def test_a_coordinator_records_the_case_for_the_screening_organisation(
    personas, orgs, new_screening
):
    screening = new_screening(personas.case_worker)
    case = screening_create_case(actor=personas.coordinator, screening=screening)
    assert case.organisation == orgs.safe_house and case.created_by == personas.coordinator


# Public reports ----------------------------------------------------------------------------


def test_a_report_keeps_only_a_digest_of_its_follow_up_code(new_report):
    report, code = new_report(context="labour", child_involved="yes", municipality="tuzla")
    assert codes.is_well_formed(code) and len(code) == 19
    assert report.code_digest == codes.code_digest(code) and code not in report.code_digest
    assert report.status == ReportStatus.NEW and report.received_on == timezone.localdate()
    assert report.reference.startswith("R-")
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM screening_publicreport WHERE id = %s", [report.pk])
        assert "passports" not in cursor.fetchone()[0]
    assert report_by_code(code.lower().replace("-", " ")) == report
    assert report_by_code("K7QF-3M9X-PL2D-8WTR") is None
    assert report_by_code("short") is None


def test_a_report_needs_a_description_and_known_codes(new_report):
    for values, field in (
        ({"description": "   "}, "description"),
        ({"context": "weather"}, "context"),
        ({"child_involved": "perhaps"}, "child_involved"),
        ({"description": "x" * 10_001}, "description"),
    ):
        with pytest.raises(ValidationError) as error:
            new_report(**values)
        assert field in error.value.fields
    assert not PublicReport.objects.exists()


def test_the_reporter_adds_information_and_a_closed_report_opens_again(personas, new_report):
    report, _code = new_report()
    report_close(actor=personas.coordinator, report=report)
    report_add_information(actor=None, report=report, text="They left by van at 5.")
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW and report.closed_on is None and report.awaiting_reply
    assert [m.kind for m in report.messages.all()] == [MessageKind.REPORTER]
    entry = LogEntry.objects.get_for_object(report.messages.get()).get()
    assert entry.actor is None and entry.additional_data["via"] == "public form"


def test_coordinators_and_police_assign_reports(personas, new_report, other_police):
    report, _code = new_report()
    report_assign(actor=personas.coordinator, report=report, assignee=personas.field_identifier)
    report.refresh_from_db()
    assert report.assigned_to == personas.field_identifier
    assert report.assigned_organisation == personas.field_identifier.organisation
    assert report.status == ReportStatus.IN_PROGRESS
    # The police pass a report within their agency only; a coordinator passes it anywhere.
    with pytest.raises(PermissionDenied):
        report_assign(actor=personas.field_identifier, report=report, assignee=other_police)
    report_assign(actor=personas.coordinator, report=report, assignee=other_police)
    # Now the first agency no longer sees it.
    with pytest.raises(NotFound):
        report_reply(actor=personas.field_identifier, report=report, text="x")


@pytest.mark.parametrize(
    "role", ["case_worker", "trial_monitor", "partner", "auditor", "admin", "norole"]
)
def test_other_roles_may_not_triage(personas, new_report, role):
    report, _code = new_report()
    user = getattr(personas, role)
    for action in (
        lambda: report_assign(actor=user, report=report, assignee=personas.coordinator),
        lambda: report_reply(actor=user, report=report, text="hello"),
        lambda: report_link_case(actor=user, report=report, case="V-2024-0001"),
        lambda: report_close(actor=user, report=report),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert not report.messages.exists()


def test_field_identifiers_outside_the_police_may_not_triage(new_report, inspector, personas):
    report, _code = new_report()
    with pytest.raises(PermissionDenied):
        report_reply(actor=inspector, report=report, text="hello")
    with pytest.raises(ValidationError) as error:
        report_assign(actor=personas.coordinator, report=report, assignee=inspector)
    assert "assignee" in error.value.fields


def test_a_reply_reaches_the_reporter_and_a_note_does_not(personas, new_report):
    report, _code = new_report()
    report_reply(actor=personas.field_identifier, report=report, text="We are checking.")
    report_reply(actor=personas.field_identifier, report=report, text="Van seen.", internal=True)
    report.refresh_from_db()
    assert report.assigned_to == personas.field_identifier  # answering takes the report
    assert report.status == ReportStatus.IN_PROGRESS and not report.awaiting_reply
    assert [m.text for m in reporter_thread(report)] == ["We are checking."]
    assert report.messages.count() == 2


def test_a_report_is_linked_to_a_case_by_its_code(personas, new_report, new_case):
    report, _code = new_report()
    case = new_case(personas.outsider)  # linking needs the code, not the right to read the case
    report_link_case(actor=personas.field_identifier, report=report, case=case.code)
    report.refresh_from_db()
    assert report.case == case
    with pytest.raises(ValidationError) as error:
        report_link_case(actor=personas.coordinator, report=report, case="V-1900-0001")
    assert "V-1900-0001" in error.value.fields["case"][0]


def test_close_and_reopen(personas, new_report):
    report, _code = new_report()
    report_assign(actor=personas.coordinator, report=report, assignee=personas.coordinator)
    report_close(actor=personas.coordinator, report=report)
    assert (report.status, report.closed_on) == (ReportStatus.CLOSED, timezone.localdate())
    report_reopen(actor=personas.coordinator, report=report)
    assert (report.status, report.closed_on) == (ReportStatus.IN_PROGRESS, None)


def test_reference_answers_are_the_scored_answers(personas, new_screening):
    answers = {**ADULT_TRAFFICKING, "d4_no_social_protection": "yes"}
    screening = new_screening(personas.coordinator, set_id="child_labour", answers=answers)
    assert screening.ignored == ["d4_no_social_protection"]
    assert "d4_no_social_protection" not in screening.answers
    assert screening.age_group == "child" and screening.verdict == "trafficking"
