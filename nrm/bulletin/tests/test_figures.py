"""Live figures in the coordinator's prose: cited by name, written from the records at every
render, checked before publishing."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from nrm.bulletin import selectors, services
from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.figures import (
    PublicCell,
    figure_values,
    prose_problems,
    public_cell,
    typed_numbers,
)
from nrm.bulletin.models import PublishedVersion
from nrm.cases.services import case_create
from nrm.core.errors import ValidationError

from .conftest import make_sources


def _intro(composition, **texts):
    return dataclasses.replace(composition, introduction=texts)


def test_cited_figures_are_written_in_each_language(composition):
    intro = "In 2024, {victims.total} persons ({victims.by_sex.female} women) were identified."
    sources = make_sources(_intro(composition, en=intro, bs=intro, sr=intro))
    assert (
        "In 2024, 37 persons (16 women) were identified."
        in build_bulletin(sources, "en").plain_text()
    )
    assert "In 2024, 37 persons (16 women)" in build_bulletin(sources, "bs").plain_text()
    # Serbian Cyrillic: the text in its script, the figures as the bulletin writes numbers.
    assert "37" in build_bulletin(sources, "sr").plain_text()
    large = make_sources(
        _intro(composition, en="{trial_monitoring.sentences.fines_bam.max} BAM"),
    )
    assert "300 BAM" in build_bulletin(large, "en").plain_text()


def test_a_suppressing_policy_prints_a_cited_figure_only_where_the_public_tables_show_it(
    composition,
):
    cited = {
        "adult women": "victims.by_age_group.adult.female",  # 5, shown
        "sexual": "victims.by_exploitation.sexual",  # 6, hidden as a complement
        "Türkiye": "victims.by_citizenship.TR",  # 8, named
        "Croatia": "victims.by_citizenship.HR",  # 2, folded into "other countries"
        "nationals": "victims.by_citizenship.BA",  # 24, the nationals' cell
        "convicted": "trial_monitoring.verdicts.convicted",  # 10, hidden as a complement
        "Art. 219": "trial_monitoring.cases_by_article.fbih:219",  # 9, named
        "Art. 210": "trial_monitoring.cases_by_article.fbih:210",  # 4, folded
        "highest fine": "trial_monitoring.sentences.fines_bam.max",  # one person's sentence
        "events": "period.activities.total",  # 3, no public cell: below the threshold
        "participants": "period.activities.participants",  # 12, no public cell
    }
    text = "; ".join(f"{label}: {{{name}}}" for label, name in cited.items())
    strict = dataclasses.replace(composition, disclosure="suppress", introduction={"en": text})
    period = {"activities": {"total": 3, "participants": 12}}
    printed = build_bulletin(make_sources(strict, period_statistics=period), "en").plain_text()
    assert (
        "adult women: 5; sexual: x; Türkiye: 8; Croatia: x; nationals: 24; convicted: x; "
        "Art. 219: 9; Art. 210: x; highest fine: x; events: x; participants: 12"
    ) in printed
    exact = dataclasses.replace(strict, disclosure="exact")
    as_recorded = build_bulletin(make_sources(exact, period_statistics=period), "en")
    assert "sexual: 6; Türkiye: 8; Croatia: 2" in as_recorded.plain_text()
    assert "highest fine: 300; events: 3" in as_recorded.plain_text()


@pytest.mark.parametrize(
    ("name", "table", "cell"),
    [
        ("victims.total", "victims", "total"),
        ("victims.by_age_group.adult.female", "victims", "age:adult:female"),
        ("victims.by_age_group.minor.total", "victims", "age:minor"),
        ("victims.by_sex.unknown", "victims", "sex:unknown"),
        ("victims.by_status.identified", "victims", "status:identified"),
        ("victims.by_exploitation.not_recorded", "victims", "exploitation:not_recorded"),
        ("victims.by_citizenship.NP", "victims", "country:NP"),
        ("victims.by_citizenship.BA", "victims", "citizenship:nationals"),
        ("victims.by_citizenship.unknown", "victims", "citizenship:unknown"),
        ("victims.foreigners", "victims", "citizenship:foreigners"),
        ("victims.in_shelter", "victims", "in_shelter"),
        ("trial_monitoring.cases.finalized", "trial_monitoring", "cases:finalized"),
        ("trial_monitoring.defendants.female", "trial_monitoring", "defendants:female"),
        ("trial_monitoring.cases_by_article.rs:146", "trial_monitoring", "article:rs:146"),
        ("trial_monitoring.verdicts.acquitted", "trial_monitoring", "verdicts:acquitted"),
        ("trial_monitoring.sentences.fine", "trial_monitoring", "sentences:fine"),
        ("trial_monitoring.sentences.imprisonment_months.min", "trial_monitoring", None),
        ("trends.by_year.2023.minors", "2023", "age:minor"),
    ],
)
def test_a_cited_figure_names_its_cell_in_the_public_tables(name, table, cell):
    assert public_cell(name, "BA") == PublicCell(table, cell)


@pytest.mark.parametrize(
    "name",
    ["compensation.claims.paid_bam", "period.referrals.total", "trends.by_year.2023.source"],
)
def test_a_figure_outside_the_public_tables_has_no_cell(name):
    assert public_cell(name, "BA") is None


def test_an_unknown_name_stays_as_typed_in_a_draft(composition):
    sources = make_sources(_intro(composition, en="Victims: {victims.totl}."))
    assert "Victims: {victims.totl}." in build_bulletin(sources, "en").plain_text()


def test_typed_numbers_leave_out_years_telephones_and_dates():
    text = (
        "In 2024, 37 people; 1,194,614 reached; call 0800 22 323 or +387 33 492 455; "
        "Strategy 2024-2027; on 26.09.2024. {victims.total}"
    )
    assert typed_numbers(text) == [37, 1194614]


def test_problems_name_the_text_and_the_language():
    values = figure_values({"victims": {"total": 37}}, {"referrals": {"total": 11}})
    assert values == {"victims.total": 37, "period.referrals.total": 11}
    unknown, typed = prose_problems(
        {"Introduction": {"en": "{victims.totl} and 38 and 37 and 11", "bs": "{victims.total}"}},
        values,
    )
    assert [(p.text, p.name) for p in unknown] == [("Introduction (en)", "victims.totl")]
    assert [(p.text, p.number) for p in typed] == [("Introduction (en)", 38)]


@pytest.mark.django_db
def test_publishing_is_refused_while_prose_cites_a_missing_figure(personas):
    edition = services.edition_create(actor=personas.coordinator, period="2024-H2")
    edition = services.edition_write(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        language="en",
        introduction="{victims.total} victims, {victims.by_sex.femal} women; 38 men.",
        contact="",
        acknowledgement="",
    )
    check = services.publication_check(edition)
    assert check.blockers == [
        "Introduction (en) cites {victims.by_sex.femal}, which is not a figure of this bulletin."
    ]
    assert check.warnings == [
        "Introduction (en) states 38, which equals no figure of the period: check it, or cite "
        "the figure by its name."
    ]
    with pytest.raises(ValidationError) as error:
        services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    assert "{victims.by_sex.femal}" in str(error.value)
    assert not PublishedVersion.objects.exists()


@pytest.mark.django_db
def test_cited_figures_follow_the_records_at_every_render(personas, client_for):
    edition = services.edition_create(actor=personas.coordinator, period="2024-H2")
    services.edition_write(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        language="en",
        introduction="In 2024, {victims.total} victims were identified.",
        contact="",
        acknowledgement="",
    )
    edition.refresh_from_db()

    def draft() -> str:
        return selectors.draft_document(
            actor=personas.coordinator, edition=edition, language="en"
        ).plain_text()

    assert "In 2024, 0 victims were identified." in draft()
    case_create(
        actor=personas.field_identifier, identified_on=datetime.date(2024, 8, 1), sex="female"
    )
    assert "In 2024, 1 victims were identified." in draft()
    page = client_for(personas.coordinator).get("/bulletin/2024-H2/").content.decode()
    assert "{victims.by_sex.female}" in page  # the names one may cite, with their values
