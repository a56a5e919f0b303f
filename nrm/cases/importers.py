"""Import of existing victim registers (.csv, .xlsx): all rows or none.

Every row is checked; any problem aborts the import and each is reported as
`row N, column C: message` (row 1 is the header, as a spreadsheet numbers it). Only a register
without problems is imported, in one transaction. The format is documented in
docs/import-format.md.

The file is never held in memory, so that a register of a million rows imports in flat memory.
A first quick reading counts the rows and the years whose codes the import takes (locked
first, in order). The second reading checks every row with the services' own checks
(`case_values`: what `case_create` would refuse, this refuses), finds repeated codes and
possible duplicates through a scratch index on disk, and writes each chunk of rows as soon as
it is checked (nrm.cases.import_writer: the same rows `case_create` would write, in a few
inserts); a problem found later rolls everything back, and checking goes on so that every
problem is listed. `--dry-run` is that second reading without the writing.

Other formats (the HTCDS exchange template, nrm.exchange) map their rows into the same
`VictimRow` and finish through `import_rows`: one checked, all-or-nothing way to create cases.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import datetime
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, reset_queries, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from nrm.accounts.models import Organisation, User
from nrm.accounts.reference import reference_organisations
from nrm.cases.import_writer import (
    CaseWriter,
    LaterDecision,
    PlannedCase,
    RowFailed,
    plan_case,
)
from nrm.cases.models import CaseStatus, Person, VictimCase
from nrm.cases.services import (
    FORMS,
    GIVEN_CODE,
    MAX_AGE,
    MEANS,
    RECRUITMENTS,
    CaseCodes,
    age_on,
    case_values,
    country_codes,
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
from nrm.core.models import ImportBatch, Municipality
from nrm.core.vocabularies import ExploitationForm, MeansOfControl, RecruitmentMethod, Sex

__all__ = ["PROGRESS_FROM_ROWS", "ImportFailed", "LaterDecision", "Problem"]

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
SCOPE_CODES = ("internal", "transnational", "unknown")
LIST_SEPARATOR = ";"
# Cases checked, then written, a chunk at a time: memory stays flat, statements stay few.
CHUNK = 1000
READ_BLOCK = 1 << 20


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
    # Every code written, in row order, for imports whose rows are in memory anyway
    # (`import_rows`); a register read from a file reports only the first and the last.
    codes: list[str]
    warnings: list[str]
    dry_run: bool
    first_code: str = ""
    last_code: str = ""


@dataclass(frozen=True)
class ImportSource:
    """Where the rows come from, for the import's provenance (nrm.core.models.ImportBatch)."""

    kind: str
    file_name: str = ""
    fingerprint: str = ""
    organisation: Organisation | None = None


# Reading files ------------------------------------------------------------------------------


class Register:
    """A register file, read as many times as needed (the import reads it twice) without
    holding it in memory: its header, its data rows with their row numbers, how many rows
    there are (for the progress bar) and its SHA-256."""

    def __init__(self, path: Path) -> None:
        self.path = path
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ImportFailed([Problem(0, "-", _("the file must be .csv or .xlsx"))])
        self.is_csv = suffix == ".csv"
        self.fingerprint, lines = self._scan()
        self.header: list[str] = []
        if self.is_csv:
            self.delimiter = ","
            self.total = max(lines - 1, 0)
            self._open_csv()
        else:
            self._open_xlsx()

    def _scan(self) -> tuple[str, int]:
        """The file's SHA-256 and number of lines, in one read; a CSV must be UTF-8."""
        digest = hashlib.sha256()
        decoder = codecs.getincrementaldecoder("utf-8")()
        lines = 0
        last = b"\n"
        with self.path.open("rb") as file:
            while block := file.read(READ_BLOCK):
                digest.update(block)
                if self.is_csv:
                    lines += block.count(b"\n")
                    last = block[-1:]
                    try:
                        decoder.decode(block)
                    except UnicodeDecodeError:
                        raise ImportFailed(
                            [Problem(1, "-", _("the file is not UTF-8 text: save it as CSV UTF-8"))]
                        ) from None
        return digest.hexdigest(), lines + (last != b"\n")

    def _open_csv(self) -> None:
        with self.path.open(encoding="utf-8-sig", newline="") as file:
            first_line = file.readline()
        # Spreadsheets set to a Bosnian, Croatian or Serbian locale save CSV with semicolons.
        self.delimiter = max((",", ";", "\t"), key=first_line.count)
        header = next(self._csv_records(), None)
        if header is None:
            raise ImportFailed([Problem(1, "-", _("the file is empty"))])
        self.header = header[1]

    def _csv_records(self) -> Iterator[tuple[int, list[str]]]:
        with self.path.open(encoding="utf-8-sig", newline="") as file:
            yield from enumerate(csv.reader(file, delimiter=self.delimiter), start=1)

    def _workbook(self) -> Any:
        from openpyxl import load_workbook

        try:
            return load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFailed(
                [Problem(0, "-", _("the file cannot be read as .xlsx: %(error)s") % {"error": exc})]
            ) from None

    def _open_xlsx(self) -> None:
        workbook = self._workbook()
        try:
            sheet = workbook.worksheets[0]
            header = next(sheet.iter_rows(values_only=True), None)
            if header is None:
                raise ImportFailed([Problem(1, "-", _("the file is empty"))])
            self.header = ["" if h is None else str(h) for h in header]
            self.total = max((sheet.max_row or 1) - 1, 0)
        finally:
            workbook.close()

    def outline(self, date_column: int, code_column: int | None) -> Outline:
        """How many data rows there are, and the years of identification of rows without a
        code (their cases get the year's next codes); unreadable dates are left to the
        checks."""
        rows = 0
        years = set()
        for _number, cells in self.rows():
            rows += 1
            if code_column is not None and code_column < len(cells) and _text(cells[code_column]):
                continue
            day = cells[date_column] if date_column < len(cells) else None
            if isinstance(day, datetime.date):
                years.add(day.year)
            elif isinstance(day, str) and day.strip()[:4].isdigit():
                years.add(int(day.strip()[:4]))
        return Outline(rows, years)

    def rows(self) -> Iterator[tuple[int, Sequence[Any]]]:
        """The data rows (not empty ones) with their row numbers, from the second on."""
        if self.is_csv:
            for number, row in self._csv_records():
                if number > 1 and any(row):
                    yield number, row
            return
        workbook = self._workbook()
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            for number, row in enumerate(rows, start=1):
                if number > 1 and any(value not in (None, "") for value in row):
                    yield number, row
        finally:
            workbook.close()


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
    if value is None or value == "":
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


def _code(value: Any, allowed: Sequence[str], empty: str | None = None) -> str:
    text = _text(value).lower()
    if not text and empty is not None:
        return empty
    if text not in allowed:
        raise CellError(
            _("%(value)r is not one of: %(allowed)s")
            % {"value": _text(value), "allowed": ", ".join(allowed)}
        )
    return text


def _codes(value: Any, allowed: Callable[[], Sequence[str]], known: frozenset[str]) -> list[str]:
    text = _text(value)
    if not text:
        return []
    codes = [part.strip().lower() for part in text.split(LIST_SEPARATOR) if part.strip()]
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise CellError(
            _("unknown code(s) %(codes)s; use: %(allowed)s (separated by ;)")
            % {"codes": ", ".join(unknown), "allowed": ", ".join(allowed())}
        )
    return sorted(set(codes))


def _country(value: Any) -> str:
    text = _text(value).upper()
    if text in ("", "UNKNOWN"):
        return ""
    if text not in country_codes():
        raise CellError(
            _("%(value)r is not an ISO 3166-1 alpha-2 country code (e.g. BA, TR)")
            % {"value": _text(value)}
        )
    return text


SEX_CODES = tuple(Sex.values)


class Lookups:
    """Municipalities and organisations, loaded once and matched by code, key or name; and
    today's date, which every row compares its dates with."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.all():
            self.municipalities[municipality.code.lower()] = municipality
            self.municipalities[municipality.name.lower()] = municipality
        self._organisations: dict[str, Organisation | None] = {}
        self.today = today()

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


def check_header(header: Sequence[Any]) -> tuple[dict[str, int], list[Problem], list[str]]:
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
    day = lookups.today

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
    elif identified_on is not None and identified_on > day:
        problems.append(Problem(number, "identified_on", _("the date is in the future")))
    status = parse("status", lambda v: _code(v, IMPORT_STATUSES))
    sex = parse("sex", lambda v: _code(v, SEX_CODES, empty=Sex.UNKNOWN))
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
    for column, stay_day in (("shelter_from", shelter_from), ("shelter_to", shelter_to)):
        if stay_day is not None and stay_day > day:
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
        "exploitation": parse(
            "exploitation", lambda v: _codes(v, lambda: ExploitationForm.values, FORMS)
        ),
        "means_of_control": parse(
            "means_of_control", lambda v: _codes(v, lambda: MeansOfControl.values, MEANS)
        ),
        "recruitment": parse(
            "recruitment", lambda v: _codes(v, lambda: RecruitmentMethod.values, RECRUITMENTS)
        ),
        "trafficking_scope": parse(
            "trafficking_scope", lambda v: _code(v, SCOPE_CODES, empty="unknown")
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


def _column(field_name: str) -> str:
    return {"code": "case_code", "start": "shelter_from", "end": "shelter_to"}.get(
        field_name, field_name
    )


def _row_problems(number: int, columns: dict[str, str], error: ApplicationError) -> list[Problem]:
    """A service's error on one row, as problems named by the file's columns."""
    if not isinstance(error, ValidationError):
        return [Problem(number, "-", error.message)]
    return [
        Problem(number, columns.get(name, _column(name)), message)
        for name, messages in (error.fields or {"-": [error.message]}).items()
        for message in messages
    ]


def _plan(actor: User | None, row: VictimRow, now: datetime.date) -> PlannedCase:
    """The row's case as the services check it (raises their errors); `now` is today."""
    new = case_values(actor=actor, now=now, **row.values)
    return plan_case(
        actor=actor,
        row=row.number,
        new=new,
        columns=row.columns,
        stays=row.stays,
        decisions=row.decisions,
        now=now,
    )


# Checking a whole file ------------------------------------------------------------------------

Rows = Callable[[], Iterator[tuple[VictimRow, list[Problem]]]]
"""Each call reads the rows anew, each with the problems found in its own cells."""


class SeenKeys:
    """What the rows read so far hold (case codes, blind indexes of persons), with the row
    each first appeared on: a scratch SQLite database in a temporary file, deleted when
    closed, so that memory stays flat however long the file. It holds codes and keyed
    hashes, never names."""

    CODE, PERSON = 1, 2

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # a private temporary database on disk
        self.db.execute(
            "CREATE TABLE seen (kind INTEGER, key, row INTEGER, PRIMARY KEY (kind, key))"
            " WITHOUT ROWID"
        )

    def close(self) -> None:
        self.db.close()

    def earlier(self, kind: int, keys: list[tuple[Any, int]]) -> dict[int, int]:
        """{row: earlier row} for each (key, row) whose key appeared on an earlier row, this
        chunk's included; records the keys seen for the first time."""
        found: dict[Any, int] = {}
        distinct = list({key for key, _row in keys})
        for start in range(0, len(distinct), 500):
            part = distinct[start : start + 500]
            found.update(
                self.db.execute(
                    f"SELECT key, row FROM seen WHERE kind = ? AND key IN ({','.join('?' * len(part))})",  # noqa: S608, E501
                    [kind, *part],
                ).fetchall()
            )
        repeated: dict[int, int] = {}
        new: list[tuple[int, Any, int]] = []
        for key, row in keys:
            if key in found:
                repeated[row] = found[key]
            else:
                found[key] = row
                new.append((kind, key, row))
        self.db.executemany("INSERT INTO seen VALUES (?, ?, ?)", new)
        return repeated


@dataclass
class Checked:
    """What the first pass found: the rows, every problem, the possible duplicates (as row
    numbers: the warnings are worded at the end) and the years that need generated codes."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    same_person: list[tuple[int, int]] = field(default_factory=list)
    recorded_person: list[int] = field(default_factory=list)
    years: set[int] = field(default_factory=set)

    def warnings(self) -> list[str]:
        """Rows whose person (name and birth date) appears twice in the file or is already
        recorded, found through the blind index: the names themselves are never compared."""
        return [
            _("row %(row)s: the same name and birth date as row %(other)s")
            % {"row": row, "other": other}
            for row, other in self.same_person
        ] + [
            _(
                "row %(row)s: a person with the same name and birth date is already recorded "
                "(possible duplicate)"
            )
            % {"row": row}
            for row in self.recorded_person
        ]


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _index_key(index: str) -> int:
    """A blind index as 64 bits, enough to tell a million persons apart."""
    return int(index[:16], 16) - (1 << 63)


class ImportRun:
    """One pass over the rows, a chunk at a time: every row checked as the services would
    check it, then the checks that need the other rows or the database (a code used twice or
    already, the same person twice or already recorded); codes given in row order as
    `case_create` would give them. With a `writer` (an import, not a dry run), each chunk is
    written as soon as it is checked, as long as no problem has been found; the caller rolls
    the transaction back if one is found later.

    With `rows_only` (the file as a whole has a problem already, e.g. no organisation named
    for it) each row's own problems are listed, but not the services' checks of whole rows,
    which would only repeat the file's problem on every row."""

    def __init__(
        self,
        actor: User | None,
        *,
        codes: CaseCodes,
        writer: CaseWriter | None = None,
        code_column: str = "case_code",
        rows_only: bool = False,
    ) -> None:
        self.actor = actor
        self.codes = codes
        self.writer = writer
        self.code_column = code_column
        self.rows_only = rows_only
        self.today = today()
        self.checked = Checked()

    def run(self, rows: Iterable[tuple[VictimRow, list[Problem]]]) -> Checked:
        seen = SeenKeys()
        try:
            for chunk in _chunks(rows):
                valid = self._check_chunk(chunk, seen)
                if self.writer is not None and not self.checked.problems:
                    _write(self.writer, valid)
        finally:
            seen.close()
        return self.checked

    def _check_chunk(
        self, chunk: list[tuple[VictimRow, list[Problem]]], seen: SeenKeys
    ) -> list[PlannedCase]:
        checked = self.checked
        checked.rows += len(chunk)
        valid: list[PlannedCase] = []
        for row, problems in chunk:
            if problems or self.rows_only:
                checked.problems.extend(problems)
                continue
            try:
                valid.append(_plan(self.actor, row, self.today))
            except ApplicationError as error:
                checked.problems.extend(_row_problems(row.number, row.columns, error))
        checked.problems.extend(self._code_problems([row for row, _problems in chunk], seen))
        self._give_codes(valid)
        self._find_duplicates(valid, seen)
        return valid

    def _give_codes(self, valid: list[PlannedCase]) -> None:
        """Each case's code, in row order: the one given (unless this run generated it
        already) or the year's next."""
        for planned in valid:
            new = planned.new
            try:
                if new.code:
                    planned.code = self.codes.give(new.code)
                else:
                    planned.code = self.codes.generate(new.code_year)
            except ValidationError as error:
                self.checked.problems.extend(_row_problems(planned.row, planned.columns, error))

    def _code_problems(self, rows: list[VictimRow], seen: SeenKeys) -> list[Problem]:
        """Codes given twice in the file, or already used (compared as `case_create`
        compares them: regardless of case)."""
        given = [(row, row.values["code"]) for row in rows if row.values.get("code")]
        if not given:
            return []
        problems = []
        column = {row.number: row.columns.get("code", self.code_column) for row, _code in given}
        earlier = seen.earlier(SeenKeys.CODE, [(code.lower(), row.number) for row, code in given])
        for number, other in earlier.items():
            problems.append(
                Problem(
                    number, column[number], _("the code is also on row %(row)s") % {"row": other}
                )
            )
        # The index on codes is exact: ask for each code as given, in capitals and in small
        # letters (a code stored in another mix of both is not found here).
        spellings = {
            spelling for _row, code in given for spelling in (code, code.upper(), code.lower())
        }
        used = {
            code.lower(): code
            for code in VictimCase.objects.filter(code__in=spellings).values_list("code", flat=True)
        }
        for row, code in given:
            if code.lower() in used:
                problems.append(
                    Problem(
                        row.number,
                        column[row.number],
                        _("the code %(code)s is already used") % {"code": used[code.lower()]},
                    )
                )
        return problems

    def _find_duplicates(self, valid: list[PlannedCase], seen: SeenKeys) -> None:
        indexes = [
            (planned.new.person["match_index"], planned.row)
            for planned in valid
            if planned.new.person["match_index"]
        ]
        if not indexes:
            return
        earlier = seen.earlier(
            SeenKeys.PERSON, [(_index_key(index), row) for index, row in indexes]
        )
        self.checked.same_person.extend(sorted(earlier.items()))
        first = {index: row for index, row in indexes if row not in earlier}
        recorded = Person.objects.filter(match_index__in=list(first)).values_list(
            "match_index", flat=True
        )
        self.checked.recorded_person.extend(sorted(first[index] for index in set(recorded)))


def _write(writer: CaseWriter, valid: list[PlannedCase]) -> None:
    try:
        writer.write(valid)
    except RowFailed as failed:
        raise ImportFailed(
            _row_problems(failed.planned.row, failed.planned.columns, failed.error)
        ) from failed
    except IntegrityError as error:
        raise ImportFailed([Problem(0, "-", _changed_meanwhile())]) from error
    reset_queries()  # with DEBUG on, Django keeps every statement: not a million


# The import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outline:
    """What a quick look at every row tells before the import: how many rows there are, and
    the years whose next codes the import will take (locked all at once, in order)."""

    rows: int
    years: set[int]


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
    register = Register(path)
    positions, problems, warnings = check_header(register.header)
    if problems:
        raise ImportFailed(sorted_problems(problems))
    lookups = Lookups()

    def rows() -> Iterator[tuple[VictimRow, list[Problem]]]:
        for number, cells in register.rows():
            values = {name: (cells[i] if i < len(cells) else None) for name, i in positions.items()}
            yield check_row(number, values, lookups, organisation)

    def outline() -> Outline:
        return register.outline(positions["identified_on"], positions.get("case_code"))

    source = ImportSource(
        "victims",
        file_name=path.name,
        fingerprint=register.fingerprint,
        organisation=organisation,
    )
    return finish_import(
        actor=actor,
        rows=rows,
        outline=outline,
        total=register.total,
        warnings=warnings,
        dry_run=dry_run,
        show=progress or no_progress,
        source=source,
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
    source: ImportSource | None = None,
) -> ImportResult:
    """Finish an import of checked rows: refuse it whole if any row has a problem, warn of
    possible duplicates, and unless `dry_run` create every case in one transaction."""
    by_row: dict[int, list[Problem]] = {}
    for problem in problems:
        by_row.setdefault(problem.row, []).append(problem)
    numbers = {row.number for row in rows}
    other = [problem for problem in problems if problem.row not in numbers]

    def pairs() -> Iterator[tuple[VictimRow, list[Problem]]]:
        return ((row, by_row.get(row.number, [])) for row in rows)

    def outline() -> Outline:
        years = {
            row.values["identified_on"].year
            for row in rows
            if not row.values.get("code") and row.values.get("identified_on")
        }
        return Outline(len(rows), years)

    return finish_import(
        actor=actor,
        rows=pairs,
        outline=outline,
        total=len(rows),
        warnings=warnings,
        dry_run=dry_run,
        show=show,
        code_column=code_column,
        source=source or ImportSource("rows"),
        problems=other,
        keep_codes=True,
    )


def finish_import(
    *,
    actor: User | None,
    rows: Rows,
    outline: Callable[[], Outline],
    total: int,
    warnings: list[str],
    dry_run: bool,
    show: Progress,
    source: ImportSource,
    code_column: str = "case_code",
    problems: Sequence[Problem] = (),
    keep_codes: bool = False,
) -> ImportResult:
    """Check every row and, unless `dry_run`, write them all in one transaction, a chunk at a
    time as they are checked; any problem rolls the whole back, and every problem is listed."""
    if dry_run:
        run = ImportRun(
            actor, codes=CaseCodes(lock=False), code_column=code_column, rows_only=bool(problems)
        )
        checked = run.run(show(rows(), total, _("Checking")))
        _refuse_if_any(checked, problems)
        return ImportResult(checked.rows, [], [*warnings, *checked.warnings()], dry_run=True)
    expected = outline()
    with transaction.atomic(), audit_actor(actor, via="import"):
        # Audited like any record: the import's provenance, once. Its insert is also the
        # transaction's first write, which on SQLite takes the database's write lock.
        batch = ImportBatch.objects.create(
            actor=actor,
            organisation=source.organisation or getattr(actor, "organisation", None),
            kind=source.kind,
            file_name=source.file_name[:255],
            fingerprint=source.fingerprint,
            rows=expected.rows,
        )
        codes = CaseCodes(lock=True)
        codes.prepare(expected.years)  # every year at once, in order
        writer = CaseWriter(actor=actor, batch_id=batch.pk, keep_codes=keep_codes)
        run = ImportRun(
            actor, codes=codes, writer=writer, code_column=code_column, rows_only=bool(problems)
        )
        checked = run.run(show(rows(), expected.rows, _("Importing")))
        _refuse_if_any(checked, problems)  # raising here rolls every chunk written back
        if checked.rows != expected.rows:
            raise ImportFailed([Problem(0, "-", _changed_meanwhile())])
    return ImportResult(
        checked.rows,
        writer.codes,
        [*warnings, *checked.warnings()],
        False,
        writer.first_code,
        writer.last_code,
    )


def _refuse_if_any(checked: Checked, problems: Sequence[Problem]) -> None:
    found = [*problems, *checked.problems]
    if not checked.rows and not found:
        found.append(Problem(2, "-", _("the register has no rows")))
    if found:
        raise ImportFailed(sorted_problems(found))


def _changed_meanwhile() -> str:
    return _(
        "the file or the cases changed while the file was imported; nothing was imported: "
        "import it again"
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
        span = f" ({result.first_code} … {result.last_code})" if result.first_code else ""
        return [f"Imported {result.rows} victim case(s){span}."]


VICTIMS = VictimRegisterImporter()
