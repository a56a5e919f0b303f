"""Reads: scoped to the reader; a case beyond reach is NotFound; victims show as a code."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nrm.cases.services import case_create
from nrm.core.errors import NotFound, PermissionDenied
from nrm.justice import selectors, services
from nrm.justice.tests.conftest import OUTSIDERS

d = datetime.date
pytestmark = pytest.mark.django_db


def test_monitors_read_their_organisation_and_coordinators_everything(
    new_court_case, other_monitor, personas
):
    own = new_court_case()
    foreign = new_court_case(actor=other_monitor)
    assert list(selectors.court_case_list(actor=personas.trial_monitor)) == [own]
    assert list(selectors.court_case_list(actor=other_monitor)) == [foreign]
    assert set(selectors.court_case_list(actor=personas.coordinator)) == {own, foreign}
    assert selectors.court_case_get(actor=personas.coordinator, pk=foreign.pk) == foreign
    with pytest.raises(NotFound):
        selectors.court_case_get(actor=personas.trial_monitor, pk=foreign.pk)
    defendant = services.defendant_add(actor=other_monitor, court_case=foreign)
    with pytest.raises(NotFound):
        selectors.defendant_get(actor=personas.trial_monitor, pk=defendant.pk)
    assert selectors.can_edit(actor=personas.trial_monitor, court_case=own)
    assert not selectors.can_edit(actor=personas.coordinator, court_case=own)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_else_reads_monitored_cases_or_the_catalogue(new_court_case, personas, role):
    court_case = new_court_case()
    user = getattr(personas, role)
    for read in (
        lambda: selectors.court_case_list(actor=user),
        lambda: selectors.court_case_get(actor=user, pk=court_case.pk),
        lambda: selectors.criminal_codes(actor=user),
        lambda: selectors.court_list(actor=user),
    ):
        with pytest.raises(PermissionDenied):
            read()


def test_filters(new_court_case, personas):
    monitor = personas.trial_monitor
    thb = new_court_case(case_number="S1 2 K 046712 24 K")
    services.charge_add(
        actor=monitor,
        defendant=services.defendant_add(actor=monitor, court_case=thb),
        article="bih:186",
    )
    done = new_court_case(
        court="basic_bd", stage="final", first_instance_verdict_on=d(2024, 3, 1),
        final_decision_on=d(2024, 4, 1),
    )  # fmt: skip
    later = new_court_case(monitoring_started_on=d(2025, 2, 1))

    def found(**filters):
        return set(selectors.court_case_list(actor=monitor, **filters))

    assert found(q="046712") == {thb}
    assert found(article="bih:186") == {thb}
    assert found(status="finalized") == {done}
    assert found(status="ongoing") == {thb, later}
    assert found(jurisdiction="bd") == {done}
    assert found(stage="indictment") == {thb, later}
    assert found(monitored_from=d(2025, 1, 1)) == {thb, later}
    assert found(monitored_to=d(2024, 12, 31)) == {thb, done}
    articles = selectors.charged_articles([thb, done])
    assert [a.key for a in articles[thb.pk]] == ["bih:186"] and articles[done.pk] == []


def test_a_case_page_costs_a_fixed_number_of_queries(
    new_court_case, personas, django_assert_max_num_queries
):
    monitor = personas.trial_monitor
    court_case = new_court_case()
    for _ in range(3):
        defendant = services.defendant_add(actor=monitor, court_case=court_case)
        services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
        services.hearing_add(actor=monitor, court_case=court_case, held_on=d(2024, 3, 1))
        party = services.injured_party_add(actor=monitor, court_case=court_case)
        services.claim_add(actor=monitor, injured_party=party, claimed_bam=100)
    with django_assert_max_num_queries(10):
        loaded = selectors.court_case_get(actor=monitor, pk=court_case.pk)
        for defendant in loaded.defendants.all():
            [c.article.code.short_name for c in defendant.charges.all()]
            [getattr(v, "sentence", None) for v in defendant.verdicts.all()]
        totals = selectors.compensation_of(loaded)
    assert totals.claimed == 300 and len(totals.claims) == 3


def test_the_linked_victim_is_read_as_its_code_only(new_court_case, personas):
    victim = case_create(
        actor=personas.coordinator, identified_on=d(2024, 3, 1), sex="female",
        first_name="Fictional", last_name="Person", notes="Private note.",
    )  # fmt: skip
    court_case = new_court_case()
    services.injured_party_add(
        actor=personas.trial_monitor, court_case=court_case, victim_case_code=victim.code
    )
    with CaptureQueriesContext(connection) as queries:
        loaded = selectors.court_case_get(actor=personas.trial_monitor, pk=court_case.pk)
        party = loaded.injured_parties.all()[0]
    assert getattr(party, "victim_case_code") == victim.code  # noqa: B009  (an annotation)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "cases_person" not in sql
    assert '"cases_victimcase"."notes"' not in sql
