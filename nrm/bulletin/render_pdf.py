"""The bulletin as a print-ready PDF: WeasyPrint from the HTML, with the print stylesheet
(A4, a full-page cover, contents with page numbers, running headers, numbered pages)."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from nrm.bulletin.document import Bulletin
from nrm.bulletin.render_html import document_context, stylesheet
from nrm.core.pdf import weasyprint
from nrm.statistics.charts import SVG_TEXT

# WeasyPrint warns about the screen-only rules of the shared stylesheet, and fontTools
# reports every font subset: neither is news to the operator.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _page_numbers(label: str) -> str:
    """The footer, in the document's language ("Page 3", "Страна 3")."""
    content = json.dumps(label + " ", ensure_ascii=False)
    return (
        f"@page {{ @bottom-right {{ content: {content} counter(page); "
        "font-family: 'DejaVu Sans'; font-size: 8pt; color: #4a5561; } }"
    )


def layout(document: Bulletin) -> Any:
    """The document laid out in pages (a WeasyPrint Document)."""
    module = weasyprint()
    context = document_context(document, image_format=SVG_TEXT)
    context["inline_css"] = ""
    with translation.override(document.meta.language):
        html = render_to_string("bulletin/standalone.html", context)
    stylesheets = [
        module.CSS(string=stylesheet("bulletin.css")),
        module.CSS(string=stylesheet("bulletin-print.css")),
        module.CSS(string=_page_numbers(document.meta.page_label)),
    ]
    return module.HTML(string=html).render(stylesheets=stylesheets, pdf_tags=True)


def render_pdf(document: Bulletin, **options: Any) -> bytes:
    # Tagged PDF: headings, tables and reading order for screen readers.
    pdf: bytes = layout(document).write_pdf(pdf_tags=True, **options)
    return pdf
