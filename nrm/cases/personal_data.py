"""The cases app's part of a person's access export and of erasing a person's data.

Export: what NRM holds on the person of those cases, without other people's data (a guardian
is shown by relationship and dates, never by name). Erase: every identifying value and free
text of those cases; what the statistics count (status, dates, sex, age, citizenship, forms of
exploitation, services, stays) stays as the pseudonymous record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models
from django.utils.translation import gettext as _

from nrm.cases.models import (
    Consent,
    Guardian,
    IdentificationDecision,
    Person,
    Referral,
    ServiceDelivery,
    ShelterStay,
    VictimCase,
)
from nrm.core.personal_data import PersonalSection, clear_fields, described

PERSON_FIELDS = ("first_name", "last_name", "birth_date", "contact", "languages")
CASE_FIELDS = (
    "code",
    "status",
    "identified_on",
    "confirmed_on",
    "organisation",
    "sex",
    "age_at_identification",
    "citizenship",
    "municipality",
    "trafficking_scope",
    "notes",
)
FREE_TEXT: dict[type[models.Model], tuple[str, ...]] = {
    IdentificationDecision: ("reason",),
    Consent: ("note",),
    Referral: ("note", "response_reason", "completion_note", "consent_override_reason"),
    ServiceDelivery: ("note",),
}


def export(case_ids: Sequence[int]) -> list[PersonalSection]:
    cases = list(
        VictimCase.objects.filter(pk__in=case_ids)
        .select_related("person", "organisation", "municipality")
        .prefetch_related("exploitations")
    )
    if not cases:
        return []
    persons = {case.person for case in cases}
    sections = [
        PersonalSection(_("About you"), [described(person, PERSON_FIELDS) for person in persons]),
        PersonalSection(
            _("Your cases"),
            [
                [
                    *described(case, CASE_FIELDS),
                    (_("forms of exploitation"), ", ".join(case.exploitation_labels)),
                ]
                for case in cases
            ],
        ),
        _section(
            _("Decisions"),
            IdentificationDecision.objects.filter(case__in=cases).select_related("authority"),
            ("decided_on", "from_status", "to_status", "authority", "reason"),
        ),
        _section(
            _("Consents"),
            Consent.objects.filter(case__in=cases),
            ("recorded_on", "kind", "given", "given_by", "note"),
        ),
        _section(
            _("Referrals"),
            Referral.objects.filter(case__in=cases).select_related(
                "from_organisation", "to_organisation"
            ),
            (
                "referred_on",
                "from_organisation",
                "to_organisation",
                "service_type",
                "status",
                "note",
                "responded_on",
                "completed_on",
            ),
        ),
        _section(
            _("Services received"),
            ServiceDelivery.objects.filter(case__in=cases).select_related("provider"),
            ("delivered_on", "service_type", "provider", "count", "note"),
        ),
        _section(
            _("Stays in a safe house"),
            ShelterStay.objects.filter(case__in=cases).select_related("safe_house"),
            ("start", "end", "safe_house"),
        ),
        # A guardian is another person: the export says that there was one, not who.
        _section(
            _("Guardianship"),
            Guardian.objects.filter(case__in=cases),
            ("relationship", "appointed_on", "ended_on"),
        ),
    ]
    return [section for section in sections if section.records]


def _section(title: str, rows: Iterable[models.Model], names: tuple[str, ...]) -> PersonalSection:
    return PersonalSection(title, [described(row, names) for row in rows])


def erase(case_ids: Sequence[int]) -> int:
    cases = VictimCase.objects.filter(pk__in=case_ids)
    persons = Person.objects.filter(cases__in=cases).distinct()
    changed = clear_fields(
        persons,
        {
            "first_name": "",
            "last_name": "",
            "birth_date": None,
            "contact": "",
            "languages": [],
            "match_index": "",
        },
    )
    changed += clear_fields(cases, {"notes": ""})
    changed += clear_fields(Guardian.objects.filter(case__in=cases), {"name": "", "contact": ""})
    for model, names in FREE_TEXT.items():
        rows = model._default_manager.filter(case__in=cases)
        changed += clear_fields(rows, dict.fromkeys(names, ""))
    return changed
