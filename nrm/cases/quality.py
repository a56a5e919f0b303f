"""Data-quality checks of victim cases, shown to the coordinator before figures are published.

Each finding names one case by its code (never a person) and links to the page where it can be
fixed. The checks cover the victims that count in the period, as the statistics do.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.cases.models import (
    VICTIM_STATUSES,
    CaseExploitation,
    Person,
    ServiceDelivery,
    VictimCase,
)
from nrm.cases.statistics import stays_overlapping, victims_identified_in
from nrm.core.periods import Period
from nrm.core.quality import Finding
from nrm.core.vocabularies import AgeGroup, Sex


def _case_url(code: str) -> str:
    return reverse("cases:detail", kwargs={"code": code})


def _not_recorded(case_code: str, what: str) -> Finding:
    return Finding(
        kind="not_recorded",
        message=_("%(code)s: %(what)s is not recorded.") % {"code": case_code, "what": what},
        record=f"case:{case_code}",
        url=_case_url(case_code),
    )


def unrecorded_values(*, period: Period) -> list[Finding]:
    """Victims counted in the period whose form of exploitation, sex, age or citizenship is
    not recorded: the statistics show them as "not recorded" / "unknown"."""
    has_form = Exists(CaseExploitation.objects.filter(case=OuterRef("pk")))
    rows = (
        victims_identified_in(period)
        .annotate(has_form=has_form)
        .filter(
            Q(has_form=False)
            | Q(sex=Sex.UNKNOWN)
            | Q(age_group=AgeGroup.UNKNOWN)
            | Q(citizenship="")
        )
        .values_list("code", "has_form", "sex", "age_group", "citizenship")
        .order_by("code")
    )
    findings = []
    for code, has_any_form, sex, age_group, citizenship in rows:
        if not has_any_form:
            findings.append(_not_recorded(code, _("the form of exploitation")))
        if sex == Sex.UNKNOWN:
            findings.append(_not_recorded(code, _("the sex")))
        if age_group == AgeGroup.UNKNOWN:
            findings.append(_not_recorded(code, _("the age (or birth date)")))
        if not citizenship:
            findings.append(_not_recorded(code, _("the citizenship")))
    return findings


def possible_duplicates(*, period: Period) -> list[Finding]:
    """Cases counted in the period whose person has the same name and birth date as the person
    of another case (the blind index matches): perhaps one victim counted twice."""
    counted = victims_identified_in(period)
    shared = (
        Person.objects.exclude(match_index="")
        .values("match_index")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("match_index")
    )
    rows = (
        VictimCase.objects.filter(person__match_index__in=shared)
        .values_list("code", "person__match_index", "pk")
        .order_by("code")
    )
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for code, index, pk in rows:
        groups[index].append((code, pk))
    counted_ids = set(counted.filter(person__match_index__in=shared).values_list("pk", flat=True))
    findings = []
    for members in groups.values():
        for code, pk in members:
            if pk not in counted_ids:
                continue
            others = ", ".join(c for c, _pk in members if c != code)
            findings.append(
                Finding(
                    kind="possible_duplicate",
                    message=_(
                        "%(code)s may record the same person as %(others)s (the same name and "
                        "birth date)."
                    )
                    % {"code": code, "others": others},
                    record=f"case:{code}",
                    url=_case_url(code),
                )
            )
    return findings


def stays_without_victims(*, period: Period) -> list[Finding]:
    """Shelter stays in the period of cases that do not count as victims (a report not yet
    assessed, or a person found not to be a victim): they are left out of `in_shelter`."""
    rows = (
        stays_overlapping(period)
        .exclude(case__status__in=VICTIM_STATUSES)
        .values_list("case__code", flat=True)
        .distinct()
        .order_by("case__code")
    )
    return [
        Finding(
            kind="not_counted",
            message=_(
                "%(code)s has a shelter stay in the period but does not count as a victim "
                "(its status is neither potential nor identified victim)."
            )
            % {"code": code},
            record=f"case:{code}",
            url=_case_url(code),
        )
        for code in rows
    ]


# More services of one kind on one day than this is possible but unusual: worth a look before
# the figures are published (more than MAX_SERVICES_PER_RECORD is refused when recorded).
UNUSUAL_SERVICES = 100


def unusual_service_counts(*, period: Period) -> list[Finding]:
    """Plausibility: one record of many services (a typing error inflates every total)."""
    rows = (
        ServiceDelivery.objects.filter(
            delivered_on__range=(period.start, period.end), count__gt=UNUSUAL_SERVICES
        )
        .values_list("case__code", "count")
        .order_by("case__code", "pk")
    )
    return [
        Finding(
            kind="implausible",
            message=_("%(code)s: %(count)s services are recorded for one day; check the number.")
            % {"code": code, "count": count},
            record=f"case:{code}",
            url=_case_url(code),
        )
        for code, count in rows
    ]


def case_quality_checks(*, period: Period) -> list[Finding]:
    return [
        *unrecorded_values(period=period),
        *possible_duplicates(period=period),
        *stays_without_victims(period=period),
        *unusual_service_counts(period=period),
    ]
