"""The statistics and monitoring findings written as prose from the figures.

Every sentence with a number goes through ngettext, so that Bosnian, Croatian and Serbian get
the right one of their three plural forms (1 žrtva, 2 žrtve, 5 žrtava; 21 žrtva). ngettext is
always called with literal strings, so that the catalogues extract both forms. A figure hidden
by the publication policy is said to be not published; a gap in the records (a form of
exploitation, a sex not recorded) is stated, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.bulletin.language import format_date, join_list, number, span_phrase
from nrm.bulletin.sources import ArticleInfo
from nrm.core.periods import Period
from nrm.core.templatetags.nrm import in_reader_script
from nrm.core.vocabularies import NOT_RECORDED, ExploitationForm
from nrm.statistics import labels
from nrm.statistics.disclosure import ProtectedCells
from nrm.statistics.tables import OTHER, sorted_articles

Phrase = Callable[[int], str]


def fill(text: str, n: int, **values: Any) -> str:
    """Put the number, written as the bulletin writes numbers, into a text from ngettext."""
    return text % {"count": number(n), **values}


def sentence(text: str) -> str:
    """Capitalise the first letter of a sentence assembled from fragments."""
    return text[:1].upper() + text[1:] if text else text


def home_locative() -> str:
    """'in Bosnia and Herzegovina' (declined as the local languages need)."""
    if settings.NRM_HOME_COUNTRY.upper() == "BA":
        return _("in Bosnia and Herzegovina")
    return _("in %(country)s") % {"country": labels.country_name(settings.NRM_HOME_COUNTRY)}


def not_published(label: str) -> str:
    return _("%(label)s (number not published)") % {"label": label}


def phrase_or_note(cells: ProtectedCells, name: str, phrase: Phrase, label: str) -> str:
    """The phrase for a cell's value; a note if the policy hides it; nothing for zero."""
    value = cells.value(name)
    if value is None:
        return not_published(label)
    return phrase(value) if value else ""


# Victims -------------------------------------------------------------------------------------


def victims_paragraphs(
    victims: Mapping[str, Any], cells: ProtectedCells, period: Period
) -> list[str]:
    span = span_phrase(period)
    total = cells.value("total")
    if total is None:
        return [
            _(
                "%(span)s, the number of potential victims identified is small and is not "
                "published, to protect them."
            )
            % {"span": span}
        ]
    if total == 0:
        return [
            _(
                "%(span)s, no potential victim of trafficking in human beings was identified "
                "%(where)s."
            )
            % {"span": span, "where": home_locative()}
        ]
    paragraphs = [
        [_total_and_sex(cells, span), _age_groups(cells), _status(cells)],
        _exploitation(cells, victims),
        [_citizenship(cells, victims), _shelter(cells)],
    ]
    return [" ".join(s for s in sentences if s) for sentences in paragraphs if any(sentences)]


def _sex_fragments(cells: ProtectedCells, prefix: str) -> list[str]:
    """'16 female', '21 male', '1 whose sex was not recorded' for the cells prefix + sex."""
    phrases: list[tuple[str, Phrase, str]] = [
        (
            "female",
            lambda n: fill(ngettext("%(count)s female", "%(count)s female", n), n),
            _("female"),
        ),
        ("male", lambda n: fill(ngettext("%(count)s male", "%(count)s male", n), n), _("male")),
        (
            "other",
            lambda n: fill(ngettext("%(count)s of another sex", "%(count)s of another sex", n), n),
            _("of another sex"),
        ),
        (
            "unknown",
            lambda n: fill(
                ngettext(
                    "%(count)s whose sex was not recorded",
                    "%(count)s whose sex was not recorded",
                    n,
                ),
                n,
            ),
            _("sex not recorded"),
        ),
    ]
    fragments = [
        phrase_or_note(cells, prefix + sex, phrase, label) for sex, phrase, label in phrases
    ]
    return [f for f in fragments if f]


def _total_and_sex(cells: ProtectedCells, span: str) -> str:
    total = cells.values["total"]
    opening = fill(
        ngettext(
            "%(span)s, a total of %(count)s person was identified as a potential victim of "
            "trafficking in human beings %(where)s",
            "%(span)s, a total of %(count)s persons were identified as potential victims of "
            "trafficking in human beings %(where)s",
            total,
        ),
        total,
        span=span,
        where=home_locative(),
    )
    sexes = _sex_fragments(cells, "sex:")
    if not sexes:
        return opening + "."
    return _("%(opening)s: %(list)s.") % {"opening": opening, "list": join_list(sexes)}


def _age_groups(cells: ProtectedCells) -> str:
    phrases: list[tuple[str, Phrase]] = [
        ("adult", lambda n: fill(ngettext("%(count)s adult", "%(count)s adults", n), n)),
        ("minor", lambda n: fill(ngettext("%(count)s minor", "%(count)s minors", n), n)),
        (
            "unknown",
            lambda n: fill(ngettext("%(count)s of unknown age", "%(count)s of unknown age", n), n),
        ),
    ]
    fragments = []
    for group, phrase in phrases:
        fragment = phrase_or_note(cells, f"age:{group}", phrase, str(labels.AGE_GROUPS[group]))
        if not fragment:
            continue
        sexes = _sex_fragments(cells, f"age:{group}:") if cells.value(f"age:{group}") else []
        if sexes:
            fragment = _("%(group)s (%(sexes)s)") % {"group": fragment, "sexes": join_list(sexes)}
        fragments.append(fragment)
    if not fragments:
        return ""
    return _("By age, there were %(list)s.") % {"list": join_list(fragments)}


def _status(cells: ProtectedCells) -> str:
    identified = cells.value("status:identified")
    if not identified:
        return ""
    return fill(
        ngettext(
            "%(count)s of them has been formally identified as a victim of trafficking.",
            "%(count)s of them have been formally identified as victims of trafficking.",
            identified,
        ),
        identified,
    )


def _exploitation(cells: ProtectedCells, victims: Mapping[str, Any]) -> list[str]:
    forms = sorted(
        ExploitationForm.values,
        key=lambda f: (f == ExploitationForm.OTHER, -cells.values[f"exploitation:{f}"]),
    )
    fragments = []
    for form in forms:
        label = labels.exploitation_label(form)
        fragments.append(
            phrase_or_note(
                cells,
                f"exploitation:{form}",
                lambda n, label=label: fill(  # type: ignore[misc]
                    ngettext("%(form)s in %(count)s case", "%(form)s in %(count)s cases", n),
                    n,
                    form=label,
                ),
                label,
            )
        )
    fragments = [f for f in fragments if f]
    sentences = []
    if fragments:
        sentences.append(
            _("The forms of exploitation recorded were %(list)s.") % {"list": join_list(fragments)}
        )
    sentences.append(_unrecorded_forms(cells))
    missing = int(victims["by_exploitation"][NOT_RECORDED])
    recorded = sum(int(victims["by_exploitation"][f]) for f in ExploitationForm.values)
    if fragments and recorded > cells.values["total"] - missing:
        sentences.append(
            _(
                "A victim exploited in several forms is counted under each of them, so the forms "
                "add up to more than the number of victims."
            )
        )
    return [s for s in sentences if s]


def _unrecorded_forms(cells: ProtectedCells) -> str:
    missing = cells.value(f"exploitation:{NOT_RECORDED}")
    if missing is None:
        return _(
            "For a few victims the form of exploitation was not recorded (the number is not "
            "published)."
        )
    if missing == 1:
        return _("For one victim the form of exploitation was not recorded.")
    if missing:
        return fill(
            ngettext(
                "For %(count)s victim the form of exploitation was not recorded.",
                "For %(count)s victims the form of exploitation was not recorded.",
                missing,
            ),
            missing,
        )
    return ""


def _citizenship(cells: ProtectedCells, victims: Mapping[str, Any]) -> str:
    parts = [
        phrase_or_note(
            cells,
            "citizenship:nationals",
            lambda n: fill(
                ngettext(
                    "%(count)s victim is a citizen of Bosnia and Herzegovina",
                    "%(count)s victims are citizens of Bosnia and Herzegovina",
                    n,
                ),
                n,
            ),
            _("citizens of Bosnia and Herzegovina"),
        )
    ]
    foreigners = phrase_or_note(
        cells,
        "citizenship:foreigners",
        lambda n: fill(
            ngettext("%(count)s is a foreign citizen", "%(count)s are foreign citizens", n), n
        ),
        _("foreign citizens"),
    )
    countries = _foreign_countries(cells)
    if foreigners and countries and cells.value("citizenship:foreigners"):
        foreigners = _("%(group)s (%(countries)s)") % {"group": foreigners, "countries": countries}
    parts.append(foreigners)
    parts.append(
        phrase_or_note(
            cells,
            "citizenship:unknown",
            lambda n: fill(
                ngettext(
                    "for %(count)s victim the citizenship was not recorded",
                    "for %(count)s victims the citizenship was not recorded",
                    n,
                ),
                n,
            ),
            _("citizenship not recorded"),
        )
    )
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return _("By citizenship, %(list)s.") % {"list": join_list(parts)}


def _foreign_countries(cells: ProtectedCells) -> str:
    """'Türkiye: 8, Croatia: 2, other countries: 3': the foreign citizenships as the tables
    show them (public figures name no rare one: it counts in "other countries")."""
    parts = []
    for name in cells.values:
        code = name.removeprefix("country:")
        if code == name or not cells.values[name]:
            continue
        country = _("other countries") if code == OTHER else labels.country_name(code)
        value = cells.value(name)
        if value is None:
            parts.append(not_published(country))
        else:
            parts.append(_("%(country)s: %(count)s") % {"country": country, "count": number(value)})
    return ", ".join(parts)


def _shelter(cells: ProtectedCells) -> str:
    value = cells.value("in_shelter")
    if value is None:
        return _("The number of victims accommodated in safe houses is not published.")
    if not value:
        return ""
    return fill(
        ngettext(
            "During the reporting period, %(count)s victim was accommodated in a safe house.",
            "During the reporting period, %(count)s victims were accommodated in safe houses.",
            value,
        ),
        value,
    )


# Trial monitoring ----------------------------------------------------------------------------


def monitoring_paragraphs(
    monitoring: Mapping[str, Any],
    cells: ProtectedCells,
    period: Period,
    articles: list[ArticleInfo],
    *,
    show_extremes: bool = True,
    folded: Collection[str] = (),
) -> list[str]:
    """The findings; `show_extremes` False leaves out the lowest and highest sentences, which
    describe single persons, and the articles `folded` into "other articles" are not named
    (a suppressing publication policy)."""
    total = cells.value("cases:total")
    span = {"start": format_date(period.start), "end": format_date(period.end)}
    if total is None:
        return [
            _(
                "Between %(start)s and %(end)s, a small number of court cases was monitored "
                "(the number is not published)."
            )
            % span
        ]
    if total == 0:
        return [_("Between %(start)s and %(end)s, no court case was monitored.") % span]
    opening = fill(
        ngettext(
            "Between %(start)s and %(end)s, %(count)s court case related to trafficking in "
            "human beings was monitored.",
            "Between %(start)s and %(end)s, %(count)s court cases related to trafficking in "
            "human beings were monitored.",
            total,
        ),
        total,
        **span,
    )
    paragraphs = [
        [opening, _stages(cells)],
        [_defendants(cells)],
        *[[charges] for charges in _charges(monitoring, cells, articles, folded)],
        [_verdicts(cells)],
        [_sentences(cells), _extremes(monitoring) if show_extremes else ""],
    ]
    return [" ".join(s for s in sentences if s) for sentences in paragraphs if any(sentences)]


def _stages(cells: ProtectedCells) -> str:
    parts = [
        phrase_or_note(
            cells,
            "cases:ongoing",
            lambda n: fill(ngettext("%(count)s was ongoing", "%(count)s were ongoing", n), n),
            _("ongoing"),
        ),
        phrase_or_note(
            cells,
            "cases:finalized",
            lambda n: fill(
                ngettext(
                    "%(count)s was finalized in the period",
                    "%(count)s were finalized in the period",
                    n,
                ),
                n,
            ),
            _("finalized"),
        ),
    ]
    parts = [p for p in parts if p]
    return _("Of these, %(list)s.") % {"list": join_list(parts)} if parts else ""


def _defendants(cells: ProtectedCells) -> str:
    total = cells.value("defendants:total")
    if total is None:
        return _("The number of defendants is not published.")
    if not total:
        return ""
    opening = fill(
        ngettext(
            "The monitored cases included %(count)s defendant",
            "The monitored cases included %(count)s defendants",
            total,
        ),
        total,
    )
    parts = [
        phrase_or_note(
            cells,
            "defendants:male",
            lambda n: fill(ngettext("%(count)s man", "%(count)s men", n), n),
            _("men"),
        ),
        phrase_or_note(
            cells,
            "defendants:female",
            lambda n: fill(ngettext("%(count)s woman", "%(count)s women", n), n),
            _("women"),
        ),
        phrase_or_note(
            cells,
            "defendants:unknown",
            lambda n: fill(
                ngettext(
                    "%(count)s whose sex was not recorded",
                    "%(count)s whose sex was not recorded",
                    n,
                ),
                n,
            ),
            _("sex not recorded"),
        ),
    ]
    parts = [p for p in parts if p]
    if not parts:
        return opening + "."
    return _("%(opening)s (%(list)s).") % {"opening": opening, "list": join_list(parts)}


def article_name(article: ArticleInfo) -> str:
    """'CC FBiH, Art. 210a' with the catalogue's name of the code, in the reader's script."""
    return _("%(code)s, Art. %(article)s") % {
        "code": article.code_name,
        "article": in_reader_script(article.number),
    }


def article_with_title(article: ArticleInfo) -> str:
    name = article_name(article)
    if not article.title:
        return name
    return _("%(article)s (%(title)s)") % {"article": name, "title": article.title}


def known_articles(monitoring: Mapping[str, Any], articles: list[ArticleInfo]) -> list[ArticleInfo]:
    """The articles of the family's figures: as the catalogue names and orders them
    (trafficking first), then any the catalogue did not name, by code and number."""
    keys = monitoring["cases_by_article"]
    named = [a for a in articles if a.key in keys]
    covered = {a.key for a in named}
    return named + [
        ArticleInfo(
            key=key,
            code_name=str(labels.CRIMINAL_CODES.get(key.partition(":")[0], key)),
            number=key.partition(":")[2],
            title="",
            category="",
            cases=int(keys[key]),
        )
        for key in sorted_articles([k for k in keys if k not in covered])
    ]


def _article_fragment(cells: ProtectedCells, article: ArticleInfo) -> str:
    label = article_with_title(article)
    return phrase_or_note(
        cells,
        f"article:{article.key}",
        lambda n: fill(
            ngettext("%(article)s in %(count)s case", "%(article)s in %(count)s cases", n),
            n,
            article=label,
        ),
        label,
    )


CHARGE_GROUPS = ("trafficking", "trafficking_related", "other")
NAMED_AT_MOST = 4  # a longer group of charges other than trafficking is summarised


def articles_table_caption() -> str:
    return _("Monitored cases by criminal-code article")


def _charges(
    monitoring: Mapping[str, Any],
    cells: ProtectedCells,
    articles: list[ArticleInfo],
    folded: Collection[str] = (),
) -> list[str]:
    """The charges by article, a paragraph per group as the bulletin groups them, trafficking
    first. The articles table lists every article with its cases (those without any too), so
    a long group is summarised here rather than read out article by article; the rare
    articles of public figures are never named, only counted in "other articles"."""
    groups: dict[str, list[ArticleInfo]] = {}
    for article in known_articles(monitoring, articles):
        if article.key in folded or not cells.values.get(f"article:{article.key}"):
            continue
        category = article.category if article.category in CHARGE_GROUPS else ""
        groups.setdefault(category, []).append(article)
    paragraphs = [_charge_group(category, group, cells) for category, group in groups.items()]
    paragraphs.append(_other_articles(cells))
    return [p for p in paragraphs if p]


def _charge_group(category: str, group: list[ArticleInfo], cells: ProtectedCells) -> str:
    if category == "trafficking" or len(group) <= NAMED_AT_MOST:
        openings = {
            "trafficking": _("The charges of trafficking in human beings concern %(list)s."),
            "trafficking_related": _("Trafficking-related charges concern %(list)s."),
            "other": _("Other charges in the monitored cases concern %(list)s."),
            "": _("By criminal-code article, the charges in the monitored cases concern %(list)s."),
        }
        fragments = [_article_fragment(cells, article) for article in group]
        return openings[category] % {"list": join_list(fragments)}
    count = len(group)
    summaries = {
        "trafficking_related": ngettext(
            "Trafficking-related charges concern %(count)s article, listed with its cases in "
            "the table “%(table)s”.",
            "Trafficking-related charges concern %(count)s articles, each listed with its "
            "cases in the table “%(table)s”.",
            count,
        ),
        "other": ngettext(
            "Other charges in the monitored cases concern %(count)s further article, listed "
            "with its cases in the table “%(table)s”.",
            "Other charges in the monitored cases concern %(count)s further articles, each "
            "listed with its cases in the table “%(table)s”.",
            count,
        ),
        "": ngettext(
            "The charges in the monitored cases concern %(count)s article, listed with its "
            "cases in the table “%(table)s”.",
            "The charges in the monitored cases concern %(count)s articles, each listed with "
            "its cases in the table “%(table)s”.",
            count,
        ),
    }
    return fill(summaries[category], count, table=articles_table_caption())


def _other_articles(cells: ProtectedCells) -> str:
    """The cases under the articles that public figures fold together (none in exact ones)."""
    name = f"article:{OTHER}"
    if not cells.values.get(name):
        return ""
    value = cells.value(name)
    if value is None:
        return _(
            "The number of cases with charges under other articles, not named because they "
            "are rare, is not published."
        )
    return fill(
        ngettext(
            "Charges under other articles, not named because they are rare, concern %(count)s "
            "case.",
            "Charges under other articles, not named because they are rare, concern %(count)s "
            "cases.",
            value,
        ),
        value,
    )


def _verdicts(cells: ProtectedCells) -> str:
    parts = [
        phrase_or_note(
            cells,
            "verdicts:convicted",
            lambda n: fill(
                ngettext(
                    "found %(count)s defendant guilty", "found %(count)s defendants guilty", n
                ),
                n,
            ),
            _("convicted"),
        ),
        phrase_or_note(
            cells,
            "verdicts:acquitted",
            lambda n: fill(
                ngettext("acquitted %(count)s defendant", "acquitted %(count)s defendants", n), n
            ),
            _("acquitted"),
        ),
        phrase_or_note(
            cells,
            "verdicts:dismissed",
            lambda n: fill(
                ngettext(
                    "dismissed the charges against %(count)s defendant",
                    "dismissed the charges against %(count)s defendants",
                    n,
                ),
                n,
            ),
            _("charges dismissed"),
        ),
    ]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    finalized = cells.value("cases:finalized")
    if finalized:
        return fill(
            ngettext(
                "In the %(count)s finalized case, the courts %(list)s.",
                "In the %(count)s finalized cases, the courts %(list)s.",
                finalized,
            ),
            finalized,
            list=join_list(parts),
        )
    return _("In the finalized cases, the courts %(list)s.") % {"list": join_list(parts)}


def _sentences(cells: ProtectedCells) -> str:
    parts = [
        phrase_or_note(
            cells,
            "sentences:suspended",
            lambda n: fill(
                ngettext(
                    "%(count)s defendant was given a suspended sentence",
                    "%(count)s defendants were given suspended sentences",
                    n,
                ),
                n,
            ),
            _("suspended sentences"),
        ),
        phrase_or_note(
            cells,
            "sentences:imprisonment",
            lambda n: fill(
                ngettext(
                    "%(count)s defendant was sentenced to imprisonment",
                    "%(count)s defendants were sentenced to imprisonment",
                    n,
                ),
                n,
            ),
            _("imprisonment"),
        ),
        phrase_or_note(
            cells,
            "sentences:fine",
            lambda n: fill(
                ngettext("%(count)s defendant was fined", "%(count)s defendants were fined", n), n
            ),
            _("fines"),
        ),
    ]
    parts = [p for p in parts if p]
    return sentence(join_list(parts) + ".") if parts else ""


def duration(months: int) -> str:
    """10 years, 3 months, 1 year and 6 months."""
    years, rest = divmod(int(months), 12)
    parts = []
    if years:
        parts.append(fill(ngettext("%(count)s year", "%(count)s years", years), years))
    if rest or not years:
        parts.append(fill(ngettext("%(count)s month", "%(count)s months", rest), rest))
    return join_list(parts)


def money(amount: int) -> str:
    return _("%(amount)s BAM") % {"amount": number(amount)}


def _bounds(values: Mapping[str, Any] | None, show: Callable[[int], str]) -> tuple[str, str] | None:
    if not values or values.get("min") is None or values.get("max") is None:
        return None
    return show(int(values["min"])), show(int(values["max"]))


def _extremes(monitoring: Mapping[str, Any]) -> str:
    sentences = monitoring["sentences"]
    statements = []
    prison = _bounds(sentences.get("imprisonment_months"), duration)
    if prison:
        statements.append(
            _range_sentence(
                prison,
                _("The prison sentence imposed was %(value)s."),
                _("Prison sentences ranged from %(low)s to %(high)s."),
            )
        )
    suspended = _bounds(sentences.get("suspended_months"), duration)
    if suspended:
        statements.append(
            _range_sentence(
                suspended,
                _("The suspended sentence imposed was %(value)s."),
                _("Suspended sentences ranged from %(low)s to %(high)s."),
            )
        )
    fines = _bounds(sentences.get("fines_bam"), money)
    if fines:
        statements.append(
            _range_sentence(
                fines,
                _("The fine imposed was %(value)s."),
                _("Fines ranged from %(low)s to %(high)s."),
            )
        )
    return " ".join(statements)


def _range_sentence(values: tuple[str, str], single: str, spread: str) -> str:
    low, high = values
    if low == high:
        return single % {"value": low}
    return spread % {"low": low, "high": high}
