"""Plan workbooks: a good one loads whole, a broken one is refused with each bad row named."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from nrm.accounts.reference import load_organisations
from nrm.core.errors import PermissionDenied
from nrm.core.imports import ImportFailed
from nrm.plans.demo import MEASURES, demo_workbook
from nrm.plans.importers import export_plan, import_plan
from nrm.plans.models import Indicator, Measure, Plan

INDICATORS = sum(1 for m in MEASURES if m[-1] is not None)


@pytest.fixture
def workbook(db: Any, tmp_path: Path) -> Path:
    load_organisations()
    path = tmp_path / "plan.xlsx"
    path.write_bytes(demo_workbook())
    return path


def _broken(path: Path) -> Path:
    book = load_workbook(path)
    sheet = book["measures"]
    sheet["I3"] = "31.12.2025"  # deadline, not a date
    sheet["G5"] = "Ministry of Nowhere"  # responsible, unknown
    sheet["F7"] = None  # measure title on the measure's only row
    sheet["O9"] = "many"  # target, not a number
    broken = path.with_name("broken.xlsx")
    book.save(broken)
    return broken


def test_a_plan_loads_with_its_goals_measures_and_indicators(workbook: Path) -> None:
    result = import_plan(actor=None, path=workbook)
    plan = Plan.objects.get(key=result.key)
    assert (result.goals, result.objectives, result.measures) == (3, 6, 20)
    assert result.indicators == INDICATORS
    assert Measure.objects.filter(objective__goal__plan=plan).count() == 20
    assert Indicator.objects.filter(measure__objective__goal__plan=plan).count() == INDICATORS
    shared = Measure.objects.get(objective__goal__plan=plan, number="1.1.1")
    assert [o.short_name for o in shared.partners.all()] == ["IOM BiH"]
    assert str(shared.budget) == "40000.00"


def test_a_broken_copy_is_refused_naming_each_bad_row(workbook: Path) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_plan(actor=None, path=_broken(workbook))
    named = {(p.row, p.column) for p in failed.value.problems}
    assert {(3, "deadline"), (5, "responsible"), (7, "measure_title"), (9, "target")} <= named
    assert str(failed.value.problems[0]).startswith("row 3, column deadline:")
    assert not Plan.objects.exists()  # all rows or none


def test_dry_run_writes_nothing(workbook: Path) -> None:
    result = import_plan(actor=None, path=workbook, dry_run=True)
    assert result.measures == 20
    assert not Plan.objects.exists()


def test_a_second_import_of_the_same_key_is_refused(workbook: Path) -> None:
    import_plan(actor=None, path=workbook)
    with pytest.raises(ImportFailed) as failed:
        import_plan(actor=None, path=workbook)
    assert failed.value.problems[0].column == "plan.key"


def test_export_gives_back_the_same_plan(workbook: Path, tmp_path: Path) -> None:
    import_plan(actor=None, path=workbook)
    plan = Plan.objects.get()
    book = load_workbook(io.BytesIO(export_plan(plan)))
    book["plan"]["B2"] = "copy-of-the-plan"
    copy = tmp_path / "copy.xlsx"
    book.save(copy)
    result = import_plan(actor=None, path=copy)
    assert (result.goals, result.measures, result.indicators) == (3, 20, INDICATORS)


def test_only_a_coordinator_imports(workbook: Path, personas: Any) -> None:
    for user in (personas.case_worker, personas.partner, personas.auditor, personas.admin):
        with pytest.raises(PermissionDenied):
            import_plan(actor=user, path=workbook)
    assert not Plan.objects.exists()
    import_plan(actor=personas.coordinator, path=workbook, dry_run=True)


def test_commands_import_and_export(workbook: Path, tmp_path: Path, capsys: Any) -> None:
    call_command("plan", "import", str(workbook), "--dry-run")
    assert "nothing was written" in capsys.readouterr().out
    call_command("import", "plan", str(workbook), "--dry-run")  # also through `nrm import`
    call_command("plan", "import", str(workbook))
    out = tmp_path / "out.xlsx"
    call_command("plan", "export", "--plan", Plan.objects.get().key, "--out", str(out))
    assert load_workbook(out)["measures"].max_row == 1 + 20  # one indicator or none per measure
    with pytest.raises(CommandError):
        call_command("plan", "import", str(_broken(workbook)))
