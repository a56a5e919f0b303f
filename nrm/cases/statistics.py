"""The `victims` and `referrals` statistics families (docs/methodology.md, "Victims").

Computed in the database with aggregates, for any period; every key is present, zeros
included. The dashboard, `nrm stats`, the API and the bulletin all call these.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from nrm.cases.models import (
    VICTIM_STATUSES,
    CaseExploitation,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    ServiceType,
    ShelterStay,
    VictimCase,
)
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.core.vocabularies import NOT_RECORDED, UNKNOWN_COUNTRY, AgeGroup, ExploitationForm, Sex


def _case_filters(prefix: str = "", **filters: Any) -> Q:
    """Optional filters of the dashboard: organisation (id) and jurisdiction of the
    identifying organisation."""
    condition = Q()
    if filters.get("organisation"):
        condition &= Q(**{f"{prefix}organisation": filters["organisation"]})
    if filters.get("jurisdiction"):
        condition &= Q(**{f"{prefix}organisation__jurisdiction": filters["jurisdiction"]})
    return condition


def victims_identified_in(period: Period, **filters: Any) -> QuerySet[VictimCase]:
    """The (potential) victims who count in a period: identified in it, and still counted as
    victims (not a report awaiting assessment, nor found not to be a victim)."""
    return VictimCase.objects.filter(
        _case_filters(**filters),
        status__in=VICTIM_STATUSES,
        identified_on__gte=period.start,
        identified_on__lte=period.end,
    )


def stays_overlapping(period: Period) -> QuerySet[ShelterStay]:
    """Stays that began by the period's end and had not ended before its start."""
    return ShelterStay.objects.filter(start__lte=period.end).filter(
        Q(end__isnull=True) | Q(end__gte=period.start)
    )


def _counts(**conditions: Q) -> dict[str, Count]:
    return {name: Count("pk", filter=condition) for name, condition in conditions.items()}


def victim_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `victims` family: totals by status, sex, age group (by sex), form of exploitation,
    citizenship, nationals and foreigners, and victims in shelter during the period."""
    require_role(actor, Role.COORDINATOR)
    cases = victims_identified_in(period, **filters)
    home = settings.NRM_HOME_COUNTRY.upper()
    has_form = Exists(CaseExploitation.objects.filter(case=OuterRef("pk")))
    conditions: dict[str, Q] = {
        "total": Q(),
        "potential": Q(confirmed_on__isnull=True),
        "identified": Q(confirmed_on__isnull=False),
        "nationals": Q(citizenship=home),
        "citizenship_unknown": Q(citizenship=""),
        NOT_RECORDED: ~Q(has_form),
    }
    for sex in Sex.values:
        conditions[f"sex:{sex}"] = Q(sex=sex)
        for group in AgeGroup.values:
            conditions[f"age:{group}:{sex}"] = Q(age_group=group, sex=sex)
    totals = cases.aggregate(**_counts(**conditions))
    forms = dict(
        CaseExploitation.objects.filter(case__in=cases)
        .values_list("form")
        .annotate(n=Count("case_id", distinct=True))
    )
    citizenships = dict(cases.values_list("citizenship").annotate(n=Count("pk")))
    in_shelter = (
        stays_overlapping(period)
        .filter(_case_filters("case__", **filters), case__status__in=VICTIM_STATUSES)
        .aggregate(n=Count("case_id", distinct=True))["n"]
    )
    by_age_group = {}
    for group in AgeGroup.values:
        by_sex = {sex: totals[f"age:{group}:{sex}"] for sex in Sex.values}
        by_age_group[group] = {"total": sum(by_sex.values()), **by_sex}
    return {
        "total": totals["total"],
        "by_status": {"potential": totals["potential"], "identified": totals["identified"]},
        "by_sex": {sex: totals[f"sex:{sex}"] for sex in Sex.values},
        "by_age_group": by_age_group,
        "by_exploitation": {
            **{form: forms.get(form, 0) for form in ExploitationForm.values},
            NOT_RECORDED: totals[NOT_RECORDED],
        },
        "by_citizenship": _by_citizenship(citizenships),
        "nationals": totals["nationals"],
        "foreigners": totals["total"] - totals["nationals"] - totals["citizenship_unknown"],
        "citizenship_unknown": totals["citizenship_unknown"],
        "in_shelter": in_shelter,
    }


def _by_citizenship(counts: dict[str, int]) -> dict[str, int]:
    """{alpha-2 code or "unknown": count}, largest first; "unknown" is always present."""
    result = {(code or UNKNOWN_COUNTRY): n for code, n in counts.items()}
    result.setdefault(UNKNOWN_COUNTRY, 0)
    return dict(sorted(result.items(), key=lambda item: (-item[1], item[0])))


def referral_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `referrals` family: referrals made in the period (by service and by their status
    today), services delivered in the period (their counts summed, by type and by provider)
    and shelter stays overlapping the period."""
    require_role(actor, Role.COORDINATOR)
    case_filter = _case_filters("case__", **filters)
    referrals = Referral.objects.filter(
        case_filter, referred_on__gte=period.start, referred_on__lte=period.end
    )
    referral_totals = referrals.aggregate(
        total=Count("pk"), without_consent=Count("pk", filter=Q(consent_overridden=True))
    )
    by_type = dict(referrals.values_list("service_type").annotate(n=Count("pk")))
    by_status = dict(referrals.values_list("status").annotate(n=Count("pk")))
    return {
        "total": referral_totals["total"],
        "by_service_type": {t: by_type.get(t, 0) for t in ServiceType.values},
        "by_status": {s: by_status.get(s, 0) for s in ReferralStatus.values},
        "without_consent": referral_totals["without_consent"],
        "response_by_service_type": _response_statistics(referrals),
        "services": _service_statistics(period, case_filter),
        "shelter_stays": _stay_statistics(period, case_filter),
    }


def _response_statistics(referrals: QuerySet[Referral]) -> dict[str, dict[str, int]]:
    """Per service: referrals made, answered (accepted or declined), and answered within the
    response time (nrm.cases.rules.referral_answered_in_time: working days, or hours when
    urgent). The due time is computed per referral (working days), so not in one query."""
    from nrm.cases.rules import referral_answered_in_time

    result = {t: {"referred": 0, "answered": 0, "answered_in_time": 0} for t in ServiceType.values}
    for referral in referrals.only("service_type", "responded_on", "urgent", "created_at"):
        row = result[referral.service_type]
        row["referred"] += 1
        in_time = referral_answered_in_time(referral)
        if in_time is not None:
            row["answered"] += 1
            row["answered_in_time"] += int(in_time)
    return result


def _service_statistics(period: Period, case_filter: Q) -> dict[str, Any]:
    services = ServiceDelivery.objects.filter(
        case_filter, delivered_on__gte=period.start, delivered_on__lte=period.end
    )
    by_type = dict(services.values_list("service_type").annotate(n=Sum("count")))
    by_provider: dict[str, dict[str, Any]] = {}
    rows = services.values_list("provider__name", "service_type").annotate(n=Sum("count"))
    for provider, service_type, n in rows.order_by("provider__name", "service_type"):
        entry = by_provider.setdefault(
            provider, {"total": 0, "by_service_type": dict.fromkeys(ServiceType.values, 0)}
        )
        entry["total"] += n
        entry["by_service_type"][service_type] = n
    return {
        "total": sum(by_type.values()),
        "persons": services.aggregate(n=Count("case_id", distinct=True))["n"],
        "by_service_type": {t: by_type.get(t, 0) for t in ServiceType.values},
        "by_provider": by_provider,
    }


def _stay_statistics(period: Period, case_filter: Q) -> dict[str, Any]:
    stays = stays_overlapping(period).filter(case_filter)
    totals = stays.aggregate(
        total=Count("pk"),
        persons=Count("case_id", distinct=True),
        started=Count("pk", filter=Q(start__gte=period.start)),
        ended=Count("pk", filter=Q(end__isnull=False, end__lte=period.end)),
    )
    by_safe_house = dict(
        stays.values_list("safe_house__name")
        .annotate(n=Count("case_id", distinct=True))
        .order_by("safe_house__name")
    )
    return {**totals, "days": _shelter_days(stays, period), "by_safe_house": by_safe_house}


def _shelter_days(stays: QuerySet[ShelterStay], period: Period) -> int:
    """Shelter days in the period: each stay from its first day (or the period's
    start) to its last day (or the period's end, or today while it goes on), both included."""
    last_known = min(period.end, timezone.localdate())
    first = Greatest(F("start"), Value(period.start, output_field=DateField()))
    last = Least(
        Coalesce(F("end"), Value(last_known, output_field=DateField())),
        Value(period.end, output_field=DateField()),
    )
    totals = stays.filter(start__lte=last_known).aggregate(
        length=Sum(ExpressionWrapper(last - first, output_field=DurationField())),
        n=Count("pk"),
    )
    length = totals["length"] or datetime.timedelta(0)
    return int(length.days) + int(totals["n"] or 0)
