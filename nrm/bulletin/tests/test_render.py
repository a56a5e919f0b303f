"""The three renderings open in standard tools and carry the whole document."""

import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from docx import Document

from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.render import check_format, filename, render_document
from nrm.bulletin.render_pdf import layout
from nrm.core.errors import ValidationError


@pytest.fixture
def english(sources):
    return build_bulletin(sources, "en")


def test_html_is_one_self_contained_file(english):
    html = render_document(english, "html").decode()
    assert html.startswith("<!doctype html>")
    assert '<html lang="en">' in html
    assert "<style>" in html and "<link" not in html  # nothing fetched when opened offline
    assert html.count('<img src="data:image/svg+xml;base64,') == 7
    assert "a total of 37 persons were identified" in html
    assert 'href="#b-statistics"' in html and 'id="b-statistics"' in html


def test_a_long_table_may_continue_on_the_next_page_and_a_short_one_stays_whole(english):
    """Keeping the 23 rows of articles whole left the findings' page half empty in print."""
    html = render_document(english, "html").decode()
    long_tables = html.count('class="b-table-wrap b-table-wrap--long"')
    assert long_tables == 1  # the articles table; the others are short
    assert html.count('class="b-table-wrap"') >= 3
    stylesheet = finders.find("bulletin/bulletin-print.css")
    assert isinstance(stylesheet, str)
    print_css = Path(stylesheet).read_text(encoding="utf-8")
    assert ".b-table-wrap--long { break-inside: auto; }" in print_css


def test_docx_is_an_editable_document_with_headings_tables_and_pictures(english):
    docx = Document(io.BytesIO(render_document(english, "docx")))
    headings = [p.text for p in docx.paragraphs if p.style and p.style.name.startswith("Heading")]
    assert "Statistical data for 2024" in headings
    assert "Monitoring findings" in headings
    assert "OSCE Mission to BiH" in headings  # an organisation's activities
    assert "Training on child begging as trafficking" in headings
    assert docx.paragraphs[3].text == "Biannual Bulletin"  # the cover's title
    assert len(docx.inline_shapes) == 7  # the charts, as pictures
    # A table of contents as in the PDF: Word's TOC field, listing the sections already.
    assert 'TOC \\o "1-1"' in docx.element.xml
    assert "Contents" in [p.text for p in docx.paragraphs]
    assert len(docx.tables) >= 8
    articles = next(t for t in docx.tables if t.rows[0].cells[0].text == "Criminal code")
    assert [c.text for c in articles.rows[1].cells] == [
        "CC BiH",
        "186",
        "Trafficking in Human Beings",
        "6",
    ]
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "For one victim the form of exploitation was not recorded." in body
    footer = docx.sections[1].footer.paragraphs[0]
    assert footer.text.startswith("Page") and "PAGE" in footer._p.xml
    assert docx.core_properties.language == "en-GB"


def test_docx_in_serbian_cyrillic_says_so(sources):
    docx = Document(io.BytesIO(render_document(build_bulletin(sources, "sr"), "docx")))
    assert docx.core_properties.language == "sr-Cyrl-BA"


def test_pdf_is_a_tagged_a4_document_with_a_cover_and_numbered_pages(english):
    assert render_document(english, "pdf").startswith(b"%PDF-")
    laid_out = layout(english)
    pages = laid_out.pages
    assert len(pages) >= 7
    assert (round(pages[0].width * 0.2646), round(pages[0].height * 0.2646)) == (210, 297)  # mm
    pdf = laid_out.write_pdf(pdf_tags=True, uncompressed_pdf=True)
    assert b"/StructTreeRoot" in pdf  # tagged: readable by screen readers
    assert b"/MediaBox [0 0 595" in pdf


@pytest.mark.parametrize("bad", ["odt", "", "PDFX"])
def test_unknown_formats_are_refused_with_the_choices(bad):
    with pytest.raises(ValidationError) as error:
        check_format(bad)
    assert "html, docx, pdf" in str(error.value)


def test_files_are_named_after_the_period_version_and_language(english):
    assert filename(english, "pdf") == "nrm-bulletin-2024-H2-draft-en.pdf"
