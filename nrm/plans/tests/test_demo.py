"""The demo plan: its implementation report states counts equal to an independent count."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest
from django.core.management import call_command

from nrm.bulletin.document import Paragraph
from nrm.bulletin.render import render_document
from nrm.plans import selectors
from nrm.plans.demo import KEY, LATE_INSTITUTION, MEASURES
from nrm.plans.models import MeasureReport, Plan
from nrm.plans.report import build_report, published_document
from nrm.plans.services import report_publish


@pytest.fixture
def plan(demo_module: Any, db: Any) -> Plan:
    return Plan.objects.get(key=KEY)


def independent_counts(plan: Plan) -> dict[str, int]:
    """Count the last round's measures straight from the report records, without the
    selectors: a measure is completed when every sent report says completed, late when any
    says late, in progress when any says in progress or completed (and none late)."""
    last = plan.rounds.order_by("-number").first()
    assert last is not None
    sent: dict[int, set[str]] = defaultdict(set)
    for report in MeasureReport.objects.filter(round=last, state__in=["submitted", "approved"]):
        sent[report.measure_id].add(report.status)
    counts = {"completed": 0, "in_progress": 0, "late": 0}
    for statuses in sent.values():
        if statuses == {"completed"}:
            counts["completed"] += 1
        elif "late" in statuses:
            counts["late"] += 1
        elif statuses & {"in_progress", "completed"}:
            counts["in_progress"] += 1
    return counts


def test_demo_plan_shape(plan: Plan) -> None:
    assert plan.fictional
    assert plan.goals.count() == 3
    measures = selectors.plan_measures(plan)
    assert measures.count() == len(MEASURES) == 20
    levels = {o.jurisdiction for m in measures for o in m.responsible.all()}
    assert {"bih", "fbih", "rs", "bd"} <= levels
    assert any(o.canton for m in measures for o in m.responsible.all())
    assert plan.rounds.count() == 2


def test_one_institution_is_late_in_the_last_round(plan: Plan) -> None:
    last = selectors.latest_round(plan)
    assert last is not None
    missing = selectors.missing_reports(actor=None, round=last)
    assert [o.short_name for o, _n in missing] == ["MUP USK"]
    assert LATE_INSTITUTION == "mup_usk"


@pytest.mark.parametrize("language", ["en", "bs", "hr", "sr", "sr-latn"])
def test_report_counts_equal_an_independent_count(plan: Plan, language: str) -> None:
    last = selectors.latest_round(plan)
    assert last is not None
    document = build_report(last, language)
    expected = independent_counts(plan)
    assert document.figures["measures"]["completed"] == expected["completed"]
    assert document.figures["measures"]["in_progress"] == expected["in_progress"]
    assert document.figures["measures"]["late"] == expected["late"]
    lead = document.sections[0].blocks[1]  # after the "fictional" note
    assert isinstance(lead, Paragraph)
    numbers = [int(n) for n in re.findall(r"\d+", lead.text)]
    assert numbers[:4] == [
        20,
        expected["completed"],
        expected["in_progress"],
        expected["late"],
    ]
    assert expected == {"completed": 4, "in_progress": 10, "late": 3}


def test_report_renders_in_three_formats(plan: Plan) -> None:
    last = selectors.latest_round(plan)
    assert last is not None
    document = build_report(last, "sr")
    assert "фиктив" in document.plain_text().lower() or "fictional" in document.plain_text()
    html = render_document(document, "html")
    assert b"<html" in html.lower()
    assert render_document(document, "docx")[:2] == b"PK"
    assert render_document(document, "pdf")[:5] == b"%PDF-"


def test_published_report_is_frozen(plan: Plan) -> None:
    last = selectors.latest_round(plan)
    assert last is not None
    published = report_publish(actor=None, round=last)
    before = published_document(published, "en").plain_text()
    MeasureReport.objects.filter(round=last).update(status="completed")
    published.refresh_from_db()
    assert published_document(published, "en").plain_text() == before
    assert build_report(last, "en").plain_text() != before
    assert set(published.documents) == {"en", "bs", "hr", "sr", "sr-latn"}


def test_report_command(plan: Plan, tmp_path: Any) -> None:
    out = tmp_path / "report.pdf"
    call_command(
        "plan",
        "report",
        "--plan",
        KEY,
        "--round",
        "2",
        "--lang",
        "bs",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert out.read_bytes()[:5] == b"%PDF-"
