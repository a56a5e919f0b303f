"""Import of existing victim registers (.csv, .xlsx): all rows or none.

Every row is checked first; any problem aborts the import and each is reported as
`row N, column C: message` (row 1 is the header, as a spreadsheet numbers it). Only a register
without problems is written, in one transaction, through the same services as the web forms.
The format is documented in docs/import-format.md.

Other formats (the HTCDS exchange template, nrm.exchange) map their rows into the same
`VictimRow` and finish through `import_rows`: one checked, all-or-nothing way to create cases.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries

from nrm.accounts.models import Organisation, User
from nrm.accounts.reference import reference_organisations
from nrm.cases.models import CaseStatus, Person, VictimCase
from nrm.cases.services import (
    GIVEN_CODE,
    MAX_AGE,
    age_on,
    case_create,
    case_decide,
    person_match_index,
    stay_record,
    today,
)
from nrm.core.audit import audit_actor
from nrm.core.errors import ApplicationError, ValidationError
from nrm.core.imports import (
    PROGRESS_FROM_ROWS,
    ImportFailed,
    Output,
    Problem,
    Progress,
    no_progress,
    sorted_problems,
)
from nrm.core.models import Municipality
from nrm.core.vocabularies import ExploitationForm, MeansOfControl, RecruitmentMethod, Sex

__all__ = ["PROGRESS_FROM_ROWS", "ImportFailed", "Problem"]

REQUIRED_COLUMNS = ("identified_on", "status", "sex", "citizenship", "exploitation")
OPTIONAL_COLUMNS = (
    "case_code",
    "birth_date",
    "age",
    "shelter_from",
    "shelter_to",
    "first_name",
    "last_name",
    "municipality",
    "organisation",
    "trafficking_scope",
    "means_of_control",
    "recruitment",
)
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
IMPORT_STATUSES = (CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED)
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class LaterDecision:
    """A status the case reached after it was recorded (e.g. closed), with its date."""

    to_status: str
    decided_on: datetime.date
    reason: str


@dataclass
class VictimRow:
    """One row, parsed and checked: `values` are case_create's arguments."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    stays: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)
    decisions: list[LaterDecision] = field(default_factory=list)
    # The column a problem with a value is reported in, when it is not the value's own name.
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    rows: int
    codes: list[str]
    warnings: list[str]
    dry_run: bool


# Reading files ------------------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]], int]:
    """The header, the data rows with their row numbers, and how many rows there are."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise ImportFailed([Problem(0, "-", _("the file must be .csv or .xlsx"))])


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]], int]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            [Problem(1, "-", _("the file is not UTF-8 text: save it as CSV UTF-8"))]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to a Bosnian, Croatian or Serbian locale save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise ImportFailed([Problem(1, "-", _("the file is empty"))])
    data = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    return rows[0], iter(data), len(data)


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]], int]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed(
            [Problem(0, "-", _("the file cannot be read as .xlsx: %(error)s") % {"error": exc})]
        ) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportFailed([Problem(1, "-", _("the file is empty"))])
    total = max((sheet.max_row or 1) - 1, 0)

    def data() -> Iterator[tuple[int, list[Any]]]:
        for number, row in enumerate(rows, start=2):
            if any(value not in (None, "") for value in row):
                yield number, list(row)
        workbook.close()

    return ["" if h is None else str(h) for h in header], data(), total


# Parsing values -----------------------------------------------------------------------------


class CellError(Exception):
    pass


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
    text = _text(value)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(_("%(value)r is not a date: write YYYY-MM-DD") % {"value": text}) from None


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


def _code(value: Any, allowed: Iterable[str], empty: str | None = None) -> str:
    text = _text(value).lower()
    if not text and empty is not None:
        return empty
    if text not in set(allowed):
        raise CellError(
            _("%(value)r is not one of: %(allowed)s")
            % {"value": _text(value), "allowed": ", ".join(allowed)}
        )
    return text


def _codes(value: Any, allowed: Iterable[str]) -> list[str]:
    allowed = list(allowed)
    codes = [part.strip().lower() for part in _text(value).split(LIST_SEPARATOR) if part.strip()]
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise CellError(
            _("unknown code(s) %(codes)s; use: %(allowed)s (separated by ;)")
            % {"codes": ", ".join(unknown), "allowed": ", ".join(allowed)}
        )
    return sorted(set(codes))


def _country(value: Any) -> str:
    text = _text(value).upper()
    if text in ("", "UNKNOWN"):
        return ""
    if text not in countries:
        raise CellError(
            _("%(value)r is not an ISO 3166-1 alpha-2 country code (e.g. BA, TR)")
            % {"value": _text(value)}
        )
    return text


class Lookups:
    """Municipalities and organisations, loaded once and matched by code, key or name."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.all():
            self.municipalities[municipality.code.lower()] = municipality
            self.municipalities[municipality.name.lower()] = municipality
        self._organisations: dict[str, Organisation | None] = {}

    def municipality(self, value: Any) -> Municipality | None:
        text = _text(value)
        if not text:
            return None
        found = self.municipalities.get(text.lower())
        if found is None:
            raise CellError(_("unknown municipality %(value)r") % {"value": text})
        return found

    def organisation(self, value: Any) -> Organisation | None:
        text = _text(value)
        if not text:
            return None
        if text not in self._organisations:
            self._organisations[text] = find_organisation(text)
        found = self._organisations[text]
        if found is None:
            raise CellError(_("unknown organisation %(value)r") % {"value": text})
        return found


def find_organisation(key_or_name: str) -> Organisation | None:
    """An organisation by its key in the reference data, its name or its short name."""
    text = key_or_name.strip()
    for row in reference_organisations():
        if row["key"] == text:
            text = row["name"]
            break
    return Organisation.objects.filter(Q(name__iexact=text) | Q(short_name__iexact=text)).first()


# Checking rows ------------------------------------------------------------------------------


def check_header(header: list[str]) -> tuple[dict[str, int], list[Problem], list[str]]:
    """Column positions by name, the problems (missing or repeated columns) and warnings
    (columns that are not part of the format and are ignored)."""
    names = [_text(h) for h in header]
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    warnings: list[str] = []
    for index, name in enumerate(names):
        if name in positions:
            problems.append(Problem(1, name, _("the column appears twice")))
        elif name in KNOWN_COLUMNS:
            positions[name] = index
        elif name:
            warnings.append(
                _("column %(name)r is not part of the format and is ignored") % {"name": name}
            )
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            problems.append(Problem(1, name, _("the column is missing")))
    if "birth_date" not in positions and "age" not in positions:
        problems.append(Problem(1, "birth_date", _("give a birth_date or an age column")))
    return positions, problems, warnings


def check_row(
    number: int, cells: dict[str, Any], lookups: Lookups, default_organisation: Organisation | None
) -> tuple[VictimRow, list[Problem]]:
    problems: list[Problem] = []
    row = VictimRow(number)

    def parse(column: str, parser: Callable[[Any], Any]) -> Any:
        try:
            return parser(cells.get(column))
        except CellError as error:
            problems.append(Problem(number, column, str(error)))
            return None

    identified_on = parse("identified_on", _date)
    if identified_on is None and not any(p.column == "identified_on" for p in problems):
        problems.append(
            Problem(number, "identified_on", _("the date of identification is required"))
        )
    elif identified_on is not None and identified_on > today():
        problems.append(Problem(number, "identified_on", _("the date is in the future")))
    status = parse("status", lambda v: _code(v, IMPORT_STATUSES))
    sex = parse("sex", lambda v: _code(v, Sex.values, empty=Sex.UNKNOWN))
    birth_date = parse("birth_date", _date)
    age = parse("age", _age)
    if birth_date is not None and identified_on is not None:
        if birth_date > identified_on:
            problems.append(
                Problem(
                    number, "birth_date", _("the birth date is after the date of identification")
                )
            )
        elif age is not None and age != age_on(birth_date, identified_on):
            problems.append(
                Problem(
                    number,
                    "age",
                    _("the age %(age)s does not match the birth date (%(years)s years)")
                    % {"age": age, "years": age_on(birth_date, identified_on)},
                )
            )
    code = _text(cells.get("case_code"))
    if code and not GIVEN_CODE.match(code):
        problems.append(
            Problem(
                number,
                "case_code",
                _("a case code has 2 to 32 letters, digits (at least one) and - _ ."),
            )
        )
    shelter_from = parse("shelter_from", _date)
    shelter_to = parse("shelter_to", _date)
    if shelter_to is not None and not _text(cells.get("shelter_from")):
        problems.append(Problem(number, "shelter_from", _("a stay with an end needs a start")))
    if shelter_from and shelter_to and shelter_to < shelter_from:
        problems.append(Problem(number, "shelter_to", _("the stay ends before it starts")))
    for column, day in (("shelter_from", shelter_from), ("shelter_to", shelter_to)):
        if day is not None and day > today():
            problems.append(Problem(number, column, _("the date is in the future")))
    organisation = parse("organisation", lookups.organisation) or default_organisation
    if organisation is None:
        problems.append(
            Problem(
                number,
                "organisation",
                _("name the identifying organisation (column or --organisation)"),
            )
        )
    row.values = {
        "identified_on": identified_on,
        "status": status,
        "sex": sex,
        "birth_date": birth_date,
        "age": None if birth_date is not None else age,
        "citizenship": parse("citizenship", _country),
        "exploitation": parse("exploitation", lambda v: _codes(v, ExploitationForm.values)),
        "means_of_control": parse("means_of_control", lambda v: _codes(v, MeansOfControl.values)),
        "recruitment": parse("recruitment", lambda v: _codes(v, RecruitmentMethod.values)),
        "trafficking_scope": parse(
            "trafficking_scope",
            lambda v: _code(v, ("internal", "transnational", "unknown"), empty="unknown"),
        ),
        "municipality": parse("municipality", lookups.municipality),
        "first_name": _text(cells.get("first_name")),
        "last_name": _text(cells.get("last_name")),
        "code": code or None,
        "organisation": organisation,
    }
    if shelter_from is not None:
        row.stays.append((shelter_from, shelter_to))
    return row, problems


def _duplicate_codes(rows: list[VictimRow], column: str = "case_code") -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code")
        if not code:
            continue
        key = code.lower()
        if key in seen:
            problems.append(
                Problem(
                    row.number,
                    row.columns.get("code", column),
                    _("the code is also on row %(row)s") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.number
    given = {r.values["code"].lower(): r for r in rows if r.values.get("code")}
    if given:
        existing = VictimCase.objects.filter(
            code__in=[r.values["code"] for r in rows if r.values.get("code")]
        )
        for code in existing.values_list("code", flat=True):
            row = given[code.lower()]
            problems.append(
                Problem(
                    row.number,
                    row.columns.get("code", column),
                    _("the code %(code)s is already used") % {"code": code},
                )
            )
    return problems


def duplicate_warnings(rows: list[VictimRow]) -> list[str]:
    """Rows whose person (name and birth date) appears twice in the file or is already
    recorded, found through the blind index: the names themselves are never compared."""
    warnings: list[str] = []
    first_row: dict[str, int] = {}
    for row in rows:
        index = person_match_index(
            row.values.get("first_name", ""),
            row.values.get("last_name", ""),
            row.values.get("birth_date"),
        )
        if not index:
            continue
        if index in first_row:
            warnings.append(
                _("row %(row)s: the same name and birth date as row %(other)s")
                % {"row": row.number, "other": first_row[index]}
            )
        else:
            first_row[index] = row.number
    recorded = set(
        Person.objects.filter(match_index__in=list(first_row)).values_list("match_index", flat=True)
    )
    for index in sorted(recorded, key=first_row.__getitem__):
        warnings.append(
            _(
                "row %(row)s: a person with the same name and birth date is already recorded "
                "(possible duplicate)"
            )
            % {"row": first_row[index]}
        )
    return warnings


# The import ---------------------------------------------------------------------------------


def import_victims(
    *,
    actor: User | None,
    path: Path,
    organisation: Organisation | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a register and, unless `dry_run`, record every row (all or nothing).

    Raises ImportFailed listing every problem; nothing is written then.
    """
    header, data, total = read_table(path)
    positions, problems, warnings = check_header(header)
    if problems:
        raise ImportFailed(sorted_problems(problems))
    show = progress or no_progress
    lookups = Lookups()
    rows: list[VictimRow] = []
    for number, cells in show(data, total, _("Checking")):
        values = {name: (cells[i] if i < len(cells) else None) for name, i in positions.items()}
        row, row_problems = check_row(number, values, lookups, organisation)
        rows.append(row)
        problems.extend(row_problems)
    return import_rows(
        actor=actor, rows=rows, problems=problems, warnings=warnings, dry_run=dry_run, show=show
    )


def import_rows(
    *,
    actor: User | None,
    rows: list[VictimRow],
    problems: list[Problem],
    warnings: list[str],
    dry_run: bool,
    show: Progress = no_progress,
    code_column: str = "case_code",
) -> ImportResult:
    """Finish an import of checked rows: refuse it whole if any row has a problem, warn of
    possible duplicates, and unless `dry_run` create every case in one transaction."""
    problems = [*problems, *_duplicate_codes(rows, code_column)]
    if not rows and not problems:
        problems.append(Problem(2, "-", _("the register has no rows")))
    if problems:
        raise ImportFailed(sorted_problems(problems))
    warnings = [*warnings, *duplicate_warnings(rows)]
    if dry_run:
        return ImportResult(len(rows), [], warnings, dry_run=True)
    codes = write_rows(actor, rows, show)
    return ImportResult(len(rows), codes, warnings, dry_run=False)


def write_rows(
    actor: User | None, rows: list[VictimRow], show: Progress = no_progress
) -> list[str]:
    """Create the case of every row, with its stays and later decisions: all or nothing."""
    codes: list[str] = []
    with transaction.atomic(), audit_actor(actor, via="import"):
        for row in show(rows, len(rows), _("Importing")):
            try:
                case = case_create(actor=actor, **row.values)
                for start, end in row.stays:
                    stay_record(actor=actor, case=case, start=start, end=end)
                for decision in row.decisions:
                    case_decide(
                        actor=actor,
                        case=case,
                        to_status=decision.to_status,
                        decided_on=decision.decided_on,
                        reason=decision.reason,
                        authority=case.organisation,
                    )
            except ValidationError as error:
                # Checked beforehand; this happens only when someone else wrote meanwhile.
                raise ImportFailed(
                    [
                        Problem(row.number, row.columns.get(name, _column(name)), message)
                        for name, messages in (error.fields or {"-": [error.message]}).items()
                        for message in messages
                    ]
                ) from error
            except ApplicationError as error:
                raise ImportFailed([Problem(row.number, "-", error.message)]) from error
            codes.append(case.code)
    return codes


def _column(field_name: str) -> str:
    return {"code": "case_code", "start": "shelter_from", "end": "shelter_to"}.get(
        field_name, field_name
    )


# `nrm import victims` ---------------------------------------------------------------------


class VictimRegisterImporter:
    help = "victims of trafficking, one row per person (docs/import-format.md)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the register, .csv (UTF-8) or .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--organisation",
            help="the identifying organisation of every row: its key (e.g. sipa), name or "
            "short name; an `organisation` column overrides it",
        )

    def run(self, options: dict[str, Any], *, err: Output, progress: Progress) -> list[str]:
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationError(f"{path}: no such file")
        organisation = None
        if options["organisation"]:
            organisation = find_organisation(options["organisation"])
            if organisation is None:
                raise ValidationError(
                    f"--organisation {options['organisation']!r}: no such organisation"
                )
        result = import_victims(
            actor=None,
            path=path,
            organisation=organisation,
            dry_run=options["dry_run"],
            progress=progress,
        )
        for warning in result.warnings:
            err.write(f"warning: {warning}")
        if result.dry_run:
            return [f"{result.rows} row(s) are valid; nothing was written (--dry-run)."]
        span = f" ({result.codes[0]} … {result.codes[-1]})" if result.codes else ""
        return [f"Imported {result.rows} victim case(s){span}."]


VICTIMS = VictimRegisterImporter()
