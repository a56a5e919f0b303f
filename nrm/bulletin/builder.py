"""The one builder: from the sources (records and composition) to the document, in a language.

The sections follow the State Coordinator's bulletin: the introduction, the statistics of the
calendar year to date, the partners' activities of the period grouped by organisation, the
trial-monitoring findings, the coordinator's own sections where they are placed, a note on the
figures, and the contact block.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.bulletin import prose
from nrm.bulletin.assistance import Assistance, compensation_blocks
from nrm.bulletin.document import (
    ActivityEntry,
    Block,
    Bulletin,
    BulletList,
    Callout,
    ContactBlock,
    Figure,
    Heading,
    Metadata,
    Paragraph,
    Photo,
    Section,
    Table,
)
from nrm.bulletin.figures import TREND_CELLS, figure_values, public_cell, render_figures
from nrm.bulletin.language import (
    check_language,
    format_date,
    format_date_range,
    join_list,
    month_name,
    number,
    period_label,
    text_in,
)
from nrm.bulletin.sources import (
    ActivityGroup,
    ActivityRecord,
    ArticleInfo,
    BulletinSources,
    FreeText,
    SessionInfo,
)
from nrm.core.templatetags.nrm import in_reader_script
from nrm.statistics import chartspecs, labels
from nrm.statistics.charts import ChartSpec, Series
from nrm.statistics.disclosure import ProtectedCells, unprotected
from nrm.statistics.tables import (
    OTHER,
    FigureSet,
    Grid,
    public_figure_sets,
    public_threshold,
    trial_figures,
    victim_figures,
)

POSITIONS = ("after_introduction", "after_statistics", "after_activities", "after_monitoring")


def build_bulletin(sources: BulletinSources, language: str) -> Bulletin:
    language = check_language(language)
    with translation.override(language):
        return _Builder(sources, language).build()


class _Builder:
    def __init__(self, sources: BulletinSources, language: str) -> None:
        self.sources = sources
        self.language = language
        self.composition = sources.composition
        # Hiding small numbers is the public statistics page's control, threshold included:
        # a threshold of the bulletin's own would hide other complements, and a reader could
        # combine the two answers (docs/methodology.md).
        self.threshold = public_threshold() if self.composition.suppresses else None
        self.figure_count = 0
        self.values = figure_values(sources.statistics, sources.period_statistics)
        self._figures: dict[str, tuple[FigureSet, ProtectedCells]] = {}

    def build(self) -> Bulletin:
        sections: list[Section | None] = [self.introduction()]
        sections += self.free_sections("after_introduction")
        sections.append(self.statistics())
        sections.append(self.assistance())
        sections += self.free_sections("after_statistics")
        sections.append(self.activities())
        sections += self.free_sections("after_activities")
        sections.append(self.monitoring())
        sections += self.free_sections("after_monitoring")
        sections.append(self.about())
        sections.append(self.contact())
        built = [s for s in sections if s is not None]
        callouts = self.callouts()
        if callouts and built:
            # After the introduction (or first in the bulletin when there is none).
            first = built[0]
            if first.key == "introduction":
                first.blocks.extend(callouts)
            else:
                first.blocks[:0] = callouts
        return Bulletin(
            meta=self.metadata(),
            sections=built,
            figures=self.sources.statistics,
        )

    # Metadata --------------------------------------------------------------------------------

    def metadata(self) -> Metadata:
        period = self.sources.period
        half_year = period.name.endswith(("-H1", "-H2"))
        if self.sources.version is None:
            edition = _("Draft of %(date)s") % {"date": format_date(self.sources.prepared_on)}
        else:
            edition = _("Version %(number)s, published %(date)s") % {
                "number": self.sources.version,
                "date": format_date(self.sources.prepared_on),
            }
        return Metadata(
            title=_("Biannual Bulletin") if half_year else _("Annual Bulletin"),
            period_label=period_label(period),
            issuer=_("Ministry of Security of Bosnia and Herzegovina"),
            department=_("Department for Combating Trafficking in Human Beings"),
            language=self.language,
            period=period.name,
            statistics_period=self.sources.statistics_period.as_dict(),
            activities_period=period.as_dict(),
            edition_label=edition,
            version=self.sources.version,
            page_label=_("Page"),
            contents_label=_("Contents"),
        )

    # Written by the coordinator ---------------------------------------------------------------

    def introduction(self) -> Section | None:
        text = text_in(self.composition.introduction, self.language)
        if not text:
            return None
        return Section("introduction", _("Introduction"), self.paragraphs(text))

    def free_sections(self, position: str) -> list[Section | None]:
        sections: list[Section | None] = []
        for index, free in enumerate(self.composition.sections):
            if free.position == position:
                sections.append(self.free_section(free, index))
        return sections

    def callouts(self) -> list[Block]:
        boxes: list[Block] = []
        for free in self.composition.sections:
            if free.position != "callout":
                continue
            title = self.live(text_in(free.title, self.language))
            body = self.live(text_in(free.body, self.language))
            paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
            if title or paragraphs:
                boxes.append(Callout(title=title, paragraphs=paragraphs))
        return boxes

    def live(self, text: str) -> str:
        """The coordinator's text with the figures it cites, as the records give them now."""
        return render_figures(text, self.values, self.live_number)

    def live_number(self, name: str, value: float) -> str:
        """A cited figure as the policy allows: under the one that hides small numbers, a
        figure that is a cell of the public tables only where that cell is shown (a cell
        hidden as a complement, a folded country or article: "x"), any other only from the
        threshold on."""
        if self.threshold is None or value == 0:
            return number(value)
        where = public_cell(name, settings.NRM_HOME_COUNTRY)
        cells = self.public_cells(where.table) if where is not None else None
        if where is not None and cells is not None:
            if where.cell is None or where.cell not in cells.values:
                return "x"  # folded, or never published on its own
            return "x" if cells.is_hidden(where.cell) else number(value)
        return "x" if 0 < value < self.threshold else number(value)

    def public_cells(self, table: str) -> ProtectedCells | None:
        """The public cells of a family, or of the victims of a year the trends count."""
        if table in ("victims", "trial_monitoring"):
            data = self.sources.statistics.get(table)
            return None if data is None else self.figures_of(table, data)[1]
        if table == str(self.sources.statistics_period.end.year):
            return self.public_cells("victims")
        return self.sources.public_years.get(table)

    def free_section(self, free: FreeText, index: int) -> Section | None:
        title = self.live(text_in(free.title, self.language))
        body = text_in(free.body, self.language)
        if not title and not body:
            return None
        return Section(f"section-{index + 1}", title, self.paragraphs(body))

    def paragraphs(self, text: str) -> list[Block]:
        """Plain text as written: blank lines separate paragraphs, "- " starts a list item."""
        blocks: list[Block] = []
        text = self.live(text)
        for chunk in text.replace("\r\n", "\n").split("\n\n"):
            lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
            if not lines:
                continue
            if all(line.startswith(("- ", "* ")) for line in lines):
                blocks.append(BulletList([line[2:].strip() for line in lines]))
            else:
                blocks.append(Paragraph(" ".join(lines)))
        return blocks

    def contact(self) -> Section | None:
        text = text_in(self.composition.contact, self.language)
        note = text_in(self.composition.acknowledgement, self.language)
        if not text and not note:
            return None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = _("Contact")
        return Section("contact", title, [ContactBlock(title=title, lines=lines, note=note)])

    # Statistics --------------------------------------------------------------------------------

    def figures_of(self, family: str, data: Mapping[str, Any]) -> tuple[FigureSet, ProtectedCells]:
        """A family's tables and cells: as recorded, or (hiding small numbers) the public
        page's, which the sources carry; sources made without them (a test's) get the same
        control for the statistics period alone."""
        if family not in self._figures:
            if self.threshold is None:
                build = victim_figures if family == "victims" else trial_figures
                figures = build(data)
                self._figures[family] = (figures, unprotected(figures.values))
            elif family in self.sources.public:
                self._figures[family] = self.sources.public[family]
            else:
                name = self.sources.statistics_period.name
                alone = public_figure_sets(family, {name: data}, (), self.threshold)
                self._figures[family] = alone[name]
        return self._figures[family]

    def statistics(self) -> Section | None:
        victims = self.sources.statistics.get("victims")
        if victims is None:
            return None
        figures, cells = self.figures_of("victims", victims)
        period = self.sources.statistics_period
        title = _("Statistical data for %(period)s") % {"period": period_label(period)}
        blocks: list[Block] = [
            Paragraph(p) for p in prose.victims_paragraphs(victims, cells, period)
        ]
        charts = [
            chartspecs.victims_by_age_and_sex(cells),
            chartspecs.victims_by_exploitation(cells),
            chartspecs.victims_by_citizenship(cells, victims["by_citizenship"]),
        ]
        blocks += self.figures(charts)
        blocks += [self.table(grid, cells) for grid in figures.grids if self.has_rows(grid, cells)]
        trends = self.sources.statistics.get("trends")
        if trends and len(trends["by_year"]) > 1:
            blocks += self.trends(trends["by_year"], cells)
        if self.composition.suppresses:
            blocks.append(Paragraph(self.suppression_note(), style="note"))
        return Section("statistics", title, blocks)

    def trends(
        self, by_year: Mapping[str, Mapping[str, Any]], cells: ProtectedCells
    ) -> list[Block]:
        """Victims by year: counts of records, and before the records begin the historical
        aggregates of public reports, drawn and listed apart with their source. Hiding small
        numbers, each year counted from the records shows what its public tables show."""
        years = list(by_year)
        counted = [y for y in years if by_year[y]["source"] == "records"]
        current = str(self.sources.statistics_period.end.year)

        def counted_value(year: str, key: str) -> int | None:
            """A year's figure from the records, None where the policy hides it."""
            value = int(by_year[year][key] or 0)
            if self.threshold is None or value == 0:
                return value
            year_cells = cells if year == current else self.sources.public_years.get(year)
            if year_cells is None:  # sources without the earlier years' cells (a test's)
                return None if value < self.threshold else value
            name = TREND_CELLS[key]
            return None if year_cells.is_hidden(name) else value

        blocks: list[Block] = [Heading(_("Victims by year"), level=3)]
        series = [
            Series(
                _("historical aggregates (public reports)"),
                tuple(
                    float(by_year[y]["total"] or 0) if by_year[y]["source"] != "records" else 0.0
                    for y in years
                ),
            ),
            Series(
                _("counted from the records"),
                tuple(
                    float(counted_value(y, "total") or 0) if y in counted else 0.0 for y in years
                ),
            ),
        ]
        chart = ChartSpec(
            title=_("Victims identified by year"),
            categories=tuple(years),
            series=tuple(s for s in series if any(s.values)),
            kind="bar",
            stacked=True,
            value_label=_("victims"),
        )
        blocks += self.figures([chart])
        columns = ("total", "female", "male", "minors", "sexual", "labour", "begging")
        rows = []
        for year in years:
            row = by_year[year]
            source = _("records") if row["source"] == "records" else str(row["source"])
            rows.append(
                [
                    year,
                    *(
                        self.value_text(counted_value(year, key))
                        if year in counted
                        else self.trend_cell(row.get(key))
                        for key in columns
                    ),
                    source,
                ]
            )
        blocks.append(
            Table(
                caption=_("Victims by year, sex, age and form of exploitation"),
                header=[
                    _("Year"),
                    *(str(labels.key_label(key, parent="by_year[]")) for key in columns),
                    _("Source"),
                ],
                rows=rows,
                numeric=[False, *([True] * len(columns)), False],
            )
        )
        if counted and len(counted) < len(years):
            blocks.append(
                Paragraph(
                    _(
                        "Years before %(year)s are historical aggregates as published in the "
                        "reports named, not counts of NRM records: they may follow other "
                        "counting rules, and a figure a report did not state is shown as —."
                    )
                    % {"year": counted[0]},
                    style="note",
                )
            )
        return blocks

    def trend_cell(self, value: Any) -> str:
        """A historical aggregate, as the public report printed it."""
        return "—" if value is None else number(int(value))

    def figures(self, charts: list[ChartSpec | None]) -> list[Block]:
        """Numbered figures; the title moves from the drawing to the caption."""
        blocks: list[Block] = []
        for chart in charts:
            if chart is None or chart.is_empty:
                continue
            self.figure_count += 1
            caption = _("Figure %(number)s. %(title)s") % {
                "number": self.figure_count,
                "title": chart.title,
            }
            blocks.append(Figure(chart=dataclasses.replace(chart, title=""), caption=caption))
        return blocks

    def has_rows(self, grid: Grid, cells: ProtectedCells) -> bool:
        body = grid.cells[:-1] if grid.total_row else grid.cells
        return any(name is not None and cells.values.get(name) for row in body for name in row)

    def table(self, grid: Grid, cells: ProtectedCells, *, keep_zero_rows: bool = False) -> Table:
        """A grid as a table; rows (and columns) that are zero throughout are left out."""
        body = range(len(grid.row_labels) - (1 if grid.total_row else 0))
        rows = [
            i
            for i in range(len(grid.row_labels))
            if i not in body
            or keep_zero_rows
            or any(name and cells.values.get(name) for name in grid.cells[i])
        ]
        columns = [
            j
            for j in range(len(grid.column_labels))
            if (grid.total_column and j == len(grid.column_labels) - 1)
            or any(grid.cells[i][j] and cells.values.get(grid.cells[i][j] or "") for i in rows)
        ] or [0]
        return Table(
            caption=str(grid.caption),
            header=[str(grid.row_header), *(str(grid.column_labels[j]) for j in columns)],
            rows=[
                [str(grid.row_labels[i]), *(self.cell(grid.cells[i][j], cells) for j in columns)]
                for i in rows
            ],
            numeric=[False, *([True] * len(columns))],
            total_row=grid.total_row,
        )

    def cell(self, name: str | None, cells: ProtectedCells) -> str:
        if name is None:
            return ""
        value = cells.value(name)
        return "x" if value is None else number(value)

    def suppression_note(self) -> str:
        return fill_threshold(self.threshold or public_threshold())

    # Assistance to victims (for the period itself) -------------------------------------------

    def assistance(self) -> Section | None:
        referrals = self.sources.period_statistics.get("referrals")
        if referrals is None:
            return None
        title = _("Assistance to victims, %(period)s") % {
            "period": period_label(self.sources.period)
        }
        name = self.sources.organisation_names(self.language)
        blocks = Assistance(referrals, name, self.threshold).blocks()
        return Section("assistance", title, blocks)

    # Activities ---------------------------------------------------------------------------------

    def activities(self) -> Section | None:
        period = self.sources.period
        title = _("Activities of the partners, %(period)s") % {"period": period_label(period)}
        groups = self.sources.activities(self.language)
        records = [record for group in groups for record in group.activities]
        if not records:
            return Section(
                "activities",
                title,
                [Paragraph(_("No approved activity was reported for this period."))],
            )
        blocks: list[Block] = [Paragraph(self.activities_summary(groups), style="lead")]
        blocks.append(self.activities_table(records))
        for group in groups:
            blocks.append(Heading(group.organisation, level=3))
            blocks.extend(self.activity(record) for record in group.activities)
        return Section("activities", title, blocks)

    def activities_summary(self, groups: list[ActivityGroup]) -> str:
        count = sum(len(group.activities) for group in groups)
        organisations = len(groups)
        participants = sum(_participants(r) for group in groups for r in group.activities)
        text = fill(
            ngettext(
                "In the reporting period, %(organisations)s reported %(count)s approved "
                "activity against trafficking in human beings.",
                "In the reporting period, %(organisations)s reported %(count)s approved "
                "activities against trafficking in human beings.",
                count,
            ),
            count,
            organisations=fill(
                ngettext("%(count)s organisation", "%(count)s organisations", organisations),
                organisations,
            ),
        )
        if participants:
            text += " " + fill(
                ngettext(
                    "They brought together %(count)s participant.",
                    "They brought together %(count)s participants.",
                    participants,
                ),
                participants,
            )
        return text

    def activities_table(self, records: list[ActivityRecord]) -> Table:
        by_type: dict[str, list[ActivityRecord]] = {}
        type_labels: dict[str, str] = {}
        for record in records:
            by_type.setdefault(record.type, []).append(record)
            type_labels[record.type] = record.type_label
        rows = [
            [
                sentence_case(type_labels[code]),
                number(len(group)),
                number(sum(_participants(r) for r in group)),
            ]
            for code, group in sorted(by_type.items(), key=lambda item: (-len(item[1]), item[0]))
        ]
        rows.append(
            [_("Total"), number(len(records)), number(sum(_participants(r) for r in records))]
        )
        return Table(
            caption=_("Activities by type"),
            header=[_("Type"), _("Activities"), _("Participants")],
            rows=rows,
            numeric=[False, True, True],
            total_row=True,
        )

    def activity(self, record: ActivityRecord) -> ActivityEntry:
        details = [sentence_case(record.type_label)]
        if record.start:
            details.append(self.activity_dates(record))
        if record.places:
            details.append(", ".join(record.places))
        if len(record.organisers) > 1:
            details.append(
                _("organised by %(organisations)s")
                % {"organisations": join_list(list(record.organisers))}
            )
        if record.partners:
            details.append(
                _("with %(organisations)s") % {"organisations": join_list(list(record.partners))}
            )
        if record.funding:
            details.append(_("funding: %(funding)s") % {"funding": ", ".join(record.funding)})
        return ActivityEntry(
            title=record.title,
            details=details,
            summary=record.summary,
            figures=self.activity_figures(record),
            links=list(record.links),
            note=self.reported_note(record),
            sessions_label=_("Sessions") if record.sessions else "",
            sessions=[self.session_line(s) for s in record.sessions],
            photos=[
                Photo(
                    data=base64.b64encode(p.data).decode("ascii"),
                    media_type=p.media_type,
                    alt=p.alt,
                )
                for p in record.photos
            ],
        )

    def session_line(self, session: SessionInfo) -> str:
        """'1 October 2024, Banja Luka: 25 participants' (the session's label first if any)."""
        text = format_date_range(session.start, session.end)
        if session.place:
            text = f"{text}, {session.place}"
        if session.label:
            text = f"{session.label}: {text}"
        if session.participants is not None:
            count = session.participants
            text += " — " + fill(
                ngettext("%(count)s participant", "%(count)s participants", count), count
            )
        return text

    def activity_dates(self, record: ActivityRecord) -> str:
        assert record.start is not None
        if record.date_precision == "month":
            if record.end and (record.end.year, record.end.month) != (
                record.start.year,
                record.start.month,
            ):
                text = _("%(first)s – %(last)s %(year)s") % {
                    "first": month_name(record.start.month),
                    "last": month_name(record.end.month),
                    "year": record.end.year,
                }
            else:
                text = _("%(month)s %(year)s") % {
                    "month": month_name(record.start.month),
                    "year": record.start.year,
                }
        elif record.date_precision == "year":
            text = str(record.start.year)
        else:
            text = format_date_range(record.start, record.end)
        if record.ongoing:
            text = _("%(dates)s (continuing)") % {"dates": text}
        return text

    def reported_note(self, record: ActivityRecord) -> str:
        """A joint event reported by several partners with their own figures: counted once."""
        if len(record.reported_figures) < 2:
            return ""
        reports = [
            _("%(organisation)s (%(count)s)") % {"organisation": name, "count": number(count)}
            if count is not None
            else name
            for name, count in record.reported_figures
        ]
        return _(
            "Reported by %(reports)s; counted once, with the figures of the report chosen by "
            "the State Coordinator's office."
        ) % {"reports": join_list(reports)}

    def activity_figures(self, record: ActivityRecord) -> list[tuple[str, str]]:
        figures = []
        people = record.participants
        total = people.get("total")
        if total:
            value = qualified(int(total), str(people.get("qualifier") or "exact"))
            parts = []
            if people.get("women") is not None:
                women = int(people["women"])
                parts.append(fill(ngettext("%(count)s woman", "%(count)s women", women), women))
            if people.get("men") is not None:
                men = int(people["men"])
                parts.append(fill(ngettext("%(count)s man", "%(count)s men", men), men))
            if parts:
                value = f"{value} ({join_list(parts)})"
            figures.append((_("participants"), value))
        if people.get("from_bih"):
            figures.append((_("from Bosnia and Herzegovina"), number(int(people["from_bih"]))))
        if record.completions is not None:
            figures.append((_("completed"), number(record.completions)))
        if record.certificates is not None:
            figures.append((_("certificates"), number(record.certificates)))
        figures += self.reach_figures(record)
        return figures

    def reach_figures(self, record: ActivityRecord) -> list[tuple[str, str]]:
        """A campaign states each figure of its reach, "—" for one that does not apply (a
        radio spot has no clicks); other activities state the reach they carry."""
        reach = record.reach
        rows = (
            ("people", _("people reached")),
            ("women", _("women reached")),
            ("men", _("men reached")),
            ("views", _("views")),
            ("clicks", _("clicks")),
        )
        values = {key: reach.get(key) for key, _label in rows}
        if record.type != "campaign" or not any(values.values()):
            return [(label, number(v)) for key, label in rows if (v := values[key])]
        return [
            (label, number(v) if (v := values[key]) is not None else "—") for key, label in rows
        ]

    # Trial monitoring -------------------------------------------------------------------------

    def monitoring(self) -> Section | None:
        monitoring = self.sources.statistics.get("trial_monitoring")
        if monitoring is None:
            return None
        figures, cells = self.figures_of("trial_monitoring", monitoring)
        period = self.sources.statistics_period
        blocks: list[Block] = [
            Paragraph(p)
            for p in prose.monitoring_paragraphs(
                monitoring,
                cells,
                period,
                self.sources.articles(self.language),
                show_extremes=not self.composition.suppresses,
                folded=figures.folded,
            )
        ]
        # The table the charges paragraph refers to comes right after the prose: it may break
        # across pages, so the tall charts below do not leave the findings' page half empty.
        blocks.append(self.articles_table(monitoring, figures, cells))
        blocks += self.figures(
            [
                chartspecs.cases_by_article(cells),
                chartspecs.verdicts(cells),
                chartspecs.sentences(cells),
            ]
        )
        blocks += self.completed_offences(cells)
        for grid in figures.grids:
            if grid.key in ("monitoring_verdicts", "monitoring_sentences"):
                blocks.append(self.table(grid, cells, keep_zero_rows=True))
        if not self.composition.suppresses:
            ranges = self.sentence_ranges(monitoring)
            if ranges is not None:
                blocks.append(ranges)
        compensation = self.sources.statistics.get("compensation")
        if compensation is not None:
            blocks.append(Heading(_("Compensation and confiscated assets"), level=3))
            blocks += compensation_blocks(compensation, self.threshold)
        return Section("monitoring", _("Monitoring findings"), blocks)

    def articles_table(
        self, monitoring: Mapping[str, Any], figures: FigureSet, cells: ProtectedCells
    ) -> Table:
        """Every article of the catalogue's list with its cases; hiding small numbers, the
        public tables' rare articles are not named but counted in "other articles"."""
        articles = [
            a
            for a in prose.known_articles(monitoring, self.sources.articles(self.language))
            if a.key not in figures.folded
        ]
        rows = [
            [a.code_name, in_reader_script(a.number), a.title, self.article_cases(a, cells)]
            for a in articles
        ]
        other = f"article:{OTHER}"
        if cells.values.get(other):
            rows.append([_("other articles"), "", "", self.cell(other, cells)])
        return Table(
            caption=prose.articles_table_caption(),
            header=[_("Criminal code"), _("Article"), _("Criminal offence"), _("Cases")],
            rows=rows,
            numeric=[False, False, False, True],
        )

    def article_cases(self, article: ArticleInfo, cells: ProtectedCells) -> str:
        name = f"article:{article.key}"
        return self.cell(name, cells) if name in cells.values else "0"

    def completed_offences(self, cells: ProtectedCells) -> list[Block]:
        """The offences the court decisions referred to in the completed cases (the bulletin's
        closing chart). Hiding small numbers, an article is named only where the public
        tables name it and it counts at least the threshold; the others are added up in
        "other articles" (hidden if small). No total is shown, so none can be worked out."""
        offences = [a for a in self.sources.completed_offences(self.language) if a.cases]
        if not offences:
            return []
        caption = _("Criminal offences in the court decisions of the completed cases")

        def shown(cases: int) -> int | None:
            return None if self.threshold and cases < self.threshold else cases

        other = 0
        if self.threshold is not None:
            named = [a for a in offences if f"article:{a.key}" in cells.values and shown(a.cases)]
            other = sum(a.cases for a in offences if a not in named)
            offences = named
        rows = [
            [a.code_name, in_reader_script(a.number), a.title, self.value_text(shown(a.cases))]
            for a in offences
        ]
        bars = [(prose.article_name(a), shown(a.cases)) for a in offences]
        if self.threshold is not None and other:
            rows.append([_("other articles"), "", "", self.value_text(shown(other))])
            bars.append((_("other articles"), shown(other)))
        visible = [(label, value) for label, value in bars if value]
        blocks: list[Block] = []
        if visible:
            chart = ChartSpec(
                title=caption,
                categories=tuple(label for label, _value in visible),
                series=(Series(_("cases"), tuple(float(v or 0) for _label, v in visible)),),
                value_label=_("cases"),
            )
            blocks += self.figures([chart])
        blocks.append(
            Table(
                caption=caption,
                header=[_("Criminal code"), _("Article"), _("Criminal offence"), _("Cases")],
                rows=rows,
                numeric=[False, False, False, True],
            )
        )
        return blocks

    def value_text(self, value: int | None) -> str:
        return "x" if value is None else number(value)

    def sentence_ranges(self, monitoring: Mapping[str, Any]) -> Table | None:
        sentences = monitoring["sentences"]
        rows = []
        for key, show, label in (
            ("imprisonment_months", prose.duration, _("imprisonment")),
            ("suspended_months", prose.duration, _("suspended sentence")),
            ("fines_bam", prose.money, _("fine")),
        ):
            bounds = sentences.get(key) or {}
            if bounds.get("min") is None:
                continue
            rows.append([label, show(int(bounds["min"])), show(int(bounds["max"]))])
        if not rows:
            return None
        return Table(
            caption=_("Lowest and highest sentences"),
            header=[_("Sentence"), _("Lowest"), _("Highest")],
            rows=rows,
            numeric=[False, True, True],
        )

    # About the figures ------------------------------------------------------------------------

    def about(self) -> Section:
        statistics = self.sources.statistics_period
        activities = self.sources.period
        items = [
            _("Statistics cover %(start)s to %(end)s; activities cover %(astart)s to %(aend)s.")
            % {
                "start": format_date(statistics.start),
                "end": format_date(statistics.end),
                "astart": format_date(activities.start),
                "aend": format_date(activities.end),
            },
            _(
                "A victim counts in the period in which he or she was identified; minors are under "
                "18 on that date; a victim exploited in several forms counts under each form."
            ),
            _("A value that was not recorded is counted and shown as not recorded, never dropped."),
            _(
                "Only activities approved by the State Coordinator's office are reported; an "
                "event reported by several partners is counted once."
            ),
        ]
        if self.composition.suppresses:
            items.append(self.suppression_note())
        else:
            items.append(
                _(
                    "The figures are published as recorded, under the publication policy set by "
                    "the State Coordinator."
                )
            )
        return Section("about", _("About the figures"), [BulletList(items)])


def fill(text: str, n: int, **values: Any) -> str:
    return prose.fill(text, n, **values)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _participants(record: ActivityRecord) -> int:
    people = record.participants
    if people.get("total") is not None:
        return int(people["total"])
    return int(people.get("women") or 0) + int(people.get("men") or 0)


def qualified(count: int, qualifier: str) -> str:
    """54; more than 50; about 60 (as the partner reported it)."""
    if qualifier == "more_than":
        return _("more than %(count)s") % {"count": number(count)}
    if qualifier == "about":
        return _("about %(count)s") % {"count": number(count)}
    return number(count)


def fill_threshold(threshold: int) -> str:
    return fill(
        ngettext(
            "To protect the people counted, numbers below %(count)s are not published (x), "
            "nor any number from which one could be worked out.",
            "To protect the people counted, numbers below %(count)s are not published (x), "
            "nor any number from which one could be worked out.",
            threshold,
        ),
        threshold,
    )
