"""The one builder: every figure stated, gaps stated, the policy applied, any language."""

import dataclasses

import pytest
from django.utils import translation
from django.utils.translation import gettext

from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.document import ActivityEntry, Bulletin, Figure, Paragraph, Table
from nrm.bulletin.sources import FreeText
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.labels import country_name

from .conftest import make_sources


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def test_sections_follow_the_bulletin(sources):
    document = build_bulletin(sources, "en")
    assert [s.key for s in document.sections] == [
        "introduction",
        "statistics",
        "activities",
        "section-1",
        "monitoring",
        "about",
        "contact",
    ]
    assert document.meta.title == "Biannual Bulletin"
    assert document.meta.period_label == "July – December 2024"
    assert document.meta.statistics_period == {"from": "2024-01-01", "to": "2024-12-31"}


def test_the_statistics_are_stated_in_prose(sources):
    text = build_bulletin(sources, "en").plain_text()
    for statement in (
        "In 2024, a total of 37 persons were identified as potential victims of trafficking in "
        "human beings in Bosnia and Herzegovina: 16 female and 21 male.",
        "By age, there were 12 adults (5 female and 7 male) and 25 minors (11 female and 14 male).",
        "forced begging in 12 cases",
        "labour exploitation in 8 cases",
        "sexual exploitation in 6 cases",
        "other forms in 10 cases",
        "For one victim the form of exploitation was not recorded.",
        "24 victims are citizens of Bosnia and Herzegovina and 13 are foreign citizens "
        "(Türkiye: 8, Croatia: 2, Afghanistan: 1, Germany: 1, Russia: 1).",
        "During the reporting period, 24 victims were accommodated in safe houses.",
    ):
        assert statement in text


def test_the_monitoring_findings_are_stated_in_prose(sources):
    text = build_bulletin(sources, "en").plain_text()
    for statement in (
        "Between 1 January 2024 and 31 December 2024, 33 court cases related to trafficking in "
        "human beings were monitored.",
        "Of these, 26 were ongoing and 7 were finalized in the period.",
        "The monitored cases included 64 defendants (55 men and 9 women).",
        "The charges of trafficking in human beings concern CC BiH, Art. 186 (Trafficking in "
        "Human Beings) in 6 cases.",
        "Trafficking-related charges concern CC FBiH, Art. 219 (Neglect of a Child) in 9 cases.",
        "The charges in the monitored cases concern 18 articles, each listed with its cases "
        "in the table “Monitored cases by criminal-code article”.",
        "In the 7 finalized cases, the courts found 10 defendants guilty and acquitted 2 "
        "defendants.",
        "5 defendants were given suspended sentences, 4 defendants were sentenced to "
        "imprisonment and 1 defendant was fined.",
        "Prison sentences ranged from 1 year to 10 years.",
        "Suspended sentences ranged from 3 months to 1 year.",
        "The fine imposed was 300 BAM.",
    ):
        assert statement in text
    assert "No monitored case concerned" not in text  # the articles table shows the zeros


def test_the_monitoring_findings_are_short_paragraphs_beside_the_articles_table(sources):
    """The findings read as paragraphs, each on one subject: the articles table, not the prose,
    carries the long list of charges."""
    blocks = section(build_bulletin(sources, "en"), "monitoring").blocks
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert max(len(p) for p in paragraphs) < 400, paragraphs
    assert [p.split(" ")[0] for p in paragraphs[:5]] == [
        "Between",
        "The",
        "The",
        "Trafficking-related",
        "The",
    ]
    assert paragraphs[5].startswith("In the 7 finalized cases")
    assert paragraphs[6].startswith("5 defendants were given suspended sentences")
    assert "FBiH, Art. 209" not in " ".join(paragraphs)


def test_charts_and_tables_are_in_the_statistics_and_monitoring(sources):
    document = build_bulletin(sources, "en")
    charts = [b.caption for s in document.sections for b in s.blocks if isinstance(b, Figure)]
    assert charts == [
        "Figure 1. Victims by sex and age group",
        "Figure 2. Victims by form of exploitation",
        "Figure 3. Victims by citizenship",
        "Figure 4. Monitored cases by criminal-code article",
        "Figure 5. Verdicts (defendants)",
        "Figure 6. Sentences (convicted defendants)",
        "Figure 7. Criminal offences in the court decisions of the completed cases",
    ]
    tables = {b.caption: b for b in section(document, "monitoring").blocks if isinstance(b, Table)}
    articles = tables["Monitored cases by criminal-code article"]
    assert articles.rows[0] == ["CC BiH", "186", "Trafficking in Human Beings", "6"]
    assert ["CC RS", "207", "Neglect of a Child", "0"] in articles.rows
    assert ["CC BD BiH", "216", "", "0"] in articles.rows
    completed = tables["Criminal offences in the court decisions of the completed cases"]
    assert completed.rows == [
        ["CC FBiH", "210a", "Trafficking in Human Beings", "3"],
        ["CC FBiH", "210", "Enticement to Prostitution", "2"],
    ]


def test_activities_are_grouped_by_organisation_with_their_figures(sources):
    blocks = section(build_bulletin(sources, "en"), "activities").blocks
    assert blocks[0].text.startswith("In the reporting period, 2 organisations reported 3 approved")
    entries = [b for b in blocks if isinstance(b, ActivityEntry)]
    training = entries[1]
    assert ("participants", "33 (8 women and 25 men)") in training.figures
    assert training.details[:3] == ["Training", "26 September 2024", "Zenica"]
    campaign = entries[0]
    assert campaign.figures[:3] == [
        ("people reached", "1\u202f194\u202f614"),
        ("women reached", "700\u202f181"),
        ("men reached", "662\u202f547"),
    ]
    assert campaign.details[1] == "July – December 2024"
    assert (
        "Reported by Council of Europe (39), OSCE Mission to BiH (31) and IOM (31)"
        in entries[2].note
    )


def test_a_suppressing_policy_hides_small_numbers_everywhere(composition):
    strict = dataclasses.replace(composition, disclosure="suppress")
    document = build_bulletin(make_sources(strict), "en")
    text = document.plain_text()
    assert "For one victim" not in text
    assert (
        "Russia: 1" not in text and "Russia" not in text.split("Victims by citizenship")[0][-400:]
    )
    assert "numbers below 5 are not published" in text
    assert "The fine imposed was" not in text  # single persons' sentences
    tables = [b for s in document.sections for b in s.blocks if isinstance(b, Table)]
    exploitation = next(t for t in tables if t.caption == "Victims by form of exploitation")
    assert ["not recorded", "x"] in exploitation.rows


def test_a_suppressing_policy_names_no_rare_country_or_article_anywhere(composition):
    """ "Russia: x" tells that a Russian victim exists: rare citizenships and articles are
    counted as other countries and other articles, in the prose, the charts and the tables."""
    strict = dataclasses.replace(composition, disclosure="suppress")
    for language in ("en", "bs"):
        with translation.override(language):
            folded = [str(country_name(code)) for code in ("HR", "AF", "DE", "RU")]
            others = str(gettext("other countries")), str(gettext("other articles"))
        text = build_bulletin(make_sources(strict), language).plain_text()
        assert [name for name in folded if name in text] == []
        assert others[0] in text and others[1] in text
    text = build_bulletin(make_sources(strict), "en").plain_text()
    for code, article in (("RS", "146"), ("BiH", "187"), ("FBiH", "210b"), ("BD BiH", "218")):
        assert f"CC {code}, Art. {article}" not in text
        assert f"CC {code} | {article} |" not in text  # a table row
    assert "Türkiye: 8, other countries: 5" in text
    assert "Charges under other articles, not named because they are rare, concern 31 cases." in (
        text
    )
    document = build_bulletin(make_sources(strict), "en")
    tables = {b.caption: b for s in document.sections for b in s.blocks if isinstance(b, Table)}
    articles = tables["Monitored cases by criminal-code article"]
    assert articles.rows[-1] == ["other articles", "", "", "31"]
    assert ["CC RS", "207", "Neglect of a Child", "0"] in articles.rows  # a zero names nobody
    completed = tables["Criminal offences in the court decisions of the completed cases"]
    assert completed.rows == [["other articles", "", "", "5"]]  # 3 + 2, neither named
    # Under the exact policy every country and article is named, as recorded.
    exact = build_bulletin(make_sources(composition), "en").plain_text()
    assert "Russia: 1" in exact and "CC RS, Art. 146" in exact


def test_the_document_survives_its_storage(sources):
    document = build_bulletin(sources, "sr")
    stored = Bulletin.from_dict(document.to_dict())
    assert stored == document


@pytest.mark.parametrize("language", ["sr", "sr-latn", "bs", "hr"])
def test_every_language_is_written_in_its_script(sources, language):
    text = build_bulletin(sources, language).plain_text()
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    if language == "sr":
        assert cyrillic > 0.6 * sum(ch.isalpha() for ch in text)
    else:
        assert cyrillic == 0


def test_a_callout_section_is_a_box_after_the_introduction(composition):
    from nrm.bulletin.document import Callout

    hotline = FreeText("callout", {"en": "Report trafficking"}, {"en": "Call 0800 22 323."})
    boxed = dataclasses.replace(composition, sections=(hotline,))
    document = build_bulletin(make_sources(boxed), "en")
    introduction = document.sections[0]
    assert introduction.key == "introduction"
    assert introduction.blocks[-1] == Callout("Report trafficking", ["Call 0800 22 323."])
    assert not [s for s in document.sections if s.title == "Report trafficking"]


def test_verdicts_and_sentences_are_separate_charts(sources):
    document = build_bulletin(sources, "en")
    monitoring = next(s for s in document.sections if s.key == "monitoring")
    captions = [b.caption for b in monitoring.blocks if isinstance(b, Figure)]
    assert any("Verdicts (defendants)" in c for c in captions)
    assert any("Sentences (convicted defendants)" in c for c in captions)
    assert not any("Verdicts and sentences" in c for c in captions)


def _trends() -> dict:
    def row(source: str, total: int, female: int, male: int, sexual: int) -> dict:
        return {
            "total": total,
            "female": female,
            "male": male,
            "minors": 0,
            "foreigners": 0,
            "sexual": sexual,
            "labour": 0,
            "begging": 0,
            "source": source,
        }

    return {
        "by_year": {
            "2022": row("US TIP report 2023", 3, 2, 1, 3),
            "2023": row("records", 9, 7, 2, 9),
            "2024": row("records", 37, 16, 21, 6),
        }
    }


def test_a_suppressing_policy_shows_each_counted_year_as_its_public_tables_do(composition):
    """The trends table shows whole years: a year counted from the records shows only what its
    public tables show (2023's women hidden there as the complement of its 2 men, 2024's
    sexual exploitation hidden as a complement); historical aggregates stay as printed."""
    strict = dataclasses.replace(
        composition, disclosure="suppress", introduction={"en": "{trends.by_year.2023.female}"}
    )
    year_2023 = ProtectedCells(
        values={"total": 9, "sex:female": 7, "sex:male": 2, "exploitation:sexual": 9},
        hidden=frozenset({"sex:female", "sex:male"}),
        threshold=5,
    )
    statistics = {**make_sources(strict).statistics, "trends": _trends()}
    sources = make_sources(strict, statistics=statistics, public_years={"2023": year_2023})
    document = build_bulletin(sources, "en")
    tables = {b.caption: b for s in document.sections for b in s.blocks if isinstance(b, Table)}
    rows = {
        row[0]: row for row in tables["Victims by year, sex, age and form of exploitation"].rows
    }
    assert rows["2022"][1:5] == ["3", "2", "1", "0"]  # a public report's figures, as printed
    assert rows["2023"][1:4] == ["9", "x", "x"]
    assert rows["2024"][1:4] == ["37", "16", "21"] and rows["2024"][5] == "x"
    assert section(document, "introduction").blocks[0].text == "x"
    exact = dataclasses.replace(strict, disclosure="exact")
    as_recorded = build_bulletin(make_sources(exact, statistics=statistics), "en")
    tables = {b.caption: b for s in as_recorded.sections for b in s.blocks if isinstance(b, Table)}
    rows = {
        row[0]: row for row in tables["Victims by year, sex, age and form of exploitation"].rows
    }
    assert rows["2023"][1:4] == ["9", "7", "2"] and rows["2024"][5] == "6"


def test_a_suppressing_policy_states_only_the_total_of_services():
    """ "11 legal aid, 1 medical" would name the one victim's service: under the policy that
    hides small numbers, no breakdown by type or provider and no count of persons."""
    from nrm.bulletin.assistance import Assistance

    services = {
        "total": 12,
        "persons": 2,
        "by_service_type": {"legal_aid": 11, "medical": 1},
        "by_provider": {"Test Legal Aid": {"by_service_type": {"legal_aid": 11}, "total": 11}},
    }
    with translation.override("en"):
        exact = Assistance({"services": services}, str, None).services()
        hidden = Assistance({"services": services}, str, 5).services()
    assert "1 medical" in " ".join(b.text for b in exact if isinstance(b, Paragraph))
    assert any(isinstance(b, Table) for b in exact)
    assert hidden == [Paragraph("In the period, 12 services were delivered to victims.")]
