"""Every read of monitored court cases and of the catalogue, already scoped to the reader.

Trial monitors see their organisation's cases, coordinators all of them, nobody else any
(rules.py). A case outside one's reach is NotFound, so its number reveals nothing. Linked victim
cases are shown by their code only: the victim's record is never loaded here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When

from nrm.accounts.models import User
from nrm.core.errors import NotFound
from nrm.core.periods import Period
from nrm.core.roles import require_role
from nrm.justice import rules
from nrm.justice.models import (
    Article,
    Charge,
    CompensationClaim,
    Court,
    CourtCase,
    CriminalCode,
    Defendant,
    Hearing,
    InjuredParty,
    Qualification,
    Verdict,
)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class CourtCaseFilters:
    q: str = ""  # part of a case number
    stage: str = ""
    jurisdiction: str = ""
    court: str = ""  # a court's key
    article: str = ""  # an article's key, e.g. "fbih:210a"
    status: str = ""  # "ongoing" (no final decision yet) or "finalized"
    monitored_from: datetime.date | None = None  # monitored during [from, to]
    monitored_to: datetime.date | None = None


def monitored_during(period: Period, prefix: str = "") -> Q:
    """Cases monitored at some time in the period: monitoring began by its end, and neither
    monitoring ended nor a final decision fell before its start (docs/methodology.md)."""
    return (
        Q(**{f"{prefix}monitoring_started_on__lte": period.end})
        & (
            Q(**{f"{prefix}monitoring_ended_on__isnull": True})
            | Q(**{f"{prefix}monitoring_ended_on__gte": period.start})
        )
        & (
            Q(**{f"{prefix}final_decision_on__isnull": True})
            | Q(**{f"{prefix}final_decision_on__gte": period.start})
        )
    )


def finalized_during(period: Period, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}final_decision_on__gte": period.start,
            f"{prefix}final_decision_on__lte": period.end,
        }
    )


def _article_filter(key: str) -> Q:
    code, _sep, number = key.partition(":")
    return Q(
        defendants__charges__article__code_id=code, defendants__charges__article__number=number
    )


def court_case_list(
    *, actor: User | None, filters: CourtCaseFilters | None = None, **values: Any
) -> QuerySet[CourtCase]:
    """The court cases `actor` may read, filtered; most recently monitored first."""
    require_role(actor, *rules.READ_ROLES)
    filters = filters or CourtCaseFilters(**values)
    qs = rules.visible_court_cases(actor)
    if filters.q.strip():
        qs = qs.filter(case_number__icontains=" ".join(filters.q.split()))
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.jurisdiction:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.court:
        qs = qs.filter(court_id=filters.court)
    if filters.status == "ongoing":
        qs = qs.filter(final_decision_on__isnull=True)
    elif filters.status == "finalized":
        qs = qs.filter(final_decision_on__isnull=False)
    if filters.monitored_from or filters.monitored_to:
        period = Period(
            filters.monitored_from or datetime.date.min,
            filters.monitored_to or datetime.date.max,
        )
        qs = qs.filter(monitored_during(period))
    if filters.article:
        matching = CourtCase.objects.filter(_article_filter(filters.article)).values("pk")
        qs = qs.filter(pk__in=matching)
    return (
        qs.select_related("court", "monitoring_organisation")
        .annotate(defendant_count=Count("defendants", distinct=True))
        .order_by("-monitoring_started_on", "-pk")
    )


def charged_articles(court_cases: list[CourtCase]) -> dict[int, list[Article]]:
    """{case id: the articles its defendants are charged under}, in one query (for lists)."""
    ids = [c.pk for c in court_cases]
    result: dict[int, list[Article]] = {pk: [] for pk in ids}
    seen: set[tuple[int, int]] = set()
    charges = (
        Charge.objects.filter(defendant__court_case_id__in=ids)
        .select_related("article__code")
        .annotate(case_id=F("defendant__court_case_id"))
        .order_by("article__code__position", "article__number_sort", "article__number")
    )
    for charge in charges:
        key = (charge.case_id, charge.article_id)
        if key not in seen:
            seen.add(key)
            result[charge.case_id].append(charge.article)
    return result


def _detail_queryset() -> QuerySet[CourtCase]:
    verdicts = Verdict.objects.select_related("sentence").order_by("instance")
    # As charged first, then as the court qualified it.
    as_charged_first = Case(When(qualification=Qualification.INITIAL, then=0), default=1)
    charges = Charge.objects.select_related("article__code").order_by(
        as_charged_first, "article__code__position", "article__number_sort", "pk"
    )
    defendants = Defendant.objects.order_by("pk").prefetch_related(
        Prefetch("charges", queryset=charges), Prefetch("verdicts", queryset=verdicts)
    )
    claims = CompensationClaim.objects.select_related("defendant").order_by("pk")
    # The linked victim case is read as its code only: never the victim's record.
    parties = (
        InjuredParty.objects.annotate(victim_case_code=F("victim_case__code"))
        .order_by("pk")
        .prefetch_related(Prefetch("claims", queryset=claims))
    )
    return CourtCase.objects.select_related(
        "court", "monitoring_organisation", "created_by"
    ).prefetch_related(
        Prefetch("defendants", queryset=defendants),
        Prefetch("hearings", queryset=Hearing.objects.order_by("held_on", "pk")),
        Prefetch("injured_parties", queryset=parties),
    )


def court_case_get(*, actor: User | None, pk: int) -> CourtCase:
    """One court case with everything recorded on it (a fixed number of queries)."""
    require_role(actor, *rules.READ_ROLES)
    court_case = rules.visible_court_cases(actor, _detail_queryset()).filter(pk=pk).first()
    if court_case is None:
        raise NotFound()
    return court_case


@dataclass(frozen=True)
class Compensation:
    """A case's compensation claims (each knows its injured party's code) and their totals."""

    claims: list[CompensationClaim]
    claimed: Decimal
    awarded: Decimal
    paid: Decimal


def compensation_of(court_case: CourtCase) -> Compensation:
    """From a case loaded by court_case_get (no further queries)."""
    claims = []
    for party in court_case.injured_parties.all():
        for claim in party.claims.all():
            claim.party_code = party.code  # type: ignore[attr-defined]
            claims.append(claim)
    return Compensation(
        claims=claims,
        claimed=sum((c.claimed_bam for c in claims), Decimal(0)),
        awarded=sum((c.awarded_bam or Decimal(0) for c in claims), Decimal(0)),
        paid=sum((c.paid_bam or Decimal(0) for c in claims), Decimal(0)),
    )


def can_edit(*, actor: User | None, court_case: CourtCase) -> bool:
    return rules.can_edit(actor, court_case)


def can_create(*, actor: User | None) -> bool:
    return rules.can_create(actor)


def _scoped_get(actor: User | None, queryset: QuerySet[M], pk: int, case_path: str) -> M:
    """A record hanging on a court case, if the actor may read that case."""
    require_role(actor, *rules.READ_ROLES)
    condition = rules.visible_filter(actor, prefix=f"{case_path}__")
    if condition is not None:
        queryset = queryset.filter(condition)
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def defendant_get(*, actor: User | None, pk: int) -> Defendant:
    qs = Defendant.objects.select_related("court_case__court")
    return _scoped_get(actor, qs, pk, "court_case")


def charge_get(*, actor: User | None, pk: int) -> Charge:
    qs = Charge.objects.select_related("defendant__court_case", "article__code")
    return _scoped_get(actor, qs, pk, "defendant__court_case")


def verdict_get(*, actor: User | None, pk: int) -> Verdict:
    qs = Verdict.objects.select_related("defendant__court_case", "sentence")
    return _scoped_get(actor, qs, pk, "defendant__court_case")


def hearing_get(*, actor: User | None, pk: int) -> Hearing:
    qs = Hearing.objects.select_related("court_case__court")
    return _scoped_get(actor, qs, pk, "court_case")


def injured_party_get(*, actor: User | None, pk: int) -> InjuredParty:
    qs = InjuredParty.objects.select_related("court_case__court").annotate(
        victim_case_code=F("victim_case__code")
    )
    return _scoped_get(actor, qs, pk, "court_case")


def claim_get(*, actor: User | None, pk: int) -> CompensationClaim:
    qs = CompensationClaim.objects.select_related("injured_party__court_case", "defendant")
    return _scoped_get(actor, qs, pk, "injured_party__court_case")


# The catalogue ---------------------------------------------------------------------------------


def criminal_codes(*, actor: User | None, active_only: bool = True) -> QuerySet[CriminalCode]:
    """The criminal codes with their articles (for the catalogue page and pickers)."""
    require_role(actor, *rules.READ_ROLES)
    articles = Article.objects.order_by("number_sort", "number")
    if active_only:
        articles = articles.filter(is_active=True)
    return CriminalCode.objects.prefetch_related(Prefetch("articles", queryset=articles))


def article_list(*, actor: User | None, active_only: bool = True) -> QuerySet[Article]:
    require_role(actor, *rules.READ_ROLES)
    qs = Article.objects.select_related("code")
    return qs.filter(is_active=True) if active_only else qs


def court_list(*, actor: User | None, active_only: bool = True) -> QuerySet[Court]:
    require_role(actor, *rules.READ_ROLES)
    qs = Court.objects.all()
    return qs.filter(is_active=True) if active_only else qs
