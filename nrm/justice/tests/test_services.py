"""Writes: permissions first, then validation with errors that name the field."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection

from nrm.cases.services import case_create
from nrm.core.errors import Conflict, PermissionDenied, ValidationError
from nrm.justice import services
from nrm.justice.models import Charge, CourtCase, Defendant, Hearing, Sentence, Verdict
from nrm.justice.tests.conftest import OUTSIDERS

d = datetime.date
pytestmark = pytest.mark.django_db


def fields_of(exc_info) -> set[str]:
    return set(exc_info.value.fields)


# Court cases -----------------------------------------------------------------------------------


def test_a_trial_monitor_starts_monitoring_for_their_organisation(personas, orgs):
    court_case = services.court_case_create(
        actor=personas.trial_monitor,
        court="cantonal_sarajevo",
        case_number="  09 0 K  038412 22 K ",
        stage="trial",
        monitoring_started_on=d(2024, 1, 10),
        indictment_filed_on=d(2023, 12, 1),
        exploitation_forms=["sexual", "labour", "sexual"],
        notes="The injured party testifies behind a screen.",
    )
    assert court_case.monitoring_organisation == orgs.monitor
    assert court_case.case_number == "09 0 K 038412 22 K"  # spaces normalised
    assert court_case.jurisdiction == "fbih"  # the court's
    assert court_case.exploitation_forms == ["labour", "sexual"]
    assert court_case.created_by == personas.trial_monitor
    entry = LogEntry.objects.get_for_object(court_case).get()
    assert entry.actor == personas.trial_monitor


def test_notes_are_encrypted_at_rest(new_court_case):
    court_case = new_court_case(notes="Witness W-3 described the recruitment.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM justice_courtcase WHERE id = %s", [court_case.pk])
        stored = cursor.fetchone()[0]
    assert "recruitment" not in stored
    assert CourtCase.objects.get(pk=court_case.pk).notes.endswith("recruitment.")


@pytest.mark.parametrize("role", ["coordinator", *OUTSIDERS])
def test_only_trial_monitors_record_court_cases(personas, role):
    with pytest.raises(PermissionDenied):
        services.court_case_create(
            actor=getattr(personas, role),
            court="court_bih",
            case_number="S1 2 K 000001 24 K",
            monitoring_started_on=d(2024, 1, 1),
            indictment_filed_on=d(2024, 1, 1),
        )
    assert not CourtCase.objects.exists()


def test_a_monitor_cannot_record_for_another_organisation(personas, orgs):
    with pytest.raises(PermissionDenied):
        services.court_case_create(
            actor=personas.trial_monitor,
            monitoring_organisation=orgs.partner,
            court="court_bih",
            case_number="S1 2 K 000001 24 K",
            monitoring_started_on=d(2024, 1, 1),
        )


def test_the_system_names_the_monitoring_organisation(orgs):
    with pytest.raises(ValidationError) as exc:
        services.court_case_create(
            actor=None, court="court_bih", case_number="X 1", monitoring_started_on=d(2024, 1, 1)
        )
    assert fields_of(exc) == {"monitoring_organisation"}


def test_another_organisation_cannot_change_or_delete_a_case(
    new_court_case, other_monitor, personas
):
    court_case = new_court_case()
    with pytest.raises(PermissionDenied):
        services.court_case_update(
            actor=other_monitor, court_case=court_case, expected_version=1, stage="trial"
        )
    with pytest.raises(PermissionDenied):
        services.court_case_update(
            actor=personas.coordinator, court_case=court_case, expected_version=1, stage="trial"
        )
    with pytest.raises(PermissionDenied):
        services.court_case_delete(actor=other_monitor, court_case=court_case)
    with pytest.raises(PermissionDenied):
        services.defendant_add(actor=other_monitor, court_case=court_case, sex="male")
    assert CourtCase.objects.get().stage == "indictment"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"court": "no_such_court"}, "court"),
        ({"case_number": "   "}, "case_number"),
        ({"stage": "sentencing"}, "stage"),
        ({"stage": "final"}, "final_decision_on"),
        ({"final_decision_on": d(2024, 6, 1)}, "stage"),
        ({"stage": "trial", "indictment_filed_on": None}, "indictment_filed_on"),
        ({"stage": "appeal"}, "first_instance_verdict_on"),
        ({"indictment_confirmed_on": d(2024, 1, 10)}, "indictment_confirmed_on"),  # before filing
        ({"monitoring_ended_on": d(2024, 1, 31)}, "monitoring_ended_on"),
        ({"stage": "final", "final_decision_on": d(2024, 1, 20)}, "monitoring_started_on"),
        ({"trial_started_on": d(2999, 1, 1)}, "trial_started_on"),
        ({"exploitation_forms": ["slavery"]}, "exploitation_forms"),
    ],
)
def test_invalid_court_cases_are_refused_naming_the_field(new_court_case, values, field):
    with pytest.raises(ValidationError) as exc:
        new_court_case(**values)
    assert field in fields_of(exc), exc.value.fields
    assert not CourtCase.objects.exists()


def test_a_case_number_is_monitored_once_per_court(new_court_case):
    new_court_case(case_number="S1 2 K 046712 24 K")
    with pytest.raises(ValidationError) as exc:
        new_court_case(case_number="s1 2 k 046712 24 k")
    assert fields_of(exc) == {"case_number"}
    new_court_case(court="cantonal_sarajevo", case_number="S1 2 K 046712 24 K")  # another court


def test_an_edit_of_a_stale_version_is_refused(new_court_case, personas):
    court_case = new_court_case()
    first = CourtCase.objects.get(pk=court_case.pk)
    second = CourtCase.objects.get(pk=court_case.pk)
    services.court_case_update(
        actor=personas.trial_monitor, court_case=first, expected_version=1,
        stage="trial", trial_started_on=d(2024, 3, 1),
    )  # fmt: skip
    with pytest.raises(Conflict):
        services.court_case_update(
            actor=personas.trial_monitor, court_case=second, expected_version=1, notes="late"
        )
    saved = CourtCase.objects.get(pk=court_case.pk)
    assert (saved.stage, saved.version, saved.notes) == ("trial", 2, "")


def test_finalizing_needs_the_date_and_moving_the_court_updates_the_jurisdiction(
    new_court_case, personas
):
    court_case = new_court_case()
    with pytest.raises(ValidationError) as exc:
        services.court_case_update(
            actor=personas.trial_monitor, court_case=court_case, expected_version=1, stage="final"
        )
    assert fields_of(exc) == {"final_decision_on"}
    court_case = CourtCase.objects.get(pk=court_case.pk)
    services.court_case_update(
        actor=personas.trial_monitor, court_case=court_case, expected_version=1,
        court="basic_bd", stage="final", final_decision_on=d(2024, 5, 1),
    )  # fmt: skip
    assert CourtCase.objects.get(pk=court_case.pk).jurisdiction == "bd"


def test_deleting_a_case_removes_what_hangs_on_it(new_court_case, personas):
    court_case = new_court_case()
    defendant = services.defendant_add(actor=personas.trial_monitor, court_case=court_case)
    services.charge_add(actor=personas.trial_monitor, defendant=defendant, article="bih:186")
    services.court_case_delete(actor=personas.trial_monitor, court_case=court_case)
    assert not Defendant.objects.exists() and not Charge.objects.exists()


# Defendants and charges ------------------------------------------------------------------------


def test_defendants_get_the_next_free_pseudonymous_code(new_court_case, personas):
    court_case = new_court_case()
    monitor = personas.trial_monitor
    first = services.defendant_add(actor=monitor, court_case=court_case, sex="female", age=34)
    second = services.defendant_add(actor=monitor, court_case=court_case, citizenship="rs")
    assert (first.code, second.code) == ("D1", "D2")
    assert str(second.citizenship) == "RS" and second.sex == "unknown"
    with pytest.raises(ValidationError) as exc:
        services.defendant_add(actor=monitor, court_case=court_case, code="d1")
    assert fields_of(exc) == {"code"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "Marko Marković"}, "code"),
        ({"age": 12}, "age"),
        ({"age": 130}, "age"),
        ({"sex": "m"}, "sex"),
        ({"citizenship": "XX"}, "citizenship"),
    ],
)
def test_invalid_defendants_are_refused(new_court_case, personas, values, field):
    with pytest.raises(ValidationError) as exc:
        services.defendant_add(actor=personas.trial_monitor, court_case=new_court_case(), **values)
    assert fields_of(exc) == {field}


def test_charges_name_an_article_by_key_once_per_qualification(new_court_case, personas):
    monitor = personas.trial_monitor
    defendant = services.defendant_add(actor=monitor, court_case=new_court_case())
    charge = services.charge_add(actor=monitor, defendant=defendant, article="FBiH:210a")
    assert charge.article.key == "fbih:210a" and charge.qualification == "initial"
    with pytest.raises(ValidationError) as exc:
        services.charge_add(actor=monitor, defendant=defendant, article="fbih:210a")
    assert fields_of(exc) == {"article"}
    for bad in ("fbih:999", "cc:1", "nonsense"):
        with pytest.raises(ValidationError):
            services.charge_add(actor=monitor, defendant=defendant, article=bad)
    services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    created = services.charges_confirm_as_final(actor=monitor, defendant=defendant)
    assert sorted(c.article.key for c in created) == ["bih:186", "fbih:210a"]
    assert services.charges_confirm_as_final(actor=monitor, defendant=defendant) == []
    assert defendant.charges.filter(qualification="final").count() == 2


def test_confirming_needs_charges(new_court_case, personas):
    defendant = services.defendant_add(actor=personas.trial_monitor, court_case=new_court_case())
    with pytest.raises(ValidationError):
        services.charges_confirm_as_final(actor=personas.trial_monitor, defendant=defendant)


# Verdicts and sentences ------------------------------------------------------------------------


@pytest.fixture
def defendant(new_court_case, personas):
    court_case = new_court_case(
        stage="final",
        first_instance_verdict_on=d(2024, 5, 10),
        final_decision_on=d(2024, 9, 30),
    )
    return services.defendant_add(actor=personas.trial_monitor, court_case=court_case)


def record(personas, defendant, **values):
    values.setdefault("pronounced_on", d(2024, 5, 10))
    return services.verdict_record(actor=personas.trial_monitor, defendant=defendant, **values)


def test_a_conviction_carries_its_sentence(personas, defendant):
    verdict = record(
        personas, defendant, outcome="convicted",
        sentence={"imprisonment_months": 120, "confiscated_bam": "48500.00"},
    )  # fmt: skip
    assert verdict.sentence.imprisonment_months == 120
    assert verdict.sentence.confiscated_bam == Decimal("48500.00")
    assert verdict.sentence.kind == "imprisonment"


def test_a_plea_agreement_is_a_conviction_with_a_sentence(personas, defendant):
    verdict = record(
        personas, defendant, outcome="plea_agreement",
        sentence={"imprisonment_months": 3, "suspended": True, "probation_months": 12},
    )  # fmt: skip
    assert verdict.is_conviction and verdict.sentence.kind == "suspended"


@pytest.mark.parametrize("outcome", ["acquitted", "dismissed"])
def test_only_convictions_carry_a_sentence(personas, defendant, outcome):
    with pytest.raises(ValidationError) as exc:
        record(personas, defendant, outcome=outcome, sentence={"fine_bam": 300})
    assert fields_of(exc) == {"outcome"}
    assert not Verdict.objects.exists()


def test_recording_an_instance_again_replaces_its_verdict_and_sentence(personas, defendant):
    record(personas, defendant, outcome="convicted", sentence={"fine_bam": 500})
    verdict = record(personas, defendant, outcome="acquitted")
    assert Verdict.objects.get() == verdict and verdict.outcome == "acquitted"
    assert not Sentence.objects.exists()


@pytest.mark.parametrize(
    ("sentence", "field"),
    [
        ({}, None),  # a conviction may wait for its sentence (a quality check reports it)
        ({"suspended": True, "imprisonment_months": 6}, "probation_months"),
        ({"imprisonment_months": 6, "probation_months": 12}, "probation_months"),
        ({"suspended": True, "imprisonment_months": 6, "probation_months": 6}, "probation_months"),
        ({"suspended": True, "imprisonment_months": 6, "probation_months": 72}, "probation_months"),
        ({"confiscated_bam": 100}, "imprisonment_months"),
        ({"fine_bam": 0}, "fine_bam"),
        ({"fine_bam": -5}, "fine_bam"),
        ({"fine_bam": "12.345"}, "fine_bam"),
        ({"fine_bam": "a lot"}, "fine_bam"),
        ({"imprisonment_months": 600}, "imprisonment_months"),
        ({"imprisonment_months": 12, "confiscated_bam": -1}, "confiscated_bam"),
    ],
)
def test_sentences_are_validated(personas, defendant, sentence, field):
    if field is None:
        verdict = record(personas, defendant, outcome="convicted", sentence=sentence)
        assert not Sentence.objects.filter(verdict=verdict).exists()
        return
    with pytest.raises(ValidationError) as exc:
        record(personas, defendant, outcome="convicted", sentence=sentence)
    assert field in fields_of(exc), exc.value.fields


def test_instances_follow_each_other(personas, defendant):
    with pytest.raises(ValidationError) as exc:
        record(personas, defendant, instance=2, outcome="convicted")
    assert fields_of(exc) == {"instance"}
    first = record(personas, defendant, outcome="convicted", sentence={"fine_bam": 300})
    with pytest.raises(ValidationError) as exc:
        record(personas, defendant, instance=2, outcome="acquitted", pronounced_on=d(2024, 5, 1))
    assert fields_of(exc) == {"pronounced_on"}
    second = record(
        personas, defendant, instance=2, outcome="acquitted", pronounced_on=d(2024, 9, 30)
    )
    with pytest.raises(ValidationError):
        services.verdict_remove(actor=personas.trial_monitor, verdict=first)
    services.verdict_remove(actor=personas.trial_monitor, verdict=second)
    services.verdict_remove(actor=personas.trial_monitor, verdict=first)
    assert not Verdict.objects.exists()


@pytest.mark.parametrize(
    "day", [d(2023, 12, 31), d(2024, 10, 1), d(2999, 1, 1)], ids=["before", "after", "future"]
)
def test_a_verdict_falls_between_indictment_and_final_decision(personas, defendant, day):
    with pytest.raises(ValidationError) as exc:
        record(personas, defendant, outcome="convicted", pronounced_on=day)
    assert fields_of(exc) == {"pronounced_on"}


# Hearings --------------------------------------------------------------------------------------


def test_hearings_in_the_future_are_only_scheduled(new_court_case, personas):
    court_case = new_court_case()
    monitor = personas.trial_monitor
    with pytest.raises(ValidationError) as exc:
        services.hearing_add(actor=monitor, court_case=court_case, held_on=d(2999, 1, 1))
    assert fields_of(exc) == {"held_on"}
    hearing = services.hearing_add(
        actor=monitor, court_case=court_case, held_on=d(2999, 1, 1), outcome="scheduled",
        notes="Expert witness to be heard.",
    )  # fmt: skip
    services.hearing_update(actor=monitor, hearing=hearing, held_on=d(2024, 3, 5), outcome="held")
    assert Hearing.objects.get().outcome == "held"
    with pytest.raises(ValidationError) as exc:
        services.hearing_add(actor=monitor, court_case=court_case, held_on=None)
    assert fields_of(exc) == {"held_on"}


# Injured parties and compensation ------------------------------------------------------------


def test_an_injured_party_is_linked_to_a_victim_case_by_its_code(new_court_case, personas):
    victim = case_create(actor=personas.coordinator, identified_on=d(2024, 3, 1), sex="female")
    court_case = new_court_case()
    monitor = personas.trial_monitor
    party = services.injured_party_add(
        actor=monitor, court_case=court_case, sex="female", age_group="minor",
        victim_case_code=victim.code.lower(),
    )  # fmt: skip
    assert party.code == "O1" and party.victim_case_id == victim.pk
    with pytest.raises(ValidationError) as exc:
        services.injured_party_add(
            actor=monitor, court_case=court_case, victim_case_code=victim.code
        )
    assert fields_of(exc) == {"victim_case_code"}  # already linked in this case
    with pytest.raises(ValidationError) as exc:
        services.injured_party_add(
            actor=monitor, court_case=court_case, victim_case_code="V-1900-0001"
        )
    assert fields_of(exc) == {"victim_case_code"}
    services.injured_party_update(actor=monitor, injured_party=party, victim_case_code="")
    party.refresh_from_db()
    assert party.victim_case_id is None


@pytest.fixture
def party(new_court_case, personas):
    return services.injured_party_add(actor=personas.trial_monitor, court_case=new_court_case())


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"claimed_bam": None}, "claimed_bam"),
        ({"claimed_bam": -1}, "claimed_bam"),
        ({"outcome": "awarded", "decided_on": d(2024, 5, 1)}, "awarded_bam"),
        ({"awarded_bam": 100}, "awarded_bam"),
        ({"outcome": "awarded", "awarded_bam": 20000, "decided_on": d(2024, 5, 1)}, "awarded_bam"),
        ({"outcome": "awarded", "awarded_bam": 500, "paid_bam": 600, "decided_on": d(2024, 5, 1)},
         "paid_bam"),
        ({"paid_bam": 10}, "paid_bam"),
        ({"outcome": "rejected"}, "decided_on"),
        ({"outcome": "won"}, "outcome"),
    ],
)  # fmt: skip
def test_compensation_claims_are_validated(personas, party, values, field):
    values = {"claimed_bam": 10000, **values}
    with pytest.raises(ValidationError) as exc:
        services.claim_add(actor=personas.trial_monitor, injured_party=party, **values)
    assert field in fields_of(exc), exc.value.fields


def test_a_claim_is_against_a_defendant_of_the_same_case(personas, party, new_court_case):
    monitor = personas.trial_monitor
    stranger = services.defendant_add(actor=monitor, court_case=new_court_case())
    with pytest.raises(ValidationError) as exc:
        services.claim_add(actor=monitor, injured_party=party, claimed_bam=100, defendant=stranger)
    assert fields_of(exc) == {"defendant"}
    own = services.defendant_add(actor=monitor, court_case=party.court_case)
    claim = services.claim_add(
        actor=monitor, injured_party=party, claimed_bam="30000", defendant=own.pk,
        outcome="awarded", awarded_bam="15000.50", paid_bam=0, decided_on=d(2024, 6, 1),
    )  # fmt: skip
    assert claim.awarded_bam == Decimal("15000.50") and claim.defendant == own
    services.claim_update(actor=monitor, claim=claim, paid_bam="15000.50")
    claim.refresh_from_db()
    assert claim.paid_bam == claim.awarded_bam
