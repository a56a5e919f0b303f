"""Every read of instruments, screenings and public reports, already scoped to the reader."""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from nrm.accounts.models import User
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.core.vocabularies import NOT_RECORDED, OrganisationType
from nrm.screening import codes, contexts, engine, rules
from nrm.screening import modules as question_modules
from nrm.screening.definitions import (
    Dimension,
    Instrument,
    latest_in_files,
    localise,
    parse_definition,
)
from nrm.screening.models import (
    Context,
    InstrumentVersion,
    MessageKind,
    Outcome,
    PublicReport,
    ReportContext,
    ReportMessage,
    ReportStatus,
    Screening,
    ScreeningAgeGroup,
    Verdict,
    YesNoUnknown,
)

# Instruments -------------------------------------------------------------------------------

_parsed: dict[str, Instrument] = {}


def instrument_of(row: InstrumentVersion) -> Instrument:
    """The definition of a stored version, parsed once per process (versions never change)."""
    instrument = _parsed.get(row.digest)
    if instrument is None:
        instrument = parse_definition(row.definition, origin=str(row))
        _parsed[row.digest] = instrument
    return instrument


def _offered_rows() -> QuerySet[InstrumentVersion]:
    # The definition (about 100 KB of JSON) is read only when this process has not parsed
    # that version yet (instrument_of): not on every screening request.
    return (
        InstrumentVersion.objects.filter(is_active=True)
        .order_by("key", "-version")
        .defer("definition")
    )


def _ensure_loaded() -> None:
    if not InstrumentVersion.objects.exists():
        from nrm.screening.loading import sync_instruments

        sync_instruments()


def unknown_instrument(key: str, available: Iterable[str]) -> ValidationError:
    names = ", ".join(sorted(set(available)))
    return ValidationError(
        _("Unknown instrument %(key)s; the instruments are: %(names)s.")
        % {"key": key, "names": names},
        fields={"instrument": [_("unknown instrument: %(key)s") % {"key": key}]},
    )


def current_instrument(key: str) -> tuple[InstrumentVersion, Instrument]:
    """The newest offered version of an instrument, from the database."""
    row = _offered_rows().filter(key=key).first()
    if row is None:
        _ensure_loaded()
        row = _offered_rows().filter(key=key).first()
    if row is None:
        raise unknown_instrument(key, _offered_rows().values_list("key", flat=True))
    return row, instrument_of(row)


def instrument_for_scoring(key: str) -> Instrument:
    """The newest offered version of an instrument, for scoring answers that are not stored
    (the evaluation API): one small query for the version's fingerprint on each call, and
    the definition parsed once per process and version. A version loaded meanwhile by another
    process (`nrm instruments load`, `migrate`) has its own fingerprint, so it is used from
    the next call on."""
    instrument = _parsed.get(_offered_digest(key) or "")
    return instrument if instrument is not None else current_instrument(key)[1]


@functools.cache
def _offered_digest_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    column = {
        field.name: quote(str(field.column)) for field in InstrumentVersion._meta.concrete_fields
    }
    # Names come from the model's metadata, values are parameters.
    table = quote(InstrumentVersion._meta.db_table)
    return (
        f"SELECT {column['digest']} FROM {table} "  # noqa: S608
        f"WHERE {column['key']} = %s AND {column['is_active']} = %s "
        f"ORDER BY {column['version']} DESC LIMIT 1"
    )


def _offered_digest(key: str) -> str | None:
    # Written out because it runs on every evaluation request: building it with the ORM
    # took about ten times as long as running it (same rows as _offered_rows().first()).
    with connection.cursor() as cursor:
        cursor.execute(_offered_digest_sql(connection.vendor), [key, True])
        row = cursor.fetchone()
    return row[0] if row else None


def offered_instruments() -> list[tuple[InstrumentVersion, Instrument]]:
    """The newest offered version of each instrument."""
    _ensure_loaded()
    seen: set[str] = set()
    found = []
    for row in _offered_rows():
        if row.key not in seen:
            seen.add(row.key)
            found.append((row, instrument_of(row)))
    return found


def instrument_for_command(key: str) -> Instrument:
    """For `nrm screen`: the database's current version, or the repository's files when the
    database has not been set up yet (nothing is stored by the command)."""
    if InstrumentVersion._meta.db_table in connection.introspection.table_names():
        return current_instrument(key)[1]
    latest = latest_in_files()
    if key not in latest:
        raise unknown_instrument(key, latest)
    return latest[key]


def definition_dimensions() -> tuple[Dimension, ...]:
    """The six elements of the definition (the dimensions of the current graded instrument)."""
    return current_instrument(contexts.DELPHI)[1].dimensions


def definition_elements() -> list[str]:
    return [d.id for d in definition_dimensions()]


def screening_plan(context: str, age_group: str) -> contexts.ContextChoice | None:
    """The instrument and sets for a situation, from the sets of the offered graded
    instruments (the Delphi instrument first, then any other, e.g. one loaded from a file)."""
    graded = sorted(
        (instrument for _row, instrument in offered_instruments() if instrument.graded),
        key=lambda instrument: (instrument.key != contexts.DELPHI, instrument.key),
    )
    return contexts.context_choice(context, age_group, graded)


def set_results_display(
    instrument: Instrument, verdicts: dict[str, str | None], language: str
) -> list[dict[str, Any]]:
    """Form unknown: each set scored, with its verdict and whether it is the one that holds."""
    return [
        {
            "set": set_id,
            "label": localise(instrument.sets[set_id].label, language),
            "verdict": verdict,
            "verdict_label": Verdict(verdict).label if verdict else "",
            "holds": verdict == Verdict.TRAFFICKING,
        }
        for set_id, verdict in verdicts.items()
        if set_id in instrument.sets
    ]


def elements_display(checklist: dict[str, dict[str, str]], language: str) -> list[dict[str, str]]:
    """The elements checklist with labels in the reader's language."""
    labels = {d.id: localise(d.label, language) for d in definition_dimensions()}
    return [
        {
            "id": element_id,
            "label": labels.get(element_id, element_id),
            "answer": item.get("answer", "unknown"),
            "evidence": item.get("evidence", ""),
        }
        for element_id, item in checklist.items()
    ]


def carried_display(
    instrument: Instrument,
    offered: Iterable[question_modules.Module],
    module_answers: dict[str, dict[str, str]],
    in_sets: set[str],
    language: str,
) -> list[dict[str, str]]:
    """Each module question answered yes, with the indicator it counted as yes."""
    return [
        {
            "question": localise(question.question, language),
            "indicator": localise(instrument.indicators[indicator_id].label, language),
            "source": question.source,
        }
        for question, indicator_id in question_modules.carried(offered, module_answers)
        if indicator_id in in_sets and indicator_id in instrument.indicators
    ]


def screening_extras(screening: Screening, language: str) -> dict[str, Any]:
    """What a stored screening shows beside its result: the verdict of every set scored (form
    unknown) and the elements checklist with its evidence (no graded set for the form)."""
    evidence = screening.element_evidence or {}
    checklist = {
        e: {"answer": a, "evidence": evidence.get(e, "")}
        for e, a in (screening.element_answers or {}).items()
    }
    set_results: list[dict[str, Any]] = []
    if screening.set_results:
        set_results = set_results_display(
            instrument_of(screening.instrument), screening.set_results, language
        )
    instrument = instrument_of(screening.instrument)
    stored = {k: v.get("answers", {}) for k, v in (screening.module_answers or {}).items()}
    offered = [m for k, m in question_modules.all_modules().items() if k in stored]
    carried = carried_display(instrument, offered, stored, set(screening.answers), language)
    return {
        "set_results": set_results,
        "checklist": elements_display(checklist, language),
        "carried": carried,
    }


# Screenings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningFilters:
    context: str = ""
    verdict: str = ""  # a verdict, or "none" for first-line checklists
    age_group: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    q: str = ""  # part of a reference or case code


def screening_list(
    *, actor: User | None, filters: ScreeningFilters | None = None
) -> QuerySet[Screening]:
    require_role(actor, *rules.SCREENING_ROLES)
    filters = filters or ScreeningFilters()
    qs = rules.visible_screenings(actor)
    if filters.context:
        qs = qs.filter(context=filters.context)
    if filters.verdict == "none":
        qs = qs.filter(verdict="")
    elif filters.verdict:
        qs = qs.filter(verdict=filters.verdict)
    if filters.age_group:
        qs = qs.filter(age_group=filters.age_group)
    if filters.date_from:
        qs = qs.filter(screened_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(screened_on__lte=filters.date_to)
    if filters.q.strip():
        term = filters.q.strip()
        qs = qs.filter(Q(reference__icontains=term) | Q(case__code__icontains=term))
    return qs.select_related("instrument", "organisation", "created_by", "case", "municipality")


def screening_get(*, actor: User | None, reference: str) -> Screening:
    """One screening the actor may read (NotFound for any other: it reveals nothing)."""
    require_role(actor, *rules.SCREENING_ROLES)
    screening = (
        rules.visible_screenings(actor)
        .select_related("instrument", "organisation", "created_by", "case", "municipality")
        .filter(reference=reference.strip())
        .first()
    )
    if screening is None:
        raise NotFound()
    return screening


def screening_evaluation(screening: Screening) -> engine.Evaluation:
    """The stored screening scored again with its own instrument version: the same result,
    whatever versions came since (the stored answers and the stored definition decide)."""
    instrument = instrument_of(screening.instrument)
    evaluation = engine.evaluate(
        instrument, screening.set_key, screening.answers, age_group=screening.age_group or None
    )
    return dataclasses.replace(evaluation, ignored=tuple(screening.ignored))


def screening_result(screening: Screening, language: str) -> dict[str, Any]:
    """The result of a stored screening, as the CLI prints it, in the reader's language."""
    result = engine.result(screening_evaluation(screening), language)
    # The verdict and elements are those stored when the screening was made.
    result["verdict"] = screening.verdict or None
    result["elements"] = dict(screening.elements)
    return result


# Public reports ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilters:
    status: str = ""
    mine: bool = False
    awaiting_reply: bool = False


def report_queue(
    *, actor: User | None, filters: ReportFilters | None = None
) -> QuerySet[PublicReport]:
    if not rules.can_triage(actor):
        raise PermissionDenied()
    filters = filters or ReportFilters()
    qs = rules.visible_reports(actor)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.mine and actor is not None:
        qs = qs.filter(assigned_to=actor)
    if filters.awaiting_reply:
        qs = qs.filter(awaiting_reply=True)
    return qs.select_related(
        "assigned_to", "assigned_organisation", "case", "municipality"
    ).order_by("-received_on", "-pk")


def report_get(*, actor: User | None, reference: str) -> PublicReport:
    if not rules.can_triage(actor):
        raise PermissionDenied()
    report = (
        rules.visible_reports(actor)
        .select_related("assigned_to", "assigned_organisation", "case", "municipality")
        .filter(reference=reference.strip())
        .first()
    )
    if report is None:
        raise NotFound()
    return report


def report_messages(*, actor: User | None, report: PublicReport) -> QuerySet[ReportMessage]:
    """The whole thread, internal notes included (for those who triage the report)."""
    if not rules.can_triage(actor):
        raise PermissionDenied()
    return report.messages.select_related("author").order_by("created_at", "pk")


def report_by_code(code: str) -> PublicReport | None:
    """The report a follow-up code opens (the public side: no actor, the code is the key)."""
    if not codes.is_well_formed(code):
        return None
    return PublicReport.objects.filter(code_digest=codes.code_digest(code)).first()


def reporter_thread(report: PublicReport) -> QuerySet[ReportMessage]:
    """What the reporter sees: their own additions and the replies, never internal notes."""
    return report.messages.filter(kind__in=(MessageKind.REPORTER, MessageKind.REPLY)).order_by(
        "created_at", "pk"
    )


def triagers(*, actor: User | None) -> QuerySet[User]:
    """Whom a report may be assigned to: active coordinators and police field identifiers."""
    if not rules.can_triage(actor):
        raise PermissionDenied()
    police = Q(
        groups__name=Role.FIELD_IDENTIFIER,
        organisation__type__in=[OrganisationType.POLICE_AGENCY, OrganisationType.LAW_ENFORCEMENT],
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=Role.COORDINATOR) | police)
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "username")
    )


# Statistics --------------------------------------------------------------------------------


def _months(period: Period) -> list[str]:
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _counts(
    qs: QuerySet[Any], field: str, keys: Iterable[str], blank: str | None = None
) -> dict[str, int]:
    """{key: count} for every key (zero when absent); a field that may be left empty counts
    its empty values under `blank` (e.g. not_recorded), which is then always present too."""
    result = dict.fromkeys(keys, 0)
    if blank is not None:
        result.setdefault(blank, 0)
    for row in qs.order_by().values(field).annotate(n=Count("pk")):
        key = row[field] or blank or NOT_RECORDED
        result[key] = result.get(key, 0) + row["n"]
    return result


def _by_month(qs: QuerySet[Any], field: str, period: Period) -> dict[str, int]:
    result = dict.fromkeys(_months(period), 0)
    for row in (
        qs.order_by().annotate(month=TruncMonth(field)).values("month").annotate(n=Count("pk"))
    ):
        month = row["month"]
        result[f"{month.year:04d}-{month.month:02d}"] += row["n"]
    return result


def _by_organisation(qs: QuerySet[Any], prefix: str, blank: str | None = None) -> dict[str, int]:
    result: dict[str, int] = {blank: 0} if blank else {}
    rows = qs.order_by().values(f"{prefix}__short_name", f"{prefix}__name").annotate(n=Count("pk"))
    for row in rows:
        name = str(row[f"{prefix}__short_name"] or row[f"{prefix}__name"] or blank)
        result[name] = result.get(name, 0) + row["n"]
    return dict(sorted(result.items()))


def screening_statistics(*, period: Period, actor: Any = None, **filters: Any) -> dict[str, Any]:
    """Screenings (by date of screening) and public reports (by day of receipt) in a period.

    Counting rules: docs/methodology.md, "Screening and public reports".
    """
    if actor is not None:
        require_role(actor, Role.COORDINATOR)
    screenings = Screening.objects.filter(screened_on__range=(period.start, period.end))
    reports = PublicReport.objects.filter(received_on__range=(period.start, period.end))
    verdicts = _counts(screenings, "verdict", Verdict.values, "no_verdict")
    return {
        "screenings": {
            "total": screenings.count(),
            "by_context": _counts(screenings, "context", Context.values, NOT_RECORDED),
            "by_age_group": _counts(
                screenings, "age_group", ScreeningAgeGroup.values, NOT_RECORDED
            ),
            "by_verdict": verdicts,
            "by_outcome": _counts(screenings, "outcome", Outcome.values),
            "by_organisation": _by_organisation(screenings, "organisation"),
            "by_instrument": {
                f"{row['instrument__key']} v{row['instrument__version']}": row["n"]
                for row in screenings.order_by("instrument__key", "instrument__version")
                .values("instrument__key", "instrument__version")
                .annotate(n=Count("pk"))
            },
            "by_month": _by_month(screenings, "screened_on", period),
            "linked_to_case": screenings.filter(case__isnull=False).count(),
        },
        "reports": {
            "total": reports.count(),
            "by_status": _counts(reports, "status", ReportStatus.values),
            "by_context": _counts(reports, "context", ReportContext.values),
            "by_child_involved": _counts(reports, "child_involved", YesNoUnknown.values),
            "by_organisation": _by_organisation(reports, "assigned_organisation", "not_assigned"),
            "by_month": _by_month(reports, "received_on", period),
            "linked_to_case": reports.filter(case__isnull=False).count(),
        },
    }


# The offline application ---------------------------------------------------------------------


def offline_bundle(*, actor: User | None, language: str) -> dict[str, Any]:
    """What the offline application caches: every situation's questions, and the cases the
    user may read with their version (to detect a change on the server before overwriting)."""
    require_role(actor, *rules.SCREENING_ROLES)
    from nrm.cases import rules as case_rules

    plans = []
    for context in Context.values:
        for age_group in ScreeningAgeGroup.values:
            plan = screening_plan(context, age_group)
            if plan is None:
                continue
            row, instrument = current_instrument(plan.instrument)
            wanted = {i.id for s in plan.sets for i in instrument.indicators_in(s)}
            plans.append(
                {
                    "context": context,
                    "context_label": str(Context(context).label),
                    "age_group": age_group,
                    "age_label": str(ScreeningAgeGroup(age_group).label),
                    "instrument": plan.instrument,
                    "version": row.version,
                    "set": plan.set_id,
                    "also_sets": list(plan.sets[1:]),
                    "questions": [
                        {"id": i.id, "question": localise(i.question, language)}
                        for i in instrument.indicators.values()
                        if i.id in wanted
                    ],
                }
            )
    cases = case_rules.visible_cases(actor).order_by("-updated_at")[:200]
    return {
        "plans": plans,
        "cases": [{"code": c.code, "version": c.version} for c in cases],
    }
