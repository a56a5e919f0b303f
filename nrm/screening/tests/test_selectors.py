import datetime

import pytest
from django.utils import timezone

from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.periods import Period
from nrm.screening.selectors import (
    ReportFilters,
    ScreeningFilters,
    report_get,
    report_queue,
    screening_get,
    screening_list,
    screening_statistics,
    triagers,
)
from nrm.screening.services import report_assign, report_close, report_link_case, screening_create

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def screenings(personas, new_screening):
    """One screening by each screening role, and one by an unrelated NGO's case worker."""
    return {
        "coordinator": new_screening(personas.coordinator),
        "case_worker": new_screening(personas.case_worker),
        "field_identifier": new_screening(personas.field_identifier),
        "outsider": new_screening(personas.outsider),
    }


def references(qs):
    return {s.reference for s in qs}


def test_coordinators_read_every_screening(personas, screenings):
    assert references(screening_list(actor=personas.coordinator)) == references(screenings.values())


def test_case_workers_read_their_organisations_screenings(personas, screenings, new_screening):
    colleague_screening = new_screening(personas.case_worker)
    visible = references(screening_list(actor=personas.case_worker))
    assert visible == {screenings["case_worker"].reference, colleague_screening.reference}
    with pytest.raises(NotFound):
        screening_get(actor=personas.case_worker, reference=screenings["outsider"].reference)


def test_field_identifiers_read_their_own_screenings(personas, screenings, orgs):
    from nrm.core.roles import Role
    from nrm.testing.factories import make_user

    colleague = make_user("t_field_colleague", orgs.police, Role.FIELD_IDENTIFIER)
    assert references(screening_list(actor=colleague)) == set()
    assert references(screening_list(actor=personas.field_identifier)) == {
        screenings["field_identifier"].reference
    }


@pytest.mark.parametrize("role", ["trial_monitor", "partner", "auditor", "admin", "norole"])
def test_other_roles_read_no_screening(personas, screenings, role):
    with pytest.raises(PermissionDenied):
        screening_list(actor=getattr(personas, role))
    with pytest.raises(PermissionDenied):
        screening_get(actor=getattr(personas, role), reference=screenings["coordinator"].reference)


def test_screenings_are_filtered(personas, new_screening):
    child = new_screening(
        personas.coordinator, set_id="child_labour", context="begging", screened_on=D(2024, 8, 1)
    )
    first_line = screening_create(
        actor=personas.coordinator,
        instrument="ilo-forced-labour-11",
        set_id="first_line",
        answers={},
        confirm_no_answers=True,
        context="sexual",
        age_group="adult",
        screened_on=D(2024, 9, 1),
    )
    actor = personas.coordinator
    assert references(screening_list(actor=actor, filters=ScreeningFilters(context="begging"))) == {
        child.reference
    }
    assert references(screening_list(actor=actor, filters=ScreeningFilters(verdict="none"))) == {
        first_line.reference
    }
    assert references(
        screening_list(actor=actor, filters=ScreeningFilters(date_from=D(2024, 8, 15)))
    ) == {first_line.reference}
    assert references(
        screening_list(actor=actor, filters=ScreeningFilters(q=child.reference[2:]))
    ) == {child.reference}


def test_a_list_costs_a_fixed_number_of_queries(
    personas, new_screening, django_assert_max_num_queries
):
    for _ in range(5):
        new_screening(personas.coordinator)
    with django_assert_max_num_queries(3):
        rows = list(screening_list(actor=personas.coordinator))
        assert all(str(r.organisation) and r.case is None and r.instrument.key for r in rows)


# Public reports ----------------------------------------------------------------------------


def test_the_queue_is_for_coordinators_and_police(personas, new_report, other_police, inspector):
    ours, _ = new_report()
    theirs, _ = new_report()
    unassigned, _ = new_report()
    report_assign(actor=personas.coordinator, report=ours, assignee=personas.field_identifier)
    report_assign(actor=personas.coordinator, report=theirs, assignee=other_police)
    everything = {ours.reference, theirs.reference, unassigned.reference}
    assert references(report_queue(actor=personas.coordinator)) == everything
    assert references(report_queue(actor=personas.field_identifier)) == {
        ours.reference,
        unassigned.reference,
    }
    with pytest.raises(NotFound):
        report_get(actor=personas.field_identifier, reference=theirs.reference)
    for user in (inspector, personas.case_worker, personas.partner, personas.auditor):
        with pytest.raises(PermissionDenied):
            report_queue(actor=user)
        with pytest.raises(PermissionDenied):
            triagers(actor=user)


def test_the_queue_is_filtered(personas, new_report):
    mine, _ = new_report()
    closed, _ = new_report()
    report_assign(actor=personas.coordinator, report=mine, assignee=personas.coordinator)
    report_close(actor=personas.coordinator, report=closed)
    actor = personas.coordinator
    assert references(report_queue(actor=actor, filters=ReportFilters(mine=True))) == {
        mine.reference
    }
    assert references(report_queue(actor=actor, filters=ReportFilters(status="closed"))) == {
        closed.reference
    }


def test_reports_go_to_coordinators_and_police_officers(personas, inspector, other_police):
    names = set(triagers(actor=personas.coordinator).values_list("username", flat=True))
    assert {"t_coordinator", "t_field", "t_other_police"} <= names
    assert not names & {"t_case_worker", "t_inspector", "t_partner", "t_norole"}


# Statistics --------------------------------------------------------------------------------


def test_statistics_count_screenings_and_reports_of_the_period(
    personas, orgs, new_screening, new_report, new_case
):
    new_screening(personas.field_identifier, screened_on=D(2024, 1, 10))
    new_screening(
        personas.case_worker,
        screened_on=D(2024, 2, 3),
        set_id="child_labour",
        context="begging",
        answers={},
        confirm_no_answers=True,
    )
    linked = new_screening(
        personas.case_worker,
        screened_on=D(2024, 2, 4),
        context="",
        answers={"d1_deceived_wages": "yes"},
    )
    screening_create(
        actor=personas.coordinator,
        instrument="ilo-forced-labour-11",
        set_id="first_line",
        answers={"fl02_deception": "yes"},
        context="sexual",
        age_group="adult",
        screened_on=D(2024, 3, 1),
    )
    new_screening(personas.coordinator, screened_on=D(2023, 12, 31))  # outside the period
    from nrm.screening.services import screening_link_case

    screening_link_case(
        actor=personas.case_worker, screening=linked, case=new_case(personas.case_worker).code
    )
    report, _ = new_report(context="online_recruitment", child_involved="yes")
    report_assign(actor=personas.coordinator, report=report, assignee=personas.field_identifier)
    report_link_case(
        actor=personas.coordinator, report=report, case=new_case(personas.coordinator).code
    )
    new_report()

    today = timezone.localdate()
    period = Period(D(2024, 1, 1), max(today, D(2024, 3, 31)))
    stats = screening_statistics(period=period)
    screening = stats["screenings"]
    assert screening["total"] == 4
    assert screening["by_context"] == {
        "labour": 2,  # one given, one derived from the adult labour set
        "sexual": 1,
        "begging": 1,
        "online_recruitment": 0,
        "unknown": 0,
        "not_recorded": 0,
    }
    assert screening["by_age_group"] == {"adult": 3, "child": 1, "not_recorded": 0}
    assert screening["by_verdict"] == {
        "trafficking": 1,
        "insufficient_information": 2,
        "not_established": 0,
        "no_verdict": 1,
    }
    assert screening["by_outcome"]["refer"] == 1 and sum(screening["by_outcome"].values()) == 4
    assert screening["by_organisation"] == {
        str(orgs.police): 1,
        str(orgs.safe_house): 2,
        str(orgs.ministry): 1,
    }
    assert screening["by_instrument"] == {"ilo-ec-delphi-2009 v1": 3, "ilo-forced-labour-11 v1": 1}
    assert screening["by_month"]["2024-01"] == 1 and screening["by_month"]["2024-02"] == 2
    assert screening["by_month"]["2024-03"] == 1 and screening["by_month"].get("2024-04", 0) == 0
    assert sum(screening["by_month"].values()) == 4
    assert screening["linked_to_case"] == 1
    reports = stats["reports"]
    assert reports["total"] == 2
    assert reports["by_status"] == {"new": 1, "in_progress": 1, "closed": 0}
    assert (
        reports["by_context"]["online_recruitment"] == 1 and reports["by_context"]["unknown"] == 1
    )
    assert reports["by_child_involved"] == {"yes": 1, "no": 0, "unknown": 1}
    assert reports["by_organisation"] == {"not_assigned": 1, str(orgs.police): 1}
    assert reports["linked_to_case"] == 1


def test_statistics_of_an_empty_period_have_every_key(personas):
    stats = screening_statistics(period=Period.parse("2019-H1"))
    assert stats["screenings"]["total"] == 0
    assert set(stats["screenings"]["by_verdict"]) == {
        "trafficking",
        "insufficient_information",
        "not_established",
        "no_verdict",
    }
    assert list(stats["screenings"]["by_month"]) == [f"2019-0{m}" for m in range(1, 7)]
    assert stats["reports"]["by_organisation"] == {"not_assigned": 0}


def test_statistics_are_for_coordinators(personas):
    period = Period.parse("2024")
    assert (
        screening_statistics(period=period, actor=personas.coordinator)["screenings"]["total"] == 0
    )
    with pytest.raises(PermissionDenied):
        screening_statistics(period=period, actor=personas.field_identifier)


def test_the_family_is_registered_for_nrm_stats(capsys):
    import json

    from django.core.management import call_command

    call_command("stats", "--from", "2024-01-01", "--to", "2024-12-31", "--family", "screening")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"period", "screening"}
    assert set(data["screening"]) == {"screenings", "reports"}
