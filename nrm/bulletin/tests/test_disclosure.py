"""A bulletin that hides small numbers publishes exactly what the public statistics page does.

Its statistics become public when it is published: the second half-year's bulletin reports the
year, which the public page then shows beside the first half and the second (their
difference). So the bulletin's tables must be the public page's tables for that period, cell for
cell, and nothing a reader can subtract from the two bulletins of a year may give a hidden
cell back.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.bulletin import selectors, services
from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.document import Bulletin, Table
from nrm.bulletin.language import number
from nrm.bulletin.models import Edition, PublishedVersion
from nrm.bulletin.sources import BulletinSources, Composition, collect_sources
from nrm.cases.services import case_create
from nrm.core.periods import Period
from nrm.statistics.disclosure import ProtectedCells, Relation, recomputable
from nrm.statistics.models import HistoricalFigure
from nrm.statistics.selectors import protected_statistics, public_statistics
from nrm.statistics.tables import OTHER, FigureSet
from nrm.testing.publishing import publish_bulletin

pytestmark = pytest.mark.django_db

FIRST_HALF = [
    # (count, sex, citizenship, form of exploitation)
    (6, "female", "BA", "labour"),
    (6, "male", "BA", "begging"),
    (5, "female", "TR", "sexual"),
]
SECOND_HALF = [
    (2, "female", "BA", "labour"),  # 4 women in the second half: a small number
    (9, "male", "BA", "begging"),
    (2, "female", "TR", "sexual"),  # Türkiye, named in the first half, is rare in the second
    (1, "male", "NP", "labour"),  # one Nepalese victim: never to be named
]


def _record(orgs: Any, half: int, rows: list[tuple[int, str, str, str]]) -> None:
    month = 3 if half == 1 else 9
    for count, sex, citizenship, form in rows:
        for day in range(1, count + 1):
            case_create(
                actor=None,
                organisation=orgs.police,
                identified_on=datetime.date(2025, month, day),
                sex=sex,
                age=30,
                citizenship=citizenship,
                exploitation=[form],
            )


def _suppressing_edition(period: str) -> Edition:
    edition = services.edition_create(actor=None, period=period)
    return services.edition_set_policy(
        actor=None, edition=edition, expected_version=edition.version, disclosure="suppress"
    )


def _sources(edition: Edition) -> BulletinSources:
    return collect_sources(
        period=Period.parse(edition.period), composition=services.composition_of(edition)
    )


def _published(period: str) -> Bulletin:
    version = PublishedVersion.objects.get(edition__period=period)
    return Bulletin.from_dict(version.documents["en"])


def _tables(document: Bulletin) -> dict[str, Table]:
    return {b.caption: b for s in document.sections for b in s.blocks if isinstance(b, Table)}


def _public_text(value: int | None) -> str:
    return "x" if value is None else number(value)


def _api_tables(client: Any, period: str) -> dict[str, dict[str, Any]]:
    response = client.get("/api/v1/statistics/public", {"period": period})
    assert response.status_code == 200, response.content
    return {table["key"]: table for f in response.json()["families"] for table in f["tables"]}


def assert_the_tables_are_the_public_pages(document: Bulletin, api: dict[str, dict]) -> None:
    """Every table the bulletin shares with the public page shows the same cells: a row the
    bulletin leaves out is zero throughout on the public page."""
    tables = _tables(document)
    compared = 0
    for key, public in api.items():
        if key == "monitoring_articles":  # laid out with the catalogue's names: see below
            continue
        shown = tables.get(public["caption"])
        if shown is None:  # left out of the bulletin: nothing in it
            assert all(not v for row in public["cells"][:-1] for v in row if v is not None), key
            continue
        columns = {label: j for j, label in enumerate(public["columns"])}
        rows = {label: i for i, label in enumerate(public["rows"])}
        for row in shown.rows:
            i = rows[row[0]]
            for label, text in zip(shown.header[1:], row[1:], strict=True):
                assert text == _public_text(public["cells"][i][columns[label]]), (key, row)
                compared += 1
        for label, i in rows.items():
            if label not in [row[0] for row in shown.rows]:
                assert not any(public["cells"][i]), (key, label)
    assert compared > 20


def assert_the_sources_are_the_public_pages(sources: BulletinSources, period: Period) -> None:
    for entry in public_statistics(period=period):
        figures, cells = sources.public[entry.family]
        assert figures.values == entry.figures.values, entry.family
        assert cells.hidden == entry.cells.hidden, entry.family


def test_a_suppressing_bulletin_shows_exactly_the_cells_of_the_public_page(client, orgs):
    _record(orgs, 1, FIRST_HALF)
    _suppressing_edition("2025-H1")
    publish_bulletin("2025-H1")
    _record(orgs, 2, SECOND_HALF)
    edition = _suppressing_edition("2025-H2")
    draft = selectors.draft_document(actor=None, edition=edition, language="en")
    publish_bulletin("2025-H2")

    year = _api_tables(client, "2025")
    assert_the_tables_are_the_public_pages(_published("2025-H2"), year)
    assert_the_tables_are_the_public_pages(draft, year)
    assert_the_sources_are_the_public_pages(_sources(edition), Period.parse("2025"))
    # The first half's bulletin and the public page of the first half agree too.
    assert_the_tables_are_the_public_pages(_published("2025-H1"), _api_tables(client, "2025-H1"))
    # Nepal is never named, Türkiye only where it is not rare.
    text = _published("2025-H2").plain_text()
    assert "Nepal" not in text and "Türkiye" not in text and "other countries" in text
    assert "Türkiye: 5" in _published("2025-H1").plain_text()


def _figures(sources: BulletinSources, family: str) -> tuple[FigureSet, ProtectedCells]:
    return sources.public[family]


def test_the_two_bulletins_of_a_year_cannot_be_subtracted(client, orgs):
    """The first half's bulletin showed 11 women; the second half had 4. The year's bulletin
    may not show 15: 15 - 11 = 4. Nor may any hidden cell of either bulletin, or of the
    public page's second half, follow from everything shown."""
    _record(orgs, 1, FIRST_HALF)
    first = _suppressing_edition("2025-H1")
    first_half = _sources(first)  # as it is published
    publish_bulletin("2025-H1")
    _record(orgs, 2, SECOND_HALF)
    year = _sources(_suppressing_edition("2025-H2"))
    publish_bulletin("2025-H2")
    (second_half, *_rest) = public_statistics(period=Period.parse("2025-H2"))

    h1_figures, h1_cells = _figures(first_half, "victims")
    year_figures, year_cells = _figures(year, "victims")
    assert h1_cells.value("sex:female") == 11
    assert "sex:female" in year_cells.hidden and second_half.cells.is_hidden("sex:female")
    assert "country:TR" in h1_figures.values and "country:TR" not in year_figures.values
    # The first half's page after the year is published is still its bulletin's answer.
    (h1_now, *_rest) = public_statistics(period=Period.parse("2025-H1"))
    assert h1_now.cells.hidden == h1_cells.hidden and h1_now.figures.values == h1_figures.values

    answers = {
        "H1": (h1_figures, h1_cells),
        "Y": (year_figures, year_cells),
        "H2": (second_half.figures, second_half.cells),
    }
    values: dict[str, int] = {}
    hidden: set[str] = set()
    relations: list[Relation] = []
    for key, (figures, cells) in answers.items():
        values.update({f"{key}|{n}": v for n, v in figures.values.items()})
        hidden |= {f"{key}|{n}" for n in cells.hidden}
        relations += [
            Relation(f"{key}|{r.total}", tuple(f"{key}|{p}" for p in r.parts))
            for r in figures.relations
        ]
    for name in year_figures.values:
        # The first half's rows that the year folds count, for the reader, in "other".
        folded = name == f"country:{OTHER}"
        parts = [
            f"H1|{n}"
            for n in h1_figures.values
            if n == name or (folded and n.startswith("country:") and n not in year_figures.values)
        ]
        relations.append(Relation(f"Y|{name}", (*parts, f"H2|{name}")))
    holding = [
        r for r in relations if values[r.total] == sum(values[p] for p in r.parts)
    ]  # the reader may assume every sum that holds
    assert len(holding) > 40
    assert recomputable(values, holding, hidden) == set()


def test_the_earlier_years_of_the_trends_show_their_public_cells(orgs):
    """The trends table publishes whole years: each year counted from the records is
    protected as its public page would be (here 2024, 2 men beside 6 women)."""
    HistoricalFigure.objects.create(year=2023, key="total", value=40, source="a public report")
    for day in range(1, 7):
        case_create(
            actor=None,
            organisation=orgs.police,
            identified_on=datetime.date(2024, 4, day),
            sex="female",
        )
    for day in (1, 2):
        case_create(
            actor=None,
            organisation=orgs.police,
            identified_on=datetime.date(2024, 5, day),
            sex="male",
        )
    _record(orgs, 1, FIRST_HALF)
    sources = _sources(_suppressing_edition("2025-H1"))
    assert list(sources.public_years) == ["2024"]
    (public_2024,) = protected_statistics(period=Period.parse("2024"), families=["victims"])
    assert sources.public_years["2024"].hidden == public_2024.cells.hidden
    assert {"sex:male", "sex:female"} <= public_2024.cells.hidden
    document = build_bulletin(sources, "en")
    rows = {
        row[0]: row
        for row in _tables(document)["Victims by year, sex, age and form of exploitation"].rows
    }
    assert rows["2023"][1] == "40"
    assert rows["2024"][1:4] == ["8", "x", "x"]
    assert rows["2025"][1:4] == ["17", "11", "6"]
    exact = collect_sources(period=Period.parse("2025-H1"), composition=Composition())
    assert exact.public == {} and exact.public_years == {}


def test_the_api_gives_a_suppressing_version_with_its_public_cells_only(client, orgs):
    """The version's frozen figures are the records' (by citizenship, the Nepalese victim
    too): the public API gives only the cells its tables show."""
    _record(orgs, 1, FIRST_HALF)
    _record(orgs, 2, SECOND_HALF)
    _suppressing_edition("2025-H2")
    publish_bulletin("2025-H2")
    version = PublishedVersion.objects.get()
    assert version.figures["victims"]["by_citizenship"]["NP"] == 1  # kept, not served
    body = client.get("/api/v1/bulletins/2025-H2/1").json()
    figures = body["figures"]
    assert set(figures) == {"period", "disclosure", "victims", "trial_monitoring"}
    assert figures["disclosure"] == {"policy": "suppress", "threshold": 5}
    assert "NP" not in str(figures) and "by_citizenship" not in figures["victims"]
    (victims, _trial) = public_statistics(period=Period.parse("2025"))
    assert figures["victims"] == {
        name: victims.cells.value(name) for name in victims.figures.values
    }
    # Nepal's 1 counts in "other countries", hidden; Türkiye's 7 with it, as its complement.
    assert figures["victims"]["country:other"] is None and figures["victims"]["country:TR"] is None
