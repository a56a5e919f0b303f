"""`nrm quality` and `nrm stats`: JSON out, exit status 2 with a clear message on bad input."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_quality_prints_the_findings_as_json():
    out = io.StringIO()
    call_command("quality", "--period", "2024-H2", stdout=out)
    body = json.loads(out.getvalue())
    assert list(body) == ["findings"]
    for finding in body["findings"]:
        assert set(finding) == {"kind", "message", "record"}


@pytest.mark.parametrize("period", ["2024-H3", "24", "last year"])
def test_quality_refuses_a_bad_period(period):
    with pytest.raises(CommandError) as error:
        call_command("quality", "--period", period)
    assert error.value.returncode == 2
    assert "is not a period: use YYYY, YYYY-H1 or YYYY-H2" in str(error.value)


def test_stats_refuses_an_unknown_family():
    with pytest.raises(CommandError) as error:
        call_command("stats", "--from", "2024-01-01", "--to", "2024-12-31", "--family", "nope")
    assert error.value.returncode == 2
    assert "Unknown statistics: nope" in str(error.value)
