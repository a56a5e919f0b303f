"""The criminal-code catalogue and the courts: data in the repository, synchronised idempotently."""

from pathlib import Path

import pytest
import yaml
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from nrm.core.models import Municipality
from nrm.justice.models import Article, Court, CriminalCode
from nrm.justice.reference import CODES_FILE, sync_courts, sync_criminal_codes

# Every article the bulletin "Monitoring findings" (July-December 2024) names, as it cites them:
# THB under CC BiH 186, CC RS 146, CC FBiH 210a and 210b, CC BD BiH 207a; CC BiH 187 and
# CC FBiH 210 (prostitution); neglect of a child under CC FBiH 219, CC RS 207, 2017 CC RS 187,
# CC BD BiH 216; and the other charges.
BULLETIN_ARTICLES = {
    "bih": {"186", "187"},
    "fbih": {"210", "210a", "210b", "219", "209", "211", "212", "207", "238", "217", "179",
             "203", "208"},
    "rs": {"146", "175", "184", "207"},
    "rs2017": {"187"},
    "bd": {"207a", "216", "218"},
}  # fmt: skip
# Trafficking offences of the four codes besides those the bulletin names.
OTHER_TRAFFICKING_ARTICLES = {"bih:186a", "rs:145", "rs:147", "bd:207b"}


def keys(articles):
    return {a.key for a in articles}


@pytest.mark.django_db
def test_the_catalogue_holds_the_five_codes_and_every_article_the_bulletin_names():
    assert list(CriminalCode.objects.values_list("key", flat=True)) == [
        "bih", "fbih", "rs", "rs2017", "bd"
    ]  # fmt: skip
    active = keys(Article.objects.filter(is_active=True))
    named = {
        f"{code}:{number}" for code, numbers in BULLETIN_ARTICLES.items() for number in numbers
    }
    assert named <= active
    assert active >= OTHER_TRAFFICKING_ARTICLES
    listed = keys(Article.objects.filter(listed=True))
    assert listed == named  # exactly the bulletin's articles are always listed


@pytest.mark.django_db
def test_articles_are_categorised_like_the_bulletin():
    category = {a.key: a.category for a in Article.objects.all()}
    for key in (
        "bih:186",
        "fbih:210a",
        "fbih:210b",
        "rs:146",
        "bd:207a",
        *OTHER_TRAFFICKING_ARTICLES,
    ):
        assert category[key] == "trafficking", key
    for key in ("bih:187", "fbih:210", "fbih:219", "rs:207", "rs2017:187", "bd:216"):
        assert category[key] == "trafficking_related", key
    for key in ("fbih:209", "fbih:238", "rs:184", "bd:218"):
        assert category[key] == "other", key


@pytest.mark.django_db
def test_titles_and_code_names_are_translated_and_serbian_latin_is_transliterated():
    article = Article.objects.select_related("code").get(code="fbih", number="210a")
    expected = {
        "en": ("CC FBiH", "Trafficking in human beings"),
        "bs": ("KZ FBiH", "Trgovina ljudima"),
        "hr": ("KZ FBiH", "Trgovanje ljudima"),
        "sr": ("КЗ ФБиХ", "Трговина људима"),
        "sr-latn": ("KZ FBiH", "Trgovina ljudima"),
    }
    for language, (code, title) in expected.items():
        with translation.override(language):
            assert (article.code.short_name_in(), article.title_in()) == (code, title)
    for article in Article.objects.all():
        for language in ("en", "bs", "hr", "sr"):
            assert article.title_in(language), (article.key, language)
        assert any("\u0400" <= ch <= "\u04ff" for ch in article.title_sr), article.key


@pytest.mark.django_db
def test_article_numbers_sort_numerically_with_their_letters():
    numbers = list(Article.objects.filter(code="fbih").values_list("number", flat=True))
    assert (
        numbers.index("210") < numbers.index("210a") < numbers.index("210b") < numbers.index("211")
    )
    assert numbers.index("179") == 0


@pytest.mark.django_db
def test_synchronising_again_changes_nothing_and_writes_no_audit_entry():
    before = LogEntry.objects.count()
    assert sync_criminal_codes() == Article.objects.count()
    assert sync_courts() == Court.objects.count()
    assert LogEntry.objects.count() == before


@pytest.mark.django_db
def test_an_edited_file_updates_titles_and_retires_removed_articles(tmp_path: Path):
    rows = yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))
    bd = next(r for r in rows if r["key"] == "bd")
    bd["articles"] = [a for a in bd["articles"] if a["number"] != "207b"]
    bih = next(r for r in rows if r["key"] == "bih")
    bih["articles"][0]["title"]["en"] = "Slavery (renamed)"
    path = tmp_path / "codes.yaml"
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    sync_criminal_codes(path=path)
    assert not Article.objects.get(code="bd", number="207b").is_active
    assert Article.objects.get(code="bih", number="185").title == "Slavery (renamed)"
    sync_criminal_codes()  # back to the repository's file
    assert Article.objects.get(code="bd", number="207b").is_active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"key": "x", "jurisdiction": "xx", "articles": []}, "x: unknown jurisdiction"),
        (
            {"key": "x", "jurisdiction": "bih", "name": {"en": "X"}, "short_name": {"en": "X"},
             "articles": []},
            "x: name needs en, bs, hr, sr",
        ),
        (
            {"key": "x", "jurisdiction": "bih",
             "articles": [{"number": "1", "category": "bad"}]},
            "x:1: unknown category",
        ),
        (
            {"key": "x", "jurisdiction": "bih",
             "articles": [{"number": "1", "category": "other"}] * 2},
            "x:1: an article needs a unique number",
        ),
    ],
)  # fmt: skip
def test_a_mistake_in_the_file_names_the_entry(tmp_path: Path, entry, problem):
    path = tmp_path / "codes.yaml"
    path.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=problem):
        sync_criminal_codes(path=path)


@pytest.mark.django_db
def test_courts_cover_every_jurisdiction_and_name_real_seats():
    courts = Court.objects.all()
    assert set(courts.values_list("jurisdiction", flat=True)) == {"bih", "fbih", "rs", "bd"}
    assert courts.filter(kind="cantonal").count() == 10
    assert courts.filter(kind="district").count() == 6
    seats = set(Municipality.objects.values_list("code", flat=True))
    assert all(c.municipality_id in seats for c in courts)
    court = Court.objects.get(key="district_banja_luka")
    assert court.name_in("en") == "District Court in Banja Luka"
    assert court.name_in("bs") == "Okružni sud u Banjoj Luci"
    assert court.name_in("sr") == "Окружни суд у Бањој Луци"
