"""The bulletin's selector: approved activities by organisation, one language, merged events."""

from __future__ import annotations

import datetime

import pytest

from nrm.activities import services
from nrm.activities.data import PlaceData
from nrm.activities.selectors import bulletin_activities
from nrm.core.periods import Period

D = datetime.date
H2 = Period.parse("2024-H2")
pytestmark = pytest.mark.django_db


def test_approved_activities_grouped_by_reporting_organisation(personas, report, orgs):
    report(
        personas.partner,
        status="approved",
        titles={"en": "B"},
        start_date=D(2024, 10, 1),
        end_date=D(2024, 10, 1),
    )
    report(
        personas.partner,
        status="approved",
        titles={"en": "A"},
        start_date=D(2024, 9, 1),
        end_date=D(2024, 9, 1),
    )
    report(personas.other_partner, status="approved", titles={"en": "C"})
    report(personas.partner, status="submitted", titles={"en": "not yet"})
    sections = bulletin_activities(period=H2, language="en")
    assert [(s.organisation, [a.title for a in s.activities]) for s in sections] == [
        (orgs.other_partner.name, ["C"]),
        (orgs.partner.name, ["A", "B"]),
    ]


def test_a_linked_event_appears_once_crediting_every_organiser(personas, report, orgs):
    coe = report(
        personas.other_partner,
        status="approved",
        participants_total=39,
        organisers=[orgs.other_partner.pk],
        other_organisers="EU4FAST",
        links=["https://example.org/a"],
    )
    iom = report(
        personas.partner,
        status="approved",
        participants_total=31,
        partners=[orgs.monitor.pk],
        links=["https://example.org/b"],
    )
    services.event_link(actor=personas.coordinator, activities=[coe, iom])
    sections = bulletin_activities(period=H2, language="en")
    assert len(sections) == 1 and len(sections[0].activities) == 1
    item = sections[0].activities[0]
    assert item.record == coe.record
    assert item.reports == (coe.record, iom.record)
    assert item.organisers == (orgs.other_partner.name, "EU4FAST", orgs.partner.name)
    assert item.partners == (orgs.monitor.name,)
    assert item.participants["total"] == 39
    assert item.reported_figures == ((orgs.other_partner.name, 39), (orgs.partner.name, 31))
    assert item.links == ("https://example.org/a", "https://example.org/b")


def test_the_language_of_the_bulletin_and_its_fallbacks(personas, report):
    report(
        personas.partner,
        status="approved",
        titles={"en": "Summer Police School", "bs": "Ljetna policijska škola"},
        summaries={"en": "For young people."},
        target_groups=["youth"],
        places=[
            PlaceData(municipality="pale", locality="Jahorina"),
            PlaceData(city="Vienna", country="AT"),
        ],
    )
    item = bulletin_activities(period=H2, language="sr")[0].activities[0]
    assert (item.title, item.title_language) == ("Љетна полицијска школа", "bs")
    assert item.summary_language == "en"
    assert item.type_label == "обука"
    assert item.target_groups == ("дјеца и млади",)
    assert item.places == ("Јахорина (Пале)", "Беч, Аустрија")  # no English inside Cyrillic
    english = bulletin_activities(period=H2, language="en")[0].activities[0]
    assert english.places == ("Jahorina (Pale)", "Vienna, Austria")
    assert english.type_label == "training"


def test_ongoing_activities_are_included_and_marked(personas, report):
    report(
        personas.partner,
        status="approved",
        start_date=D(2024, 11, 1),
        end_date=D(2025, 6, 30),
        titles={"en": "Project"},
    )
    item = bulletin_activities(period=H2, language="en")[0].activities[0]
    assert item.ongoing
    assert bulletin_activities(period=H2, language="en", include_ongoing=False) == []
