"""Writing an import's cases in bulk: the rows `case_create` would write, in a few statements.

`case_create` saves one case at a time: about 17 statements and 4-5 audit entries, each diffing
every field. An import writes the same rows (their values come from the same
`nrm.cases.services.case_values`, `decision_change` and `check_stay`) a chunk of cases at a
time, in one insert per table: ids allocated up front, case codes counted on per year
(`CaseCodes`), personal data encrypted by the fields themselves, and one compact audit entry
per case that names the import and the row (`nrm.core.audit.imported_entries`). A test
compares every row written here with what the services write for the same cases.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from auditlog.models import LogEntry
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from nrm.accounts.models import User
from nrm.cases import rules
from nrm.cases.models import (
    CaseExploitation,
    Consent,
    IdentificationDecision,
    Person,
    ShelterStay,
    VictimCase,
)
from nrm.cases.services import (
    NewCase,
    check_stay,
    decision_change,
    stay_safe_house,
    stays_overlap,
)
from nrm.core.audit import imported_entries
from nrm.core.errors import ApplicationError, PermissionDenied

# Field types whose Python value is already what the database takes (ids, text, numbers).
AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)


def _preparation(
    model_field: models.Field[Any, Any], connection: BaseDatabaseWrapper
) -> Callable[[Any], Any] | None:
    """How a value (not None) of this field is prepared for the database (None: as it is):
    what saving a record does, without the steps that do nothing for checked values.
    Encrypted fields encrypt here, as they do when a record is saved."""
    if getattr(model_field, "encrypted", False):
        return model_field.get_prep_value
    if model_field.is_relation or model_field.get_internal_type() in AS_IS:
        return None
    operations = connection.ops
    if isinstance(model_field, models.DateTimeField):
        return _last_one(operations.adapt_datetimefield_value)  # the import's time, mostly
    if isinstance(model_field, models.DateField):
        return operations.adapt_datefield_value
    if isinstance(model_field, models.JSONField):
        encoder = model_field.encoder
        return lambda value: operations.adapt_json_value(value, encoder)
    return lambda value: model_field.get_db_prep_save(value, connection)


def _last_one(prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`prepare`, which remembers its last value: the same value again costs nothing."""
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[:] = [value, prepare(value)]
        return last[1]

    return remembered


class Table:
    """Inserts rows of one model given as {field name: value}: every concrete column is
    filled, with the value given (a related record or its id), else the field's default;
    `auto_now` fields get the time of the import. No save(), no signals: the caller has
    checked the values (the services' own checks) and the database's constraints still hold."""

    def __init__(self, model: type[models.Model], now: datetime.datetime) -> None:
        self.model = model
        # The connection itself, not Django's proxy, which looks it up on every use.
        self.connection = connection = connections[DEFAULT_DB_ALIAS]
        meta = model._meta
        self.pk_column = "id"
        column_names: list[str] = []
        # Each column's value when none is given (prepared), and where a given one goes:
        # {field name or attname: (position, preparation, given as a related record)}.
        self.defaults: list[Any] = []
        self.slots: dict[str, tuple[int, Callable[[Any], Any] | None, bool]] = {}
        for model_field in meta.concrete_fields:
            if model_field.primary_key:
                self.pk_column = str(model_field.column)
                continue
            position = len(column_names)
            column_names.append(str(model_field.column))
            prepare = _preparation(model_field, connection)
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                self.defaults.append(now if prepare is None else prepare(now))
                continue  # the time of the import, whatever is given
            default = model_field.get_default()
            self.defaults.append(
                default if prepare is None or default is None else prepare(default)
            )
            self.slots[model_field.attname] = (position, prepare, False)
            if model_field.name != model_field.attname:
                self.slots[model_field.name] = (position, prepare, True)
        quote = connection.ops.quote_name
        self.names = [quote(name) for name in (self.pk_column, *column_names)]
        self.table = quote(meta.db_table)
        self._next_id: int | None = None
        self._sequence: str | None = None

    def values(self, given: dict[str, Any]) -> list[Any]:
        """One row's column values, prepared, in column order (without the id)."""
        row = self.defaults.copy()
        slots = self.slots
        for key, value in given.items():
            position, prepare, related = slots[key]
            if value is not None:
                if related:
                    value = value.pk
                if prepare is not None:
                    value = prepare(value)
            row[position] = value
        return row

    def ids(self, count: int) -> list[int]:
        """`count` new ids, reserved: on PostgreSQL from the table's sequence; on SQLite
        counted on from the highest, which is safe because the import's transaction holds
        the database's only write lock from its first write (the import batch) on."""
        if count == 0:
            return []
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                if self._sequence is None:
                    cursor.execute(
                        "SELECT pg_get_serial_sequence(%s, %s)",
                        [self.model._meta.db_table, self.pk_column],
                    )
                    self._sequence = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT nextval(%s) FROM generate_series(1, %s)", [self._sequence, count]
                )
                return [row[0] for row in cursor.fetchall()]
            if self._next_id is None:
                pk = self.names[0]
                cursor.execute(f"SELECT MAX({pk}) FROM {self.table}")  # noqa: S608
                highest = cursor.fetchone()[0] or 0
                cursor.execute(
                    "SELECT seq FROM sqlite_sequence WHERE name = %s", [self.model._meta.db_table]
                )
                found = cursor.fetchone()
                self._next_id = max(highest, found[0] if found else 0) + 1
        first = self._next_id
        self._next_id += count
        return list(range(first, first + count))

    def insert(self, rows: list[dict[str, Any]], ids: list[int] | None = None) -> None:
        """Insert the rows; with `ids`, under those ids, else under the table's next ones."""
        if not rows:
            return
        names = self.names if ids is not None else self.names[1:]
        # Prepared (and encrypted) as they are sent: PostgreSQL stores the first rows while
        # the next ones are prepared, where a list made first left the server idle meanwhile.
        params: Iterable[list[Any]]
        if ids is not None:
            params = ([pk, *self.values(row)] for pk, row in zip(ids, rows, strict=True))
        else:
            params = (self.values(row) for row in rows)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # COPY: the rows stream to the server, without a statement to parse per row
                # (or one of a hundred thousand parameters).
                copy_sql = f"COPY {self.table} ({', '.join(names)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for values in params:
                        copy.write_row(values)
                return
            placeholders = ", ".join(["%s"] * len(names))
            cursor.executemany(
                f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({placeholders})",  # noqa: S608
                list(params),  # Django's query log counts them
            )


@dataclass
class PlannedCase:
    """One row's case as it will be written: the checked values (`case_values`), the stays
    and the later decisions (checked like `stay_record` and `case_decide` would), and the
    case's values after those decisions."""

    row: int
    new: NewCase
    # (code, year, number): given by `CaseCodes` once every row before it has its own.
    code: tuple[str, int | None, int | None] = ("", None, None)
    # The file's column of each value, where its name is not the value's (for problems).
    columns: dict[str, str] = field(default_factory=dict)
    stays: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    case: dict[str, Any] = field(default_factory=dict)
    version: int = 1


@dataclass(frozen=True)
class LaterDecision:
    """A status the case reached after it was recorded (e.g. closed), with its date."""

    to_status: str
    decided_on: datetime.date
    reason: str


def plan_case(
    *,
    actor: User | None,
    row: int,
    new: NewCase,
    columns: dict[str, str],
    stays: Iterable[tuple[datetime.date, datetime.date | None]],
    decisions: Iterable[LaterDecision],
    now: datetime.date | None = None,
) -> PlannedCase:
    """Check the stays and later decisions of a new case as the services would, one after
    the other, and return the whole. Raises the services' ValidationError."""
    planned = PlannedCase(row, new, columns=columns, case=dict(new.case))
    for start, end in stays:
        check_stay(start, end, overlaps=partial(stays_overlap, planned.stays, start, end), now=now)
        planned.stays.append((start, end))
    last_decided_on = new.decision["decided_on"]
    for decision in decisions:
        case = planned.case
        changes, values = decision_change(
            actor=actor,
            status=case["status"],
            identified_on=case["identified_on"],
            confirmed_on=case["confirmed_on"],
            birth_date=lambda: new.person["birth_date"],
            last_decided_on=last_decided_on,
            to_status=decision.to_status,
            decided_on=decision.decided_on,
            reason=decision.reason,
            authority=case["organisation"],
            closure_reason="",
        )
        case.update(changes)
        planned.decisions.append(values)
        planned.version += 1
        last_decided_on = max(last_decided_on, decision.decided_on)
    return planned


class CaseWriter:
    """Writes planned cases a chunk at a time: persons, cases, forms of exploitation,
    decisions, consents, stays, and one audit entry per case. Keeps the first and the last
    code written (every code with `keep_codes`)."""

    def __init__(self, *, actor: User | None, batch_id: int, keep_codes: bool = False) -> None:
        now = timezone.now()
        self.actor = actor
        self.keep_codes = keep_codes
        self.codes: list[str] = []
        self.persons = Table(Person, now)
        self.cases = Table(VictimCase, now)
        self.forms = Table(CaseExploitation, now)
        self.decisions = Table(IdentificationDecision, now)
        self.consents = Table(Consent, now)
        self.stays = Table(ShelterStay, now)
        self.entry = imported_entries(VictimCase, batch_id=batch_id, at=now)
        self.entries = Table(LogEntry, now)
        self.first_code = ""
        self.last_code = ""

    def write(self, chunk: list[PlannedCase]) -> None:
        """Write the chunk's cases (their codes given already)."""
        person_ids = self.persons.ids(len(chunk))
        case_ids = self.cases.ids(len(chunk))
        persons: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        forms: list[dict[str, Any]] = []
        decisions: list[dict[str, Any]] = []
        consents: list[dict[str, Any]] = []
        stays: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        codes: list[str] = []
        for planned, person_id, case_id in zip(chunk, person_ids, case_ids, strict=True):
            new = planned.new
            code, code_year, code_number = planned.code
            try:
                safe_house = self._check_permissions(planned, case_id)
            except ApplicationError as error:
                raise RowFailed(planned, error) from error
            codes.append(code)
            persons.append(new.person)
            cases.append(
                {
                    **planned.case,
                    "person_id": person_id,
                    "code": code,
                    "code_year": code_year,
                    "code_number": code_number,
                    "version": planned.version,
                }
            )
            forms.extend({"case_id": case_id, "form": form} for form in new.exploitation)
            decisions.append({**new.decision, "case_id": case_id})
            decisions.extend({**decision, "case_id": case_id} for decision in planned.decisions)
            consents.extend({**consent, "case_id": case_id} for consent in new.consents)
            stays.extend(
                {
                    "case_id": case_id,
                    "safe_house": safe_house,
                    "start": start,
                    "end": end,
                    "recorded_by": self.actor,
                }
                for start, end in planned.stays
            )
            entries.append(self.entry(case_id, code, planned.row))
        self.persons.insert(persons, person_ids)
        self.cases.insert(cases, case_ids)
        self.forms.insert(forms)
        self.decisions.insert(decisions)
        self.consents.insert(consents)
        self.stays.insert(stays)
        self.entries.insert(entries)
        if codes:
            self.first_code = self.first_code or codes[0]
            self.last_code = codes[-1]
        if self.keep_codes:
            self.codes.extend(codes)

    def _check_permissions(self, planned: PlannedCase, case_id: int) -> Any:
        """Whether the actor may record the stays and decisions (`stay_record`'s and
        `case_decide`'s rules, on the new case) and the stays' safe house."""
        if self.actor is None or not (planned.stays or planned.decisions):
            return None  # the system may; a stay's safe house stays "not recorded"
        case = VictimCase(
            pk=case_id,
            organisation=planned.case["organisation"],
            created_by=self.actor,
            status=planned.case["status"],
        )
        safe_house = stay_safe_house(self.actor, case) if planned.stays else None
        if planned.decisions and not rules.can_decide(self.actor, case):
            raise PermissionDenied()
        return safe_house


class RowFailed(Exception):
    """A row could not be written after all (someone wrote meanwhile, or a permission)."""

    def __init__(self, planned: PlannedCase, error: ApplicationError) -> None:
        self.planned = planned
        self.error = error
        super().__init__(str(error))
