"""Bar charts of statistics, drawn with matplotlib (Agg, DejaVu Sans so that Cyrillic renders).

A chart is described by a ChartSpec (plain data: it is stored in published bulletins) and drawn
as SVG (web pages, HTML bulletins), SVG with its text as text (PDF bulletins) or PNG (DOCX).
Drawing is deterministic and cached: the same spec always gives the same bytes.
"""

from __future__ import annotations

import base64
import io
import textwrap
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Accessible on white (WCAG AA for large graphics), distinguishable in grey print.
PALETTE = ("#12355b", "#d9822b", "#4f8a3c", "#8c3b70", "#5b7fa6", "#a4262c", "#6b6b6b")
FONT = "DejaVu Sans"
WIDTH_IN = 6.6
LABEL_WIDTH = 28  # characters per line of a category label

# Applied when matplotlib is first needed: importing it costs about a second, which every
# `nrm` command would pay at start-up (system checks import the views).
RC_PARAMS: dict[str, Any] = {
    "font.family": FONT,
    "font.size": 9,
    "svg.fonttype": "path",  # text as outlines: no font needed by the reader (but see SVG_TEXT)
    "svg.hashsalt": "nrm",  # stable ids: the same chart gives the same file
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4a5561",
    "axes.titleweight": "bold",
    "axes.titlesize": 10,
}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartSpec:
    """kind: "bar" (vertical), "barh" (horizontal, for long labels); several series are
    drawn side by side, or stacked when `stacked`."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "barh"
    stacked: bool = False
    value_label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "categories": list(self.categories),
            "series": [{"name": s.name, "values": list(s.values)} for s in self.series],
            "kind": self.kind,
            "stacked": self.stacked,
            "value_label": self.value_label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChartSpec:
        return cls(
            title=data["title"],
            categories=tuple(data["categories"]),
            series=tuple(Series(s["name"], tuple(s["values"])) for s in data["series"]),
            kind=data.get("kind", "barh"),
            stacked=bool(data.get("stacked", False)),
            value_label=data.get("value_label", ""),
        )

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)


# SVG whose labels are text in DejaVu Sans rather than outlines, for the PDF bulletin: its
# renderer has the font (the bulletin's text is set in it), and drawing each letter's outline
# took it a tenth of the bulletin's time. The PDF's charts keep their text searchable.
SVG_TEXT = "svg-text"
FORMATS = {"svg": "image/svg+xml", SVG_TEXT: "image/svg+xml", "png": "image/png"}

# matplotlib is not thread-safe and the text setting is global: one chart at a time.
_drawing = threading.Lock()


def render(spec: ChartSpec, fmt: str = "svg") -> bytes:
    """The chart as SVG (text as outlines), SVG_TEXT or PNG bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    return _render(spec, fmt)


def data_uri(spec: ChartSpec, fmt: str = "svg") -> str:
    """For <img src=...>: allowed by the Content Security Policy (img-src data:), unlike
    inline SVG with style attributes."""
    return f"data:{FORMATS[fmt]};base64,{base64.b64encode(render(spec, fmt)).decode()}"


@lru_cache(maxsize=256)
def _render(spec: ChartSpec, fmt: str) -> bytes:
    rows = len(spec.categories)
    horizontal = spec.kind == "barh"
    height = max(1.6, 0.75 + 0.32 * rows * (1 if spec.stacked else max(1, len(spec.series))))
    if not horizontal:
        height = 3.0
    with _drawing:
        figure = _figure_class()(figsize=(WIDTH_IN, height))
        axes = figure.subplots()
        _draw(axes, spec, horizontal)
        if spec.title:
            axes.set_title(spec.title, loc="left")
        figure.tight_layout()
        # Laid out once: without this, saving would lay it out again (a third of the time).
        figure.set_layout_engine(None)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if fmt != "png" else {"Software": None}
        with _text_as_text(fmt == SVG_TEXT):
            figure.savefig(
                buffer, format="png" if fmt == "png" else "svg", dpi=200, metadata=metadata
            )
    return buffer.getvalue()


def _text_as_text(wanted: bool) -> Any:
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none"} if wanted else {})


@lru_cache(maxsize=1)
def _figure_class() -> Any:
    """matplotlib's Figure without pyplot (no global figure registry to leak or lock)."""
    import matplotlib
    from matplotlib.figure import Figure

    settings: Any = matplotlib.rcParams  # typed with literal keys only
    settings.update(RC_PARAMS)
    return Figure


def _draw(axes: Any, spec: ChartSpec, horizontal: bool) -> None:
    labels = [textwrap.fill(c, LABEL_WIDTH) for c in spec.categories]
    positions = list(range(len(labels)))
    count = max(1, len(spec.series))
    thickness = 0.8 if spec.stacked else 0.8 / count
    offsets = [0.0] * len(labels)
    for index, series in enumerate(spec.series):
        shift = 0.0 if spec.stacked else (index - (count - 1) / 2) * thickness
        places = [p + shift for p in positions]
        colour = PALETTE[index % len(PALETTE)]
        values = list(series.values)
        if horizontal:
            bars = axes.barh(
                places, values, height=thickness, left=offsets, color=colour, label=series.name
            )
        else:
            bars = axes.bar(
                places, values, width=thickness, bottom=offsets, color=colour, label=series.name
            )
        if not spec.stacked:
            axes.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize=8)
        else:
            offsets = [o + v for o, v in zip(offsets, values, strict=True)]
    if spec.stacked:
        totals = offsets
        for position, total in zip(positions, totals, strict=True):
            if horizontal:
                axes.text(total, position, f" {_number(total)}", va="center", fontsize=8)
            else:
                axes.text(position, total, _number(total), ha="center", va="bottom", fontsize=8)
    if horizontal:
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()  # the first category on top, as in the table
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_xlabel(spec.value_label)
        axes.margins(x=0.12)
    else:
        axes.set_xticks(positions, labels)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.set_ylabel(spec.value_label)
        axes.margins(y=0.15)
    if len(spec.series) > 1:
        axes.legend(frameon=False, fontsize=8, loc="best")


def _number(value: float) -> str:
    if value != int(value):
        return f"{value:.1f}"
    return f"{int(value):,}".replace(",", "\u202f")  # a thin space groups thousands
