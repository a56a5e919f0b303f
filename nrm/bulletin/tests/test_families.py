"""Every family the bulletin reports follows the records the same way in the bulletin, on the
dashboard and in `nrm stats`: change a record, and all three change alike."""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from nrm.activities import services as activity_services
from nrm.activities.data import PlaceData, SessionData
from nrm.activities.tests.conftest import activity_data
from nrm.bulletin import selectors, services
from nrm.cases.services import case_create, service_record
from nrm.justice import services as justice

pytestmark = pytest.mark.django_db
D = datetime.date


def stats(family: str, start: str, end: str) -> dict:
    out = io.StringIO()
    call_command("stats", "--from", start, "--to", end, "--family", family, stdout=out)
    return json.loads(out.getvalue())[family]


def dashboard_row(client, period: str, table: str, label: str) -> str:
    """The first value of the row `label` of the dashboard table `table`."""
    page = client.get(f"/statistics/?period={period}").content.decode()
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    match = re.search(
        rf'<th scope="row"[^>]*>{re.escape(label)}</th>\s*<td[^>]*>([^<]*)</td>', body
    )
    assert match, f"no row {label!r} in {table}"
    return match.group(1).strip()


def bulletin_text(personas, edition) -> str:
    document = selectors.draft_document(actor=personas.coordinator, edition=edition, language="en")
    return document.plain_text().replace("\u202f", " ")


@pytest.fixture
def edition(personas):
    return services.edition_create(actor=personas.coordinator, period="2024-H2")


def test_a_legal_service_changes_the_services_everywhere(personas, client_for, edition):
    case = case_create(actor=personas.field_identifier, identified_on=D(2024, 7, 10), sex="female")
    worker = personas.legal_aid_worker
    provider = worker.organisation.name
    client = client_for(personas.coordinator)
    for count, expected in ((73, 73), (1, 74)):
        service_record(
            actor=None,
            provider=worker.organisation,
            case=case,
            service_type="legal_aid",
            delivered_on=D(2024, 9, 1),
            count=count,
        )
        figures = stats("referrals", "2024-07-01", "2024-12-31")["services"]
        assert figures["by_provider"][provider]["by_service_type"]["legal_aid"] == expected
        assert dashboard_row(client, "2024-H2", "referrals-services-by-provider", provider) == (
            str(expected)
        )
        text = bulletin_text(personas, edition)
        assert f"In the period, {expected} services were delivered to 1 victim" in text
        assert f"{provider} | {expected} | {expected}" in text


def _claim(personas, new_court_case_values):
    court_case = justice.court_case_create(actor=personas.trial_monitor, **new_court_case_values)
    party = justice.injured_party_add(actor=personas.trial_monitor, court_case=court_case)
    return justice.claim_add(
        actor=personas.trial_monitor,
        injured_party=party,
        claimed_bam=Decimal(30000),
        outcome="awarded",
        awarded_bam=Decimal(15000),
        paid_bam=Decimal(0),
        decided_on=D(2024, 10, 1),
    )


def test_a_compensation_payment_changes_the_family_everywhere(personas, client_for, edition):
    claim = _claim(
        personas,
        {
            "court": "court_bih",
            "case_number": "S1 2 K 000001 24 K",
            "stage": "indictment",
            "monitoring_started_on": D(2024, 2, 1),
            "indictment_filed_on": D(2024, 1, 15),
        },
    )
    client = client_for(personas.coordinator)
    text = bulletin_text(personas, edition)
    assert "injured parties filed 1 compensation claim, for 30 000 BAM." in text
    assert "No payment of an awarded claim was recorded." in text
    assert stats("compensation", "2024-01-01", "2024-12-31")["claims"]["paid_bam"] == 0
    assert dashboard_row(client, "2024", "compensation-claims", "paid (BAM)") == "0"

    justice.claim_update(actor=personas.trial_monitor, claim=claim, paid_bam=Decimal(5000))

    figures = stats("compensation", "2024-01-01", "2024-12-31")
    assert (figures["claims"]["paid"], figures["claims"]["paid_bam"]) == (1, 5000)
    assert figures["by_court_level"]["state"]["paid_bam"] == 5000
    assert figures["by_code"]["bih"]["paid_bam"] == 5000
    assert dashboard_row(client, "2024", "compensation-claims", "paid (BAM)") == "5000"
    text = bulletin_text(personas, edition)
    assert "Payment was recorded for 1 claim, 5 000 BAM." in text
    assert "Court of BiH | 1 | 1 | 15 000 | 5 000 | — | —" in text


def test_the_compensation_family_is_scoped_like_trial_monitoring(personas):
    from nrm.core.errors import PermissionDenied
    from nrm.core.periods import Period
    from nrm.justice.statistics import compensation_statistics

    for persona in ("case_worker", "partner", "field_identifier"):
        with pytest.raises(PermissionDenied):
            compensation_statistics(period=Period.parse("2024"), actor=getattr(personas, persona))


def test_an_activity_s_participants_and_sessions_change_everywhere(personas, client_for, edition):
    data = activity_data(
        type="training",
        start_date=D(2024, 11, 18),
        end_date=D(2024, 11, 21),
        titles={"en": "Basic trainings on labour exploitation"},
        participants_total=50,
        sessions=[
            SessionData(municipality="banja-luka", start_date=D(2024, 11, 18), participants=12),
            SessionData(municipality="bihac", start_date=D(2024, 11, 19), participants=13),
        ],
        places=[PlaceData(municipality="neum")],
    )
    activity = activity_services.activity_create(actor=personas.partner, data=data)
    activity = activity_services.activity_submit(actor=personas.partner, activity=activity)
    activity = activity_services.activity_approve(actor=None, activity=activity)
    client = client_for(personas.coordinator)
    assert stats("activities", "2024-07-01", "2024-12-31")["participants"]["total"] == 50
    assert dashboard_row(client, "2024-H2", "activities-participants", "total") == "50"
    text = bulletin_text(personas, edition)
    assert "They brought together 50 participants." in text
    assert "Sessions" in text
    assert "18 November 2024, Banja Luka — 12 participants" in text
    assert "19 November 2024, Bihać — 13 participants" in text

    activity = activity_services.activity_return(actor=None, activity=activity, comment="60")
    data.participants_total = 60
    data.sessions[1].participants = 18
    activity = activity_services.activity_update(
        actor=personas.partner, activity=activity, data=data, expected_version=activity.version
    )
    activity = activity_services.activity_submit(actor=personas.partner, activity=activity)
    activity_services.activity_approve(actor=None, activity=activity)

    assert stats("activities", "2024-07-01", "2024-12-31")["participants"]["total"] == 60
    assert dashboard_row(client, "2024-H2", "activities-participants", "total") == "60"
    text = bulletin_text(personas, edition)
    assert "They brought together 60 participants." in text
    assert "19 November 2024, Bihać — 18 participants" in text


def test_a_campaign_states_each_figure_of_its_reach_and_a_dash_where_none(personas, edition):
    data = activity_data(
        type="campaign",
        start_date=D(2024, 7, 1),
        end_date=D(2024, 12, 31),
        titles={"en": "Digital awareness-raising campaign"},
        reach_people=1194614,
        reach_views=8976439,
        places=[],
    )
    activity = activity_services.activity_create(actor=personas.partner, data=data)
    activity = activity_services.activity_submit(actor=personas.partner, activity=activity)
    activity_services.activity_approve(actor=None, activity=activity)
    text = bulletin_text(personas, edition)
    assert "people reached: 1 194 614" in text
    assert "women reached: —" in text and "clicks: —" in text
    assert "views: 8 976 439" in text
    assert "women reached: 0" not in text


def test_partners_come_in_the_bulletin_s_order(personas):
    from nrm.bulletin.sources import partner_rank

    rank = partner_rank()
    names = ["Test Other Partner", "Test Partner IO", "Test Ministry of Security", "Unknown"]
    assert sorted(names, key=rank) == [
        "Test Ministry of Security",  # institutions
        "Test Partner IO",  # international organisations
        "Test Other Partner",  # NGOs
        "Unknown",  # organisations not in the directory: with the NGOs
    ]
