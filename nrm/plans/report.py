"""The implementation report of a reporting round, in the shape of the Situation Report's
chapter on the Strategy and Action Plan: per goal what was done and by whom, indicator tables,
late measures with their reasons, and the coordinator's conclusions.

It is built as the bulletin's document model (nrm.bulletin.document) so that the bulletin's
renderers write it as HTML, DOCX and PDF; a published report stores that document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nrm.bulletin.document import (
    Block,
    Bulletin,
    BulletList,
    Figure,
    Heading,
    Metadata,
    Paragraph,
    Section,
    Table,
)
from nrm.bulletin.language import format_date, format_date_range, text_in
from nrm.plans import selectors
from nrm.plans.models import Measure, MeasureStatus, PublishedReport, ReportingRound
from nrm.statistics.charts import ChartSpec, Series

# The states the report counts, in the order it tells them.
COUNTED = [*MeasureStatus.values, selectors.NOT_REPORTED]


def build_report(round: ReportingRound, language: str, *, version: int | None = None) -> Bulletin:
    with translation.override(language):
        return _build(round, language, version)


def published_document(report: PublishedReport, language: str) -> Bulletin:
    data = report.documents.get(language) or report.documents["en"]
    return Bulletin.from_dict(data)


def _number(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}"


def _org(organisation: Any, language: str) -> str:
    return str(organisation.display_name(language, short=True))


def _build(round: ReportingRound, language: str, version: int | None) -> Bulletin:
    plan = round.plan
    board = selectors.dashboard(actor=None, plan=plan, round=round)
    counts = {state: board.totals.counts.get(state, 0) for state in COUNTED}
    reports = list(selectors.round_reports(actor=None, round=round).prefetch_related("activities"))
    sections = [
        _summary(round, board, counts, language),
        *(_goal_section(goal, board, reports, language) for goal in selectors.plan_goals(plan)),
        _late_section(board, reports, language),
        _missing_section(round, language),
        Section(
            "conclusions",
            _("Conclusions and recommendations"),
            [Paragraph(text_in(round.conclusions, language) or _("No conclusions written yet."))],
        ),
    ]
    edition = (
        _("Version %(number)s, published %(date)s")
        % {"number": version, "date": format_date(timezone.localdate())}
        if version
        else _("Draft of %(date)s") % {"date": format_date(timezone.localdate())}
    )
    meta = Metadata(
        title=_("Implementation of the action plan"),
        period_label=f"{plan.title} · "
        + _("reporting round %(number)s, %(period)s")
        % {
            "number": round.number,
            "period": format_date_range(round.period_start, round.period_end),
        },
        issuer=plan.coordinator.display_name(language),
        department=_("Progress in the implementation of the strategy and action plan"),
        language=language,
        period=f"{plan.key}-r{round.number}",
        statistics_period={
            "from": round.period_start.isoformat(),
            "to": round.period_end.isoformat(),
        },
        activities_period={
            "from": round.period_start.isoformat(),
            "to": round.period_end.isoformat(),
        },
        edition_label=edition,
        version=version,
        page_label=_("Page"),
        contents_label=_("Contents"),
    )
    return Bulletin(meta=meta, sections=sections, figures={"measures": counts})


def _summary(
    round: ReportingRound, board: selectors.Dashboard, counts: dict[str, int], language: str
) -> Section:
    total = board.totals.total
    blocks: list[Block] = []
    if round.plan.fictional:
        blocks.append(
            Paragraph(_("This plan is fictional: it only demonstrates the system."), "note")
        )
    blocks.append(
        Paragraph(
            _(
                "Of the %(total)s measures of the plan, %(completed)s were completed, "
                "%(in_progress)s in progress and %(late)s late at the end of reporting round "
                "%(number)s; %(abandoned)s were abandoned, %(not_started)s not started and "
                "%(not_reported)s not reported on."
            )
            % {"total": total, "number": round.number, **counts},
            "lead",
        )
    )
    blocks.append(
        Table(
            _("Measures by state"),
            [_("State"), _("Measures"), _("Share")],
            [
                [
                    selectors.state_label(state),
                    str(counts[state]),
                    f"{board.totals.percent(state)} %",
                ]
                for state in COUNTED
            ]
            + [[_("Total"), str(total), "100 %" if total else "–"]],
            [False, True, True],
            total_row=True,
        )
    )
    blocks.append(
        Figure(
            goal_chart(board),
            _("Measures in each state at the end of this round, by strategic goal."),
        )
    )
    if board.previous is not None:
        changed = [
            _("%(measure)s: from %(before)s to %(now)s")
            % {
                "measure": measure.number,
                "before": selectors.state_label(before),
                "now": selectors.state_label(now),
            }
            for measure, before, now in board.changes
        ]
        blocks.append(Heading(_("Changes since the previous round"), 3))
        blocks.append(BulletList(changed) if changed else Paragraph(_("No measure changed state.")))
    return Section("summary", _("Summary"), blocks)


def _goal_section(
    goal: Any, board: selectors.Dashboard, reports: list[Any], language: str
) -> Section:
    blocks: list[Block] = []
    indicator_rows: list[list[str]] = []
    achieved = {row.indicator.pk: row.achieved for row in board.indicators}
    for objective in goal.objectives.all():
        blocks.append(Heading(f"{objective.number}. {objective.title}", 3))
        for measure in objective.measures.all():
            blocks.extend(_measure_blocks(measure, board.states[measure.pk], reports, language))
            for indicator in measure.indicators.all():
                indicator_rows.append(
                    [
                        measure.number,
                        indicator.name,
                        indicator.unit,
                        _number(indicator.baseline),
                        _number(indicator.target),
                        _number(achieved.get(indicator.pk)),
                    ]
                )
    if indicator_rows:
        blocks.append(
            Table(
                _("Indicators of goal %(number)s") % {"number": goal.number},
                [
                    _("Measure"),
                    _("Indicator"),
                    _("Unit"),
                    _("Baseline"),
                    _("Target"),
                    _("Achieved"),
                ],
                indicator_rows,
                [False, False, False, True, True, True],
            )
        )
    return Section(f"goal-{goal.pk}", f"{goal.number}. {goal.title}", blocks)


def _measure_blocks(measure: Measure, state: str, reports: list[Any], language: str) -> list[Block]:
    responsible = ", ".join(_org(o, language) for o in measure.responsible.all())
    lines = [
        _("Responsible: %(names)s. Deadline: %(date)s. State: %(state)s.")
        % {
            "names": responsible,
            "date": format_date(measure.deadline).rstrip("."),  # the sentence ends it
            "state": selectors.state_label(state),
        }
    ]
    done = []
    for report in reports:
        if report.measure_id != measure.pk or report.state not in selectors.SENT:
            continue
        if report.narrative:
            done.append(f"{_org(report.organisation, language)}: {report.narrative}")
        for activity in report.activities.all():
            done.append(
                _("%(org)s, activity: %(title)s")
                % {"org": _org(report.organisation, language), "title": activity.title_en}
            )
    return [
        Paragraph(f"{measure.number}. {measure.title}", "lead"),
        Paragraph(lines[0], "note"),
        BulletList(done) if done else Paragraph(_("Nothing was reported on this measure.")),
    ]


def _late_section(board: selectors.Dashboard, reports: list[Any], language: str) -> Section:
    rows = []
    for report in reports:
        if report.state in selectors.SENT and report.status == MeasureStatus.LATE:
            rows.append(
                [
                    report.measure.number,
                    _org(report.organisation, language),
                    report.delay_reason or "–",
                ]
            )
    blocks: list[Block] = (
        [Table(_("Late measures"), [_("Measure"), _("Institution"), _("Reason")], rows)]
        if rows
        else [Paragraph(_("No measure is late."))]
    )
    return Section("late", _("Late measures and reasons"), blocks)


def _missing_section(round: ReportingRound, language: str) -> Section:
    missing = selectors.missing_reports(actor=None, round=round)
    if not missing:
        return Section(
            "missing",
            _("Institutions that did not report"),
            [Paragraph(_("Every institution sent its reports."))],
        )
    return Section(
        "missing",
        _("Institutions that did not report"),
        [
            BulletList(
                [
                    _("%(org)s: %(count)s report(s) not sent")
                    % {"org": _org(organisation, language), "count": count}
                    for organisation, count in missing
                ]
            )
        ],
    )


def goal_chart(board: selectors.Dashboard) -> ChartSpec:
    """Measures in each state, stacked by strategic goal (the dashboard and the report): a row
    per state keeps the labels short and the legend to one entry per goal."""
    return ChartSpec(
        title=_("Measures by goal and state"),
        categories=tuple(selectors.state_label(state) for state in COUNTED),
        series=tuple(
            Series(
                _("Goal %(number)s") % {"number": share.label.split(".")[0]},
                tuple(float(share.counts.get(state, 0)) for state in COUNTED),
            )
            for share in board.by_goal
        ),
        stacked=True,
        value_label=_("measures"),
    )


def report_filename(document: Bulletin, fmt: str) -> str:
    meta = document.meta
    version = f"-v{meta.version}" if meta.version else "-draft"
    return f"nrm-plan-{meta.period}{version}-{meta.language}.{fmt}"
