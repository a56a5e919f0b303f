"""A fictional 2024-2027 action plan (clearly marked fictional), with two reporting rounds.

Three strategic goals, twenty measures across state, entity and cantonal institutions (the
reference organisations), built as a plan workbook and loaded through the import, so the demo
exercises the same path as a working group's file. In round 2 one institution (the Ministry of
the Interior of Una-Sana Canton) has not reported by the deadline.
"""

from __future__ import annotations

import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

from nrm.accounts.reference import organisation_by_key
from nrm.activities.models import Activity, ActivityStatus
from nrm.core.audit import audit_actor
from nrm.plans import importers
from nrm.plans.models import MeasureReport, Plan, ReportingRound, RoundStatus
from nrm.plans.services import activity_tag, report_approve, report_save, report_submit, round_open

KEY = "demo-strategy-2024-2027"
LATE_INSTITUTION = "mup_usk"

GOALS = {
    "1": "Prevention: fewer people at risk of trafficking (fictional)",
    "2": "Identification, protection and assistance of victims (fictional)",
    "3": "Prosecution and partnership (fictional)",
}
OBJECTIVES = {
    ("1", "1.1"): "Raise awareness among children, young people and workers at risk",
    ("1", "1.2"): "Train professionals who meet persons at risk",
    ("2", "2.1"): "Identify victims early, in every part of the country",
    ("2", "2.2"): "Give every victim assistance and safe accommodation",
    ("3", "3.1"): "Investigate and prosecute trafficking effectively",
    ("3", "3.2"): "Coordinate institutions and partners",
}
# (goal, objective, number, title, responsible, partners, deadline, budget, indicator)
# indicator: (name, unit, baseline, target, source)
MEASURES: list[tuple[Any, ...]] = [
    (
        "1",
        "1.1",
        "1.1.1",
        "School campaign on safe online contacts",
        ["mos"],
        ["iom"],
        "2025-12-31",
        40000,
        ("Schools reached", "schools", 0, 120, "typed"),
    ),
    (
        "1",
        "1.1",
        "1.1.2",
        "Information for seasonal workers on labour exploitation",
        ["fbih_inspect"],
        ["iom"],
        "2026-06-30",
        25000,
        ("Workers informed", "persons", 0, 2000, "typed"),
    ),
    (
        "1",
        "1.1",
        "1.1.3",
        "Labour inspections in high-risk sectors (RS)",
        ["rs_inspect"],
        [],
        "2026-12-31",
        15000,
        ("Inspections", "inspections", 40, 200, "typed"),
    ),
    (
        "1",
        "1.1",
        "1.1.4",
        "Prevention workshops for Roma children in Tuzla Canton",
        ["csw_tuzla"],
        ["zemlja_djece"],
        "2026-06-30",
        12000,
        ("Children in workshops", "children", 0, 300, "typed"),
    ),
    (
        "1",
        "1.2",
        "1.2.1",
        "Training of police officers on indicators of trafficking",
        ["sipa"],
        ["osce"],
        "2025-12-31",
        30000,
        ("Officers trained", "persons", 0, 250, "typed"),
    ),
    (
        "1",
        "1.2",
        "1.2.2",
        "Training of judges and prosecutors (FBiH)",
        ["jptc_fbih"],
        ["osce"],
        "2026-12-31",
        20000,
        ("Judges and prosecutors trained", "persons", 0, 80, "typed"),
    ),
    (
        "1",
        "1.2",
        "1.2.3",
        "Training of judges and prosecutors (RS)",
        ["jptc_rs"],
        ["osce"],
        "2026-12-31",
        20000,
        ("Judges and prosecutors trained", "persons", 0, 60, "typed"),
    ),
    (
        "2",
        "2.1",
        "2.1.1",
        "Mobile identification team in Una-Sana Canton",
        ["mup_usk"],
        ["iom"],
        "2025-12-31",
        35000,
        ("Screenings by the team", "screenings", 0, 400, "typed"),
    ),
    (
        "2",
        "2.1",
        "2.1.2",
        "Joint identification at reception centres",
        ["sfa"],
        ["unhcr"],
        "2026-06-30",
        10000,
        ("Identified victims", "persons", 60, 90, "identified_victims"),
    ),
    (
        "2",
        "2.1",
        "2.1.3",
        "Identification in Sarajevo Canton",
        ["mup_ks"],
        [],
        "2026-12-31",
        8000,
        None,
    ),
    (
        "2",
        "2.1",
        "2.1.4",
        "Border checks for signs of trafficking",
        ["border_police"],
        [],
        "2026-12-31",
        12000,
        ("Cases referred", "cases", 5, 20, "typed"),
    ),
    (
        "2",
        "2.2",
        "2.2.1",
        "Standards for safe houses",
        ["mhrr"],
        ["emmaus"],
        "2025-06-30",
        5000,
        None,
    ),
    (
        "2",
        "2.2",
        "2.2.2",
        "Reintegration support in Sarajevo Canton",
        ["csw_sarajevo"],
        ["novi_pocetak"],
        "2026-12-31",
        18000,
        ("Victims supported", "persons", 0, 40, "typed"),
    ),
    (
        "2",
        "2.2",
        "2.2.3",
        "Social protection of victims in Brčko District",
        ["csw_brcko"],
        [],
        "2026-12-31",
        6000,
        None,
    ),
    (
        "2",
        "2.2",
        "2.2.4",
        "Social protection of victims in Banja Luka",
        ["csw_banjaluka"],
        ["lara"],
        "2026-12-31",
        9000,
        None,
    ),
    (
        "3",
        "3.1",
        "3.1.1",
        "Financial investigations alongside trafficking cases",
        ["sipa"],
        [],
        "2026-12-31",
        15000,
        ("Financial investigations", "investigations", 2, 15, "typed"),
    ),
    (
        "3",
        "3.1",
        "3.1.2",
        "Prosecution of trafficking before the Court of BiH",
        ["pobih"],
        ["osce"],
        "2027-12-31",
        None,
        ("Final convictions", "persons", 10, 30, "final_convictions"),
    ),
    (
        "3",
        "3.1",
        "3.1.3",
        "Investigations in Una-Sana Canton",
        ["mup_usk"],
        [],
        "2026-12-31",
        7000,
        None,
    ),
    (
        "3",
        "3.2",
        "3.2.1",
        "Regular meetings of the state working group",
        ["mos"],
        ["coe"],
        "2027-12-31",
        8000,
        ("Meetings held", "meetings", 0, 16, "typed"),
    ),
    (
        "3",
        "3.2",
        "3.2.2",
        "Local action plan of Brčko District",
        ["bd_coordination"],
        [],
        "2026-12-31",
        4000,
        None,
    ),
]
# Each measure's state as its institution reported it, in rounds 1 and 2.
PROGRESS = {
    "1.1.1": ("in_progress", "completed"),
    "1.1.2": ("not_started", "in_progress"),
    "1.1.3": ("in_progress", "in_progress"),
    "1.1.4": ("in_progress", "late"),
    "1.2.1": ("in_progress", "completed"),
    "1.2.2": ("not_started", "in_progress"),
    "1.2.3": ("not_started", "late"),
    "2.1.1": ("in_progress", None),  # the late institution: no report in round 2
    "2.1.2": ("in_progress", "in_progress"),
    "2.1.3": ("in_progress", "completed"),
    "2.1.4": ("not_started", "in_progress"),
    "2.2.1": ("completed", "completed"),
    "2.2.2": ("in_progress", "in_progress"),
    "2.2.3": ("not_started", "abandoned"),
    "2.2.4": ("in_progress", "in_progress"),
    "3.1.1": ("in_progress", "in_progress"),
    "3.1.2": ("in_progress", "in_progress"),
    "3.1.3": ("not_started", None),
    "3.2.1": ("in_progress", "in_progress"),
    "3.2.2": ("not_started", "late"),
}
ROUNDS = [
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), datetime.date(2026, 1, 31)),
    (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 7, 31)),
]
CONCLUSIONS = {
    "en": "Fictional conclusions: prevention is on track; identification in Una-Sana Canton "
    "needs the canton's report; the training of judges in Republika Srpska is delayed.",
    "bs": "Izmišljeni zaključci: prevencija teče po planu; za identifikaciju u Unsko-sanskom "
    "kantonu potreban je izvještaj kantona; obuka sudija u Republici Srpskoj kasni.",
}


def demo_workbook() -> bytes:
    """The fictional plan as a workbook in the import layout (also used by the tests)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = importers.PLAN_SHEET
    for row in (
        ("field", "value"),
        ("key", KEY),
        ("title", "Strategy to Counter Trafficking in Human Beings 2024-2027 (FICTIONAL DEMO)"),
        ("level", "state"),
        ("coordinator", _name("mos")),
        ("starts_on", datetime.date(2024, 1, 1)),
        ("ends_on", datetime.date(2027, 12, 31)),
        ("status", "adopted"),
        ("description", "A fictional plan for the demonstration; no real commitments."),
        ("fictional", "yes"),
    ):
        sheet.append(list(row))
    rows = workbook.create_sheet(importers.MEASURE_SHEET)
    rows.append(list(importers.COLUMNS))
    seen_goal: set[str] = set()
    seen_objective: set[tuple[str, str]] = set()
    for (
        goal,
        objective,
        number,
        title,
        responsible,
        partners,
        deadline,
        budget,
        indicator,
    ) in MEASURES:
        names = [_name(k) for k in responsible]
        partner_names = [_name(k) for k in partners]
        ind = indicator or ("", "", None, None, "")
        rows.append(
            [
                goal,
                GOALS[goal] if goal not in seen_goal else "",
                objective,
                OBJECTIVES[(goal, objective)] if (goal, objective) not in seen_objective else "",
                number,
                title,
                ";".join(names),
                ";".join(partner_names),
                deadline,
                budget,
                "state budget" if budget else "",
                *ind,
            ]
        )
        seen_goal.add(goal)
        seen_objective.add((goal, objective))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _name(key: str) -> str:
    return organisation_by_key(key).name


def load_demo() -> None:
    if Plan.objects.filter(key=KEY).exists():
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        path.write_bytes(demo_workbook())
        importers.import_plan(actor=None, path=path)
    plan = Plan.objects.get(key=KEY)
    with audit_actor(None, via="demo data"):
        for index, (start, end, deadline) in enumerate(ROUNDS):
            round = round_open(
                actor=None, plan=plan, period_start=start, period_end=end, deadline=deadline
            )
            _report_round(round, index)
            if index == 0:
                round.status = RoundStatus.CLOSED
                round.save(update_fields=["status"])
        round.conclusions = CONCLUSIONS
        round.save(update_fields=["conclusions"])
        _tag_activities(plan)


def _report_round(round: ReportingRound, index: int) -> None:
    reports = MeasureReport.objects.filter(round=round).select_related("measure", "organisation")
    for report in reports:
        status = PROGRESS[report.measure.number][index]
        if status is None:
            continue  # not reported by the deadline
        values = {
            indicator.pk: _value(indicator.target, index, status)
            for indicator in report.measure.indicators.filter(source="typed")
        }
        report = report_save(
            actor=None,
            report=report,
            status=status,
            narrative=f"Fictional report: work on measure {report.measure.number} "
            f"in round {round.number}.",
            delay_reason=(
                "Fictional reason: the budget was adopted late."
                if status in ("late", "abandoned")
                else ""
            ),
            spending=(report.measure.budget or 0) * (index + 1) / 4,
            values=values,
        )
        report = report_submit(actor=None, report=report)
        if index == 0:
            report_approve(actor=None, report=report)


def _value(target: Any, index: int, status: str) -> Any:
    if target is None:
        return None
    share = {"completed": 1, "in_progress": 0.5, "late": 0.2}.get(status, 0)
    return round(float(target) * share * (0.6 if index == 0 else 1))


def _tag_activities(plan: Plan) -> None:
    """Tag a few approved trainings with the training measures of the plan."""
    from nrm.plans.models import Measure

    measure = Measure.objects.filter(objective__goal__plan=plan, number="1.2.1").first()
    trainings = Activity.objects.filter(status=ActivityStatus.APPROVED, type="training")
    for activity in trainings.order_by("pk")[:3]:
        if measure is not None:
            activity_tag(actor=None, activity=activity, measure=measure)
