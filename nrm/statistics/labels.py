"""Readable, translated labels for the keys of the statistics families.

The families return stable codes (`female`, `begging`, `fbih:210a`); every page, export and the
bulletin show them through these labels. A key without a label is shown humanised.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from nrm.core.dates import format_month
from nrm.core.periods import Period
from nrm.core.templatetags.nrm import in_reader_script
from nrm.core.vocabularies import NOT_RECORDED, UNKNOWN_COUNTRY, AgeGroup, ExploitationForm, Sex

Label = str | Promise

SEXES: dict[str, Label] = dict(Sex.choices)
AGE_GROUPS: dict[str, Label] = {
    AgeGroup.ADULT: gettext_lazy("adults"),
    AgeGroup.MINOR: gettext_lazy("minors"),
    AgeGroup.UNKNOWN: gettext_lazy("age not recorded"),
}
VERDICTS: dict[str, Label] = {
    "convicted": gettext_lazy("convicted"),
    "acquitted": gettext_lazy("acquitted"),
    "dismissed": gettext_lazy("charges dismissed"),
}
SENTENCES: dict[str, Label] = {
    "suspended": gettext_lazy("suspended sentence"),
    "imprisonment": gettext_lazy("imprisonment"),
    "fine": gettext_lazy("fine"),
}
# The criminal codes in the order the bulletin cites them.
CRIMINAL_CODES: dict[str, Label] = {
    "bih": gettext_lazy("CC BiH"),
    "fbih": gettext_lazy("CC FBiH"),
    "rs": gettext_lazy("CC RS"),
    "rs2017": gettext_lazy("2017 CC RS"),
    "bd": gettext_lazy("CC BD BiH"),
}
COURT_LEVELS: dict[str, Label] = {
    "state": gettext_lazy("Court of BiH"),
    "supreme": gettext_lazy("supreme courts"),
    "cantonal": gettext_lazy("cantonal courts"),
    "municipal": gettext_lazy("municipal courts"),
    "district": gettext_lazy("district courts"),
    "basic": gettext_lazy("basic courts"),
    "appellate": gettext_lazy("Appellate Court of Brčko District"),
}
TREND_COLUMNS: dict[str, Label] = {
    "total": gettext_lazy("total"),
    "female": gettext_lazy("women and girls"),
    "male": gettext_lazy("men and boys"),
    "minors": gettext_lazy("minors"),
    "foreigners": gettext_lazy("foreign citizens"),
    "sexual": gettext_lazy("sexual exploitation"),
    "labour": gettext_lazy("labour exploitation"),
    "begging": gettext_lazy("forced begging"),
    "source": gettext_lazy("source"),
}
FAMILIES: dict[str, Label] = {
    "victims": gettext_lazy("Victims"),
    "referrals": gettext_lazy("Referrals and services"),
    "screening": gettext_lazy("Screenings and reports"),
    "trial_monitoring": gettext_lazy("Trial monitoring"),
    "activities": gettext_lazy("Activities"),
    "compensation": gettext_lazy("Compensation and confiscated assets"),
    "trends": gettext_lazy("Victims by year"),
}

# Keys that appear in the families (any level), for the dashboard and the exports.
KEYS: dict[str, Label] = {
    "total": gettext_lazy("total"),
    "by_status": gettext_lazy("by status"),
    "by_sex": gettext_lazy("by sex"),
    "by_age_group": gettext_lazy("by age group"),
    "by_exploitation": gettext_lazy("by form of exploitation"),
    "by_citizenship": gettext_lazy("by citizenship"),
    "nationals": gettext_lazy("nationals"),
    "foreigners": gettext_lazy("foreign citizens"),
    "citizenship_unknown": gettext_lazy("citizenship not recorded"),
    "in_shelter": gettext_lazy("in a safe house during the period"),
    "potential": gettext_lazy("potential victims"),
    "identified": gettext_lazy("identified victims"),
    NOT_RECORDED: gettext_lazy("not recorded"),
    UNKNOWN_COUNTRY: gettext_lazy("unknown"),
    "by_service_type": gettext_lazy("by service"),
    "by_provider": gettext_lazy("by provider"),
    "by_safe_house": gettext_lazy("by safe house"),
    "without_consent": gettext_lazy("referred without consent"),
    "services": gettext_lazy("services delivered"),
    "shelter_stays": gettext_lazy("shelter stays"),
    "persons": gettext_lazy("persons"),
    "started": gettext_lazy("started in the period"),
    "ended": gettext_lazy("ended in the period"),
    "cases": gettext_lazy("monitored cases"),
    "ongoing": gettext_lazy("ongoing"),
    "finalized": gettext_lazy("finalized"),
    "defendants": gettext_lazy("defendants"),
    "cases_by_article": gettext_lazy("cases by criminal-code article"),
    "verdicts": gettext_lazy("verdicts"),
    "sentences": gettext_lazy("sentences"),
    "imprisonment_months": gettext_lazy("imprisonment (months)"),
    "suspended_months": gettext_lazy("suspended sentences (months)"),
    "fines_bam": gettext_lazy("fines (BAM)"),
    "min": gettext_lazy("lowest"),
    "max": gettext_lazy("highest"),
    "participants": gettext_lazy("participants"),
    "women": gettext_lazy("women"),
    "men": gettext_lazy("men"),
    "unknown_sex": gettext_lazy("sex not recorded"),
    "by_type": gettext_lazy("by type"),
    "by_target_group": gettext_lazy("people trained by target group"),
    "campaign_reach": gettext_lazy("campaign reach"),
    "people": gettext_lazy("people reached"),
    "from_bih": gettext_lazy("from Bosnia and Herzegovina"),
    "activities_not_recorded": gettext_lazy("activities without participants recorded"),
    "completions": gettext_lazy("completed"),
    "certificates": gettext_lazy("certificates"),
    "people_trained": gettext_lazy("people trained"),
    "people_trained_by_target_group": gettext_lazy("people trained by target group"),
    "linked_reports_merged": gettext_lazy("reports of the same event counted once"),
    "screenings": gettext_lazy("screenings"),
    "reports": gettext_lazy("anonymous reports"),
    "by_context": gettext_lazy("by situation"),
    "by_verdict": gettext_lazy("by verdict"),
    "by_outcome": gettext_lazy("by outcome"),
    "by_organisation": gettext_lazy("by organisation"),
    "by_instrument": gettext_lazy("by instrument"),
    "by_month": gettext_lazy("by month"),
    "by_child_involved": gettext_lazy("a child involved"),
    "linked_to_case": gettext_lazy("linked to a case"),
    "no_verdict": gettext_lazy("no verdict"),
    "not_assigned": gettext_lazy("not assigned"),
    "reach": gettext_lazy("people reached"),
    "views": gettext_lazy("views"),
    "clicks": gettext_lazy("clicks"),
    "response_by_service_type": gettext_lazy("answers by service"),
    "by_year": gettext_lazy("by year"),
    "referred": gettext_lazy("referrals made"),
    "answered": gettext_lazy("answered"),
    "answered_in_time": gettext_lazy("answered within the response time"),
    "days": gettext_lazy("shelter days"),
    "claims": gettext_lazy("compensation claims"),
    "filed": gettext_lazy("filed"),
    "claimed_bam": gettext_lazy("claimed (BAM)"),
    "decided": gettext_lazy("decided in the period"),
    "awarded_bam": gettext_lazy("awarded (BAM)"),
    "paid": gettext_lazy("paid"),
    "paid_bam": gettext_lazy("paid (BAM)"),
    "confiscation": gettext_lazy("confiscation of assets"),
    "orders": gettext_lazy("confiscation orders"),
    "amount_bam": gettext_lazy("confiscated (BAM)"),
    "by_court_level": gettext_lazy("by court level"),
    "by_code": gettext_lazy("by criminal code"),
    "claims_filed": gettext_lazy("claims filed"),
    "claims_awarded": gettext_lazy("claims awarded"),
    "confiscation_orders": gettext_lazy("confiscation orders"),
    "confiscated_bam": gettext_lazy("confiscated (BAM)"),
    **{code: label for code, label in SEXES.items() if code != "unknown"},
    "adult": AGE_GROUPS["adult"],
    "minor": AGE_GROUPS["minor"],
    **VERDICTS,
    **SENTENCES,
}
# Keys whose meaning depends on where they are: "unknown" is a sex under by_sex, an age group
# under by_age_group; the columns of the age groups are sexes.
BY_PARENT: dict[str, dict[str, Label]] = {
    "by_sex": SEXES,
    "by_age_group": AGE_GROUPS,
    "by_age_group[]": SEXES,
    "defendants": SEXES,
    "by_code": CRIMINAL_CODES,
    "by_court_level": COURT_LEVELS,
    "by_year[]": TREND_COLUMNS,
}


def exploitation_label(code: str) -> str:
    if code == NOT_RECORDED:
        return _("not recorded")
    return str(dict(ExploitationForm.choices).get(code, humanise(code)))


def country_name(code: str) -> str:
    if not code or code == UNKNOWN_COUNTRY:
        return _("not recorded")
    return str(countries.name(code.upper())) or code.upper()


def article_number(key: str) -> str:
    """'fbih:210a' -> '210a' ('210а' for Serbian Cyrillic readers)."""
    return in_reader_script(key.partition(":")[2])


def article_label(key: str) -> str:
    """'fbih:210a' -> 'CC FBiH, Art. 210a' (in the reader's language)."""
    code = key.partition(":")[0]
    criminal_code = CRIMINAL_CODES.get(code, code.upper())
    return _("%(code)s, Art. %(article)s") % {"code": criminal_code, "article": article_number(key)}


def period_label(period: Period) -> str:
    """'2024-H1' -> '2024, January to June' (a named period; else its dates)."""
    year = period.end.year
    if period.name == f"{year}-H1":
        return _("%(year)s, January to June") % {"year": year}
    if period.name == f"{year}-H2":
        return _("%(year)s, July to December") % {"year": year}
    if period.name == str(year):
        return _("%(year)s, January to December") % {"year": year}
    return f"{period.start.isoformat()} - {period.end.isoformat()}"


def organisation_name(key: str) -> str:
    """An organisation's name (the statistics key it by its stored name) in the reader's
    language, as the directory shows it."""
    names = _ORGANISATION_NAMES.get()
    if names is not None:
        if not names:
            names.update(_every_organisation_name())
        return names.get(key) or in_reader_script(key)
    from nrm.accounts.models import Organisation

    found = Organisation.objects.filter(Q(short_name=key) | Q(name=key)).first()
    return str(found) if found is not None else in_reader_script(key)


# Within organisation_names(): {stored name or short name: name shown}, read when first needed.
_ORGANISATION_NAMES: ContextVar[dict[str, str] | None] = ContextVar(
    "organisation_names", default=None
)


@contextmanager
def organisation_names() -> Iterator[None]:
    """Within the block, organisation_name reads every name from one query of the
    organisations, at its first call, instead of one query per name (a page or an export
    labels many)."""
    if _ORGANISATION_NAMES.get() is not None:
        yield
        return
    token = _ORGANISATION_NAMES.set({})
    try:
        yield
    finally:
        _ORGANISATION_NAMES.reset(token)


def _every_organisation_name() -> dict[str, str]:
    """The first organisation in the directory's order with that name or short name, as a
    query for one name finds it."""
    from nrm.accounts.models import Organisation

    names: dict[str, str] = {}
    for organisation in Organisation.objects.all():
        shown = str(organisation)
        names.setdefault(organisation.short_name, shown)
        names.setdefault(organisation.name, shown)
    return names


def humanise(key: str) -> str:
    return key.replace("_", " ")


def key_label(key: str | None, *, parent: str = "") -> str:
    """The label of one key of a family's dict, knowing its parent key for codes that need
    it (countries, articles, exploitation forms; "parent[]" for the columns of a table).
    None is a value not recorded (e.g. the safe house of an imported stay)."""
    if key is None:
        return str(KEYS[NOT_RECORDED])
    if key in BY_PARENT.get(parent, {}):
        return str(BY_PARENT[parent][key])
    if parent == "by_citizenship":
        return country_name(key)
    if parent == "cases_by_article" or (":" in key and key.partition(":")[0] in CRIMINAL_CODES):
        return article_label(key)
    if parent == "by_exploitation":
        return exploitation_label(key)
    if parent in ("by_safe_house", "by_provider", "by_organisation") and key not in KEYS:
        return organisation_name(key)
    if parent == "by_month" and len(key) == 7 and key[4] == "-":
        return format_month(datetime.date(int(key[:4]), int(key[5:]), 1))
    if parent in ("by_instrument", "by_month"):
        return key
    if key in KEYS:
        return str(KEYS[key])
    extra = _extra_labels()
    if key in extra:
        return str(extra[key])
    return humanise(key)


def family_label(key: str) -> str:
    return str(FAMILIES.get(key, humanise(key).capitalize()))


def _extra_labels() -> dict[str, Label]:
    """Codes of other vocabularies that families use as keys (services, referral statuses)."""
    from nrm.activities.models import ActivityType, TargetGroup
    from nrm.cases.models import ReferralStatus, ServiceType
    from nrm.screening.models import (
        Context,
        Outcome,
        ReportContext,
        ReportStatus,
        ScreeningAgeGroup,
        Verdict,
        YesNoUnknown,
    )

    choices = (
        ServiceType,
        ReferralStatus,
        ActivityType,
        TargetGroup,
        Context,
        ReportContext,
        ReportStatus,
        ScreeningAgeGroup,
        Verdict,
        Outcome,
        YesNoUnknown,
    )
    labels: dict[str, Label] = {}
    for vocabulary in choices:
        for code, label in vocabulary.choices:
            labels.setdefault(code, label)
    return labels


FINDING_KINDS: dict[str, Label] = {
    "parts_exceed_total": gettext_lazy("parts exceed the total"),
    "parts_below_total": gettext_lazy("parts fall short of the total"),
    "not_recorded": gettext_lazy("not recorded"),
    "possible_duplicate": gettext_lazy("possible duplicate"),
    "unapproved": gettext_lazy("not approved"),
    "not_counted": gettext_lazy("not counted"),
    "inconsistent": gettext_lazy("inconsistent"),
    "resolved": gettext_lazy("resolved"),
}
