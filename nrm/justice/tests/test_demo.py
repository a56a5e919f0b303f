"""The demo data reproduce the bulletin's monitoring findings for 2024, exactly."""

import io
import json
import re

import pytest
from django.core.management import call_command

from nrm.accounts.models import User
from nrm.justice.models import CourtCase, Defendant, Hearing, InjuredParty

pytestmark = pytest.mark.django_db

# "Monitoring findings", Biannual Bulletin July - December 2024 (1 January - 31 December 2024).
BULLETIN_2024 = {
    "cases": {"total": 33, "ongoing": 26, "finalized": 7},
    "defendants": {"total": 64, "male": 55, "female": 9},
    "cases_by_article": {
        "bih:186": 6, "rs:146": 1, "fbih:210a": 5, "fbih:210b": 3, "bd:207a": 2,
        "bih:187": 2, "fbih:210": 4,
        "fbih:219": 9, "rs:207": 0, "rs2017:187": 0, "bd:216": 0,
        "fbih:209": 3, "fbih:211": 3, "rs:175": 1, "fbih:212": 2, "fbih:207": 2, "fbih:238": 2,
        "fbih:217": 1, "fbih:179": 1, "fbih:203": 1, "fbih:208": 1, "rs:184": 1, "bd:218": 1,
    },
    "verdicts": {"convicted": 10, "acquitted": 2, "dismissed": 0},
    "sentences": {
        "suspended": 5,
        "imprisonment": 4,
        "fine": 1,
        "imprisonment_months": {"min": 18, "max": 120},  # the harshest: 10 years in prison
        "suspended_months": {"min": 3, "max": 8},  # the lowest: 3 months, suspended
        "fines_bam": {"min": 300, "max": 300},  # and a fine of 300 BAM
    },
}  # fmt: skip
CASE_NUMBER = re.compile(r"^(S1 2|\d{2} 0) K \d{6} \d{2} K$")


def stats_2024() -> dict:
    out = io.StringIO()
    call_command(
        "stats", "--from", "2024-01-01", "--to", "2024-12-31", "--family", "trial_monitoring",
        stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


def test_the_demo_reproduces_the_bulletin_figures_and_loads_idempotently():
    call_command("demo", "--quiet-accounts", verbosity=0)
    result = stats_2024()
    assert result["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert result["trial_monitoring"] == BULLETIN_2024
    counts = (CourtCase.objects.count(), Defendant.objects.count(), Hearing.objects.count())
    call_command("demo", "--quiet-accounts", verbosity=0)
    assert (CourtCase.objects.count(), Defendant.objects.count(), Hearing.objects.count()) == counts
    assert stats_2024()["trial_monitoring"] == BULLETIN_2024

    # Plausible and fictional: the OSCE Mission monitors, courts' number formats, codes only.
    monitor = User.objects.get(username="monitor")
    assert monitor.organisation is not None and monitor.organisation.short_name == "OSCE"
    assert set(CourtCase.objects.values_list("monitoring_organisation", flat=True)) == {
        monitor.organisation_id
    }
    assert all(
        CASE_NUMBER.match(n) for n in CourtCase.objects.values_list("case_number", flat=True)
    )
    assert all(re.fullmatch(r"D\d+", c) for c in Defendant.objects.values_list("code", flat=True))
    assert all(
        re.fullmatch(r"O\d+", c) for c in InjuredParty.objects.values_list("code", flat=True)
    )
    assert CourtCase.objects.count() == 35  # two more outside 2024 show the period rules
