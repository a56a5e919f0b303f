"""Any family laid out as tables: labels read in context, nothing dropped."""

from nrm.statistics.presentation import family_tables, flat_rows

from .data import BULLETIN_MONITORING, BULLETIN_VICTIMS


def table(tables, caption):
    return next(t for t in tables if t.caption == caption)


def test_victims_are_laid_out_with_labels_in_context():
    tables = family_tables("victims", BULLETIN_VICTIMS)
    by_sex = table(tables, "Victims: by sex")
    assert [(r.label, r.values) for r in by_sex.rows][-1] == ("unknown", [0])
    ages = table(tables, "Victims: by age group")
    assert ages.columns == ["total", "female", "male", "other", "unknown"]
    assert [r.label for r in ages.rows] == ["adults", "minors", "age not recorded"]
    assert ages.rows[1].values == [25, 11, 14, 0, 0]
    citizenship = table(tables, "Victims: by citizenship")
    assert ("Türkiye", [8]) in [(r.label, r.values) for r in citizenship.rows]
    forms = table(tables, "Victims: by form of exploitation")
    assert ("not recorded", [1]) in [(r.label, r.values) for r in forms.rows]


def test_nested_figures_become_tables_of_their_own():
    tables = family_tables("trial_monitoring", BULLETIN_MONITORING)
    ranges = table(tables, "Trial monitoring: sentences")
    assert ranges.columns == ["Number"]
    extremes = next(t for t in tables if t.columns == ["lowest", "highest"])
    assert [(r.label, r.values) for r in extremes.rows] == [
        ("imprisonment (months)", [12, 120]),
        ("suspended sentences (months)", [3, 12]),
        ("fines (BAM)", [300, 300]),
    ]
    articles = table(tables, "Trial monitoring: cases by criminal-code article")
    assert ("CC FBiH, Art. 210a", [5]) in [(r.label, r.values) for r in articles.rows]


def test_every_figure_is_in_the_long_format():
    rows = list(flat_rows({"period": {}, "victims": BULLETIN_VICTIMS}))
    assert ("victims", "by_age_group.minor.female", 11) in rows
    assert len(rows) == 1 + 2 + 4 + 15 + 9 + 7 + 4
