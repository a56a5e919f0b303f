"""Import and export of an action plan as an .xlsx workbook (docs/action-plans.md).

The workbook has two sheets: `plan` (one field per row: key, title, level, ...) and `measures`
(one row per indicator of a measure; a measure without indicators takes one row). Every row is
checked first; any problem refuses the whole file and each is reported as `row N, column C:
message` (row 1 is the header), with the machinery of the victim import (nrm.core.imports).
"""

from __future__ import annotations

import argparse
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation, User
from nrm.cases.importers import find_organisation
from nrm.core.audit import audit_actor
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.imports import ImportFailed, Output, Problem, Progress, sorted_problems
from nrm.plans import rules
from nrm.plans.models import (
    Goal,
    Indicator,
    IndicatorSource,
    Measure,
    Objective,
    Plan,
    PlanLevel,
    PlanStatus,
)

PLAN_SHEET = "plan"
MEASURE_SHEET = "measures"
PLAN_FIELDS = (
    "key",
    "title",
    "level",
    "parent",
    "coordinator",
    "starts_on",
    "ends_on",
    "status",
    "description",
    "fictional",
)
REQUIRED_PLAN_FIELDS = ("key", "title", "level", "coordinator", "starts_on", "ends_on")
COLUMNS = (
    "goal",
    "goal_title",
    "objective",
    "objective_title",
    "measure",
    "measure_title",
    "responsible",
    "partners",
    "deadline",
    "budget",
    "funding_source",
    "indicator",
    "unit",
    "baseline",
    "target",
    "indicator_source",
)
REQUIRED_COLUMNS = ("goal", "objective", "measure", "responsible", "deadline")
LIST_SEPARATOR = ";"


class CellError(Exception):
    pass


@dataclass
class MeasureRow:
    number: int
    goal: str
    objective: str
    measure: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedPlan:
    plan: dict[str, Any]
    goals: dict[str, str]  # number: title
    objectives: dict[tuple[str, str], str]
    measures: dict[tuple[str, str, str], dict[str, Any]]
    indicators: list[tuple[tuple[str, str, str], dict[str, Any]]]


@dataclass(frozen=True)
class PlanImportResult:
    key: str
    goals: int
    objectives: int
    measures: int
    indicators: int
    dry_run: bool


# Cells --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        raise CellError(
            _("%(value)r is not a date: write YYYY-MM-DD") % {"value": _text(value)}
        ) from None


def _number(value: Any) -> Decimal | None:
    text = _text(value).replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("%(value)r is not a number") % {"value": _text(value)}) from None
    if not number.is_finite() or number < 0:
        raise CellError(_("write a number of at least 0"))
    return number


def _choice(value: Any, allowed: list[str], default: str = "") -> str:
    text = _text(value).lower() or default
    if text not in allowed:
        raise CellError(
            _("%(value)r is not one of: %(choices)s")
            % {"value": text, "choices": ", ".join(allowed)}
        )
    return text


def _organisation(text: str) -> Organisation:
    found = find_organisation(text)
    if found is None:
        raise CellError(_("unknown organisation %(value)r") % {"value": text})
    return found


def _organisations(value: Any) -> list[Organisation]:
    names = [part.strip() for part in _text(value).split(LIST_SEPARATOR) if part.strip()]
    return [_organisation(name) for name in names]


# Reading ------------------------------------------------------------------------------------


def _sheets(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    if path.suffix.lower() != ".xlsx":
        raise ImportFailed([Problem(0, "-", _("the file must be .xlsx"))])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed(
            [Problem(0, "-", _("the file cannot be read as .xlsx: %(error)s") % {"error": exc})]
        ) from None
    names = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
    missing = [name for name in (PLAN_SHEET, MEASURE_SHEET) if name not in names]
    if missing:
        raise ImportFailed(
            [
                Problem(0, "-", _("the workbook has no sheet %(name)r") % {"name": n})
                for n in missing
            ]
        )
    plan_rows = list(names[PLAN_SHEET].iter_rows(values_only=True))
    measure_rows = list(names[MEASURE_SHEET].iter_rows(values_only=True))
    workbook.close()
    return plan_rows, measure_rows


def _parse_plan(rows: list[tuple[Any, ...]], problems: list[Problem]) -> dict[str, Any]:
    raw: dict[str, tuple[int, Any]] = {}
    for number, row in enumerate(rows, start=1):
        name = _text(row[0] if row else "").lower()
        if number == 1 and name == "field":
            continue  # the header
        if not name:
            continue
        if name not in PLAN_FIELDS:
            problems.append(Problem(number, "plan.field", _("unknown field %(v)r") % {"v": name}))
            continue
        raw[name] = (number, row[1] if len(row) > 1 else None)
    values: dict[str, Any] = {}
    parsers = {
        "level": lambda v: _choice(v, list(PlanLevel.values)),
        "status": lambda v: _choice(v, list(PlanStatus.values), PlanStatus.ADOPTED),
        "coordinator": lambda v: _organisation(_text(v)),
        "starts_on": _date,
        "ends_on": _date,
        "fictional": lambda v: _text(v).lower() in ("yes", "true", "1", "da"),
    }
    for name in PLAN_FIELDS:
        number, value = raw.get(name, (0, None))
        if name in REQUIRED_PLAN_FIELDS and _text(value) == "":
            problems.append(Problem(number, f"plan.{name}", _("required")))
            continue
        try:
            values[name] = parsers.get(name, _text)(value)
        except CellError as error:
            problems.append(Problem(number, f"plan.{name}", str(error)))
    key = values.get("key", "")
    if key and Plan.objects.filter(key=key).exists():
        number = raw["key"][0]
        problems.append(
            Problem(number, "plan.key", _("a plan with key %(key)r exists") % {"key": key})
        )
    parent = values.get("parent")
    if parent:
        found = Plan.objects.filter(key=parent).first()
        if found is None:
            problems.append(
                Problem(
                    raw["parent"][0], "plan.parent", _("no plan with key %(key)r") % {"key": parent}
                )
            )
        values["parent"] = found
    else:
        values["parent"] = None
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        problems.append(Problem(raw["ends_on"][0], "plan.ends_on", _("before starts_on")))
    return values


def _parse_measures(rows: list[tuple[Any, ...]], problems: list[Problem]) -> ParsedPlan:
    parsed = ParsedPlan({}, {}, {}, {}, [])
    if not rows:
        problems.append(Problem(1, "-", _("the sheet %(name)r is empty") % {"name": MEASURE_SHEET}))
        return parsed
    header = [_text(h).lower() for h in rows[0]]
    positions = {name: i for i, name in enumerate(header) if name}
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            problems.append(Problem(1, name, _("required column is missing")))
    for name in positions:
        if name not in COLUMNS:
            problems.append(Problem(1, name, _("unknown column")))
    if problems:
        return parsed
    for number, row in enumerate(rows[1:], start=2):
        if not any(value not in (None, "") for value in row):
            continue
        cells = {name: (row[i] if i < len(row) else None) for name, i in positions.items()}
        _parse_row(number, cells, parsed, problems)
    if not parsed.measures and not problems:
        problems.append(Problem(2, "-", _("the plan has no measures")))
    return parsed


def _parse_row(
    number: int, cells: dict[str, Any], parsed: ParsedPlan, problems: list[Problem]
) -> None:
    def get(column: str, parser: Any = _text) -> Any:
        try:
            return parser(cells.get(column))
        except CellError as error:
            problems.append(Problem(number, column, str(error)))
            return None

    goal, objective, measure = get("goal"), get("objective"), get("measure")
    for column, value in (("goal", goal), ("objective", objective), ("measure", measure)):
        if not value:
            problems.append(Problem(number, column, _("required")))
    if not (goal and objective and measure):
        return
    _first_title(number, "goal_title", parsed.goals, goal, get("goal_title"), problems)
    _first_title(
        number,
        "objective_title",
        parsed.objectives,
        (goal, objective),
        get("objective_title"),
        problems,
    )
    key = (goal, objective, measure)
    if key not in parsed.measures:
        title = get("measure_title")
        if not title:
            problems.append(
                Problem(number, "measure_title", _("required on a measure's first row"))
            )
        responsible = get("responsible", _organisations)
        if responsible == []:
            problems.append(Problem(number, "responsible", _("name at least one institution")))
        deadline = get("deadline", _date)
        if deadline is None and _text(cells.get("deadline")) == "":
            problems.append(Problem(number, "deadline", _("required")))
        parsed.measures[key] = {
            "title": title,
            "responsible": responsible or [],
            "partners": get("partners", _organisations) or [],
            "deadline": deadline,
            "budget": get("budget", _number),
            "funding_source": get("funding_source"),
        }
    name = get("indicator")
    if name:
        parsed.indicators.append(
            (
                key,
                {
                    "name": name,
                    "unit": get("unit"),
                    "baseline": get("baseline", _number),
                    "target": get("target", _number),
                    "source": get(
                        "indicator_source",
                        lambda v: _choice(v, list(IndicatorSource.values), IndicatorSource.TYPED),
                    ),
                },
            )
        )
    elif any(_text(cells.get(c)) for c in ("unit", "baseline", "target")):
        problems.append(Problem(number, "indicator", _("name the indicator of these values")))


def _first_title(
    number: int, column: str, titles: dict[Any, str], key: Any, title: str, problems: list[Problem]
) -> None:
    if key in titles:
        return
    if not title:
        problems.append(Problem(number, column, _("required on its first row")))
        return
    titles[key] = title


def import_plan(*, actor: User | None, path: Path, dry_run: bool = False) -> PlanImportResult:
    """Check a plan workbook and, unless `dry_run`, create the plan (all or nothing)."""
    if not rules.is_coordinator(actor):
        raise PermissionDenied()
    plan_rows, measure_rows = _sheets(path)
    problems: list[Problem] = []
    plan_values = _parse_plan(plan_rows, problems)
    parsed = _parse_measures(measure_rows, problems)
    if problems:
        raise ImportFailed(sorted_problems(problems))
    result = PlanImportResult(
        key=plan_values["key"],
        goals=len(parsed.goals),
        objectives=len(parsed.objectives),
        measures=len(parsed.measures),
        indicators=len(parsed.indicators),
        dry_run=dry_run,
    )
    if not dry_run:
        _write(actor, plan_values, parsed)
    return result


def _write(actor: User | None, values: dict[str, Any], parsed: ParsedPlan) -> Plan:
    with transaction.atomic(), audit_actor(actor, via="import"):
        try:
            plan = Plan(**values)
            plan.full_clean()
        except Exception as exc:
            raise ImportFailed([Problem(0, "plan", str(exc))]) from exc
        plan.save()
        goals = {
            n: Goal.objects.create(plan=plan, number=n, title=t) for n, t in parsed.goals.items()
        }
        objectives = {
            key: Objective.objects.create(goal=goals[key[0]], number=key[1], title=t)
            for key, t in parsed.objectives.items()
        }
        measures: dict[tuple[str, str, str], Measure] = {}
        for key, data in parsed.measures.items():
            measure = Measure.objects.create(
                objective=objectives[key[:2]],
                number=key[2],
                title=data["title"],
                deadline=data["deadline"],
                budget=data["budget"],
                funding_source=data["funding_source"] or "",
            )
            measure.responsible.set(data["responsible"])
            measure.partners.set(data["partners"])
            measures[key] = measure
        for key, data in parsed.indicators:
            Indicator.objects.create(
                measure=measures[key],
                **{k: (v if v is not None else None) for k, v in data.items()},
            )
    return plan


# Export -------------------------------------------------------------------------------------


def export_plan(plan: Plan) -> bytes:
    """The plan as a workbook in the import layout (an import of it gives the same plan)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = PLAN_SHEET
    sheet.append(["field", "value"])
    for name in PLAN_FIELDS:
        value: Any = getattr(plan, name)
        if name == "parent":
            value = plan.parent.key if plan.parent else ""
        elif name == "coordinator":
            value = plan.coordinator.name
        elif name == "fictional":
            value = "yes" if plan.fictional else "no"
        sheet.append([name, value])
    rows = workbook.create_sheet(MEASURE_SHEET)
    rows.append(list(COLUMNS))
    goals = plan.goals.prefetch_related(
        "objectives__measures__responsible",
        "objectives__measures__partners",
        "objectives__measures__indicators",
    )
    for goal in goals:
        for objective in goal.objectives.all():
            for measure in objective.measures.all():
                base = [
                    goal.number,
                    goal.title,
                    objective.number,
                    objective.title,
                    measure.number,
                    measure.title,
                    LIST_SEPARATOR.join(o.name for o in measure.responsible.all()),
                    LIST_SEPARATOR.join(o.name for o in measure.partners.all()),
                    measure.deadline,
                    measure.budget,
                    measure.funding_source,
                ]
                indicators: list[Indicator | None] = [*measure.indicators.all()] or [None]
                for indicator in indicators:
                    if indicator is None:
                        rows.append([*base, "", "", None, None, ""])
                    else:
                        rows.append(
                            [
                                *base,
                                indicator.name,
                                indicator.unit,
                                indicator.baseline,
                                indicator.target,
                                indicator.source,
                            ]
                        )
    for ws in (sheet, rows):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# `nrm import plan` ----------------------------------------------------------------------------


class PlanImporter:
    help = (
        "an action plan, as an .xlsx workbook with sheets plan and measures (docs/action-plans.md)"
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the workbook (.xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def run(self, options: dict[str, Any], *, err: Output, progress: Progress) -> list[str]:
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationError(f"{path}: no such file")
        result = import_plan(actor=None, path=path, dry_run=options["dry_run"])
        return [summary(result)]


def summary(result: PlanImportResult) -> str:
    counts = (
        f"{result.goals} goal(s), {result.objectives} objective(s), {result.measures} "
        f"measure(s), {result.indicators} indicator(s)"
    )
    if result.dry_run:
        return f"Plan {result.key}: {counts} are valid; nothing was written (--dry-run)."
    return f"Imported plan {result.key}: {counts}."


PLAN = PlanImporter()
