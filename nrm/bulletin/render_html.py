"""The bulletin as HTML: the web preview (inside the application's layout), the standalone
download (one self-contained file), and the source of the PDF."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from nrm.bulletin.document import Block, Bulletin, Figure, Table
from nrm.statistics.charts import data_uri

STATIC = Path(__file__).resolve().parent / "static" / "bulletin"


@cache
def stylesheet(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def document_context(document: Bulletin, *, image_format: str = "svg") -> dict[str, Any]:
    """What the templates need: the document, with each chart drawn and each table laid out."""
    return {
        "meta": document.meta,
        "sections": [
            {
                "key": section.key,
                "kind": section.key.split("-")[0],
                "title": section.title,
                "blocks": [_block_context(block, image_format) for block in section.blocks],
            }
            for section in document.sections
        ],
    }


def _block_context(block: Block, image_format: str) -> dict[str, Any]:
    item: dict[str, Any] = {"block": block}
    if isinstance(block, Figure):
        item["image"] = data_uri(block.chart, image_format)
        item["alt"] = _alt_text(block)
    elif isinstance(block, Table):
        numeric = block.numeric or [False] * len(block.header)
        item["header"] = [
            {"text": text, "numeric": numeric[i] if i < len(numeric) else False}
            for i, text in enumerate(block.header)
        ]
        item["rows"] = [
            {
                "total": block.total_row and index == len(block.rows) - 1,
                "cells": [
                    {"value": value, "numeric": numeric[i] if i < len(numeric) else False}
                    for i, value in enumerate(row)
                ],
            }
            for index, row in enumerate(block.rows)
        ]
    return item


def _alt_text(figure: Figure) -> str:
    """The chart's figures in words, for readers who cannot see it."""
    chart = figure.chart
    parts = []
    for series in chart.series:
        values = ", ".join(
            f"{category}: {value:g}"
            for category, value in zip(chart.categories, series.values, strict=True)
        )
        parts.append(f"{series.name}: {values}" if len(chart.series) > 1 else values)
    return f"{figure.caption}: {'; '.join(parts)}"


def render_body(document: Bulletin) -> str:
    """The document's HTML for the web preview (the page supplies the stylesheet)."""
    with translation.override(document.meta.language):
        return render_to_string("bulletin/includes/document.html", document_context(document))


def render_html(document: Bulletin) -> bytes:
    """One self-contained HTML file: styles and charts inside, nothing fetched."""
    context = document_context(document)
    context["inline_css"] = stylesheet("bulletin.css")
    with translation.override(document.meta.language):
        return render_to_string("bulletin/standalone.html", context).encode("utf-8")
