"""The open-data bundle: valid Frictionless package, the public page's figures, public downloads."""

import csv
import io
import json
import re
import zipfile
from io import StringIO

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.test import Client
from frictionless import validate

from nrm.bulletin import services as bulletin_services
from nrm.core.periods import Period
from nrm.exchange.opendata import build_bundle
from nrm.statistics.selectors import public_statistics


def export(tmp_path, period="2024"):
    folder = tmp_path / "bundle"
    call_command("export", "opendata", "--period", period, "--out", str(folder), stdout=StringIO())
    return folder


def csv_rows(folder):
    text = (folder / "data" / "public-statistics.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_the_bundle_is_a_valid_frictionless_data_package(register, tmp_path):
    folder = export(tmp_path)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"][0]["title"].startswith("National Referral Mechanism")
    assert descriptor["sources"][1]["path"] == "methodology.md"
    assert (folder / "methodology.md").read_text().startswith("# Methodology")
    names = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]
    assert "value" in names and "suppressed" in names


@pytest.mark.django_db
def test_the_bundle_holds_exactly_the_public_pages_figures(register, tmp_path, client):
    folder = export(tmp_path)
    rows = csv_rows(folder)
    # The public API, which the public page draws from the same selector.
    api = client.get("/api/v1/statistics/public", {"period": "2024"}).json()
    expected = {}
    for family in api["families"]:
        for table in family["tables"]:
            for r, cells in enumerate(table["cells"], start=1):
                for c, value in enumerate(cells, start=1):
                    expected[(table["key"], r, c)] = value
    got = {
        (row["table"], int(row["row_number"]), int(row["column_number"])): (
            None if row["value"] == "" else int(row["value"])
        )
        for row in rows
    }
    assert {key: value for key, value in expected.items() if key in got} == got
    assert all(expected[key] is None for key in set(expected) - set(got))  # no such cell
    # Small numbers are hidden in the bundle as on the page, never published.
    assert any(row["suppressed"] == "true" and row["value"] == "" for row in rows)
    assert not any(row["value"] not in ("", "0") and int(row["value"]) < 5 for row in rows)
    # The public page shows the same total of victims.
    page = client.get("/public/statistics/", {"period": "2024"}).content.decode()
    total = next(r for r in rows if r["table"] == "victims_age_sex" and r["cell"] == "total")
    assert total["value"] == "7" and re.search(r">\s*7\s*<", page)


@pytest.mark.django_db
def test_the_parquet_file_holds_the_same_table(register, tmp_path):
    folder = export(tmp_path)
    table = pq.read_table(folder / "data" / "public-statistics.parquet").to_pylist()
    rows = csv_rows(folder)
    assert len(table) == len(rows)
    for parquet_row, csv_row in zip(table, rows, strict=True):
        assert parquet_row["cell"] == csv_row["cell"]
        assert (parquet_row["value"] is None) == (csv_row["value"] == "")
        if parquet_row["value"] is not None:
            assert parquet_row["value"] == int(csv_row["value"])
        assert parquet_row["period_from"].isoformat() == csv_row["period_from"]


@pytest.mark.django_db
def test_the_bundle_follows_the_selector_of_the_public_pages(register, monkeypatch):
    """A change to disclosure control in the public selector reaches the bundle as it is."""
    seen = []

    def spy(*, period, threshold=None):
        seen.append(period)
        return public_statistics(period=period, threshold=50)

    monkeypatch.setattr("nrm.exchange.opendata.public_statistics", spy)
    bundle = build_bundle(Period.parse("2024"))
    assert seen == [Period.parse("2024")]
    assert bundle.suppressed > 0
    totals = [line for line in bundle.csv.decode().splitlines() if ",victims_age_sex," in line]
    assert all(line.endswith(",,true") or ",0," in line for line in totals)


@pytest.mark.django_db
def test_everyone_may_download_a_bundle_and_a_published_bulletin_links_its_own(register, personas):
    client = Client()
    response = client.get("/public/open-data/2024.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "nrm-open-data-2024/datapackage.json" in names
    assert "nrm-open-data-2024/data/public-statistics.parquet" in names
    assert client.get("/public/open-data/2024-H3.zip").status_code == 404
    assert client.get("/public/open-data/bulletin/2024-H2.zip").status_code == 404  # unpublished
    edition = bulletin_services.edition_create(actor=personas.coordinator, period="2024-H2")
    bulletin_services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    page = client.get("/public/bulletins/").content.decode()
    assert 'href="/public/open-data/bulletin/2024-H2.zip"' in page
    response = client.get("/public/open-data/bulletin/2024-H2.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    descriptor = json.loads(archive.read("nrm-open-data-2024/datapackage.json"))
    assert descriptor["nrm:period"] == {"from": "2024-01-01", "to": "2024-12-31"}


@pytest.mark.django_db
def test_the_demo_logs_a_release_and_a_bundle_once(register):
    from nrm.exchange.demo import load_demo
    from nrm.exchange.models import ExchangeRecord

    load_demo()
    load_demo()
    kinds = sorted(ExchangeRecord.objects.values_list("kind", flat=True))
    assert kinds == ["anonymised", "open_data"]
