"""The bulletin as an editable Word document (python-docx): real headings (navigation pane,
table of contents), real tables, charts as pictures, numbered pages, the document's language
set for spelling."""

from __future__ import annotations

import base64
import io

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from nrm.bulletin.document import (
    ActivityEntry,
    Block,
    Bulletin,
    BulletList,
    Callout,
    ContactBlock,
    Figure,
    Heading,
    Paragraph,
    Photo,
    Table,
)
from nrm.statistics.charts import render

BRAND = RGBColor(0x12, 0x35, 0x5B)
MUTED = RGBColor(0x4A, 0x55, 0x61)
FONT = "DejaVu Sans"
# Word's language tags, so that spelling and hyphenation follow the edition's language.
WORD_LANGUAGES = {
    "en": "en-GB",
    "bs": "bs-Latn-BA",
    "hr": "hr-BA",
    "sr": "sr-Cyrl-BA",
    "sr-latn": "sr-Latn-BA",
}


def render_docx(document: Bulletin) -> bytes:
    docx = new_document()
    _set_up(docx, document)
    _cover(docx, document)
    body = docx.add_section(WD_SECTION.NEW_PAGE)
    _footer(body, document.meta.page_label)
    _contents(docx, document)
    for section in document.sections:
        docx.add_heading(section.title, level=1)
        for block in section.blocks:
            _block(docx, block)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _contents(docx: Document, document: Bulletin) -> None:
    """A table of contents as in the PDF: Word's TOC field over the section headings, with the
    sections listed in it already (Word fills in the page numbers when it updates the field,
    which it is asked to do on opening)."""
    heading = docx.add_paragraph(document.meta.contents_label, style="TOC Heading")
    heading.paragraph_format.keep_with_next = True
    paragraph = docx.add_paragraph()
    begin, instruction, separate, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-1" \\h \\z \\u'
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    run = paragraph.add_run()
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(separate)
    for index, section in enumerate(document.sections):
        line = paragraph.add_run(section.title)
        if index < len(document.sections) - 1:
            line.add_break(WD_BREAK.LINE)
    closing = paragraph.add_run()
    closing._r.append(end)
    settings = docx.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    docx.add_page_break()


def _set_up(docx: Document, document: Bulletin) -> None:
    meta = document.meta
    properties = docx.core_properties
    properties.title = f"{meta.title} · {meta.period_label}"
    properties.subject = meta.department
    properties.author = meta.issuer
    properties.language = WORD_LANGUAGES.get(meta.language, meta.language)
    properties.comments = meta.edition_label
    section = docx.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    styles = docx.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    _style_language(normal, WORD_LANGUAGES.get(meta.language, "en-GB"))
    for level in (1, 2, 3):
        heading = styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.color.rgb = BRAND
    styles["Title"].font.name = FONT


def _style_language(style: object, tag: str) -> None:
    """Set w:lang (and the East-Asian/complex-script fonts) on a style's run properties."""
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), tag)
    rpr.append(language)


def _cover(docx: Document, document: Bulletin) -> None:
    meta = document.meta
    for text, size, bold in ((meta.issuer, 12, True), (meta.department, 11, False)):
        paragraph = docx.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.font.size, run.font.color.rgb = bold, Pt(size), BRAND
    spacer = docx.add_paragraph()
    spacer.paragraph_format.space_after = Pt(120)
    title = docx.add_paragraph(meta.title, style="Title")
    title.runs[0].font.color.rgb = BRAND
    period = docx.add_paragraph()
    run = period.add_run(meta.period_label)
    run.font.size, run.font.color.rgb = Pt(20), BRAND
    edition = docx.add_paragraph()
    edition.paragraph_format.space_before = Pt(180)
    run = edition.add_run(meta.edition_label)
    run.font.size, run.font.color.rgb = Pt(9), MUTED


def _footer(section: object, label: str) -> None:
    """ "Page N" on every page after the cover (a PAGE field Word and LibreOffice update)."""
    footer = section.footer  # type: ignore[attr-defined]
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(label + " ")
    run.font.size, run.font.color.rgb = Pt(8), MUTED
    _field(paragraph, "PAGE")


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _block(docx: Document, block: Block) -> None:
    if isinstance(block, Heading):
        docx.add_heading(block.text, level=min(3, max(1, block.level - 1)))
    elif isinstance(block, Paragraph):
        paragraph = docx.add_paragraph(block.text)
        if block.style == "note":
            for run in paragraph.runs:
                run.font.size, run.font.color.rgb = Pt(8.5), MUTED
        elif block.style == "lead":
            for run in paragraph.runs:
                run.font.size = Pt(11)
    elif isinstance(block, BulletList):
        for item in block.items:
            docx.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Figure):
        _figure(docx, block)
    elif isinstance(block, Table):
        _table(docx, block)
    elif isinstance(block, ActivityEntry):
        _activity(docx, block)
    elif isinstance(block, ContactBlock):
        _contact(docx, block)
    elif isinstance(block, Callout):
        _callout(docx, block)


def _figure(docx: Document, figure: Figure) -> None:
    docx.add_picture(io.BytesIO(render(figure.chart, "png")), width=Cm(16.5))
    docx.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = docx.add_paragraph(figure.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(docx: Document, block: Table) -> None:
    caption = docx.add_paragraph(block.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = docx.add_table(rows=1, cols=len(block.header), style="Light List Accent 1")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    numeric = block.numeric or [False] * len(block.header)
    header = table.rows[0]
    _repeat_header(header)
    for index, text in enumerate(block.header):
        _cell_text(header.cells[index], text, bold=True, right=_is(numeric, index))
    for row_index, values in enumerate(block.rows):
        total = block.total_row and row_index == len(block.rows) - 1
        cells = table.add_row().cells
        for index, value in enumerate(values):
            _cell_text(cells[index], value, bold=total, right=_is(numeric, index))
    docx.add_paragraph()


def _is(flags: list[bool], index: int) -> bool:
    return flags[index] if index < len(flags) else False


def _repeat_header(row: object) -> None:
    """Repeat the header row on every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cell_text(cell: object, text: str, *, bold: bool, right: bool) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _activity(docx: Document, entry: ActivityEntry) -> None:
    docx.add_heading(entry.title, level=3)
    details = docx.add_paragraph()
    run = details.add_run(" · ".join(entry.details))
    run.italic, run.font.color.rgb = True, MUTED
    if entry.summary:
        docx.add_paragraph(entry.summary)
    for label, value in entry.figures:
        paragraph = docx.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{label}: ")
        paragraph.add_run(value).bold = True
    if entry.sessions:
        heading = docx.add_paragraph()
        heading.add_run(entry.sessions_label).bold = True
        heading.paragraph_format.keep_with_next = True
        for line in entry.sessions:
            docx.add_paragraph(line, style="List Bullet")
    if entry.note:
        note = docx.add_paragraph()
        run = note.add_run(entry.note)
        run.font.size, run.font.color.rgb = Pt(8.5), MUTED
    for link in entry.links:
        docx.add_paragraph(link)
    for photo in entry.photos:
        _photo(docx, photo)


def _photo(docx: Document, photo: Photo) -> None:
    """A photo under its activity, 6 cm wide at most, its text as the picture's description."""
    picture = docx.add_picture(io.BytesIO(base64.b64decode(photo.data)), width=Cm(6))
    picture._inline.docPr.set("descr", photo.alt)  # what screen readers say


def _callout(docx: Document, callout: Callout) -> None:
    """A shaded one-cell table: the box that stands out, as in the PDF."""
    table = docx.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = table.rows[0].cells[0]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "E8EEF5")
    cell._tc.get_or_add_tcPr().append(shading)
    first = cell.paragraphs[0]
    title = first.add_run(callout.title)
    title.bold, title.font.color.rgb = True, BRAND
    for text in callout.paragraphs:
        cell.add_paragraph(text)
    docx.add_paragraph()


def _contact(docx: Document, contact: ContactBlock) -> None:
    paragraph = docx.add_paragraph()
    for index, line in enumerate(contact.lines):
        run = paragraph.add_run(line)
        if index < len(contact.lines) - 1:
            run.add_break(WD_BREAK.LINE)
    if contact.note:
        note = docx.add_paragraph()
        run = note.add_run(contact.note)
        run.font.size, run.font.color.rgb = Pt(8.5), MUTED
