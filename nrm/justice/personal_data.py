"""The justice app's part of a person's access export and of erasing a person's data: the
injured parties linked to the person's cases (the court case itself is about the defendants
and stays)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from nrm.core.personal_data import PersonalSection, clear_fields, described
from nrm.justice.models import InjuredParty


def export(case_ids: Sequence[int]) -> list[PersonalSection]:
    parties = InjuredParty.objects.filter(victim_case_id__in=case_ids).select_related(
        "court_case__court"
    )
    records = [
        [
            (_("court case"), party.court_case.case_number),
            (_("court"), str(party.court_case.court)),
            *described(party, ("code", "notes")),
        ]
        for party in parties
    ]
    return [PersonalSection(_("Court proceedings"), records)] if records else []


def erase(case_ids: Sequence[int]) -> int:
    return clear_fields(InjuredParty.objects.filter(victim_case_id__in=case_ids), {"notes": ""})
