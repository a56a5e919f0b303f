"""Multi-year series: records where they exist, historical aggregates (with their source)
before; the import is all or nothing, with the row and column of a problem."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.sources import Composition, collect_sources
from nrm.cases.services import case_create
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.periods import Period
from nrm.statistics.models import HistoricalFigure
from nrm.statistics.trends import DEMO_FILE, historical_figures_import, victim_trends

pytestmark = pytest.mark.django_db
HEADER = "data_year,total_identified,female,male,children,foreign,source_report,note\n"


def test_the_bundled_file_imports_2016_to_2022_with_their_sources():
    result = historical_figures_import(actor=None, content=DEMO_FILE.read_text())
    assert result.years == list(range(2016, 2023))
    female_2021 = HistoricalFigure.objects.get(year=2021, key="female")
    assert (female_2021.value, female_2021.source) == (33, "US TIP 2022")
    assert "6 women+27 girls" in female_2021.note
    assert not HistoricalFigure.objects.filter(year=2019, key="labour").exists()  # not stated


def test_records_follow_the_aggregates_and_each_year_names_its_source(personas, client_for):
    historical_figures_import(actor=None, content=DEMO_FILE.read_text())
    for sex in ("female", "male"):
        case_create(
            actor=personas.field_identifier, identified_on=datetime.date(2024, 3, 1), sex=sex
        )
    trends = victim_trends(period=Period.parse("2024"))["by_year"]
    assert list(trends) == [str(y) for y in range(2016, 2025) if y != 2023]
    assert trends["2022"]["source"] == "US TIP 2023" and trends["2022"]["total"] == 38
    assert trends["2024"] == {
        "total": 2,
        "female": 1,
        "male": 1,
        "minors": 0,
        "foreigners": 0,
        "sexual": 0,
        "labour": 0,
        "begging": 0,
        "source": "records",
    }
    # Filtered by an organisation, aggregates do not apply: records only.
    filtered = victim_trends(period=Period.parse("2024"), organisation=personas.coordinator.pk)
    assert list(filtered["by_year"]) == ["2024"]
    # The bulletin draws and lists them apart, with the source of each year.
    sources = collect_sources(period=Period.parse("2024-H2"), composition=Composition())
    text = build_bulletin(sources, "en").plain_text()
    assert "2022 | 38 | 30 | 8 | 29 | 8 | 21 | — | US TIP 2023" in text
    assert "2024 | 2 | 1 | 1 | 0 | 0 | 0 | 0 | records" in text
    assert "Years before 2024 are historical aggregates" in text
    page = client_for(personas.coordinator).get("/statistics/?period=2024").content.decode()
    assert 'id="trends-by-year"' in page and "US TIP 2023" in page


def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_stored():
    content = HEADER + "2016,44,26,18,10,,US TIP 2018,\n2017,many,58,25,47,2,US TIP 2018,\n"
    with pytest.raises(ValidationError) as error:
        historical_figures_import(actor=None, content=content)
    assert "Row 3, column total_identified: 'many' is not a number." in str(error.value)
    assert not HistoricalFigure.objects.exists()
    with pytest.raises(ValidationError) as missing:
        historical_figures_import(actor=None, content=HEADER + "2016,44,,,,,,\n")
    assert "Row 2, column source_report: the source is missing." in str(missing.value)


def test_only_coordinators_import_and_read_trends(personas):
    for persona in ("case_worker", "partner", "trial_monitor", "auditor"):
        user = getattr(personas, persona)
        with pytest.raises(PermissionDenied):
            historical_figures_import(actor=user, content=HEADER)
        with pytest.raises(PermissionDenied):
            victim_trends(period=Period.parse("2024"), actor=user)


def test_the_command_imports_and_checks_with_dry_run(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "2016,44,26,18,10,,US TIP 2018,\n")
    out = io.StringIO()
    call_command("historical", str(path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "would import 4 figures for 2016"
    assert not HistoricalFigure.objects.exists()
    call_command("historical", str(path), stdout=out)
    assert HistoricalFigure.objects.count() == 4
