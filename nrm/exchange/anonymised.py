"""`nrm export anonymised`: a k-anonymous case-level release in CTDC's Global Dataset columns.

One row per victim counted in the period (the statistics' rule: identified in it, still a
victim), in the 62 columns (variables) of CTDC's 2018 data dictionary. Dates become years,
ages CTDC's bands. Then, until every combination of the quasi-identifiers (QUASI_IDENTIFIERS)
is shared by at least k rows:

1. citizenships held by fewer than k victims become their UN M49 sub-region, then region;
2. the rows still in groups smaller than k are generalised step by step (GENERALISATION_STEPS):
   the kind of forced labour, then the age band, the citizenship, ...;
3. rows still in a group smaller than k are suppressed (left out).

`verify` recomputes the groups of a written release and fails on any smaller than k; the counts
table (`counts_table`) is CTDC's aggregate beside it: counts rounded down to a multiple of k,
"<k" for the small ones. Every mapping is in docs/exchange.md.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.vocabularies import AgeGroup, ExploitationForm, Sex
from nrm.exchange import regions
from nrm.exchange.models import ExchangeKind
from nrm.exchange.rules import require_exchange
from nrm.exchange.selectors import victims_for_release
from nrm.exchange.services import exchange_log

DEFAULT_K = 11
MISSING = "-99"
UNKNOWN_COUNTRY = "00"

MEANS_COLUMNS: dict[str, tuple[str, str]] = {
    # CTDC column: (its label in meansOfControlConcatenated, NRM codes it stands for)
    "meansOfControlDebtBondage": ("Debt bondage", "debt_bondage"),
    "meansOfControlTakesEarnings": ("Takes/Withholds Earnings", "takes_earnings"),
    "meansOfControlRestrictsFinancialAccess": (
        "Restricts access to finances",
        "restricts_financial_access",
    ),
    "meansOfControlThreats": (
        "Threats to individual or others",
        "physical_threats threatens_family",
    ),
    "meansOfControlPsychologicalAbuse": ("Psychological abuse", "psychological_abuse"),
    "meansOfControlPhysicalAbuse": ("Physical abuse", "physical_abuse"),
    "meansOfControlSexualAbuse": ("Sexual abuse", "sexual_abuse"),
    "meansOfControlFalsePromises": ("False promises/deception", "false_promises"),
    "meansOfControlPsychoactiveSubstances": (
        "Use of psychoactive substances",
        "psychoactive_substances",
    ),
    "meansOfControlRestrictsMovement": (
        "Denied freedom of movement/kept in isolation",
        "restricts_movement",
    ),
    "meansOfControlRestrictsMedicalCare": (
        "Limits/restricts medical services",
        "restricts_medical_care",
    ),
    "meansOfControlExcessiveWorkingHours": ("Excessive working hours", "excessive_working_hours"),
    "meansOfControlUsesChildren": ("Restricts access to/manipulates children", "uses_children"),
    "meansOfControlThreatOfLawEnforcement": (
        "Threat of action by law enforcement",
        "threats_law_enforcement",
    ),
    "meansOfControlWithholdsNecessities": (
        "Withholds/denies basic necessities",
        "withholds_necessities",
    ),
    "meansOfControlWithholdsDocuments": (
        "Withholds/Destroys Important Documents",
        "withholds_documents",
    ),
    "meansOfControlOther": ("Other", "other"),
}
LABOUR_COLUMNS: dict[str, tuple[str, str]] = {
    # CTDC column: (label in typeOfLabourConcatenated, NRM form it stands for, "" for none)
    "typeOfLabourAgriculture": ("Agriculture", ""),
    "typeOfLabourAquafarming": ("Aquafarming", ""),
    "typeOfLabourBegging": ("Begging", ExploitationForm.BEGGING),
    "typeOfLabourConstruction": ("Construction", ""),
    "typeOfLabourDomesticWork": ("Domestic work", ExploitationForm.DOMESTIC_SERVITUDE),
    "typeOfLabourHospitality": ("Hospitality", ""),
    "typeOfLabourIllicitActivities": ("Illicit activities", ExploitationForm.CRIMINALITY),
    "typeOfLabourManufacturing": ("Manufacturing", ""),
    "typeOfLabourMiningOrDrilling": ("Mining or drilling", ""),
    "typeOfLabourPeddling": ("Peddling", ""),
    "typeOfLabourTransportation": ("Transportation", ""),
    "typeOfLabourOther": ("Other", ""),
    "typeOfLabourNotSpecified": ("Not specified", ""),
}
SEX_TYPE_COLUMNS = (
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices",
)
RECRUITER_COLUMNS: dict[str, tuple[str, str]] = {
    "recruiterRelationIntimatePartner": ("Intimate Partner", "intimate_partner"),
    "recruiterRelationFriend": ("Friend", "friends"),
    "recruiterRelationFamily": ("Family", "family"),
    "recruiterRelationOther": ("Other", ""),
}
EXPLOITATION_FLAGS = (
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
)
FORCED_LABOUR_FORMS = frozenset(
    {
        ExploitationForm.LABOUR,
        ExploitationForm.BEGGING,
        ExploitationForm.CRIMINALITY,
        ExploitationForm.DOMESTIC_SERVITUDE,
    }
)

# The 62 variables of the Global Dataset, in the data dictionary's order (sheet "Main").
COLUMNS: tuple[str, ...] = (
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "majorityStatusAtExploit",
    "MajorityEntry",
    "citizenship",
    *MEANS_COLUMNS,
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    *EXPLOITATION_FLAGS,
    "typeOfExploitConcatenated",
    *LABOUR_COLUMNS,
    "typeOfLabourConcatenated",
    *SEX_TYPE_COLUMNS,
    "typeOfSexConcatenated",
    "isAbduction",
    "RecruiterRelationship",
    "CountryOfExploitation",
    *RECRUITER_COLUMNS,
    "recruiterRelationUnknown",
)
EXPLOITATION_COLUMNS: tuple[str, ...] = (
    *EXPLOITATION_FLAGS,
    "typeOfExploitConcatenated",
    *LABOUR_COLUMNS,
    "typeOfLabourConcatenated",
    *SEX_TYPE_COLUMNS,
    "typeOfSexConcatenated",
)
# What someone may know of a victim from elsewhere: every group of rows sharing these values
# has at least k rows. The means of control and the recruiter are not quasi-identifiers (they
# are what the release is for); they are never finer than what is listed in docs/exchange.md.
QUASI_IDENTIFIERS: tuple[str, ...] = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
    *EXPLOITATION_COLUMNS,
)
COUNTS_DIMENSIONS = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "typeOfExploitConcatenated",
)

GENDERS = {
    Sex.FEMALE: "Female",
    Sex.MALE: "Male",
    Sex.OTHER: "Transgender/NonConforming",
    Sex.UNKNOWN: "Unknown",
}
MAJORITY = {AgeGroup.ADULT: "Adult", AgeGroup.MINOR: "Minor", AgeGroup.UNKNOWN: "Unknown"}
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 8, "0--8"),
    (9, 17, "9--17"),
    (18, 20, "18--20"),
    (21, 23, "21--23"),
    (24, 26, "24--26"),
    (27, 29, "27--29"),
    (30, 38, "30--38"),
    (39, 47, "39--47"),
    (48, None, "48+"),
)
# Wider bands when an age band is too rare; they never cross 18, so majorityStatus still holds.
WIDER_AGE_BANDS = {
    "0--8": "0--17",
    "9--17": "0--17",
    "18--20": "18--26",
    "21--23": "18--26",
    "24--26": "18--26",
    "27--29": "27--38",
    "30--38": "27--38",
    "39--47": "39+",
    "48+": "39+",
}


def age_band(age: int | None) -> str:
    if age is None:
        return MISSING
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return MISSING


def _flag(value: bool) -> str:
    return "1" if value else "0"


def ctdc_row(record: Mapping[str, Any], home_country: str) -> dict[str, str]:
    """One victim in CTDC's columns, before any generalisation."""
    forms = set(record["exploitation"])
    means = set(record["means_of_control"])
    recruitment = set(record["recruitment"])
    row = dict.fromkeys(COLUMNS, MISSING)
    row.update(
        {
            "yearOfRegistration": str(record["identified_on"].year),
            "Datasource": "Case management",
            "gender": GENDERS.get(record["sex"], "Unknown"),
            "ageBroad": age_band(record["age"]),
            "majorityStatus": MAJORITY.get(record["age_group"], "Unknown"),
            "citizenship": record["citizenship"] or UNKNOWN_COUNTRY,
            # CTDC's proxy: the country where the victim was identified and assisted.
            "CountryOfExploitation": home_country,
        }
    )
    if means:
        named = []
        for column, (label, codes) in MEANS_COLUMNS.items():
            present = bool(means & set(codes.split()))
            row[column] = _flag(present)
            if present:
                named.append(label)
        row["meansOfControlNotSpecified"] = "0"
        row["meansOfControlConcatenated"] = ";".join(sorted(named))
    else:
        row["meansOfControlNotSpecified"] = "1"
        row["meansOfControlConcatenated"] = "Not Specified"
    row.update(_exploitation_columns(forms))
    if recruitment:
        named = []
        for column, (label, code) in RECRUITER_COLUMNS.items():
            present = (
                (code in recruitment)
                if code
                else bool(recruitment - {"intimate_partner", "friends", "family"})
            )
            row[column] = _flag(present)
            if present:
                named.append(label)
        row["recruiterRelationUnknown"] = "0"
        row["RecruiterRelationship"] = "; ".join(named)
    else:
        row["recruiterRelationUnknown"] = "1"
    return row


def _exploitation_columns(forms: set[str]) -> dict[str, str]:
    if not forms:
        return dict.fromkeys(EXPLOITATION_COLUMNS, MISSING)
    labour = bool(forms & FORCED_LABOUR_FORMS)
    sexual = ExploitationForm.SEXUAL in forms
    other = ExploitationForm.OTHER in forms
    marriage = ExploitationForm.MARRIAGE in forms
    organ = ExploitationForm.ORGAN_REMOVAL in forms
    columns = {
        "isForcedLabour": _flag(labour),
        "isSexualExploit": _flag(sexual),
        "isOtherExploit": _flag(other or marriage or organ),
        "isSexAndLabour": _flag(sexual and labour),
        "isForcedMarriage": _flag(marriage),
        "isForcedMilitary": "0",
        "isOrganRemoval": _flag(organ),
    }
    kinds = [
        label
        for present, label in (
            (labour, "Forced labour and/or services"),
            (sexual, "Sexual exploitation"),
            (other or marriage or organ, "Other"),
        )
        if present
    ]
    columns["typeOfExploitConcatenated"] = ";".join(kinds)
    if labour:
        named = []
        for column, (label, form) in LABOUR_COLUMNS.items():
            present = bool(form) and form in forms
            columns[column] = _flag(present)
            if present:
                named.append(label)
        if not named:  # labour exploitation of a kind NRM does not record
            columns["typeOfLabourNotSpecified"] = "1"
            named.append("Not specified")
        columns["typeOfLabourConcatenated"] = ";".join(sorted(named))
    else:
        columns.update(dict.fromkeys((*LABOUR_COLUMNS, "typeOfLabourConcatenated"), MISSING))
    columns.update(dict.fromkeys((*SEX_TYPE_COLUMNS, "typeOfSexConcatenated"), MISSING))
    return columns


# Generalisation ----------------------------------------------------------------------------


def citizenship_up(value: str) -> str:
    """Country -> M49 sub-region -> region -> unknown ("00")."""
    if value == UNKNOWN_COUNTRY:
        return value
    if len(value) == 2:
        return regions.sub_region(value) or UNKNOWN_COUNTRY
    return regions.region(value) or UNKNOWN_COUNTRY


def _labour_unspecified(row: dict[str, str]) -> bool:
    """Drop which kind of forced labour: only that there was forced labour."""
    if row["isForcedLabour"] != "1" or row["typeOfLabourConcatenated"] == "Not specified":
        return False
    for column in LABOUR_COLUMNS:
        row[column] = "0"
    row["typeOfLabourNotSpecified"] = "1"
    row["typeOfLabourConcatenated"] = "Not specified"
    return True


def _wider_age(row: dict[str, str]) -> bool:
    wider = WIDER_AGE_BANDS.get(row["ageBroad"])
    if wider is None:
        return False
    row["ageBroad"] = wider
    return True


def _no_age_band(row: dict[str, str]) -> bool:
    if row["ageBroad"] == MISSING:
        return False
    row["ageBroad"] = MISSING  # majorityStatus still tells minor from adult
    return True


def _wider_citizenship(row: dict[str, str]) -> bool:
    wider = citizenship_up(row["citizenship"])
    if wider == row["citizenship"]:
        return False
    row["citizenship"] = wider
    return True


def _exploitation_kind_only(row: dict[str, str]) -> bool:
    """Keep forced labour / sexual / other; drop marriage, organ removal and the details."""
    if row["isForcedMarriage"] in ("0", MISSING) and row["isOrganRemoval"] in ("0", MISSING):
        return _labour_unspecified(row)
    row["isForcedMarriage"] = row["isOrganRemoval"] = MISSING
    _labour_unspecified(row)
    return True


# Applied in this order to the rows of groups smaller than k; each returns whether it changed
# the row. (name, function): the names are the report's.
GENERALISATION_STEPS: tuple[tuple[Promise, Callable[[dict[str, str]], bool]], ...] = (
    (gettext_lazy("kind of forced labour left unspecified"), _labour_unspecified),
    (gettext_lazy("age band widened"), _wider_age),
    (gettext_lazy("citizenship to its sub-region or region"), _wider_citizenship),
    (gettext_lazy("forced marriage and organ removal as other forms"), _exploitation_kind_only),
    (gettext_lazy("citizenship to its region"), _wider_citizenship),
    (gettext_lazy("age band removed"), _no_age_band),
    (gettext_lazy("citizenship removed"), _wider_citizenship),
)


def classes(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(row[c] for c in columns) for row in rows)


@dataclass
class Anonymisation:
    rows: list[dict[str, str]]
    k: int
    total: int
    suppressed: int = 0
    generalised: dict[str, int] = field(default_factory=dict)
    smallest: int = 0
    groups: int = 0


def anonymise(rows: list[dict[str, str]], k: int) -> Anonymisation:
    """Generalise, then suppress, until every quasi-identifier combination has k rows."""
    if k < 2:
        raise ValidationError(
            _("k must be at least 2."), fields={"k": [_("a whole number, at least 2")]}
        )
    result = Anonymisation(rows=[dict(r) for r in rows], k=k, total=len(rows))
    _rare_citizenships(result)
    steps = [0] * len(result.rows)
    while True:
        counts = classes(result.rows, QUASI_IDENTIFIERS)
        small = [
            i
            for i, row in enumerate(result.rows)
            if counts[tuple(row[c] for c in QUASI_IDENTIFIERS)] < k
            and steps[i] < len(GENERALISATION_STEPS)
        ]
        if not small:
            break
        for i in small:
            while steps[i] < len(GENERALISATION_STEPS):
                name, step = GENERALISATION_STEPS[steps[i]]
                steps[i] += 1
                if step(result.rows[i]):
                    key = str(name)
                    result.generalised[key] = result.generalised.get(key, 0) + 1
                    break
    counts = classes(result.rows, QUASI_IDENTIFIERS)
    kept = [r for r in result.rows if counts[tuple(r[c] for c in QUASI_IDENTIFIERS)] >= k]
    result.suppressed = len(result.rows) - len(kept)
    result.rows = kept
    final = classes(kept, QUASI_IDENTIFIERS)
    result.groups = len(final)
    result.smallest = min(final.values()) if final else 0
    return result


def _rare_citizenships(result: Anonymisation) -> None:
    """Citizenships of fewer than k victims become their sub-region, then their region."""
    for level in (_("rare citizenship to its sub-region"), _("rare citizenship to its region")):
        counts = Counter(row["citizenship"] for row in result.rows)
        rare = {value for value, n in counts.items() if n < result.k and value != UNKNOWN_COUNTRY}
        if not rare:
            return
        for row in result.rows:
            if row["citizenship"] in rare:
                wider = citizenship_up(row["citizenship"])
                if wider != row["citizenship"]:
                    row["citizenship"] = wider
                    result.generalised[level] = result.generalised.get(level, 0) + 1


# Counts table ------------------------------------------------------------------------------


def rounded(n: int, k: int) -> str:
    """CTDC's aggregate counts: rounded down to a multiple of k; below k, "<k"."""
    return f"<{k}" if n < k else str(n - n % k)


def counts_table(rows: Iterable[Mapping[str, str]], k: int) -> list[dict[str, str]]:
    counts = classes(rows, COUNTS_DIMENSIONS)
    return [
        {**dict(zip(COUNTS_DIMENSIONS, key, strict=True)), "count": rounded(n, k)}
        for key, n in sorted(counts.items())
    ]


# Files -------------------------------------------------------------------------------------


def to_csv(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def counts_path(release: Path) -> Path:
    return release.with_name(f"{release.stem}-counts.csv")


@dataclass(frozen=True)
class Release:
    csv: bytes
    counts_csv: bytes
    anonymisation: Anonymisation
    period: Period

    def report_lines(self) -> list[str]:
        a = self.anonymisation
        lines = [
            _(
                "%(kept)s of %(total)s victim(s) released in %(groups)s group(s) of at least "
                "%(k)s (smallest: %(smallest)s); %(suppressed)s suppressed."
            )
            % {
                "kept": len(a.rows),
                "total": a.total,
                "groups": a.groups,
                "k": a.k,
                "smallest": a.smallest,
                "suppressed": a.suppressed,
            }
        ]
        for name, n in a.generalised.items():
            lines.append(_("generalised: %(what)s, %(n)s row(s)") % {"what": name, "n": n})
        if a.total and not a.rows:
            lines.append(
                _(
                    "Nothing can be released with k = %(k)s: the period has too few victims. "
                    "Choose a longer period, or publish only the counts table."
                )
                % {"k": a.k}
            )
        return lines


def build_release(records: Iterable[Mapping[str, Any]], period: Period, k: int) -> Release:
    home = settings.NRM_HOME_COUNTRY.upper()
    rows = [ctdc_row(record, home) for record in records]
    anonymisation = anonymise(rows, k)
    counts_rows = [dict(r) for r in rows]
    # The counts table shows the same citizenships as the release: rare ones as regions.
    counts_anonymisation = Anonymisation(rows=counts_rows, k=k, total=len(rows))
    _rare_citizenships(counts_anonymisation)
    return Release(
        csv=to_csv(anonymisation.rows, COLUMNS),
        counts_csv=to_csv(
            counts_table(counts_anonymisation.rows, k), (*COUNTS_DIMENSIONS, "count")
        ),
        anonymisation=anonymisation,
        period=period,
    )


def export_anonymised(*, actor: Any, period: Period, k: int = DEFAULT_K) -> Release:
    """The period's k-anonymous release and its counts table; logged."""
    require_exchange(actor)
    release = build_release(victims_for_release(actor=actor, period=period), period, k)
    a = release.anonymisation
    exchange_log(
        actor=actor,
        kind=ExchangeKind.ANONYMISED,
        rows=len(a.rows),
        content=release.csv,
        file_name=release_file_name(period),
        period=period,
        summary={
            "k": k,
            "total": a.total,
            "suppressed": a.suppressed,
            "generalised": a.generalised,
            "groups": a.groups,
            "smallest": a.smallest,
        },
    )
    return release


def release_file_name(period: Period) -> str:
    return f"nrm-ctdc-{period.start.isoformat()}-{period.end.isoformat()}.csv"


# Verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    k: int
    rows: int
    groups: int
    smallest: int
    below: list[tuple[dict[str, str], int]]
    missing_columns: list[str]

    @property
    def passed(self) -> bool:
        return not self.below and not self.missing_columns


def verify(content: bytes, k: int) -> Verification:
    """Recompute the groups of a release over the quasi-identifiers; list those below k."""
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    header = reader.fieldnames or []
    missing = [c for c in QUASI_IDENTIFIERS if c not in header]
    if missing:
        return Verification(k, 0, 0, 0, [], missing)
    rows = list(reader)
    counts = classes(rows, QUASI_IDENTIFIERS)
    below = [
        (dict(zip(QUASI_IDENTIFIERS, key, strict=True)), n)
        for key, n in sorted(counts.items(), key=lambda item: item[1])
        if n < k
    ]
    return Verification(k, len(rows), len(counts), min(counts.values()) if counts else 0, below, [])


def release_zip(release: Release) -> bytes:
    """The release, its counts table and the report, in one download (web and API)."""
    import zipfile

    name = release_file_name(release.period)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, release.csv)
        archive.writestr(counts_path(Path(name)).name, release.counts_csv)
        archive.writestr("report.txt", "\n".join(release.report_lines()) + "\n")
    return buffer.getvalue()
