"""Export then import into an empty register reproduces the statistics of the period."""

from io import StringIO

import pytest
from django.core.management import call_command

from nrm.cases.models import VictimCase
from nrm.cases.statistics import victim_statistics
from nrm.core.periods import Period
from nrm.exchange.tests.conftest import empty_the_register

YEAR_2024 = Period.parse("2024")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("identifying", [False, True])
def test_export_then_import_reproduces_the_statistics_of_the_period(
    register, tmp_path, identifying
):
    periods = [YEAR_2024, Period.parse("2024-H1"), Period.parse("2024-H2")]
    before = [victim_statistics(period=p) for p in periods]
    assert before[0]["total"] == 7 and before[0]["in_shelter"] == 2  # the register is varied
    out_file = tmp_path / "export.xlsx"
    flag = ["--identifying"] if identifying else []
    out, _err = run("export", "htcds", "--period", "2024", "--out", out_file, *flag)
    assert "Wrote 9 case(s)" in out  # 8 identified in 2024, 1 housed in 2024
    empty_the_register()
    assert VictimCase.objects.count() == 0
    out, err = run("import", "htcds", out_file)
    assert "Imported 9 victim case(s)" in out, (out, err)
    after = [victim_statistics(period=p) for p in periods]
    assert after == before
    codes = set(VictimCase.objects.values_list("code", flat=True))
    assert {c.code for c in register if c.identified_on.year == 2024} <= codes
