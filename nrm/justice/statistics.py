"""The `trial_monitoring` statistics family and the bulletin's tables of criminal offences.

Computed in the database with aggregates, for any period; every key is present, zeros (and
null minima and maxima) included. The rules are in docs/methodology.md, "Trial monitoring":

- a case is *monitored during the period* when monitoring began by the period's end and neither
  monitoring ended nor the final decision fell before the period's start;
- it is *finalized* when its final decision falls in the period, *ongoing* otherwise;
- verdicts and sentences are those of the defendants of the finalized cases, at the highest
  instance recorded; a plea agreement is a conviction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum

from nrm.core.periods import Period
from nrm.core.roles import require_role
from nrm.core.vocabularies import Jurisdiction, Sex
from nrm.justice import rules
from nrm.justice.models import (
    CONVICTIONS,
    Article,
    ArticleCategory,
    Charge,
    ClaimOutcome,
    CompensationClaim,
    CourtCase,
    CourtKind,
    Defendant,
    Outcome,
    Qualification,
    Sentence,
    Verdict,
)
from nrm.justice.selectors import finalized_during, monitored_during

CATEGORY_ORDER = {category: index for index, category in enumerate(ArticleCategory.values)}


def _scope(actor: Any, **filters: Any) -> Q:
    """What `actor` may count (trial monitors: their organisation), narrowed by the optional
    filters `organisation` (the monitoring organisation's id) and `jurisdiction`."""
    require_role(actor, *rules.READ_ROLES)
    condition = rules.visible_filter(actor) or Q()
    if filters.get("organisation"):
        condition &= Q(monitoring_organisation=filters["organisation"])
    if filters.get("jurisdiction"):
        condition &= Q(jurisdiction=filters["jurisdiction"])
    return condition


def monitored_cases(period: Period, actor: Any = None, **filters: Any) -> QuerySet[CourtCase]:
    return CourtCase.objects.filter(_scope(actor, **filters), monitored_during(period))


def finalized_cases(period: Period, actor: Any = None, **filters: Any) -> QuerySet[CourtCase]:
    return monitored_cases(period, actor, **filters).filter(finalized_during(period))


def standing_verdicts() -> QuerySet[Verdict]:
    """Each defendant's verdict at the highest instance recorded: the one that stands."""
    higher = Verdict.objects.filter(
        defendant=OuterRef("defendant"), instance__gt=OuterRef("instance")
    )
    return Verdict.objects.filter(~Exists(higher))


def _number(value: Decimal | int | None) -> int | float | None:
    """JSON-friendly: whole amounts as integers."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _range(values: dict[str, Any], name: str) -> dict[str, int | float | None]:
    return {"min": _number(values[f"{name}_min"]), "max": _number(values[f"{name}_max"])}


# Cases by article -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFigure:
    """How many cases concern one article, with its names in the reader's language."""

    key: str  # "fbih:210a"
    code: str  # "fbih"
    code_name: str  # "CC FBiH"
    number: str  # "210a"
    title: str
    category: str
    category_label: str
    cases: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _figures(
    counts: dict[int, int], *, include_listed: bool, language: str | None
) -> list[ArticleFigure]:
    condition = Q(pk__in=list(counts))
    if include_listed:
        condition |= Q(listed=True, is_active=True)
    articles = Article.objects.filter(condition).select_related("code")  # catalogue order
    labels = dict(ArticleCategory.choices)
    figures = [
        ArticleFigure(
            key=article.key,
            code=article.code_id,
            code_name=article.code.short_name_in(language),
            number=article.number,
            title=article.title_in(language),
            category=article.category,
            category_label=str(labels[article.category]),
            cases=counts.get(article.pk, 0),
        )
        for article in articles
    ]
    # Like the bulletin: trafficking first, then related offences, then others; larger first,
    # ties in catalogue order (sorted() is stable).
    return sorted(figures, key=lambda f: (CATEGORY_ORDER[f.category], -f.cases))


def _cases_per_article(charges: QuerySet[Charge]) -> dict[int, int]:
    rows = charges.values("article_id").annotate(n=Count("defendant__court_case", distinct=True))
    return {row["article_id"]: row["n"] for row in rows}


def cases_by_article(
    *, period: Period, actor: Any = None, language: str | None = None, **filters: Any
) -> list[ArticleFigure]:
    """Monitored cases with at least one charge (as charged or as finally qualified) under
    each article; the articles the bulletin always lists are included with 0."""
    monitored = monitored_cases(period, actor, **filters)
    counts = _cases_per_article(Charge.objects.filter(defendant__court_case__in=monitored))
    return _figures(counts, include_listed=True, language=language)


def offences_in_completed_cases(
    *, period: Period, actor: Any = None, language: str | None = None, **filters: Any
) -> list[ArticleFigure]:
    """The criminal offences the court decisions referred to in the cases finalized in the
    period: each article of the courts' final qualification, with its number of cases."""
    finalized = finalized_cases(period, actor, **filters)
    charges = Charge.objects.filter(
        defendant__court_case__in=finalized, qualification=Qualification.FINAL
    )
    return _figures(_cases_per_article(charges), include_listed=False, language=language)


# The family ------------------------------------------------------------------------------------


def _case_counts(period: Period, monitored: QuerySet[CourtCase]) -> dict[str, int]:
    totals = monitored.aggregate(
        total=Count("pk"), finalized=Count("pk", filter=finalized_during(period))
    )
    return {
        "total": totals["total"],
        "ongoing": totals["total"] - totals["finalized"],
        "finalized": totals["finalized"],
    }


def _defendant_counts(monitored: QuerySet[CourtCase]) -> dict[str, int]:
    return Defendant.objects.filter(court_case__in=monitored).aggregate(
        total=Count("pk"),
        male=Count("pk", filter=Q(sex=Sex.MALE)),
        female=Count("pk", filter=Q(sex=Sex.FEMALE)),
    )


def _verdict_counts(finalized: QuerySet[CourtCase]) -> dict[str, int]:
    verdicts = standing_verdicts().filter(defendant__court_case__in=finalized)
    return verdicts.aggregate(
        convicted=Count("defendant", distinct=True, filter=Q(outcome__in=CONVICTIONS)),
        acquitted=Count("defendant", distinct=True, filter=Q(outcome=Outcome.ACQUITTED)),
        dismissed=Count("defendant", distinct=True, filter=Q(outcome=Outcome.DISMISSED)),
    )


def _sentence_figures(finalized: QuerySet[CourtCase]) -> dict[str, Any]:
    standing = standing_verdicts().filter(
        defendant__court_case__in=finalized, outcome__in=CONVICTIONS
    )
    sentences = Sentence.objects.filter(verdict__in=standing)
    enforced_prison = Q(suspended=False, imprisonment_months__isnull=False)
    enforced_fine = Q(suspended=False, fine_bam__isnull=False)
    suspended_prison = Q(suspended=True, imprisonment_months__isnull=False)
    values = sentences.aggregate(
        # (aliases must not shadow the model's field names)
        n_suspended=Count("pk", filter=Q(suspended=True)),
        n_imprisonment=Count("pk", filter=enforced_prison),
        n_fine=Count("pk", filter=enforced_fine),
        imprisonment_months_min=Min("imprisonment_months", filter=enforced_prison),
        imprisonment_months_max=Max("imprisonment_months", filter=enforced_prison),
        suspended_months_min=Min("imprisonment_months", filter=suspended_prison),
        suspended_months_max=Max("imprisonment_months", filter=suspended_prison),
        fines_bam_min=Min("fine_bam", filter=enforced_fine),
        fines_bam_max=Max("fine_bam", filter=enforced_fine),
    )
    return {
        "suspended": values["n_suspended"],
        "imprisonment": values["n_imprisonment"],
        "fine": values["n_fine"],
        "imprisonment_months": _range(values, "imprisonment_months"),
        "suspended_months": _range(values, "suspended_months"),
        "fines_bam": _range(values, "fines_bam"),
    }


def trial_monitoring_statistics(
    *, period: Period, actor: Any = None, **filters: Any
) -> dict[str, Any]:
    """The `trial_monitoring` family: cases, defendants, cases by article, and the verdicts and
    sentences of the defendants of the cases finalized in the period."""
    monitored = monitored_cases(period, actor, **filters)
    finalized = monitored.filter(finalized_during(period))
    by_article = cases_by_article(period=period, actor=actor, language="en", **filters)
    return {
        "cases": _case_counts(period, monitored),
        "defendants": _defendant_counts(monitored),
        "cases_by_article": {figure.key: figure.cases for figure in by_article},
        "verdicts": _verdict_counts(finalized),
        "sentences": _sentence_figures(finalized),
    }


# Compensation and confiscated assets ----------------------------------------------------------

COURT_LEVELS = tuple(CourtKind.values)
CODES = tuple(Jurisdiction.values)


def _money(value: Decimal | int | None) -> int | float:
    return _number(value or 0) or 0


def _claim_values(claims: QuerySet[CompensationClaim], period: Period) -> dict[str, Any]:
    decided = Q(decided_on__gte=period.start, decided_on__lte=period.end)
    # Awarded and paid: of the claims decided in the period (a payment has no date of its own).
    awarded = decided & Q(outcome=ClaimOutcome.AWARDED)
    paid = decided & Q(paid_bam__gt=0)
    values = claims.aggregate(
        n_filed=Count("pk"),
        s_claimed=Sum("claimed_bam"),
        n_decided=Count("pk", filter=decided),
        n_awarded=Count("pk", filter=awarded),
        s_awarded=Sum("awarded_bam", filter=awarded),
        n_paid=Count("pk", filter=paid),
        s_paid=Sum("paid_bam", filter=paid),
    )
    return {
        "filed": values["n_filed"],
        "claimed_bam": _money(values["s_claimed"]),
        "decided": values["n_decided"],
        "awarded": values["n_awarded"],
        "awarded_bam": _money(values["s_awarded"]),
        "paid": values["n_paid"],
        "paid_bam": _money(values["s_paid"]),
    }


def _confiscation_values(sentences: QuerySet[Sentence]) -> dict[str, Any]:
    ordered = Q(confiscated_bam__gt=0)
    values = sentences.aggregate(n=Count("pk", filter=ordered), s=Sum("confiscated_bam"))
    return {"orders": values["n"], "amount_bam": _money(values["s"])}


def _by(
    claims: QuerySet[CompensationClaim],
    sentences: QuerySet[Sentence],
    period: Period,
    field: str,
    keys: tuple[str, ...],
) -> dict[str, dict[str, Any]]:
    """The claims and confiscations of each court level (or criminal code) in the database."""
    claim_rows = {
        key: _claim_values(claims.filter(**{f"injured_party__court_case__{field}": key}), period)
        for key in keys
    }
    orders = dict(
        sentences.filter(confiscated_bam__gt=0)
        .values_list(f"verdict__defendant__court_case__{field}")
        .annotate(n=Count("pk"))
    )
    amounts = dict(
        sentences.filter(confiscated_bam__gt=0)
        .values_list(f"verdict__defendant__court_case__{field}")
        .annotate(s=Sum("confiscated_bam"))
    )
    return {
        key: {
            "claims_filed": claim_rows[key]["filed"],
            "claims_awarded": claim_rows[key]["awarded"],
            "awarded_bam": claim_rows[key]["awarded_bam"],
            "paid_bam": claim_rows[key]["paid_bam"],
            "confiscation_orders": orders.get(key, 0),
            "confiscated_bam": _money(amounts.get(key)),
        }
        for key in keys
    }


def compensation_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `compensation` family (docs/methodology.md, "Compensation and confiscated assets"):
    the compensation claims of the injured parties in the cases monitored during the period
    (filed; decided in the period; awarded and paid, with their amounts in BAM) and the
    confiscation of assets ordered in the sentences of the cases finalized in the period, by
    court level and by criminal code."""
    monitored = monitored_cases(period, actor, **filters)
    finalized = monitored.filter(finalized_during(period))
    claims = CompensationClaim.objects.filter(injured_party__court_case__in=monitored)
    standing = standing_verdicts().filter(
        defendant__court_case__in=finalized, outcome__in=CONVICTIONS
    )
    sentences = Sentence.objects.filter(verdict__in=standing)
    return {
        "claims": _claim_values(claims, period),
        "confiscation": _confiscation_values(sentences),
        "by_court_level": _by(claims, sentences, period, "court__kind", COURT_LEVELS),
        "by_code": _by(claims, sentences, period, "jurisdiction", CODES),
    }
