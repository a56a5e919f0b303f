"""The order of partners: the coordinator sets it per edition; by default institutions, then
international organisations, then NGOs; a partner not listed comes after those listed."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from nrm.activities import services as activity_services
from nrm.activities.tests.conftest import activity_data
from nrm.bulletin import selectors, services
from nrm.core.errors import PermissionDenied, ValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(personas):
    return services.edition_create(actor=personas.coordinator, period="2024-H2")


@pytest.fixture
def report(db):
    """report(actor, **overrides): an approved activity of 2024-H2 entered by `actor`."""

    def make(actor, status="approved", **overrides):
        activity = activity_services.activity_create(actor=actor, data=activity_data(**overrides))
        activity = activity_services.activity_submit(actor=actor, activity=activity)
        return activity_services.activity_approve(actor=None, activity=activity)

    return make


@pytest.fixture
def reported(personas, report):
    """Approved activities of 2024-H2 by an international organisation, an NGO and the
    ministry (an institution), entered in that order."""
    report(personas.partner, status="approved", titles={"en": "IO training"})
    report(personas.other_partner, status="approved", titles={"en": "NGO training"})
    report(personas.coordinator, status="approved", titles={"en": "Ministry training"})


def group_names(personas, edition) -> list[str]:
    document = selectors.draft_document(actor=personas.coordinator, edition=edition, language="en")
    text = document.plain_text()
    names = ["Test Ministry of Security", "Test Partner IO", "Test Other Partner"]
    return sorted((n for n in names if n in text), key=text.index)


def test_by_default_institutions_come_first_then_international_organisations_then_ngos(
    personas, edition, reported
):
    assert [
        p.organisation for p in selectors.partner_order(actor=personas.coordinator, edition=edition)
    ] == [
        "Test Ministry of Security",
        "Test Partner IO",
        "Test Other Partner",
    ]
    assert group_names(personas, edition) == [
        "Test Ministry of Security",
        "Test Partner IO",
        "Test Other Partner",
    ]


def test_the_coordinator_s_order_is_applied_and_a_later_partner_follows_it(
    personas, orgs, edition, report
):
    report(personas.partner, status="approved", titles={"en": "IO training"})
    report(personas.other_partner, status="approved", titles={"en": "NGO training"})
    edition = services.edition_move_partner(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        organisation=orgs.other_partner.pk,
        direction="up",
    )
    assert edition.partner_order == [orgs.other_partner.pk, orgs.partner.pk]
    # The ministry reports later: not listed, it follows the listed partners.
    report(personas.coordinator, status="approved", titles={"en": "Ministry training"})
    assert group_names(personas, edition) == [
        "Test Other Partner",
        "Test Partner IO",
        "Test Ministry of Security",
    ]


def test_only_the_coordinator_orders_partners_and_the_change_is_audited(
    personas, orgs, edition, reported
):
    for user in (personas.partner, personas.auditor, personas.admin, personas.norole):
        with pytest.raises(PermissionDenied):
            services.edition_move_partner(
                actor=user,
                edition=edition,
                expected_version=edition.version,
                organisation=orgs.partner.pk,
                direction="up",
            )
    services.edition_move_partner(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        organisation=orgs.partner.pk,
        direction="up",
    )
    entry = LogEntry.objects.get_for_object(edition).order_by("-timestamp").first()
    assert entry.actor == personas.coordinator
    assert "partner_order" in entry.changes_dict
    with pytest.raises(ValidationError) as error:
        services.edition_move_partner(
            actor=personas.coordinator,
            edition=edition,
            expected_version=edition.version,
            organisation=orgs.outsider.pk,  # reported nothing
            direction="down",
        )
    assert "organisation" in error.value.fields


def test_the_compose_page_moves_a_partner_with_a_button(
    personas, orgs, client_for, edition, reported
):
    client = client_for(personas.coordinator)
    page = client.get("/bulletin/2024-H2/").content.decode()
    assert "Move up" in page and "Test Other Partner" in page
    response = client.post(
        "/bulletin/2024-H2/partners/",
        {"version": edition.version, "organisation": orgs.other_partner.pk, "direction": "up"},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.partner_order == [orgs.ministry.pk, orgs.other_partner.pk, orgs.partner.pk]
    denied = client_for(personas.partner).post(
        "/bulletin/2024-H2/partners/",
        {"version": edition.version, "organisation": orgs.partner.pk, "direction": "up"},
    )
    assert denied.status_code == 403


def test_the_coordinator_restores_the_default_order(personas, orgs, client_for, edition, reported):
    client = client_for(personas.coordinator)
    client.post(
        "/bulletin/2024-H2/partners/",
        {"version": edition.version, "organisation": orgs.other_partner.pk, "direction": "up"},
    )
    edition.refresh_from_db()
    assert edition.partner_order
    assert "Restore the default order" in client.get("/bulletin/2024-H2/").content.decode()
    with pytest.raises(PermissionDenied):
        services.edition_restore_partner_order(
            actor=personas.partner, edition=edition, expected_version=edition.version
        )
    response = client.post("/bulletin/2024-H2/partners/default/", {"version": edition.version})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.partner_order == []
    assert group_names(personas, edition) == [
        "Test Ministry of Security",
        "Test Partner IO",
        "Test Other Partner",
    ]
