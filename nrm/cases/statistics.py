"""The `victims` and `referrals` statistics families (docs/methodology.md, "Victims").

Computed in the database with aggregates, for any period; every key is present, zeros
included. The dashboard, `nrm stats`, the API and the bulletin all call these.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, cast

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils import timezone

from nrm.cases.models import (
    VICTIM_STATUSES,
    CaseStatus,
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


def victim_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """The `victims` family: totals by status, sex, age group (by sex), form of exploitation,
    citizenship, nationals and foreigners, and victims in shelter during the period."""
    require_role(actor, Role.COORDINATOR)
    (figures,) = victim_figures_by_period([period], **filters)
    return {**figures, "in_shelter": _victims_in_shelter(period, **filters)}


def victim_figures_by_period(periods: Sequence[Period], **filters: Any) -> list[dict[str, Any]]:
    """The `victims` family but `in_shelter`, for each of several periods that do not overlap
    (e.g. the years of a trend), in one query whatever their number.

    Every figure is a sum over one count of the periods' cases grouped by period, sex, age
    group, citizenship, whether confirmed and forms of exploitation: one index holds them all
    (case_statistics_idx), so the rows are read once and no case's forms are looked up. The
    figures are the plain counts of docs/methodology.md, "Victims"."""
    _check_apart(periods)
    groups: list[list[CaseGroup]] = [[] for _ in periods]
    rows = (
        _counted_cases(periods, **filters)
        .annotate(unconfirmed=_UNCONFIRMED)
        .values_list(
            "bucket", "sex", "age_group", "citizenship", "unconfirmed", "exploitation_forms"
        )
        .annotate(n=Count("*"))  # not the id: the index holds every column this reads
        .order_by()
    )
    for bucket, sex, age_group, citizenship, unconfirmed, forms, n in rows:
        groups[bucket].append(CaseGroup(sex, age_group, citizenship, bool(unconfirmed), forms, n))
    home = settings.NRM_HOME_COUNTRY.upper()
    return [_victim_figures(period_groups, home) for period_groups in groups]


class CaseGroup(NamedTuple):
    """How many counted cases share these values (`forms`: VictimCase.exploitation_forms)."""

    sex: str
    age_group: str
    citizenship: str
    unconfirmed: bool
    forms: str
    n: int


# The forms of exploitation that the trends follow. A case's forms are found in
# VictimCase.exploitation_forms as substrings: no code is part of another (a test says so).
TREND_FORMS = tuple(
    f.value for f in (ExploitationForm.SEXUAL, ExploitationForm.LABOUR, ExploitationForm.BEGGING)
)


def victim_trend_figures(periods: Sequence[Period], **filters: Any) -> list[dict[str, int]]:
    """For each of several periods that do not overlap (the years of a trend): the victims,
    female, male, minors (of a recorded sex group, as by_age_group counts them), foreigners
    and those of each of TREND_FORMS, counted as victim_figures_by_period counts them.

    One pass over case_statistics_idx summing the cases of each day: grouped in the index's
    own order, the database sorts nothing (the years of a trend hold most cases)."""
    _check_apart(periods)
    home = settings.NRM_HOME_COUNTRY.upper()
    # Counts of "sex" (never empty, in the index): Count("*") takes no filter.
    sums: dict[str, Any] = {
        "total": Count("*"),
        "female": Count("sex", filter=Q(sex=Sex.FEMALE)),
        "male": Count("sex", filter=Q(sex=Sex.MALE)),
        "minors": Count("sex", filter=Q(age_group=AgeGroup.MINOR, sex__in=Sex.values)),
        "nationals": Count("sex", filter=Q(citizenship=home)),
        "citizenship_unknown": Count("sex", filter=Q(citizenship="")),
        **{form: Count("sex", filter=Q(exploitation_forms__contains=form)) for form in TREND_FORMS},
    }
    days = (
        _counted_cases(periods, **filters)
        .values("status", "identified_on")
        .annotate(**sums)
        .values_list("identified_on", *sums)
        .order_by()
    )
    ordered = sorted(range(len(periods)), key=lambda i: periods[i].start)
    starts = [periods[i].start for i in ordered]
    totals = [dict.fromkeys(sums, 0) for _ in periods]
    for identified_on, *counts in days:
        period_totals = totals[ordered[bisect.bisect_right(starts, identified_on) - 1]]
        for name, n in zip(sums, counts, strict=True):
            period_totals[name] += n
    return [
        {
            "total": t["total"],
            "female": t["female"],
            "male": t["male"],
            "minors": t["minors"],
            "foreigners": t["total"] - t["nationals"] - t["citizenship_unknown"],
            **{form: t[form] for form in TREND_FORMS},
        }
        for t in totals
    ]


# Whether a case is still a potential victim (no decision that it is a victim yet).
_UNCONFIRMED = ExpressionWrapper(Q(confirmed_on__isnull=True), output_field=BooleanField())


def _check_apart(periods: Sequence[Period]) -> None:
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in itertools.pairwise(ordered):
        if after.start <= before.end:
            raise ValueError(f"the periods {before} and {after} overlap")


def _counted_cases(periods: Sequence[Period], **filters: Any) -> QuerySet[VictimCase]:
    """The victims who count in any of `periods`, each with the index of its period
    (`bucket`). Adjacent periods are read as one range of dates (one index range)."""
    ranges: list[list[datetime.date]] = []
    for period in sorted(periods, key=lambda p: p.start):
        if ranges and period.start == ranges[-1][1] + datetime.timedelta(days=1):
            ranges[-1][1] = period.end
        else:
            ranges.append([period.start, period.end])
    in_ranges = Q()
    for start, end in ranges:
        in_ranges |= Q(identified_on__gte=start, identified_on__lte=end)
    if len(periods) == 1:
        bucket: Any = Value(0)
    else:
        bucket = Case(
            *(
                When(identified_on__gte=p.start, identified_on__lte=p.end, then=Value(i))
                for i, p in enumerate(periods)
            ),
            output_field=IntegerField(),
        )
    return VictimCase.objects.filter(
        in_ranges, _case_filters(**filters), status__in=VICTIM_STATUSES
    ).annotate(bucket=bucket)


def _victim_figures(groups: list[CaseGroup], home: str) -> dict[str, Any]:
    """The figures of one period from its grouped counts. A value outside a vocabulary counts
    in the total only, as each figure counts its own value; a case counts under each of its
    forms, and as "not recorded" when it has none."""
    total = sum(group.n for group in groups)
    unconfirmed = sum(group.n for group in groups if group.unconfirmed)
    by_sex = dict.fromkeys(Sex.values, 0)
    by_age_sex = {age_group: dict.fromkeys(Sex.values, 0) for age_group in AgeGroup.values}
    citizenships: dict[str, int] = {}
    forms: dict[str, int] = {}
    for group in groups:
        if group.sex in by_sex:
            by_sex[group.sex] += group.n
            if group.age_group in by_age_sex:
                by_age_sex[group.age_group][group.sex] += group.n
        citizenships[group.citizenship] = citizenships.get(group.citizenship, 0) + group.n
        for form in group.forms.split(",") if group.forms else [NOT_RECORDED]:
            forms[form] = forms.get(form, 0) + group.n
    nationals = citizenships.get(home, 0)
    unknown = citizenships.get("", 0)
    return {
        "total": total,
        "by_status": {"potential": unconfirmed, "identified": total - unconfirmed},
        "by_sex": by_sex,
        "by_age_group": {
            age_group: {"total": sum(sexes.values()), **sexes}
            for age_group, sexes in by_age_sex.items()
        },
        "by_exploitation": {
            form: forms.get(form, 0) for form in [*ExploitationForm.values, NOT_RECORDED]
        },
        "by_citizenship": _by_citizenship(citizenships),
        "nationals": nationals,
        "foreigners": total - nationals - unknown,
        "citizenship_unknown": unknown,
    }


def _victims_in_shelter(period: Period, **filters: Any) -> int:
    """Victims (by status, whenever identified) with a stay overlapping the period, each once.

    The cases of those stays less the ones not counted as victims (reports awaiting
    assessment, people found not to be victims), which case_statistics_idx finds by their
    status: a join on the victims would read every case. Filtered by organisation or
    jurisdiction, the stays' cases are read (their organisation is needed anyway)."""
    housed = stays_overlapping(period)
    if filters.get("organisation") or filters.get("jurisdiction"):
        housed = housed.filter(_case_filters("case__", **filters), case__status__in=VICTIM_STATUSES)
        return _distinct_cases(housed)
    not_counted = VictimCase.objects.filter(
        status__in=NOT_COUNTED_STATUSES, pk__in=housed.values("case_id")
    )
    return _distinct_cases(housed) - not_counted.count()


# Every status a case can have but those counted as victims.
NOT_COUNTED_STATUSES = tuple(s for s in CaseStatus.values if s not in VICTIM_STATUSES)


def _distinct_cases(stays: QuerySet[ShelterStay]) -> int:
    return int(stays.aggregate(n=Count("case_id", distinct=True))["n"])


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
    counts = _referral_counts(referrals)
    by_type = _sums(counts, "service_type")
    by_status = _sums(counts, "status")
    return {
        "total": sum(row.n for row in counts),
        "by_service_type": {t: by_type.get(t, 0) for t in ServiceType.values},
        "by_status": {s: by_status.get(s, 0) for s in ReferralStatus.values},
        "without_consent": sum(row.n for row in counts if row.consent_overridden),
        "response_by_service_type": _response_statistics(referrals, counts),
        "services": _service_statistics(period, case_filter),
        "shelter_stays": _stay_statistics(period, case_filter),
    }


class ReferralGroup(NamedTuple):
    """How many of the period's referrals share these values."""

    service_type: str
    status: str
    consent_overridden: bool
    answered: bool
    n: int


def _referral_counts(referrals: QuerySet[Referral]) -> list[ReferralGroup]:
    """The referrals counted by service, status, consent overridden and answered: every count
    of the family is a sum of these (one pass over referral_statistics_idx)."""
    answered = ExpressionWrapper(Q(responded_on__isnull=False), output_field=BooleanField())
    rows = (
        referrals.annotate(answered=answered)
        .values_list("service_type", "status", "consent_overridden", "answered")
        .annotate(n=Count("*"))
        .order_by()
    )
    return [
        ReferralGroup(service_type, status, bool(overridden), bool(is_answered), n)
        for service_type, status, overridden, is_answered, n in rows
    ]


def _sums(groups: list[ReferralGroup], key: str) -> dict[str, int]:
    sums: dict[str, int] = {}
    for group in groups:
        value = getattr(group, key)
        sums[value] = sums.get(value, 0) + group.n
    return sums


class _Answer(NamedTuple):
    """What nrm.cases.rules.referral_answered_in_time reads of a referral."""

    created_at: datetime.datetime
    urgent: bool
    responded_on: datetime.date


def _response_statistics(
    referrals: QuerySet[Referral], counts: list[ReferralGroup]
) -> dict[str, dict[str, int]]:
    """Per service: referrals made, answered (accepted or declined), and answered within the
    response time (nrm.cases.rules.referral_answered_in_time: working days, or hours when
    urgent). The due date is the local date of a time computed per referral, so not in the
    query: the answered referrals are judged in `answered_in_time`."""
    result = {t: {"referred": 0, "answered": 0, "answered_in_time": 0} for t in ServiceType.values}
    for group in counts:
        row = result[group.service_type]
        row["referred"] += group.n
        row["answered"] += group.n if group.answered else 0
    answers = (
        referrals.filter(responded_on__isnull=False)
        .annotate(created=Cast("created_at", TextField()))
        .values_list("service_type", "created", "urgent", "responded_on")
        .order_by()
    )
    rows = (
        (service, _stored_moment(created), urgent, responded_on)
        for service, created, urgent, responded_on in answers
    )
    for service_type, in_time in answered_in_time(rows).items():
        result[service_type]["answered_in_time"] += in_time
    return result


def _stored_moment(text: str) -> datetime.datetime:
    """A stored time read as text (ISO 8601; SQLite stores UTC without an offset). Django's
    conversion of each of the year's answers would cost more than judging them."""
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def answered_in_time(
    answers: Iterable[tuple[str, datetime.datetime, bool, datetime.date | None]],
) -> dict[str, int]:
    """{service: answers given by the due date} of (service, created_at, urgent,
    responded_on) rows, as nrm.cases.rules.referral_answered_in_time judges each (one not
    answered is not).

    The rule moves the creation time by whole hours (urgent) or working days, an amount that
    depends on the day of the week, and compares the answer with the local date of the due
    time. So the amount is asked of the rule once per creation day (UTC) and urgency, at the
    first and the last instant of that day; if the two differ, each referral of that day is
    judged by the rule itself. Per referral, only the local date remains to find: about five
    times faster than the rule (tens of thousands of referrals in a year at 1M cases)."""
    from nrm.cases.rules import referral_answered_in_time

    shifts: dict[tuple[bool, datetime.date], datetime.timedelta | None] = {}
    result: dict[str, int] = {}
    zone = timezone.get_current_timezone()  # what timezone.localtime looks up per call
    for service_type, created_at, urgent, responded_on in answers:
        if responded_on is None:
            continue
        day = created_at.astimezone(datetime.UTC).date()
        if (urgent, day) not in shifts:
            shifts[(urgent, day)] = _due_shift(urgent, day)
        shift = shifts[(urgent, day)]
        if shift is None:
            answer = _Answer(created_at, urgent, responded_on)
            in_time = bool(referral_answered_in_time(cast(Referral, answer)))
        else:
            in_time = responded_on <= (created_at + shift).astimezone(zone).date()
        result[service_type] = result.get(service_type, 0) + int(in_time)
    return result


def _due_shift(urgent: bool, day: datetime.date) -> datetime.timedelta | None:
    """How far the rule moves a referral created on `day` (UTC), if the same all day."""
    from nrm.cases.rules import referral_response_due

    shifts = set()
    for moment in (datetime.time.min, datetime.time.max):
        created_at = datetime.datetime.combine(day, moment, tzinfo=datetime.UTC)
        answer = _Answer(created_at, urgent, day)
        shifts.add(referral_response_due(cast(Referral, answer)) - created_at)
    return shifts.pop() if len(shifts) == 1 else None


def _service_statistics(period: Period, case_filter: Q) -> dict[str, Any]:
    """Services delivered in the period: their counts summed by provider and type (one
    grouped query; the totals by type are its sums), and the persons they went to."""
    services = ServiceDelivery.objects.filter(
        case_filter, delivered_on__gte=period.start, delivered_on__lte=period.end
    )
    by_type: dict[str, int] = {}
    by_provider: dict[str, dict[str, Any]] = {}
    rows = services.values_list("provider__name", "service_type").annotate(n=Sum("count"))
    for provider, service_type, n in rows.order_by("provider__name", "service_type"):
        by_type[service_type] = by_type.get(service_type, 0) + n
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
    """Stays overlapping the period, by safe house (one grouped query, the totals its sums),
    and the persons they housed (a person may have stayed in several houses)."""
    stays = stays_overlapping(period).filter(case_filter)
    last_known = min(period.end, timezone.localdate())
    counted_days = Q(start__lte=last_known)
    rows = (
        stays.values_list("safe_house__name")
        .annotate(
            total=Count("*"),
            persons=Count("case_id", distinct=True),
            # Counts of "start" (never empty, in the index): Count("*") takes no filter.
            started=Count("start", filter=Q(start__gte=period.start)),
            ended=Count("start", filter=Q(end__isnull=False, end__lte=period.end)),
            lengths=Sum(_DaysBetween(*_stay_days(period, last_known)), filter=counted_days),
            counted=Count("start", filter=counted_days),
        )
        .order_by("safe_house__name")
    )
    totals = {"total": 0, "persons": _distinct_cases(stays), "started": 0, "ended": 0}
    days = 0
    by_safe_house: dict[str | None, int] = {}
    for house, total, persons, started, ended, lengths, counted in rows:
        totals["total"] += total
        totals["started"] += started
        totals["ended"] += ended
        # Each stay from its first day to its last, both included.
        days += int(lengths or 0) + counted
        by_safe_house[house] = persons
    return {**totals, "days": days, "by_safe_house": by_safe_house}


def _stay_days(period: Period, last_known: datetime.date) -> tuple[Any, Any]:
    """The first and last day of a stay within the period: from its start (or the period's),
    to its end (or the period's end, or today while it goes on)."""
    first = Greatest(F("start"), Value(period.start, output_field=DateField()))
    last = Least(
        Coalesce(F("end"), Value(last_known, output_field=DateField())),
        Value(period.end, output_field=DateField()),
    )
    return last, first


class _DaysBetween(Func):
    """The whole days from the second date to the first, in the database's own arithmetic
    (Django's duration arithmetic calls a Python function per row on SQLite)."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )
