"""`nrm import htcds FILE.xlsx`: cases from an HTCDS 2.0 Excel template, all rows or none.

Each row is mapped into the victim-register import's `VictimRow` and finished by its
`import_rows` (nrm.cases.importers): the same checks, the same all-or-nothing transaction and
the same services create the cases, encrypt the personal data and warn of possible duplicates
through the blind index. What this module adds is reading the template and its vocabularies, and
the report of what NRM does not hold. Problems name the spreadsheet row and the column's name.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from nrm.accounts.models import Organisation, User
from nrm.cases.importers import (
    CellError,
    ImportResult,
    ImportSource,
    LaterDecision,
    Lookups,
    VictimRow,
    find_organisation,
    import_rows,
)
from nrm.cases.models import CaseStatus
from nrm.cases.services import GIVEN_CODE, MAX_AGE, age_on
from nrm.core.dates import today
from nrm.core.errors import ValidationError
from nrm.core.imports import ImportFailed, Output, Problem, Progress, no_progress
from nrm.core.vocabularies import Sex
from nrm.exchange import htcds

MIN_HEADER_MATCHES = 3
STAY_SEPARATOR = ";"
CONTACT_PARTS: tuple[tuple[str, str], ...] = (
    ("prs_Email", "Email"),
    ("prs_HomePhone", "Home phone"),
    ("prs_MobilePhone", "Mobile phone"),
    ("prs_MailingStreet", "Street"),
    ("prs_MailingCity", "City"),
    ("prs_MailingPostalCode", "Postal code"),
    ("prs_MailingState", "State/Province"),
    ("prs_MailingCountry", "Country"),
)


# Reading the workbook ----------------------------------------------------------------------


@dataclass
class HtcdsSheet:
    """Where each known field is in the file, and its data rows."""

    title: str
    columns: dict[str, int]  # field name -> 0-based column
    headers: dict[str, str]  # field name -> the column's header as written in the file
    unknown: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    total: int


def _header_index() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for item in htcds.ALL_FIELDS:
        names[htcds.normalised(item.name)] = item.name
        for alias in item.aliases:
            names[htcds.normalised(alias)] = item.name
        labels[htcds.normalised(item.label)] = item.name
    return names, labels


def _recognised(row: tuple[Any, ...], index: dict[str, str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for position, value in enumerate(row):
        if isinstance(value, str) and htcds.normalised(value) in index:
            found[position] = index[htcds.normalised(value)]
    return found


def read_htcds(path: Path) -> HtcdsSheet:
    """The first sheet whose first rows name HTCDS fields (by technical name or label)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed(
            [Problem(0, "-", _("the file cannot be read as .xlsx: %(error)s") % {"error": exc})]
        ) from None
    names, labels = _header_index()
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None) or ()
        second = next(rows, None) or ()
        by_name, by_label = _recognised(first, names), _recognised(second, labels)
        if len(by_name) < MIN_HEADER_MATCHES and len(by_label) < MIN_HEADER_MATCHES:
            by_label_first = _recognised(first, labels)
            if len(by_label_first) < MIN_HEADER_MATCHES:
                continue
            # Only a row of labels: the data start on row 2.
            return _sheet(sheet, {1: first}, by_label_first, rows, second, start=2)
        positions = {**by_label, **by_name} if len(by_name) >= MIN_HEADER_MATCHES else by_label
        if len(by_label) < MIN_HEADER_MATCHES and len(by_name) >= MIN_HEADER_MATCHES:
            # Only a row of technical names: the second row is data.
            return _sheet(sheet, {1: first}, by_name, rows, second, start=2)
        return _sheet(sheet, {1: first, 2: second}, positions, rows, None, start=3)
    workbook.close()
    raise ImportFailed(
        [
            Problem(
                1,
                "-",
                _(
                    "this is not an HTCDS 2.0 template: no sheet names its fields in row 1 "
                    "(prs_Gender, vic_TraffickingStatus, ...) or row 2 (Gender, Trafficking "
                    "Status, ...)"
                ),
            )
        ]
    )


def _sheet(
    sheet: Any,
    header_rows: dict[int, tuple[Any, ...]],
    positions: dict[int, str],
    rows: Iterator[tuple[Any, ...]],
    pending: tuple[Any, ...] | None,
    *,
    start: int,
) -> HtcdsSheet:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    duplicated: list[Problem] = []
    for position, name in sorted(positions.items()):
        written = ""
        for header in header_rows.values():
            if position < len(header) and isinstance(header[position], str):
                written = written or str(header[position]).strip()
        if name in columns:
            duplicated.append(Problem(1, written, _("the column appears twice")))
            continue
        columns[name] = position
        headers[name] = name if name.startswith(("nrm_",)) else written
    if duplicated:
        raise ImportFailed(duplicated)
    unknown = sorted(
        {
            str(value).strip()
            for header in header_rows.values()
            for position, value in enumerate(header)
            if value not in (None, "") and position not in positions
        }
        - {str(v).strip() for v in headers.values()}
    )
    known = sorted(columns.values())

    def data() -> Iterator[tuple[int, list[Any]]]:
        number = start
        if pending is not None:
            if _has_values(pending, known):
                yield number, list(pending)
            number += 1
        for row in rows:
            if _has_values(row, known):
                yield number, list(row)
            number += 1

    # Read once (cells only) so that the progress bar knows the real number of cases: the
    # template numbers a thousand empty rows in column A.
    rows_with_values = list(data())
    return HtcdsSheet(
        sheet.title, columns, headers, unknown, iter(rows_with_values), len(rows_with_values)
    )


def _has_values(row: tuple[Any, ...], known: list[int]) -> bool:
    """A row holds a case when a known column has a value (column A numbers empty rows)."""
    return any(p < len(row) and row[p] not in (None, "") for p in known)


# Values ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 1 < value < 2958466:  # an Excel day number
        from openpyxl.utils.datetime import from_excel

        day = from_excel(value)
        return day.date() if isinstance(day, datetime.datetime) else None
    text = _text(value)
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    parts = text.rstrip(".").split(".")
    if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
        try:
            return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            pass
    raise CellError(
        _("%(value)r is not a date: write YYYY-MM-DD (or DD.MM.YYYY)") % {"value": text}
    )


def _choices(value: Any, table: dict[str, str], allowed: str) -> list[str]:
    """Codes of a multi-select cell ('ForcedLabour; SexualExploitation')."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in htcds.LIST_SEPARATORS.split(_text(value)):
        if not part.strip():
            continue
        code = table.get(htcds.normalised(part))
        if code is None:
            unknown.append(part.strip())
        else:
            codes.append(code)
    if unknown:
        raise CellError(
            _("unknown value(s) %(values)s; use: %(allowed)s")
            % {"values": ", ".join(repr(u) for u in unknown), "allowed": allowed}
        )
    return sorted(set(codes))


def _choice(value: Any, table: dict[str, str], allowed: str) -> str | None:
    codes = _choices(value, table, allowed)
    if len(codes) > 1:
        raise CellError(_("give one value, not several"))
    return codes[0] if codes else None


def _country(value: Any) -> tuple[str, int]:
    """The first citizenship (alpha-2, alpha-3 or English name) and how many were given."""
    parts = [p.strip() for p in htcds.LIST_SEPARATORS.split(_text(value)) if p.strip()]
    codes = []
    for part in parts:
        code = countries.alpha2(part) or countries.by_name(part)
        if not code:
            raise CellError(
                _("%(value)r is not an ISO 3166 country code or English country name")
                % {"value": part}
            )
        codes.append(code)
    return (codes[0] if codes else ""), len(codes)


def _age(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise CellError(_("%(value)r is not a number of years") % {"value": text}) from None
    if not number.is_integer() or not 0 <= number <= MAX_AGE:
        raise CellError(_("an age is a whole number of years from 0 to 120"))
    return int(number)


def _consent(value: Any) -> bool | None:
    text = _text(value).lower()
    if not text:
        return None
    if text in htcds.CONSENT_YES:
        return True
    if text in htcds.CONSENT_NO:
        return False
    raise CellError(_("%(value)r is not a checkbox value: write TRUE or FALSE") % {"value": text})


def _stays(value: Any) -> list[tuple[datetime.date, datetime.date | None]]:
    """'2024-01-03/2024-02-01; 2024-11-01/': stays, an open one without an end."""
    stays = []
    for part in _text(value).split(STAY_SEPARATOR):
        if not part.strip():
            continue
        start_text, _slash, end_text = part.strip().partition("/")
        start, end = _date(start_text.strip()), _date(end_text.strip() or None)
        if start is None:
            raise CellError(_("a stay is written FROM/TO (TO empty for an open stay)"))
        if end is not None and end < start:
            raise CellError(_("a stay ends before it starts"))
        stays.append((start, end))
    return stays


# Rows --------------------------------------------------------------------------------------


@dataclass
class Options:
    organisation: Organisation | None = None
    identified_on: datetime.date | None = None


@dataclass
class Report:
    """What the file held that NRM does not, and what was read with less detail."""

    not_held: dict[str, int] = field(default_factory=dict)
    approximations: dict[str, int] = field(default_factory=dict)

    def count(self, table: dict[str, int], key: str) -> None:
        table[key] = table.get(key, 0) + 1

    def lines(self, headers: dict[str, str]) -> list[str]:
        lines = []
        for name, n in self.not_held.items():
            lines.append(
                _("column %(column)s: %(n)s value(s) not imported: %(why)s")
                % {"column": headers.get(name, name), "n": n, "why": htcds.NOT_HELD[name]}
            )
        for message, n in self.approximations.items():
            lines.append(f"{message} ({n})")
        return lines


class RowChecker:
    """Turns one template row into a VictimRow, collecting every problem of the row."""

    def __init__(self, sheet: HtcdsSheet, options: Options, report: Report) -> None:
        self.sheet = sheet
        self.options = options
        self.report = report
        self.lookups = Lookups()
        self.organisations: dict[str, Organisation | None] = {}

    def column(self, name: str) -> str:
        return self.sheet.headers.get(name, name)

    def check(self, number: int, cells: list[Any]) -> tuple[VictimRow, list[Problem]]:
        problems: list[Problem] = []
        values = {
            name: cells[position] if position < len(cells) else None
            for name, position in self.sheet.columns.items()
        }

        def parse(name: str, parser: Any) -> Any:
            try:
                return parser(values.get(name))
            except CellError as error:
                problems.append(Problem(number, self.column(name), str(error)))
                return None

        def problem(name: str, message: str) -> None:
            problems.append(Problem(number, self.column(name), message))

        for name in htcds.NOT_HELD:
            if _text(values.get(name)):
                self.report.count(self.report.not_held, name)

        row = VictimRow(number)
        identified_on, date_column = self._identified_on(values, parse)
        if identified_on is not None and identified_on > today():
            problem(date_column, _("the date is in the future"))
        birth_date = parse("prs_Birthdate", _date)
        age = parse("nrm_AgeAtIdentification", _age)
        if birth_date is not None and identified_on is not None:
            if birth_date > identified_on:
                problem("prs_Birthdate", _("the birth date is after the date of identification"))
            elif age is not None and age != age_on(birth_date, identified_on):
                problem(
                    "nrm_AgeAtIdentification",
                    _("the age %(age)s does not match the birth date (%(years)s years)")
                    % {"age": age, "years": age_on(birth_date, identified_on)},
                )
        sex = parse("prs_Gender", lambda v: _choice(v, htcds.GENDERS, ", ".join(htcds.GENDER_IN)))
        if _text(values.get("prs_Gender")).lower().startswith("transgender"):
            self.report.count(
                self.report.approximations,
                _("prs_Gender: transgender values are recorded as “other”"),
            )
        citizenship, given = parse("prs_Citizenship", _country) or ("", 0)
        if given > 1:
            self.report.count(
                self.report.approximations,
                _("prs_Citizenship: rows with several citizenships keep the first"),
            )
        exploitation = self._exploitation(values, parse)
        recruitment = parse(
            "nrm_Recruitment",
            lambda v: _choices(
                v, htcds.NRM_RECRUITMENTS, ", ".join(htcds.NRM_RECRUITMENTS.values())
            ),
        )
        if not _text(values.get("nrm_Recruitment")):
            recruitment = parse(
                "vic_MethodOfRecruitment",
                lambda v: _choices(v, htcds.RECRUITMENTS, ", ".join(htcds.RECRUITMENT_IN)),
            )
        means = parse(
            "vic_MethodsOfControl",
            lambda v: _choices(v, htcds.MEANS, ", ".join(htcds.MEANS_IN)),
        )
        code = _text(values.get("nrm_CaseCode"))
        if code and not GIVEN_CODE.match(code):
            problem(
                "nrm_CaseCode",
                _("a case code has 2 to 32 letters, digits (at least one) and - _ ."),
            )
        organisation = self._organisation(values, parse, problem)
        status, decisions = self._status(values, parse, problem, identified_on)
        row.values = {
            "identified_on": identified_on,
            "status": status,
            "organisation": organisation,
            "sex": sex or Sex.UNKNOWN,
            "birth_date": birth_date,
            "age": None if birth_date is not None else age,
            "citizenship": citizenship,
            "exploitation": exploitation or [],
            "means_of_control": means or [],
            "recruitment": recruitment or [],
            "trafficking_scope": parse(
                "nrm_TraffickingScope",
                lambda v: (
                    _text(v).lower() or "unknown"
                    if _text(v).lower() in ("", *htcds.SCOPES)
                    else _raise(_("use internal, transnational or unknown"))
                ),
            )
            or "unknown",
            "municipality": parse("nrm_Municipality", self.lookups.municipality),
            "first_name": _text(values.get("prs_FirstName")),
            "last_name": _text(values.get("prs_SecondName")),
            "contact": self._contact(values),
            "code": code or None,
            "consent_data_processing": parse("con_Consent", _consent),
        }
        row.stays = parse("nrm_ShelterStays", _stays) or []
        for start, _end in row.stays:
            if start > today():
                problem("nrm_ShelterStays", _("the date is in the future"))
        row.decisions = decisions
        row.columns = {
            "code": self.column("nrm_CaseCode"),
            "identified_on": self.column(date_column),
            "sex": self.column("prs_Gender"),
            "citizenship": self.column("prs_Citizenship"),
            "birth_date": self.column("prs_Birthdate"),
            "age": self.column("nrm_AgeAtIdentification"),
            "exploitation": self.column("vic_TypeOfExploitation"),
            "means_of_control": self.column("vic_MethodsOfControl"),
            "recruitment": self.column("vic_MethodOfRecruitment"),
            "organisation": self.column("nrm_IdentifyingOrganisation"),
            "decided_on": self.column("nrm_StatusSince"),
            "start": self.column("nrm_ShelterStays"),
            "end": self.column("nrm_ShelterStays"),
        }
        return row, problems

    def _identified_on(self, values: dict[str, Any], parse: Any) -> tuple[Any, str]:
        """NRM's own date, else the date the case was taken in, else the import's default."""
        for name in ("nrm_IdentifiedOn", "cas_IncomingReferralDate"):
            if _text(values.get(name)):
                return parse(name, _date), name
        if self.options.identified_on is not None:
            return self.options.identified_on, "nrm_IdentifiedOn"
        self.report.count(
            self.report.approximations,
            _("rows without a date of identification are dated the day of the import"),
        )
        return today(), "nrm_IdentifiedOn"

    def _exploitation(self, values: dict[str, Any], parse: Any) -> list[str] | None:
        if _text(values.get("nrm_ExploitationForms")):
            return parse(
                "nrm_ExploitationForms",
                lambda v: _choices(
                    v, htcds.NRM_EXPLOITATIONS, ", ".join(htcds.NRM_EXPLOITATIONS.values())
                ),
            )
        text = htcds.normalised(_text(values.get("vic_TypeOfExploitation")))
        for lossy in ("childlabour", "forcedmilitary", "forcedadoption", "surrogacy"):
            if lossy in text:
                self.report.count(
                    self.report.approximations,
                    _(
                        "vic_TypeOfExploitation: child labour is recorded as labour "
                        "exploitation; forced military service, forced adoption and surrogacy "
                        "as other forms"
                    ),
                )
                break
        return parse(
            "vic_TypeOfExploitation",
            lambda v: _choices(v, htcds.EXPLOITATIONS, ", ".join(htcds.EXPLOITATION_IN)),
        )

    def _organisation(self, values: dict[str, Any], parse: Any, problem: Any) -> Any:
        text = _text(values.get("nrm_IdentifyingOrganisation"))
        if not text:
            # Without the column the file is refused once (import_htcds), not on every row.
            if self.options.organisation is None and "nrm_IdentifyingOrganisation" in (
                self.sheet.columns
            ):
                problem(
                    "nrm_IdentifyingOrganisation",
                    _("name the identifying organisation (--organisation, or this column)"),
                )
            return self.options.organisation
        if text not in self.organisations:
            self.organisations[text] = find_organisation(text)
        found = self.organisations[text]
        if found is None:
            problem(
                "nrm_IdentifyingOrganisation",
                _("unknown organisation %(value)r") % {"value": text},
            )
        return found

    def _status(
        self,
        values: dict[str, Any],
        parse: Any,
        problem: Any,
        identified_on: datetime.date | None,
    ) -> tuple[str, list[LaterDecision]]:
        """The status to create the case with and the decisions that followed."""
        confirmed_on = parse("nrm_ConfirmedOn", _date)
        since = parse("nrm_StatusSince", _date)
        nrm_status = _text(values.get("nrm_Status")).lower()
        closure = _text(values.get("cas_ReasonForCaseClosure"))
        reason = _("recorded from an HTCDS exchange file")
        if nrm_status:
            final = nrm_status
            if final not in (
                CaseStatus.POTENTIAL,
                CaseStatus.IDENTIFIED,
                CaseStatus.CLOSED,
                CaseStatus.NOT_VICTIM,
            ):
                problem("nrm_Status", _("use potential, identified, closed or not_victim"))
                return CaseStatus.POTENTIAL, []
        else:
            final, actual_victim = self._htcds_status(values, parse)
            if actual_victim:
                confirmed_on = identified_on
        if identified_on is None:
            return CaseStatus.POTENTIAL, []
        for name, day in (("nrm_ConfirmedOn", confirmed_on), ("nrm_StatusSince", since)):
            if day is not None and day > today():
                problem(name, _("the date is in the future"))
        if confirmed_on is not None and confirmed_on < identified_on:
            problem("nrm_ConfirmedOn", _("a victim is identified before being confirmed"))
            return CaseStatus.POTENTIAL, []
        if final == CaseStatus.IDENTIFIED and confirmed_on is None:
            confirmed_on = identified_on
        decisions: list[LaterDecision] = []
        first = CaseStatus.POTENTIAL
        if confirmed_on is not None:
            if confirmed_on == identified_on:
                first = CaseStatus.IDENTIFIED
            else:
                decisions.append(LaterDecision(CaseStatus.IDENTIFIED, confirmed_on, reason))
        if final in (CaseStatus.CLOSED, CaseStatus.NOT_VICTIM):
            latest = confirmed_on or identified_on
            if since is not None and since < latest:
                problem(
                    "nrm_StatusSince",
                    _("the status cannot change before %(date)s") % {"date": latest.isoformat()},
                )
            decisions.append(LaterDecision(final, since or latest, closure or reason))
        return first, decisions

    def _htcds_status(self, values: dict[str, Any], parse: Any) -> tuple[str, bool]:
        """The final status, and whether the person was found to be a victim."""
        status = parse(
            "vic_TraffickingStatus",
            lambda v: _choice(
                v, htcds.TRAFFICKING_STATUSES, ", ".join(htcds.TRAFFICKING_STATUS_IN)
            ),
        )
        if status is None and not _text(values.get("vic_TraffickingStatus")):
            self.report.count(
                self.report.approximations,
                _("rows without a trafficking status are recorded as potential victims"),
            )
        case_status = parse(
            "cas_Status",
            lambda v: _choice(v, htcds.CASE_STATUSES, ", ".join(htcds.CASE_STATUS_VALUES)),
        )
        actual_victim = status == CaseStatus.IDENTIFIED
        if status == CaseStatus.NOT_VICTIM:
            return CaseStatus.NOT_VICTIM, False
        if case_status in htcds.CLOSED_CASE_STATUSES:
            return CaseStatus.CLOSED, actual_victim
        return status or CaseStatus.POTENTIAL, actual_victim

    def _contact(self, values: dict[str, Any]) -> str:
        lines = [
            f"{prefix}: {_text(values.get(name))}"
            for name, prefix in CONTACT_PARTS
            if _text(values.get(name))
        ]
        return "\n".join(lines)


def _raise(message: str) -> Any:
    raise CellError(message)


# The import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtcdsImportResult:
    result: ImportResult
    report: list[str]
    sheet: str


def import_htcds(
    *,
    actor: User | None,
    path: Path,
    organisation: Organisation | None = None,
    identified_on: datetime.date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    file_name: str = "",
) -> HtcdsImportResult:
    """Check every row of an HTCDS file and, unless `dry_run`, record them all (or none).

    Raises ImportFailed listing every problem. The caller checks permission (services).
    """
    sheet = read_htcds(path)
    show = progress or no_progress
    report = Report()
    checker = RowChecker(sheet, Options(organisation, identified_on), report)
    rows: list[VictimRow] = []
    problems: list[Problem] = []
    for number, cells in show(sheet.rows, sheet.total, _("Checking")):
        row, row_problems = checker.check(number, cells)
        rows.append(row)
        problems.extend(row_problems)
    if organisation is None and "nrm_IdentifyingOrganisation" not in sheet.columns:
        problems.append(
            Problem(
                1,
                "nrm_IdentifyingOrganisation",
                _(
                    "the file does not name the organisation that identified the victims: "
                    "choose it for the whole file (--organisation at the command line)"
                ),
            )
        )
    warnings = [
        _("column %(column)r is not part of HTCDS 2.0 and is ignored") % {"column": name}
        for name in sheet.unknown
    ]
    result = import_rows(
        actor=actor,
        rows=rows,
        problems=problems,
        warnings=warnings,
        dry_run=dry_run,
        show=show,
        code_column=sheet.headers.get("nrm_CaseCode", "nrm_CaseCode"),
        source=ImportSource(
            "htcds",
            file_name=file_name or path.name,
            fingerprint=hashlib.sha256(path.read_bytes()).hexdigest(),
            organisation=organisation,
        ),
    )
    return HtcdsImportResult(result, report.lines(sheet.headers), sheet.title)


# `nrm import htcds` ------------------------------------------------------------------------


class HtcdsImporter:
    help = "cases from an HTCDS 2.0 Excel template (docs/exchange.md)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the HTCDS template, filled (.xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--organisation",
            help="the identifying organisation of rows without nrm_IdentifyingOrganisation: "
            "its key (e.g. sipa), name or short name",
        )
        parser.add_argument(
            "--identified-on",
            help="date of identification (YYYY-MM-DD) of rows that give none "
            "(default: their incoming referral date, else the day of the import)",
        )

    def run(self, options: dict[str, Any], *, err: Output, progress: Progress) -> list[str]:
        from nrm.exchange.services import htcds_import

        path: Path = options["file"]
        if not path.is_file():
            raise ValidationError(f"{path}: no such file")
        organisation = None
        if options.get("organisation"):
            organisation = find_organisation(options["organisation"])
            if organisation is None:
                raise ValidationError(
                    f"--organisation {options['organisation']!r}: no such organisation"
                )
        identified_on = None
        if options.get("identified_on"):
            try:
                identified_on = datetime.date.fromisoformat(options["identified_on"])
            except ValueError:
                raise ValidationError(
                    f"--identified-on {options['identified_on']!r}: write YYYY-MM-DD"
                ) from None
        outcome = htcds_import(
            actor=None,
            path=path,
            organisation=organisation,
            identified_on=identified_on,
            dry_run=options["dry_run"],
            progress=progress,
        )
        for warning in outcome.result.warnings:
            err.write(f"warning: {warning}")
        lines = [f"not mapped: {line}" for line in outcome.report]
        result = outcome.result
        if result.dry_run:
            lines.append(f"{result.rows} row(s) are valid; nothing was written (--dry-run).")
        else:
            span = f" ({result.codes[0]} … {result.codes[-1]})" if result.codes else ""
            lines.append(f"Imported {result.rows} victim case(s){span} from HTCDS.")
        return lines


HTCDS = HtcdsImporter()
