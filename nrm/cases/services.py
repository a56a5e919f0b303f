"""Every write to victim cases, decisions, consent, guardians, referrals, services and stays.

Each service checks permission first (nrm.cases.rules), validates, writes inside one audited
transaction and returns what it wrote. Bad values raise ValidationError naming the field.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from nrm.accounts.models import Organisation, User
from nrm.accounts.selectors import members_with_role
from nrm.cases import notifications, rules
from nrm.cases.models import (
    ADULT_AGE,
    CODE_PREFIX,
    TRANSITIONS,
    AccessGrant,
    CaseAssignment,
    CaseExploitation,
    CaseNote,
    CasePlan,
    CaseStatus,
    ClosureReason,
    Consent,
    ConsentGiver,
    ConsentKind,
    GrantStatus,
    Guardian,
    IdentificationDecision,
    Person,
    PlanGoal,
    PlannedService,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    ServiceType,
    ShelterStay,
    TraffickingScope,
    VictimCase,
    exploitation_forms_value,
)
from nrm.core.crypto import blind_index, normalise_for_matching
from nrm.core.dates import format_date, today
from nrm.core.errors import ErrorCollector, PermissionDenied, ValidationError
from nrm.core.models import Municipality
from nrm.core.roles import Role, require_role
from nrm.core.services import service, update_versioned, validated_save
from nrm.core.vocabularies import (
    AgeGroup,
    ExploitationForm,
    MeansOfControl,
    RecruitmentMethod,
    Sex,
)
from nrm.inbox.services import notify
from nrm.inbox.texts import names_in_every_language

T = TypeVar("T")

GENERATED_CODE = re.compile(r"^V-(?P<year>\d{4})-(?P<number>\d{4,})$")
GIVEN_CODE = re.compile(r"^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$")
CREATION_STATUSES = (CaseStatus.REPORTED, CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED)
MATCH_PURPOSE = "person"
MAX_AGE = 120
MAX_GRANT_DAYS = 90

PERSON_FIELDS = ("first_name", "last_name", "birth_date", "contact", "languages")
CASE_FIELDS = (
    "identified_on",
    "sex",
    "age",
    "citizenship",
    "municipality",
    "exploitation",
    "trafficking_scope",
    "means_of_control",
    "recruitment",
    "notes",
)

# The vocabularies as sets, built once: a check is one look-up (an enum's `values` builds its
# list anew on every call, which an import of a million rows would do millions of times).
SEXES = frozenset(Sex.values)
SCOPES = frozenset(TraffickingScope.values)
MEANS = frozenset(MeansOfControl.values)
RECRUITMENTS = frozenset(RecruitmentMethod.values)
FORMS = frozenset(ExploitationForm.values)
STATUSES = frozenset(CaseStatus.values)
CONSENT_GIVERS = frozenset(ConsentGiver.values)

# Plausibility (docs/methodology.md): what no record can be, whoever enters it.
EARLIEST_DATE = datetime.date(1900, 1, 1)
MAX_SERVICES_PER_RECORD = 1000  # services of one kind, on one day, for one victim


# Derived values ---------------------------------------------------------------------------


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years completed on `day`: on one's 18th birthday one is 18, an adult."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def age_group_for(age: int | None) -> str:
    if age is None:
        return AgeGroup.UNKNOWN
    return AgeGroup.MINOR if age < ADULT_AGE else AgeGroup.ADULT


def person_match_index(first_name: str, last_name: str, birth_date: datetime.date | None) -> str:
    """The blind index of a name and birth date; the name's words in any order match.

    Empty when either is missing: a name alone, or a birth date alone, identifies nobody.
    """
    words = sorted(normalise_for_matching(f"{first_name} {last_name}").split())
    if not words or birth_date is None:
        return ""
    return blind_index(" ".join(words), birth_date.isoformat(), purpose=MATCH_PURPOSE)


# Validation of values -----------------------------------------------------------------------


def _codes(values: Iterable[str], allowed: Collection[str], field: str) -> list[str]:
    codes = [str(v).strip() for v in values if str(v).strip()]
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError(
            fields={field: [_("unknown code: %(code)s") % {"code": c} for c in unknown]}
        )
    return sorted(set(codes))


def _choice(value: str, allowed: Collection[str], field: str) -> str:
    if value not in allowed:
        raise ValidationError(fields={field: [_("unknown code: %(code)s") % {"code": value}]})
    return value


@functools.cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes: a set, which `code in countries` rebuilds a view of in
    the reader's language on every call."""
    return frozenset(countries.countries)


def _citizenship(value: str) -> str:
    code = (value or "").strip().upper()
    if code and code not in country_codes():
        raise ValidationError(
            fields={
                "citizenship": [
                    _("%(code)s is not an ISO 3166-1 alpha-2 country code.") % {"code": code}
                ]
            }
        )
    return code


def _not_in_future(day: datetime.date | None, field: str, now: datetime.date | None = None) -> None:
    """A plausible date: not in the future, not before 1900 (a typing error such as 1024).
    `now`: today's date, when the caller has it already."""
    if day is not None and day > (now or today()):
        raise ValidationError(fields={field: [_("This date is in the future.")]})
    if day is not None and day < EARLIEST_DATE:
        raise ValidationError(fields={field: [_("This date is before 1900.")]})


def _age(
    birth_date: datetime.date | None, age: int | None, reference: datetime.date
) -> tuple[int | None, bool]:
    """The age at `reference` and whether it is estimated (given without a birth date)."""
    if birth_date is not None:
        if birth_date > reference:
            raise ValidationError(
                fields={"birth_date": [_("The birth date is after the date of identification.")]}
            )
        computed = age_on(birth_date, reference)
        if computed > MAX_AGE:
            raise ValidationError(fields={"birth_date": [_("This birth date is not plausible.")]})
        if age is not None and age != computed:
            raise ValidationError(
                fields={
                    "age": [
                        _("The age (%(age)s) does not match the birth date (%(computed)s years).")
                        % {"age": age, "computed": computed}
                    ]
                }
            )
        return computed, False
    if age is not None and not 0 <= age <= MAX_AGE:
        raise ValidationError(fields={"age": [_("An age must be between 0 and 120 years.")]})
    return age, age is not None


def _municipality(value: Municipality | str | None) -> Municipality | None:
    if value is None or value == "":
        return None
    if isinstance(value, Municipality):
        return value
    found = Municipality.objects.filter(code=value).first()
    if found is None:
        raise ValidationError(
            fields={"municipality": [_("unknown municipality: %(code)s") % {"code": value}]}
        )
    return found


# Case codes --------------------------------------------------------------------------------


def _parse_code(code: str) -> tuple[int | None, int | None]:
    match = GENERATED_CODE.match(code)
    if not match:
        return None, None
    return int(match["year"]), int(match["number"])


def next_case_code(year: int) -> str:
    """The next free V-YYYY-NNNN code of a year (the caller retries if another took it)."""
    highest = VictimCase.objects.filter(code_year=year).aggregate(n=Max("code_number"))["n"]
    return f"{CODE_PREFIX}-{year}-{(highest or 0) + 1:04d}"


def _validated_code(code: str) -> str:
    code = code.strip()
    if not GIVEN_CODE.match(code):
        raise ValidationError(
            fields={
                "code": [
                    _(
                        "A case code has 2 to 32 letters, digits (at least one) and the signs "
                        "- _ . (for example V-2024-0042)."
                    )
                ]
            }
        )
    if VictimCase.objects.filter(code__iexact=code).exists():
        raise ValidationError(
            fields={"code": [_("The code %(code)s is already used.") % {"code": code}]}
        )
    return code


def _insert_case(case: VictimCase) -> VictimCase:
    """Check the field values and insert a new case.

    The services validated every value already and the related records are the ones they
    loaded, so the per-field checks run without their look-ups (foreign keys, uniqueness,
    constraints, each a query per case); the database's constraints still guard all of them.
    """
    try:
        case.full_clean(
            exclude=["person", "organisation", "created_by", "municipality"],
            validate_unique=False,
            validate_constraints=False,
        )
    except DjangoValidationError as exc:
        raise ValidationError.from_django(exc) from exc
    case.save(force_insert=True)
    return case


# The namespace of PostgreSQL's advisory locks that allocate case codes (the year is the key).
CODE_LOCK = 2024_0001


def _wait_for_the_years_codes(year: int) -> None:
    """Until this transaction ends, allocate the year's codes alone. Writers on several servers
    otherwise compute the same next number again and again and retry each other's numbers
    until they give up; after the lock, MAX() + 1 is free unless a code was given by hand.
    SQLite runs one write transaction at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [CODE_LOCK, year])


def _save_with_code(case: VictimCase, given_code: str | None, year: int) -> VictimCase:
    """Save a new case under the given code or the next generated one.

    Generated codes are allocated one writer at a time per year; a code given by hand that
    someone took meanwhile is refused by the unique constraint (the generated one then takes
    the following number).
    """
    if given_code:
        case.code = _validated_code(given_code)
        case.code_year, case.code_number = _parse_code(case.code)
    else:
        _wait_for_the_years_codes(year)
    for _attempt in range(20):
        if not given_code:
            case.code = next_case_code(year)
            case.code_year, case.code_number = _parse_code(case.code)
        try:
            with transaction.atomic():
                return _insert_case(case)
        except IntegrityError:
            case.pk = None
            if not VictimCase.objects.filter(code=case.code).exists():
                raise
            if given_code:  # taken by someone else since it was checked
                raise ValidationError(
                    fields={"code": [_("The code %(code)s is already used.") % {"code": case.code}]}
                ) from None
    raise ValidationError(fields={"code": [_("No free case code was found; try again.")]})


class CaseCodes:
    """The codes of many new cases in a row, as `case_create` would give them one by one:
    the highest number of each year is read once, then counted on in memory (no MAX() per
    case). A given code of the form V-YYYY-NNNN moves its year's count on, as it does for the
    service; a given code equal to one generated earlier in the same run is refused.

    With `lock`, each year is first locked to the end of the transaction (PostgreSQL's
    advisory lock of `_wait_for_the_years_codes`), so that no other writer takes a number
    meanwhile; lock the years known in advance in one call, in order, so that two imports
    never wait for each other. Without it (a dry run) the codes are those the import would
    give if nobody wrote in between.
    """

    def __init__(self, *, lock: bool) -> None:
        self.lock = lock
        self.highest: dict[int, int] = {}
        self.ready: set[int] = set()  # years read (and locked) already
        # The numbers generated in this run, as runs of consecutive numbers [first, last].
        self.generated: dict[int, list[list[int]]] = {}

    def prepare(self, years: Iterable[int]) -> None:
        """Lock (if asked) and read the highest number of these years, in one query."""
        missing = sorted(set(years) - self.ready)
        if not missing:
            return
        if self.lock:
            for year in missing:
                _wait_for_the_years_codes(year)
        found = dict(
            VictimCase.objects.filter(code_year__in=missing)
            .values("code_year")
            .annotate(n=Max("code_number"))
            .values_list("code_year", "n")
        )
        for year in missing:
            self.highest[year] = max(self.highest.get(year, 0), found.get(year) or 0)
        self.ready.update(missing)

    def generate(self, year: int) -> tuple[str, int, int]:
        """The next generated code of the year: (code, year, number)."""
        self.prepare([year])
        number = self.highest[year] + 1
        self.highest[year] = number
        runs = self.generated.setdefault(year, [])
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
        return f"{CODE_PREFIX}-{year}-{number:04d}", year, number

    def give(self, code: str) -> tuple[str, int | None, int | None]:
        """A code given by hand: (code, year, number), the year and number set when it has
        the generated form. Raises ValidationError if this run generated it already. Like
        the service, it takes no lock: only generating does."""
        year, number = _parse_code(code)
        if self._generated_here(code.upper()):
            raise ValidationError(
                fields={"code": [_("The code %(code)s is already used.") % {"code": code}]}
            )
        if year is not None and number is not None:
            self.highest[year] = max(self.highest.get(year, 0), number)
        return code, year, number

    def _generated_here(self, code: str) -> bool:
        year, number = _parse_code(code)
        if year is None or number is None or code != f"{CODE_PREFIX}-{year}-{number:04d}":
            return False
        return any(first <= number <= last for first, last in self.generated.get(year, []))


# Cases --------------------------------------------------------------------------------------


def _check_create_permission(actor: User | None, organisation: Organisation | None) -> Organisation:
    require_role(actor, *rules.CASE_ROLES)
    if actor is None:
        if organisation is None:
            raise ValidationError(
                fields={"organisation": [_("Name the identifying organisation.")]}
            )
        return organisation
    own = actor.organisation
    if organisation is None or (own is not None and organisation.pk == own.pk):
        if own is None:
            raise PermissionDenied(_("Your account belongs to no organisation."))
        return own
    if Role.COORDINATOR not in actor.roles:
        raise PermissionDenied(_("You may record cases only for your own organisation."))
    return organisation


def _collect(errors: ErrorCollector, check: Callable[..., T], *args: Any) -> T | None:
    """`check(*args)`, its ValidationError collected in `errors` (then None)."""
    try:
        return check(*args)
    except ValidationError as error:
        with errors.check():
            raise error from None
        return None


def _identification_date(
    status: str, identified_on: datetime.date | None, now: datetime.date
) -> None:
    """Every case but a report has a date of identification; a report has none yet."""
    if status != CaseStatus.REPORTED and identified_on is None:
        raise ValidationError(fields={"identified_on": [_("Give the date of identification.")]})
    if status == CaseStatus.REPORTED and identified_on is not None:
        raise ValidationError(
            fields={"identified_on": [_("A reported case is not identified yet: leave it empty.")]}
        )
    _not_in_future(identified_on, "identified_on", now)


@dataclass
class NewCase:
    """A new case as `case_create` records it, checked and complete but not saved: the values
    of the person, the case, its forms of exploitation, its first decision and its consents.
    The victim-register import writes many of these at once (nrm.cases.import_writer)."""

    person: dict[str, Any]
    case: dict[str, Any]
    code: str | None
    code_year: int
    exploitation: list[str]
    decision: dict[str, Any]
    consents: list[dict[str, Any]] = field(default_factory=list)


def case_values(
    *,
    actor: User | None,
    identified_on: datetime.date | None = None,
    status: str = CaseStatus.POTENTIAL,
    organisation: Organisation | None = None,
    sex: str = Sex.UNKNOWN,
    birth_date: datetime.date | None = None,
    age: int | None = None,
    citizenship: str = "",
    municipality: Municipality | str | None = None,
    exploitation: Iterable[str] = (),
    trafficking_scope: str = TraffickingScope.UNKNOWN,
    means_of_control: Iterable[str] = (),
    recruitment: Iterable[str] = (),
    first_name: str = "",
    last_name: str = "",
    contact: str = "",
    languages: Iterable[str] = (),
    notes: str = "",
    code: str | None = None,
    reported_on: datetime.date | None = None,
    authority: Organisation | None = None,
    reason: str = "",
    consent_data_processing: bool | None = None,
    consent_referral: bool | None = None,
    consent_given_by: str = ConsentGiver.PERSON,
    now: datetime.date | None = None,
) -> NewCase:
    """Check permission and every value of a new case (all problems at once, as one
    ValidationError) and derive the rest: the age group, the code's year, the first decision.

    Writes nothing and queries nothing but a municipality given by its code; whether a given
    code is still free is the writer's to check. `now`: today, when the caller knows it
    already (an import checks thousands of rows).
    """
    organisation = _check_create_permission(actor, organisation)
    errors = ErrorCollector()  # every problem of the values at once
    now = now or today()
    _collect(errors, _choice, status, CREATION_STATUSES, "status")
    _collect(errors, _identification_date, status, identified_on, now)
    _collect(errors, _not_in_future, reported_on, "reported_on", now)
    _collect(errors, _not_in_future, birth_date, "birth_date", now)
    reference = identified_on or reported_on or now
    age_value, estimated = _collect(errors, _age, birth_date, age, reference) or (None, False)
    values: dict[str, Any] = {
        "sex": _collect(errors, _choice, sex, SEXES, "sex"),
        "citizenship": _collect(errors, _citizenship, citizenship),
        "municipality": _collect(errors, _municipality, municipality),
        "trafficking_scope": _collect(
            errors, _choice, trafficking_scope, SCOPES, "trafficking_scope"
        ),
        "means_of_control": _collect(errors, _codes, means_of_control, MEANS, "means_of_control"),
        "recruitment": _collect(errors, _codes, recruitment, RECRUITMENTS, "recruitment"),
        "exploitation": _collect(errors, _codes, exploitation, FORMS, "exploitation"),
    }
    consents = [
        (kind, given)
        for kind, given in (
            (ConsentKind.DATA_PROCESSING, consent_data_processing),
            (ConsentKind.REFERRAL, consent_referral),
        )
        if given is not None
    ]
    if consents:
        _collect(errors, _choice, consent_given_by, CONSENT_GIVERS, "consent_given_by")
    errors.raise_if_any()
    first_name, last_name = first_name.strip(), last_name.strip()
    return NewCase(
        person={
            "first_name": first_name,
            "last_name": last_name,
            "birth_date": birth_date,
            "contact": contact.strip(),
            "languages": [str(language).strip() for language in languages if str(language).strip()],
            "match_index": person_match_index(first_name, last_name, birth_date),
        },
        case={
            "status": status,
            "identified_on": identified_on,
            "confirmed_on": identified_on if status == CaseStatus.IDENTIFIED else None,
            "organisation": organisation,
            "created_by": actor,
            "sex": values["sex"],
            "age_at_identification": age_value,
            "age_estimated": estimated,
            "age_group": age_group_for(age_value),
            "citizenship": values["citizenship"],
            "municipality": values["municipality"],
            "trafficking_scope": values["trafficking_scope"],
            "means_of_control": values["means_of_control"],
            "recruitment": values["recruitment"],
            "notes": notes.strip(),
            "exploitation_forms": exploitation_forms_value(values["exploitation"] or []),
        },
        code=code,
        code_year=reference.year,
        exploitation=values["exploitation"],
        decision={
            "from_status": "",
            "to_status": status,
            "decided_on": reference,
            "authority": authority or organisation,
            "decided_by": actor,
            "reason": reason.strip(),
        },
        consents=[
            {
                "kind": kind,
                "given": given,
                "given_by": consent_given_by,
                "recorded_on": reference,
                "recorded_by": actor,
            }
            for kind, given in consents
        ],
    )


@service
def case_create(*, actor: User | None, **values: Any) -> VictimCase:
    """Record a reported, potential or identified victim; returns the case with its code.

    Takes `case_values`' arguments. The code is V-YYYY-NNNN (the year of identification)
    unless `code` is given. The first status is recorded as the case's first identification
    decision, dated `identified_on` (or, for a report, `reported_on`, by default today).
    """
    new = case_values(actor=actor, **values)
    person = Person(**new.person)
    validated_save(person)
    case = VictimCase(person=person, **new.case)
    _save_with_code(case, new.code, new.code_year)
    for form in new.exploitation:
        CaseExploitation.objects.create(case=case, form=form)
    IdentificationDecision.objects.create(case=case, **new.decision)
    for consent in new.consents:
        Consent.objects.create(case=case, **consent)
    return case


def _set_exploitation(case: VictimCase, forms: list[str]) -> None:
    """The case's CaseExploitation rows as `forms` (its `exploitation_forms` is saved with it)."""
    current = {e.form: e for e in CaseExploitation.objects.filter(case=case)}
    for form, row in current.items():
        if form not in forms:
            row.delete()
    for form in forms:
        if form not in current:
            CaseExploitation.objects.create(case=case, form=form)


@service
def case_update(
    *, actor: User | None, case: VictimCase, expected_version: int, **changes: Any
) -> VictimCase:
    """Change a case's recorded values, unless someone changed it since `expected_version`.

    Identifying values (names, birth date, contacts, languages) may be changed only by those
    who may see them. The status changes through `case_decide`, never here.
    """
    if not rules.can_edit_case(actor, case):
        raise PermissionDenied()
    unknown = set(changes) - set(PERSON_FIELDS) - set(CASE_FIELDS)
    if unknown:
        raise ValidationError(fields={name: [_("unknown field")] for name in sorted(unknown)})
    person_changes = {k: v for k, v in changes.items() if k in PERSON_FIELDS}
    if person_changes and not rules.can_see_identity(actor, case):
        raise PermissionDenied(_("You may not change the identifying data of this case."))
    person = case.person
    values: dict[str, Any] = {}
    if "identified_on" in changes:
        if changes["identified_on"] is None and case.status != CaseStatus.REPORTED:
            raise ValidationError(fields={"identified_on": [_("Give the date of identification.")]})
        _not_in_future(changes["identified_on"], "identified_on")
        values["identified_on"] = changes["identified_on"]
    for name, vocabulary in (("sex", Sex.values), ("trafficking_scope", TraffickingScope.values)):
        if name in changes:
            values[name] = _choice(changes[name], vocabulary, name)
    if "citizenship" in changes:
        values["citizenship"] = _citizenship(changes["citizenship"])
    if "municipality" in changes:
        values["municipality"] = _municipality(changes["municipality"])
    if "means_of_control" in changes:
        values["means_of_control"] = _codes(
            changes["means_of_control"], MeansOfControl.values, "means_of_control"
        )
    if "recruitment" in changes:
        values["recruitment"] = _codes(
            changes["recruitment"], RecruitmentMethod.values, "recruitment"
        )
    if "notes" in changes:
        values["notes"] = (changes["notes"] or "").strip()
    birth_date = person_changes.get("birth_date", person.birth_date)
    if {"birth_date", "age", "identified_on"} & set(changes):
        reference = values.get("identified_on", case.identified_on) or today()
        given_age = changes.get("age")
        if "age" not in changes and birth_date is None:
            given_age = case.age_at_identification if case.age_estimated else None
        age_value, estimated = _age(birth_date, given_age, reference)
        values.update(
            age_at_identification=age_value,
            age_estimated=estimated,
            age_group=age_group_for(age_value),
        )
    forms = None
    if "exploitation" in changes:
        forms = _codes(changes["exploitation"], ExploitationForm.values, "exploitation")
        values["exploitation_forms"] = exploitation_forms_value(forms)
    update_versioned(case, expected_version=expected_version, changes=values)
    if person_changes:
        _update_person(person, person_changes)
    if forms is not None:
        _set_exploitation(case, forms)
    return case


def _update_person(person: Person, changes: Mapping[str, Any]) -> None:
    for name, value in changes.items():
        if name == "languages":
            value = [str(v).strip() for v in (value or []) if str(v).strip()]
        elif isinstance(value, str):
            value = value.strip()
        setattr(person, name, value)
    person.match_index = person_match_index(person.first_name, person.last_name, person.birth_date)
    validated_save(person)


@service
def case_decide(
    *,
    actor: User | None,
    case: VictimCase,
    to_status: str,
    decided_on: datetime.date,
    reason: str,
    authority: Organisation | None = None,
    expected_version: int | None = None,
    closure_reason: str = "",
) -> IdentificationDecision:
    """Move a case along the identification workflow, recording who, when, which authority
    and why (reported -> potential victim -> identified victim -> closed, or not a victim).

    Closing names a reason (`ClosureReason`); only the system (an import of past records
    that does not say why) may close without one. Reopening clears it.
    """
    if not rules.can_decide(actor, case):
        raise PermissionDenied()
    last = case.decisions.order_by("-decided_on").values_list("decided_on", flat=True).first()
    changes, decision = decision_change(
        actor=actor,
        status=case.status,
        identified_on=case.identified_on,
        confirmed_on=case.confirmed_on,
        birth_date=lambda: case.person.birth_date,
        last_decided_on=last,
        to_status=to_status,
        decided_on=decided_on,
        reason=reason,
        authority=authority,
        closure_reason=closure_reason,
    )
    version = case.version if expected_version is None else expected_version
    update_versioned(case, expected_version=version, changes=changes)
    return IdentificationDecision.objects.create(case=case, **decision)


def decision_change(
    *,
    actor: User | None,
    status: str,
    identified_on: datetime.date | None,
    confirmed_on: datetime.date | None,
    birth_date: Callable[[], datetime.date | None],
    last_decided_on: datetime.date | None,
    to_status: str,
    decided_on: datetime.date,
    reason: str,
    authority: Organisation | None,
    closure_reason: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check a decision on a case that is in `status` (the workflow, the reason, the date after
    the last decision) and return the case's changes and the decision's values: the rules of
    `case_decide`, for a saved case or one an import is writing. Writes nothing."""
    _choice(to_status, STATUSES, "to_status")
    if to_status == CaseStatus.CLOSED:
        if closure_reason or actor is not None:
            _closure_reason(closure_reason)
    else:
        closure_reason = ""
    allowed = TRANSITIONS[status]
    if status == CaseStatus.CLOSED and confirmed_on is not None:
        allowed = (CaseStatus.IDENTIFIED,)  # reopening a case of an identified victim
    if to_status not in allowed:
        raise ValidationError(
            fields={
                "to_status": [
                    _("A case that is “%(current)s” cannot become “%(new)s”.")
                    % {
                        "current": CaseStatus(status).label,
                        "new": CaseStatus(to_status).label,
                    }
                ]
            }
        )
    if not reason.strip():
        raise ValidationError(fields={"reason": [_("Say why the decision was taken.")]})
    _not_in_future(decided_on, "decided_on")
    if last_decided_on is not None and decided_on < last_decided_on:
        raise ValidationError(
            fields={
                "decided_on": [
                    _("The decision cannot precede the previous one (%(date)s).")
                    % {"date": format_date(last_decided_on)}
                ]
            }
        )
    if authority is None:
        authority = getattr(actor, "organisation", None)
        if authority is None:
            raise ValidationError(fields={"authority": [_("Name the deciding authority.")]})
    changes: dict[str, Any] = {"status": to_status, "closure_reason": closure_reason}
    if identified_on is None and to_status in (CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED):
        changes["identified_on"] = decided_on
        born = birth_date()
        if born is not None:  # the age counts on the date of identification
            age_value = _age(born, None, decided_on)[0]
            changes.update(age_at_identification=age_value, age_group=age_group_for(age_value))
    if to_status == CaseStatus.IDENTIFIED and confirmed_on is None:
        changes["confirmed_on"] = decided_on
    decision = {
        "from_status": status,
        "to_status": to_status,
        "decided_on": decided_on,
        "authority": authority,
        "decided_by": actor,
        "reason": reason.strip(),
        "closure_reason": closure_reason,
    }
    return changes, decision


def _closure_reason(value: str) -> str:
    if value not in ClosureReason.values:
        raise ValidationError(fields={"closure_reason": [_("Choose why the case is closed.")]})
    return value


@service
def case_close(
    *,
    actor: User | None,
    case: VictimCase,
    closure_reason: str,
    closed_on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> IdentificationDecision:
    """Close a case for a reason (recovered, returned, transferred, contact lost, ...)."""
    _closure_reason(closure_reason)
    return case_decide(
        actor=actor,
        case=case,
        to_status=CaseStatus.CLOSED,
        decided_on=closed_on or today(),
        reason=note.strip() or str(ClosureReason(closure_reason).label),
        expected_version=expected_version,
        closure_reason=closure_reason,
    )


@service
def case_reopen(
    *,
    actor: User | None,
    case: VictimCase,
    reason: str,
    reopened_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> IdentificationDecision:
    """Reopen a closed case: an identified victim stays identified, otherwise a potential one."""
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(fields={"status": [_("Only a closed case can be reopened.")]})
    return case_decide(
        actor=actor,
        case=case,
        to_status=CaseStatus.IDENTIFIED if case.confirmed_on else CaseStatus.POTENTIAL,
        decided_on=reopened_on or today(),
        reason=reason,
        expected_version=expected_version,
    )


# Consent and guardians ----------------------------------------------------------------------


@service
def consent_record(
    *,
    actor: User | None,
    case: VictimCase,
    kind: str,
    given: bool,
    recorded_on: datetime.date,
    given_by: str = ConsentGiver.PERSON,
    note: str = "",
) -> Consent:
    """Record that consent was given, refused or withdrawn; the latest record is in force."""
    if not rules.can_edit_case(actor, case):
        raise PermissionDenied()
    _choice(kind, ConsentKind.values, "kind")
    _choice(given_by, ConsentGiver.values, "given_by")
    _not_in_future(recorded_on, "recorded_on")
    if given_by == ConsentGiver.GUARDIAN and not case.guardians.filter(ended_on__isnull=True):
        raise ValidationError(fields={"given_by": [_("Record the guardian before their consent.")]})
    return validated_save(
        Consent(
            case=case,
            kind=kind,
            given=given,
            given_by=given_by,
            recorded_on=recorded_on,
            recorded_by=actor,
            note=note.strip(),
        )
    )


def consent_in_force(case: VictimCase, kind: str) -> Consent | None:
    """The latest consent record of a kind, if it gives consent (None: refused or never asked)."""
    latest = (
        Consent.objects.filter(case=case, kind=kind).order_by("-recorded_on", "-created_at", "-pk")
    ).first()
    return latest if latest is not None and latest.given else None


@service
def guardian_appoint(
    *,
    actor: User | None,
    case: VictimCase,
    name: str,
    appointed_on: datetime.date,
    relationship: str = "",
    organisation: Organisation | None = None,
    contact: str = "",
) -> Guardian:
    """Record a minor's guardian. Guardians are identifying data: only holders record them."""
    if not rules.can_see_identity(actor, case) or not rules.can_edit_case(actor, case):
        raise PermissionDenied()
    if not name.strip():
        raise ValidationError(fields={"name": [_("Give the guardian's name.")]})
    _not_in_future(appointed_on, "appointed_on")
    return validated_save(
        Guardian(
            case=case,
            name=name.strip(),
            appointed_on=appointed_on,
            relationship=relationship.strip(),
            organisation=organisation,
            contact=contact.strip(),
        )
    )


@service
def guardian_end(*, actor: User | None, guardian: Guardian, ended_on: datetime.date) -> Guardian:
    if not rules.can_see_identity(actor, guardian.case) or not rules.can_edit_case(
        actor, guardian.case
    ):
        raise PermissionDenied()
    _not_in_future(ended_on, "ended_on")
    guardian.ended_on = ended_on
    return validated_save(guardian)


# Referrals ----------------------------------------------------------------------------------


def _sending_organisation(actor: User | None, organisation: Organisation | None) -> Organisation:
    if actor is None:
        if organisation is None:
            raise ValidationError(fields={"from_organisation": [_("Name who refers.")]})
        return organisation
    if actor.organisation is None:
        raise PermissionDenied(_("Your account belongs to no organisation."))
    return actor.organisation


@service
def referral_create(
    *,
    actor: User | None,
    case: VictimCase,
    to_organisation: Organisation,
    service_type: str,
    referred_on: datetime.date | None = None,
    note: str = "",
    override_reason: str = "",
    from_organisation: Organisation | None = None,
    urgent: bool = False,
) -> Referral:
    """Refer a case to another organisation for a service.

    The person's consent to referral must be in force, unless an authorised user (a
    coordinator, or a field identifier of law enforcement) gives a reason to refer without it.
    The receiving organisation's case workers (and field identifiers) are notified; an urgent
    referral must be answered within hours (nrm.cases.rules.referral_response_due).
    """
    if not rules.can_refer(actor, case):
        raise PermissionDenied()
    sender = _sending_organisation(actor, from_organisation)
    _choice(service_type, ServiceType.values, "service_type")
    if to_organisation.pk == sender.pk:
        raise ValidationError(
            fields={"to_organisation": [_("Refer to another organisation than your own.")]}
        )
    if not to_organisation.is_active:
        raise ValidationError(fields={"to_organisation": [_("This organisation is inactive.")]})
    if case.status in (CaseStatus.CLOSED, CaseStatus.NOT_VICTIM):
        raise ValidationError(
            fields={
                "case": [
                    _("A closed case, or one of a person who is not a victim, is not referred.")
                ]
            }
        )
    referred_on = referred_on or today()
    _not_in_future(referred_on, "referred_on")
    if case.identified_on is not None and referred_on < case.identified_on:
        raise ValidationError(
            fields={"referred_on": [_("A referral cannot precede the date of identification.")]}
        )
    consent = consent_in_force(case, ConsentKind.REFERRAL)
    override_reason = override_reason.strip()
    if consent is None:
        if not override_reason:
            raise ValidationError(
                fields={
                    "override_reason": [
                        _(
                            "The person has not consented to referral: record their consent, "
                            "or give the reason for referring without it."
                        )
                    ]
                }
            )
        if not rules.can_override_consent(actor):
            raise PermissionDenied(
                _("Only a coordinator or law enforcement may refer without consent.")
            )
    elif override_reason:
        override_reason = ""  # consent is in force: nothing is overridden
    duplicate = Referral.objects.filter(
        case=case,
        to_organisation=to_organisation,
        service_type=service_type,
        status__in=(ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
    )
    if duplicate.exists():
        raise ValidationError(
            fields={
                "to_organisation": [
                    _(
                        "This organisation already has an open referral of this case for this "
                        "service."
                    )
                ]
            }
        )
    referral = validated_save(
        Referral(
            case=case,
            from_organisation=sender,
            to_organisation=to_organisation,
            service_type=service_type,
            referred_on=referred_on,
            referred_by=actor,
            consent=consent,
            consent_overridden=consent is None,
            consent_override_reason=override_reason,
            note=note.strip(),
            urgent=bool(urgent),
        )
    )
    notify(
        actor=actor,
        kind=notifications.URGENT_REFERRAL_RECEIVED
        if referral.urgent
        else notifications.REFERRAL_RECEIVED,
        recipients=members_with_role(
            organisation_id=to_organisation.pk, roles=notifications.ANSWERING_ROLES
        ),
        url=reverse("cases:referral", args=[referral.pk]),
        params={"code": case.code, "sender_name": names_in_every_language(sender)},
    )
    return referral


def referral_senders(referral: Referral) -> list[User]:
    """Who hears the answer: the person who referred, else the referring organisation."""
    if referral.referred_by is not None and referral.referred_by.is_active:
        return [referral.referred_by]
    return list(
        members_with_role(
            organisation_id=referral.from_organisation_id, roles=notifications.REFERRING_ROLES
        )
    )


def _notify_answer(actor: User | None, referral: Referral, kind: str) -> None:
    notify(
        actor=actor,
        kind=kind,
        recipients=referral_senders(referral),
        url=reverse("cases:referral", args=[referral.pk]),
        params={
            "code": referral.case.code,
            "receiver_name": names_in_every_language(referral.to_organisation),
        },
    )


def _answer(
    actor: User | None,
    referral: Referral,
    *,
    expected: tuple[str, ...],
    expected_version: int | None,
    changes: dict[str, Any],
) -> Referral:
    if referral.status not in expected:
        raise ValidationError(
            fields={
                "status": [
                    _("This referral is “%(status)s” and cannot be answered so.")
                    % {"status": ReferralStatus(referral.status).label}
                ]
            }
        )
    version = referral.version if expected_version is None else expected_version
    return update_versioned(referral, expected_version=version, changes=changes)


@service
def referral_accept(
    *,
    actor: User | None,
    referral: Referral,
    note: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
    with_first_contact_task: bool = True,
) -> Referral:
    """The receiving organisation takes the referral on: the sender is told, and a task
    "first contact within 48 hours" is added for the organisation (unless recorded later,
    e.g. by an import of past referrals: `with_first_contact_task=False`)."""
    if not rules.can_answer_referral(actor, referral):
        raise PermissionDenied()
    on = on or today()
    _not_in_future(on, "on")
    referral = _answer(
        actor,
        referral,
        expected=(ReferralStatus.PENDING,),
        expected_version=expected_version,
        changes={
            "status": ReferralStatus.ACCEPTED,
            "responded_on": on,
            "responded_by": actor,
            "response_reason": note.strip(),
        },
    )
    _notify_answer(actor, referral, notifications.REFERRAL_ACCEPTED)
    if with_first_contact_task:
        from nrm.tasks.services import first_contact_task  # tasks build on cases

        first_contact_task(actor=actor, referral=referral)
    return referral


@service
def referral_decline(
    *,
    actor: User | None,
    referral: Referral,
    reason: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Referral:
    if not rules.can_answer_referral(actor, referral):
        raise PermissionDenied()
    if not reason.strip():
        raise ValidationError(fields={"reason": [_("Say why the referral is declined.")]})
    on = on or today()
    _not_in_future(on, "on")
    referral = _answer(
        actor,
        referral,
        expected=(ReferralStatus.PENDING,),
        expected_version=expected_version,
        changes={
            "status": ReferralStatus.DECLINED,
            "responded_on": on,
            "responded_by": actor,
            "response_reason": reason.strip(),
        },
    )
    _notify_answer(actor, referral, notifications.REFERRAL_DECLINED)
    return referral


@service
def referral_complete(
    *,
    actor: User | None,
    referral: Referral,
    completed_on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Referral:
    if not rules.can_answer_referral(actor, referral):
        raise PermissionDenied()
    completed_on = completed_on or today()
    _not_in_future(completed_on, "completed_on")
    if referral.responded_on and completed_on < referral.responded_on:
        raise ValidationError(
            fields={"completed_on": [_("The referral was accepted after this date.")]}
        )
    return _answer(
        actor,
        referral,
        expected=(ReferralStatus.ACCEPTED,),
        expected_version=expected_version,
        changes={
            "status": ReferralStatus.COMPLETED,
            "completed_on": completed_on,
            "completion_note": note.strip(),
        },
    )


@service
def referral_withdraw(
    *,
    actor: User | None,
    referral: Referral,
    reason: str,
    expected_version: int | None = None,
) -> Referral:
    """The referring organisation takes back a referral not yet answered."""
    if actor is not None and (
        not rules.can_refer(actor, referral.case)
        or referral.from_organisation_id != actor.organisation_id
    ):
        raise PermissionDenied()
    if not reason.strip():
        raise ValidationError(fields={"reason": [_("Say why the referral is withdrawn.")]})
    return _answer(
        actor,
        referral,
        expected=(ReferralStatus.PENDING,),
        expected_version=expected_version,
        changes={"status": ReferralStatus.WITHDRAWN, "response_reason": reason.strip()},
    )


# Services and shelter stays -----------------------------------------------------------------


def _support_organisation(
    actor: User | None, organisation: Organisation | None, field: str
) -> Organisation:
    if actor is None:
        if organisation is None:
            raise ValidationError(fields={field: [_("Name the organisation.")]})
        return organisation
    if actor.organisation is None or (
        organisation is not None and organisation.pk != actor.organisation_id
    ):
        raise PermissionDenied(_("You record only what your own organisation provides."))
    return actor.organisation


def stay_safe_house(actor: User | None, case: VictimCase) -> Organisation | None:
    """`stay_record`'s rule for a stay whose safe house is not given (an import's): whether
    `actor` may record it, and in which safe house (the system: not recorded; a user: their
    own organisation)."""
    if not rules.can_record_support(actor, case):
        raise PermissionDenied()
    return None if actor is None else _support_organisation(actor, None, "safe_house")


def _matching_referral(
    case: VictimCase, organisation: Organisation | None, referral: Referral | None
) -> Referral | None:
    if referral is None:
        return None
    if (
        organisation is None
        or referral.case_id != case.pk
        or referral.to_organisation_id != organisation.pk
    ):
        raise ValidationError(
            fields={"referral": [_("This referral is not one of this case to your organisation.")]}
        )
    return referral


@service
def service_record(
    *,
    actor: User | None,
    case: VictimCase,
    service_type: str,
    delivered_on: datetime.date,
    count: int = 1,
    provider: Organisation | None = None,
    referral: Referral | None = None,
    note: str = "",
) -> ServiceDelivery:
    """Record services delivered to a victim (e.g. 3 legal services on one date)."""
    if not rules.can_record_support(actor, case):
        raise PermissionDenied()
    provider = _support_organisation(actor, provider, "provider")
    _choice(service_type, ServiceType.values, "service_type")
    _not_in_future(delivered_on, "delivered_on")
    if count is None or int(count) < 1:
        raise ValidationError(fields={"count": [_("The number of services is at least 1.")]})
    if int(count) > MAX_SERVICES_PER_RECORD:
        raise ValidationError(
            fields={
                "count": [
                    _("At most %(max)s services of one kind can be recorded for one day.")
                    % {"max": MAX_SERVICES_PER_RECORD}
                ]
            }
        )
    return validated_save(
        ServiceDelivery(
            case=case,
            service_type=service_type,
            provider=provider,
            delivered_on=delivered_on,
            count=int(count),
            referral=_matching_referral(case, provider, referral),
            recorded_by=actor,
            note=note.strip(),
        )
    )


def _overlapping_stay(case: VictimCase, start: datetime.date, end: datetime.date | None) -> bool:
    stays = ShelterStay.objects.filter(case=case).filter(Q(end__isnull=True) | Q(end__gte=start))
    if end is not None:
        stays = stays.filter(start__lte=end)
    return stays.exists()


def stays_overlap(
    stays: Iterable[tuple[datetime.date, datetime.date | None]],
    start: datetime.date,
    end: datetime.date | None,
) -> bool:
    """`_overlapping_stay`'s rule for stays not saved yet (those of one imported row)."""
    return any(
        (other_end is None or other_end >= start) and (end is None or other_start <= end)
        for other_start, other_end in stays
    )


def check_stay(
    start: datetime.date,
    end: datetime.date | None,
    *,
    overlaps: Callable[[], bool],
    now: datetime.date | None = None,
) -> None:
    """A stay's dates: not in the future, the end after the start, no overlap."""
    _not_in_future(start, "start", now)
    _not_in_future(end, "end", now)
    if end is not None and end < start:
        raise ValidationError(fields={"end": [_("A stay cannot end before it starts.")]})
    if overlaps():
        raise ValidationError(
            fields={"start": [_("This stay overlaps another stay of the same person.")]}
        )


@service
def stay_record(
    *,
    actor: User | None,
    case: VictimCase,
    start: datetime.date,
    end: datetime.date | None = None,
    safe_house: Organisation | None = None,
    referral: Referral | None = None,
) -> ShelterStay:
    """Record a stay in a safe house (open-ended until its end is recorded). Users record
    stays in their own safe house; the system (an import) may leave the safe house unknown."""
    if not rules.can_record_support(actor, case):
        raise PermissionDenied()
    if actor is not None or safe_house is not None:
        # Imported registers may not say which safe house: only the system records that.
        safe_house = _support_organisation(actor, safe_house, "safe_house")
    check_stay(start, end, overlaps=lambda: _overlapping_stay(case, start, end))
    return validated_save(
        ShelterStay(
            case=case,
            safe_house=safe_house,
            start=start,
            end=end,
            referral=_matching_referral(case, safe_house, referral),
            recorded_by=actor,
        )
    )


@service
def stay_end(*, actor: User | None, stay: ShelterStay, end: datetime.date) -> ShelterStay:
    if not rules.can_end_stay(actor, stay):
        raise PermissionDenied()
    _not_in_future(end, "end")
    if end < stay.start:
        raise ValidationError(fields={"end": [_("A stay cannot end before it starts.")]})
    stay.end = end
    return validated_save(stay)


# Access grants ------------------------------------------------------------------------------


@service
def access_grant_request(*, actor: User, case: VictimCase, reason: str) -> AccessGrant:
    """A coordinator asks to see who the person of a case is, saying why."""
    require_role(actor, Role.COORDINATOR)
    if actor is None:
        raise PermissionDenied()
    if not reason.strip():
        raise ValidationError(fields={"reason": [_("Say why you need the identifying data.")]})
    if AccessGrant.objects.filter(case=case, grantee=actor, status=GrantStatus.REQUESTED).exists():
        raise ValidationError(
            fields={"reason": [_("You have already asked; wait for the answer.")]}
        )
    grant = validated_save(AccessGrant(case=case, grantee=actor, reason=reason.strip()))
    # Those who decide (nrm.cases.rules.can_decide_grant): the identifying organisation's
    # case workers, and the field identifier who recorded the case.
    holders = list(
        members_with_role(organisation_id=case.organisation_id, roles=(Role.CASE_WORKER,))
    )
    if case.created_by is not None and rules.can_decide_grant(case.created_by, case):
        holders.append(case.created_by)
    notify(
        actor=actor,
        kind=notifications.ACCESS_REQUESTED,
        recipients=holders,
        url=reverse("cases:detail", args=[case.code]),
        params={"code": case.code},
    )
    return grant


@service
def access_grant_decide(
    *,
    actor: User | None,
    grant: AccessGrant,
    approve: bool,
    days: int | None = None,
) -> AccessGrant:
    """Those who hold the case grant (for a limited time) or refuse a coordinator's request."""
    if not rules.can_decide_grant(actor, grant.case):
        raise PermissionDenied()
    if grant.status != GrantStatus.REQUESTED:
        raise ValidationError(fields={"status": [_("This request has already been answered.")]})
    days = days if days is not None else settings.NRM_ACCESS_GRANT_DAYS
    if approve and not 1 <= days <= MAX_GRANT_DAYS:
        raise ValidationError(
            fields={"days": [_("A grant lasts from 1 to %(max)s days.") % {"max": MAX_GRANT_DAYS}]}
        )
    grant.status = GrantStatus.GRANTED if approve else GrantStatus.REFUSED
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.expires_on = today() + datetime.timedelta(days=days) if approve else None
    validated_save(grant)
    notify(
        actor=actor,
        kind=notifications.ACCESS_DECIDED,
        recipients=[grant.grantee],
        url=reverse("cases:detail", args=[grant.case.code]),
        params={
            "code": grant.case.code,
            "holder_name": names_in_every_language(grant.case.organisation),
        },
    )
    return grant


@service
def access_grant_revoke(*, actor: User | None, grant: AccessGrant) -> AccessGrant:
    """The holder of the case, or the coordinator who no longer needs it, ends a grant."""
    if (
        actor is not None
        and grant.grantee_id != actor.pk
        and not rules.can_decide_grant(actor, grant.case)
    ):
        raise PermissionDenied()
    if grant.status != GrantStatus.GRANTED:
        raise ValidationError(fields={"status": [_("Only a grant in force can be revoked.")]})
    grant.status = GrantStatus.REVOKED
    grant.expires_on = min(grant.expires_on or today(), today())
    return validated_save(grant)


# Assignment ---------------------------------------------------------------------------------


@service
def case_assign(*, actor: User | None, case: VictimCase, worker: User) -> CaseAssignment:
    """Make `worker` responsible for the case in their organisation (replacing whoever was).

    People name the responsible worker of their own organisation; the worker must work on
    the case and is told (unless they assigned themselves).
    """
    if not rules.can_assign(actor, case):
        raise PermissionDenied()
    if actor is not None and worker.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("You name the responsible worker of your own organisation."))
    if worker.organisation_id is None or not rules.can_be_assigned(worker, case):
        raise ValidationError(
            fields={"worker": [_("Choose a case worker of your organisation who works on it.")]}
        )
    assignment = CaseAssignment.objects.filter(
        case=case, organisation_id=worker.organisation_id
    ).first()
    if assignment is not None and assignment.worker_id == worker.pk:
        return assignment
    if assignment is None:
        assignment = CaseAssignment(case=case, organisation_id=worker.organisation_id)
    assignment.worker = worker
    assignment.assigned_by = actor
    validated_save(assignment)
    notify(
        actor=actor,
        kind=notifications.CASE_ASSIGNED,
        recipients=[worker],
        url=reverse("cases:detail", args=[case.code]),
        params={"code": case.code},
    )
    return assignment


@service
def case_unassign(*, actor: User | None, assignment: CaseAssignment) -> None:
    """Leave one's organisation without a named responsible worker for the case."""
    if not rules.can_assign(actor, assignment.case) or (
        actor is not None and assignment.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied()
    assignment.delete()


# The assistance plan ------------------------------------------------------------------------


def _plan_review_task(actor: User | None, plan: CasePlan) -> None:
    """A review date (new or moved) becomes a task of the plan's organisation, given to its
    responsible worker; an earlier open review task is cancelled."""
    from nrm.tasks.models import Task, TaskOrigin, TaskStatus  # tasks build on cases
    from nrm.tasks.services import task_cancel, task_create

    owner_id: int = (
        actor.organisation_id
        if actor is not None and actor.organisation_id
        else plan.organisation_id
    )
    earlier = Task.objects.filter(
        case=plan.case,
        organisation_id=owner_id,
        origin=TaskOrigin.PLAN_REVIEW,
        status=TaskStatus.OPEN,
    )
    for task in earlier:
        task_cancel(actor=actor, task=task)
    if plan.review_on is None:
        return
    responsible = (
        CaseAssignment.objects.filter(case=plan.case, organisation_id=owner_id)
        .select_related("worker")
        .first()
    )
    task_create(
        actor=actor,
        case=plan.case,
        title="",
        due_on=plan.review_on,
        assignee=responsible.worker if responsible is not None else None,
        organisation=plan.organisation if actor is None else None,
        origin=TaskOrigin.PLAN_REVIEW,
    )


@service
def plan_save(
    *,
    actor: User | None,
    case: VictimCase,
    agreed_with_person: bool,
    agreed_on: datetime.date | None = None,
    review_on: datetime.date | None = None,
    organisation: Organisation | None = None,
    expected_version: int | None = None,
) -> CasePlan:
    """Draw up or change the case's assistance plan; a review date adds a review task."""
    if not rules.can_plan(actor, case):
        raise PermissionDenied()
    if agreed_with_person and agreed_on is None:
        raise ValidationError(
            fields={"agreed_on": [_("Give the date the plan was agreed with the person.")]}
        )
    if not agreed_with_person:
        agreed_on = None
    _not_in_future(agreed_on, "agreed_on")
    if review_on is not None and agreed_on is not None and review_on < agreed_on:
        raise ValidationError(
            fields={"review_on": [_("The review comes after the plan is agreed.")]}
        )
    plan = CasePlan.objects.filter(case=case).first()
    values = {
        "agreed_with_person": bool(agreed_with_person),
        "agreed_on": agreed_on,
        "review_on": review_on,
    }
    if plan is None:
        owner = _support_organisation(actor, organisation, "organisation")
        plan = validated_save(CasePlan(case=case, organisation=owner, created_by=actor, **values))
        review_changed = review_on is not None
    else:
        review_changed = plan.review_on != review_on
        version = plan.version if expected_version is None else expected_version
        plan = update_versioned(plan, expected_version=version, changes=values)
    if review_changed:
        _plan_review_task(actor, plan)
    return plan


def _require_plan(actor: User | None, plan: CasePlan) -> None:
    if not rules.can_plan(actor, plan.case):
        raise PermissionDenied()


@service
def plan_goal_add(*, actor: User | None, plan: CasePlan, text: str) -> PlanGoal:
    _require_plan(actor, plan)
    if not text.strip():
        raise ValidationError(fields={"text": [_("Write the goal.")]})
    return validated_save(PlanGoal(plan=plan, text=text.strip()))


@service
def plan_goal_achieve(
    *, actor: User | None, goal: PlanGoal, on: datetime.date | None = None
) -> PlanGoal:
    """Mark a goal achieved (or, with `on=None` on an achieved one, not achieved after all)."""
    _require_plan(actor, goal.plan)
    _not_in_future(on, "on")
    goal.achieved_on = on
    return validated_save(goal)


@service
def planned_service_add(
    *,
    actor: User | None,
    plan: CasePlan,
    service_type: str,
    target_on: datetime.date,
    provider: Organisation | None = None,
    note: str = "",
) -> PlannedService:
    _require_plan(actor, plan)
    _choice(service_type, ServiceType.values, "service_type")
    if target_on is None:
        raise ValidationError(fields={"target_on": [_("Give the target date.")]})
    return validated_save(
        PlannedService(
            plan=plan,
            service_type=service_type,
            provider=provider,
            target_on=target_on,
            note=note.strip(),
        )
    )


@service
def planned_service_done(
    *, actor: User | None, item: PlannedService, on: datetime.date | None = None
) -> PlannedService:
    _require_plan(actor, item.plan)
    _not_in_future(on, "on")
    item.done_on = on
    return validated_save(item)


# Dated notes --------------------------------------------------------------------------------

MAX_NOTE = 10_000


@service
def case_note_add(
    *,
    actor: User | None,
    case: VictimCase,
    text: str,
    written_on: datetime.date | None = None,
) -> CaseNote:
    """A dated note on the case, signed with the author and their organisation."""
    if not rules.can_write_note(actor, case):
        raise PermissionDenied()
    text = (text or "").strip()
    if not text:
        raise ValidationError(fields={"text": [_("Write the note.")]})
    if len(text) > MAX_NOTE:
        raise ValidationError(
            fields={"text": [_("At most %(count)s characters.") % {"count": MAX_NOTE}]}
        )
    written_on = written_on or today()
    _not_in_future(written_on, "written_on")
    return validated_save(
        CaseNote(
            case=case,
            written_on=written_on,
            text=text,
            author=actor,
            organisation=getattr(actor, "organisation", None),
        )
    )
