"""Charts: outlines for the web (no font needed by the reader), text for the PDF bulletin."""

from __future__ import annotations

import threading

from nrm.statistics.charts import SVG_TEXT, ChartSpec, Series, data_uri, render

SPEC = ChartSpec(
    title="Жртве према полу",
    categories=("женски", "мушки"),
    series=(Series("жртве", (16.0, 21.0)),),
)


def test_web_charts_draw_their_labels_as_outlines():
    svg = render(SPEC, "svg").decode()
    assert svg.startswith("<?xml") and "<text" not in svg
    assert 'xlink:href="#DejaVuSans-' in svg  # each letter an outline of the font's glyph


def test_pdf_charts_keep_their_labels_as_text_in_the_bulletins_font():
    svg = render(SPEC, SVG_TEXT).decode()
    assert "женски" in svg and "Жртве према полу" in svg
    assert "font-family: 'DejaVu Sans'" in svg
    assert data_uri(SPEC, SVG_TEXT).startswith("data:image/svg+xml;base64,")


def test_drawing_text_for_the_pdf_leaves_the_web_charts_as_they_were():
    other = ChartSpec("Victims by sex", ("female", "male"), (Series("victims", (3.0, 4.0)),))
    before = render(other, "svg")
    render(ChartSpec("Another", ("a",), (Series("n", (1.0,)),)), SVG_TEXT)
    from nrm.statistics import charts

    charts._render.cache_clear()
    assert render(other, "svg") == before  # drawn again, the same bytes


def test_charts_drawn_at_once_by_several_threads_are_each_in_their_format():
    specs = [
        ChartSpec(f"Chart {i}", ("one", "two"), (Series("n", (float(i), 2.0)),)) for i in range(8)
    ]
    drawn: dict[tuple[int, str], bytes] = {}

    def draw(index: int, fmt: str) -> None:
        drawn[index, fmt] = render(specs[index], fmt)

    threads = [
        threading.Thread(target=draw, args=(i, fmt))
        for i in range(len(specs))
        for fmt in ("svg", SVG_TEXT)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for (index, fmt), content in drawn.items():
        assert (b"<text" in content) is (fmt == SVG_TEXT), (index, fmt)
