"""The bulletin: time to collect the figures, build the document and render each format.

Runs on the demo data (every app's demo loader), so that the bulletin is the real one: the
2024-H2 edition with the year's victims, court cases and the partners' activities.
"""

from __future__ import annotations

from typing import Any


def _demo() -> None:
    from django.core.management import call_command

    call_command("demo", verbosity=0, quiet_accounts=True)


def _collect() -> Any:
    """Collect the sources of the demo's 2024-H2 bulletin (the demo is loaded already)."""
    from nrm.bulletin.models import Edition
    from nrm.bulletin.services import composition_of
    from nrm.bulletin.sources import collect_sources
    from nrm.core.periods import Period

    edition = Edition.objects.get(period="2024-H2")
    return collect_sources(period=Period.parse("2024-H2"), composition=composition_of(edition))


def _sources() -> Any:
    _demo()
    return _collect()


def _document(language: str) -> Any:
    from nrm.bulletin.builder import build_bulletin
    from nrm.statistics import charts

    charts._render.cache_clear()  # charts are drawn afresh, as in a new process
    return build_bulletin(_sources(), language)


def _collect_and_read_activities(_: Any) -> None:
    _collect().activities("en")


def _build(sources: Any) -> None:
    from nrm.bulletin.builder import build_bulletin

    for language in ("en", "bs", "hr", "sr", "sr-latn"):
        build_bulletin(sources, language)


def _render(fmt: str) -> Any:
    from nrm.bulletin.render import render_document

    def run(document: Any) -> None:
        render_document(document, fmt)

    return run


def _publish(_: Any) -> None:
    from nrm.bulletin.models import Edition
    from nrm.bulletin.services import edition_publish

    edition_publish(actor=None, edition=Edition.objects.get(period="2024-H2"))


BENCHMARKS = [
    ("collect the sources (statistics, activities)", _demo, _collect_and_read_activities),
    ("build the document in 5 languages", _sources, _build),
    ("render HTML (en)", lambda: _document("en"), _render("html")),
    ("render DOCX (en)", lambda: _document("en"), _render("docx")),
    ("render PDF (en)", lambda: _document("en"), _render("pdf")),
    ("render PDF (sr, Cyrillic)", lambda: _document("sr"), _render("pdf")),
    ("publish a version (5 languages)", _demo, _publish),
]
