"""Every write to victim cases, decisions, consent, guardians, referrals, services and stays.

Each service checks permission first (nrm.cases.rules), validates, writes inside one audited
transaction and returns what it wrote. Bad values raise ValidationError naming the field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from nrm.accounts.models import Organisation, User
from nrm.accounts.roles import Role, require_role
from nrm.cases import rules
from nrm.cases.models import (
    ADULT_AGE,
    CODE_PREFIX,
    TRANSITIONS,
    CaseExploitation,
    CaseStatus,
    Consent,
    ConsentGiver,
    ConsentKind,
    IdentificationDecision,
    Person,
    TraffickingScope,
    VictimCase,
)
from nrm.core.crypto import blind_index, normalise_for_matching
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.models import Municipality
from nrm.core.services import service, update_versioned, validated_save
from nrm.core.vocabularies import (
    AgeGroup,
    ExploitationForm,
    MeansOfControl,
    RecruitmentMethod,
    Sex,
)

GENERATED_CODE = re.compile(r"^V-(?P<year>\d{4})-(?P<number>\d{4,})$")
GIVEN_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{1,31}$")
CREATION_STATUSES = (CaseStatus.REPORTED, CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED)
MATCH_PURPOSE = "person"
MAX_AGE = 120

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


def today() -> datetime.date:
    return timezone.localdate()


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


def _codes(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    codes = [str(v).strip() for v in values if str(v).strip()]
    allowed_set = set(allowed)
    unknown = [c for c in codes if c not in allowed_set]
    if unknown:
        raise ValidationError(
            fields={field: [_("unknown code: %(code)s") % {"code": c} for c in unknown]}
        )
    return sorted(set(codes))


def _choice(value: str, allowed: Iterable[str], field: str) -> str:
    if value not in set(allowed):
        raise ValidationError(fields={field: [_("unknown code: %(code)s") % {"code": value}]})
    return value


def _citizenship(value: str) -> str:
    code = (value or "").strip().upper()
    if code and code not in countries:
        raise ValidationError(
            fields={
                "citizenship": [
                    _("%(code)s is not an ISO 3166-1 alpha-2 country code.") % {"code": code}
                ]
            }
        )
    return code


def _not_in_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > today():
        raise ValidationError(fields={field: [_("This date is in the future.")]})


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
                        "A case code has 2 to 32 letters, digits and the signs - / _ . "
                        "(for example V-2024-0042)."
                    )
                ]
            }
        )
    if VictimCase.objects.filter(code__iexact=code).exists():
        raise ValidationError(
            fields={"code": [_("The code %(code)s is already used.") % {"code": code}]}
        )
    return code


def _save_with_code(case: VictimCase, given_code: str | None, year: int) -> VictimCase:
    """Save a new case under the given code or the next generated one.

    Two people creating cases at once may compute the same next number; the unique constraint
    refuses the second, which then takes the following number.
    """
    if given_code:
        case.code = _validated_code(given_code)
        case.code_year, case.code_number = _parse_code(case.code)
        return validated_save(case)
    for _attempt in range(20):
        case.code = next_case_code(year)
        case.code_year, case.code_number = _parse_code(case.code)
        try:
            with transaction.atomic():
                return validated_save(case, force_insert=True)
        except (IntegrityError, ValidationError) as exc:
            if VictimCase.objects.filter(code=case.code).exists():
                case.pk = None
                continue
            raise exc
    raise ValidationError(fields={"code": [_("No free case code was found; try again.")]})


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


@service
def case_create(
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
) -> VictimCase:
    """Record a reported, potential or identified victim; returns the case with its code.

    The code is V-YYYY-NNNN (the year of identification) unless `code` is given. The first
    status is recorded as the case's first identification decision, dated `identified_on`
    (or, for a report, `reported_on`, by default today).
    """
    organisation = _check_create_permission(actor, organisation)
    _choice(status, CREATION_STATUSES, "status")
    if status != CaseStatus.REPORTED and identified_on is None:
        raise ValidationError(fields={"identified_on": [_("Give the date of identification.")]})
    if status == CaseStatus.REPORTED and identified_on is not None:
        raise ValidationError(
            fields={"identified_on": [_("A reported case is not identified yet: leave it empty.")]}
        )
    _not_in_future(identified_on, "identified_on")
    _not_in_future(reported_on, "reported_on")
    reference = identified_on or reported_on or today()
    age_value, estimated = _age(birth_date, age, reference)
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        contact=contact.strip(),
        languages=[str(language).strip() for language in languages if str(language).strip()],
    )
    person.match_index = person_match_index(person.first_name, person.last_name, birth_date)
    validated_save(person)
    case = VictimCase(
        person=person,
        status=status,
        identified_on=identified_on,
        confirmed_on=identified_on if status == CaseStatus.IDENTIFIED else None,
        organisation=organisation,
        created_by=actor,
        sex=_choice(sex, Sex.values, "sex"),
        age_at_identification=age_value,
        age_estimated=estimated,
        age_group=age_group_for(age_value),
        citizenship=_citizenship(citizenship),
        municipality=_municipality(municipality),
        trafficking_scope=_choice(trafficking_scope, TraffickingScope.values, "trafficking_scope"),
        means_of_control=_codes(means_of_control, MeansOfControl.values, "means_of_control"),
        recruitment=_codes(recruitment, RecruitmentMethod.values, "recruitment"),
        notes=notes.strip(),
    )
    forms = _codes(exploitation, ExploitationForm.values, "exploitation")
    _save_with_code(case, code, reference.year)
    for form in forms:
        CaseExploitation.objects.create(case=case, form=form)
    IdentificationDecision.objects.create(
        case=case,
        from_status="",
        to_status=status,
        decided_on=reference,
        authority=authority or organisation,
        decided_by=actor,
        reason=reason.strip(),
    )
    for kind, given in (
        (ConsentKind.DATA_PROCESSING, consent_data_processing),
        (ConsentKind.REFERRAL, consent_referral),
    ):
        if given is not None:
            Consent.objects.create(
                case=case,
                kind=kind,
                given=given,
                given_by=_choice(consent_given_by, ConsentGiver.values, "consent_given_by"),
                recorded_on=reference,
                recorded_by=actor,
            )
    return case


def _set_exploitation(case: VictimCase, forms: list[str]) -> None:
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
) -> IdentificationDecision:
    """Move a case along the identification workflow, recording who, when, which authority
    and why (reported -> potential victim -> identified victim -> closed, or not a victim)."""
    if not rules.can_decide(actor, case):
        raise PermissionDenied()
    _choice(to_status, CaseStatus.values, "to_status")
    allowed = TRANSITIONS[case.status]
    if case.status == CaseStatus.CLOSED and case.confirmed_on is not None:
        allowed = (CaseStatus.IDENTIFIED,)  # reopening a case of an identified victim
    if to_status not in allowed:
        raise ValidationError(
            fields={
                "to_status": [
                    _("A case that is “%(current)s” cannot become “%(new)s”.")
                    % {
                        "current": CaseStatus(case.status).label,
                        "new": CaseStatus(to_status).label,
                    }
                ]
            }
        )
    if not reason.strip():
        raise ValidationError(fields={"reason": [_("Say why the decision was taken.")]})
    _not_in_future(decided_on, "decided_on")
    last = case.decisions.order_by("-decided_on").values_list("decided_on", flat=True).first()
    if last is not None and decided_on < last:
        raise ValidationError(
            fields={
                "decided_on": [
                    _("The decision cannot precede the previous one (%(date)s).")
                    % {"date": last.isoformat()}
                ]
            }
        )
    if authority is None:
        authority = getattr(actor, "organisation", None)
        if authority is None:
            raise ValidationError(fields={"authority": [_("Name the deciding authority.")]})
    changes: dict[str, Any] = {"status": to_status}
    if case.identified_on is None and to_status in (CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED):
        changes["identified_on"] = decided_on
        birth_date = case.person.birth_date
        if birth_date is not None:  # the age counts on the date of identification
            age_value = _age(birth_date, None, decided_on)[0]
            changes.update(age_at_identification=age_value, age_group=age_group_for(age_value))
    if to_status == CaseStatus.IDENTIFIED and case.confirmed_on is None:
        changes["confirmed_on"] = decided_on
    from_status = case.status
    version = case.version if expected_version is None else expected_version
    update_versioned(case, expected_version=version, changes=changes)
    return IdentificationDecision.objects.create(
        case=case,
        from_status=from_status,
        to_status=to_status,
        decided_on=decided_on,
        authority=authority,
        decided_by=actor,
        reason=reason.strip(),
    )
