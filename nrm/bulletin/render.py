"""One entry point for the three renderings of the document model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nrm.bulletin.document import Bulletin
from nrm.core.errors import ValidationError


@dataclass(frozen=True)
class Format:
    code: str
    content_type: str
    renderer: Callable[[Bulletin], bytes]


def _html(document: Bulletin) -> bytes:
    from nrm.bulletin.render_html import render_html

    return render_html(document)


def _docx(document: Bulletin) -> bytes:
    from nrm.bulletin.render_docx import render_docx

    return render_docx(document)


def _pdf(document: Bulletin) -> bytes:
    from nrm.bulletin.render_pdf import render_pdf

    return render_pdf(document)


FORMATS: dict[str, Format] = {
    "html": Format("html", "text/html; charset=utf-8", _html),
    "docx": Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx,
    ),
    "pdf": Format("pdf", "application/pdf", _pdf),
}


def check_format(code: str) -> Format:
    value = (code or "").strip().lower()
    if value not in FORMATS:
        raise ValidationError(
            _("%(value)r is not a bulletin format: use one of %(choices)s.")
            % {"value": code, "choices": ", ".join(FORMATS)},
            fields={"format": [_("choose from: %(choices)s") % {"choices": ", ".join(FORMATS)}]},
        )
    return FORMATS[value]


def render_document(document: Bulletin, fmt: str) -> bytes:
    return check_format(fmt).renderer(document)


def filename(document: Bulletin, fmt: str) -> str:
    meta = document.meta
    version = f"-v{meta.version}" if meta.version else "-draft"
    return f"nrm-bulletin-{meta.period}{version}-{meta.language}.{fmt}"
