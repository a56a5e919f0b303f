"""The bulletin as one document model: metadata and ordered sections of typed blocks.

One builder (nrm.bulletin.builder) makes it from the records; three renderers turn it into HTML
(also the web preview), DOCX and PDF. A published version stores the document itself (as JSON),
so that what was published stays exactly as published whatever happens to the records later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from nrm.statistics.charts import ChartSpec


@dataclass
class Heading:
    text: str
    level: int = 3  # 1 is the document title, 2 a section's title
    kind: ClassVar[str] = "heading"


@dataclass
class Paragraph:
    text: str
    style: str = ""  # "", "lead", "note" (a data note), "quote"
    kind: ClassVar[str] = "paragraph"


@dataclass
class BulletList:
    items: list[str]
    kind: ClassVar[str] = "list"


@dataclass
class Figure:
    """A chart: the spec is data, drawn by each renderer in its format."""

    chart: ChartSpec
    caption: str
    kind: ClassVar[str] = "figure"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned figures
    total_row: bool = False  # the last row holds totals
    kind: ClassVar[str] = "table"


@dataclass
class Photo:
    """A photo of an activity the coordinator chose: the image itself (base64), so that a
    published version keeps it whatever happens to the stored document later."""

    data: str  # base64 of the image file
    media_type: str  # image/jpeg, image/png
    alt: str  # the document's description, or its file name

    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{self.data}"


@dataclass
class ActivityEntry:
    """One activity reported by a partner, as the bulletin tells it."""

    title: str
    details: list[str]  # type, dates, places, organisers: short lines
    summary: str
    figures: list[tuple[str, str]]  # (label, value), e.g. ("participants", "54 (42 men, 12 women)")
    links: list[str] = field(default_factory=list)
    note: str = ""  # e.g. "also reported by: IOM, Council of Europe"
    sessions_label: str = ""  # "Sessions" in the document's language
    sessions: list[str] = field(default_factory=list)  # "1 October 2024, Banja Luka: 25 ..."
    photos: list[Photo] = field(default_factory=list)
    kind: ClassVar[str] = "activity"


@dataclass
class ContactBlock:
    title: str
    lines: list[str]
    note: str = ""
    kind: ClassVar[str] = "contact"


@dataclass
class Callout:
    """A box that stands out (the hotline): a title and short paragraphs."""

    title: str
    paragraphs: list[str]
    kind: ClassVar[str] = "callout"


Block = Heading | Paragraph | BulletList | Figure | Table | ActivityEntry | ContactBlock | Callout
BLOCK_TYPES: dict[str, type] = {
    cls.kind: cls
    for cls in (Heading, Paragraph, BulletList, Figure, Table, ActivityEntry, ContactBlock, Callout)
}


@dataclass
class Section:
    key: str  # "introduction", "statistics", "activities", "monitoring", "free-3", ...
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Metadata:
    title: str  # "Biannual Bulletin"
    period_label: str  # "July – December 2024"
    issuer: str  # "Ministry of Security of Bosnia and Herzegovina"
    department: str  # "Department for Combating Trafficking in Human Beings"
    language: str  # en, bs, hr, sr, sr-latn
    period: str  # "2024-H2"
    statistics_period: dict[str, str]  # {"from", "to"}
    activities_period: dict[str, str]
    edition_label: str  # "Draft of 3 December 2024" or "Version 2, published 15 January 2025"
    version: int | None = None  # the published version's number; None for a draft
    page_label: str = "Page"  # "Page" in the document's language (footers)
    contents_label: str = "Contents"


@dataclass
class Bulletin:
    meta: Metadata
    sections: list[Section]
    figures: dict[str, Any] = field(default_factory=dict)  # the statistics it was built from

    # Serialisation: published versions are stored as this JSON.

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": asdict(self.meta),
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "blocks": [_block_to_dict(block) for block in section.blocks],
                }
                for section in self.sections
            ],
            "figures": self.figures,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bulletin:
        return cls(
            meta=Metadata(**data["meta"]),
            sections=[
                Section(
                    key=section["key"],
                    title=section["title"],
                    blocks=[_block_from_dict(block) for block in section["blocks"]],
                )
                for section in data["sections"]
            ],
            figures=data.get("figures", {}),
        )

    def plain_text(self) -> str:
        """Every word a reader sees (tests, search), in reading order."""
        lines = [self.meta.title, self.meta.period_label, self.meta.issuer, self.meta.department]
        for section in self.sections:
            lines.append(section.title)
            for block in section.blocks:
                lines.extend(_block_text(block))
        return "\n".join(line for line in lines if line)


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Figure):
        return {"kind": block.kind, "chart": block.chart.as_dict(), "caption": block.caption}
    return {"kind": block.kind, **asdict(block)}


def _block_from_dict(data: dict[str, Any]) -> Block:
    values = dict(data)
    kind = values.pop("kind")
    if kind == "figure":
        return Figure(chart=ChartSpec.from_dict(values["chart"]), caption=values["caption"])
    if kind == "activity":
        values["figures"] = [tuple(pair) for pair in values.get("figures", [])]
        values["photos"] = [Photo(**photo) for photo in values.get("photos", [])]
    block: Block = BLOCK_TYPES[kind](**values)
    return block


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Heading | Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Figure):
        return [block.caption, block.chart.title, *block.chart.categories]
    if isinstance(block, Table):
        return [block.caption, " | ".join(block.header), *(" | ".join(r) for r in block.rows)]
    if isinstance(block, Callout):
        return [block.title, *block.paragraphs]
    if isinstance(block, ActivityEntry):
        figures = [f"{label}: {value}" for label, value in block.figures]
        return [
            block.title,
            *block.details,
            block.summary,
            *figures,
            block.sessions_label if block.sessions else "",
            *block.sessions,
            *block.links,
            block.note,
            *(photo.alt for photo in block.photos),
        ]
    return [block.title, *block.lines, block.note]
