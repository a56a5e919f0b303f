"""Every read of the exchange app, scoped to the actor.

Which cases an export may hold is the cases app's rule (nrm.cases.rules.visible_cases): the
exchange asks it, never re-implements it. Identifying data are read case by case through
nrm.cases.selectors.case_identity, which checks the right to see them and leaves an access entry.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from nrm.cases import rules as case_rules
from nrm.cases.models import (
    VICTIM_STATUSES,
    CaseExploitation,
    Consent,
    ConsentKind,
    IdentificationDecision,
    Referral,
    ShelterStay,
    VictimCase,
)
from nrm.cases.statistics import stays_overlapping, victims_identified_in
from nrm.core.periods import Period
from nrm.exchange.models import ExchangeRecord
from nrm.exchange.rules import require_exchange


def cases_for_export(*, actor: Any, period: Period) -> QuerySet[VictimCase]:
    """The cases of a period the actor may read: those identified in it, and the victims
    housed in a shelter during it (they count in the period's "in shelter" figure)."""
    require_exchange(actor)
    housed = stays_overlapping(period).values("case_id")
    in_period = Q(identified_on__gte=period.start, identified_on__lte=period.end)
    qs = case_rules.visible_cases(actor).filter(
        in_period | Q(pk__in=housed, status__in=VICTIM_STATUSES, identified_on__isnull=False)
    )
    return (
        qs.select_related("organisation", "municipality")
        .prefetch_related(
            Prefetch("exploitations", queryset=CaseExploitation.objects.order_by("form")),
            Prefetch("stays", queryset=ShelterStay.objects.order_by("start", "pk")),
            Prefetch(
                "decisions",
                queryset=IdentificationDecision.objects.select_related("authority").order_by(
                    "decided_on", "created_at", "pk"
                ),
            ),
            Prefetch(
                "consents",
                queryset=Consent.objects.filter(kind=ConsentKind.DATA_PROCESSING).order_by(
                    "recorded_on", "created_at", "pk"
                ),
            ),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("to_organisation").order_by(
                    "referred_on", "pk"
                ),
            ),
        )
        .order_by("identified_on", "code")
    )


def exchange_history(*, actor: Any, limit: int = 20) -> QuerySet[ExchangeRecord]:
    require_exchange(actor)
    return ExchangeRecord.objects.select_related("actor", "organisation")[:limit]


def victims_for_release(*, actor: Any, period: Period) -> list[dict[str, Any]]:
    """The victims counted in the period (the statistics' rule), with what an anonymised
    release may describe of them: never a name, a code or an exact date."""
    require_exchange(actor)
    cases = case_rules.visible_cases(actor, victims_identified_in(period))
    forms: dict[int, list[str]] = {}
    for case_id, form in CaseExploitation.objects.filter(case__in=cases).values_list(
        "case_id", "form"
    ):
        forms.setdefault(case_id, []).append(form)
    return [
        {
            "identified_on": row["identified_on"],
            "sex": row["sex"],
            "age": row["age_at_identification"],
            "age_group": row["age_group"],
            "citizenship": str(row["citizenship"] or ""),
            "exploitation": sorted(forms.get(row["pk"], [])),
            "means_of_control": list(row["means_of_control"] or []),
            "recruitment": list(row["recruitment"] or []),
        }
        for row in cases.order_by("identified_on", "pk").values(
            "pk",
            "identified_on",
            "sex",
            "age_at_identification",
            "age_group",
            "citizenship",
            "means_of_control",
            "recruitment",
        )
    ]


def bulletin_published(*, period: str) -> bool:
    """Whether a bulletin of this period has a published version (public knowledge)."""
    from nrm.bulletin.selectors import published_versions

    return published_versions().filter(edition__period=period).exists()
