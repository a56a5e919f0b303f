"""Who may see and do what with a victim case (docs/permissions.md, the "Cases" rows).

Selectors and services ask these questions; nothing else does. `actor=None` is the system
(the command line, the demo loader) and may do everything.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from nrm.cases.models import (
    ACCEPTED_REFERRAL_STATUSES,
    OPEN_REFERRAL_STATUSES,
    AccessGrant,
    GrantStatus,
    Referral,
    VictimCase,
)
from nrm.core.roles import Role, has_role, roles_of
from nrm.core.vocabularies import OrganisationType

CASE_ROLES = (Role.COORDINATOR, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
# Roles that may look a case up by its exact code to link a record to it (e.g. an injured
# party of a monitored trial), without reading anything but the code.
LINKING_ROLES = (*CASE_ROLES, Role.TRIAL_MONITOR)
# Organisations whose field identifiers may refer without consent (law enforcement).
LAW_ENFORCEMENT_TYPES = (OrganisationType.POLICE_AGENCY, OrganisationType.LAW_ENFORCEMENT)


def _organisation_id(actor: Any) -> int | None:
    return getattr(actor, "organisation_id", None)


def referred_to(organisation_id: int | None, statuses: tuple[str, ...]) -> Exists:
    """The case has a referral to `organisation_id` in one of `statuses`, asked of each case
    (a correlated EXISTS, one lookup in the index on (case, to_organisation, status)).

    `case >= pk` says nothing more (the case is pk) but keeps PostgreSQL from hashing the
    subquery: beside an OR it would otherwise read every case referred to the organisation
    before the first row of a list (190 ms for a safe house with 250,000 referrals, 30 ms
    asked per row; the list stops after a page)."""
    return Exists(
        Referral.objects.filter(
            case=OuterRef("pk"),
            case__gte=OuterRef("pk"),
            to_organisation_id=organisation_id,
            status__in=statuses,
        )
    )


def referred_case_ids(organisation_id: int | None, statuses: tuple[str, ...]) -> QuerySet[Any]:
    """The ids of the cases referred to `organisation_id`, one per referral."""
    return Referral.objects.filter(to_organisation_id=organisation_id, status__in=statuses).values(
        "case_id"
    )


def visible_cases_filter(actor: Any) -> Q | None:
    """The cases `actor` may read (None: all of them); raises nothing, see `visible_cases`.

    A case worker reads the cases of their organisation; a field identifier the cases they
    recorded; both read the cases referred to their organisation (a referral waiting for an
    answer, accepted or completed). `tests/test_visibility_rule.py` compares this filter and
    `visible_case_parts` with the rule written out in Python, for every persona, on a mixed
    register.

    A list walks the cases in display order (index `case_list_order`) and asks of each whether
    it is referred (EXISTS), stopping after a page: 25 rows cost a few hundred lookups, whatever
    the size of the register. A count up to a cap reads `visible_case_parts` instead.
    """
    if actor is None or has_role(actor, Role.COORDINATOR):
        return None
    own, receiver = _visible_parts(actor)
    condition = Q(pk__in=[])
    for part in own:
        condition |= part
    if receiver is not None:
        condition |= Q(referred_to(receiver, OPEN_REFERRAL_STATUSES))
    return condition


def visible_case_parts(actor: Any) -> list[QuerySet[VictimCase]] | None:
    """The cases `actor` may read as the union of querysets that an index answers each (None:
    all cases): their own organisation's, those they recorded, and a join on the referrals to
    their organisation (DISTINCT: a case referred twice comes once). A count up to a cap reads
    at most cap + 1 rows of each, where a semi-join (`pk IN (referred case ids)`) gathered every
    referred case first (a quarter of the register for a busy safe house: 244 ms at 1M)."""
    if actor is None or has_role(actor, Role.COORDINATOR):
        return None
    own, receiver = _visible_parts(actor)
    parts = [VictimCase.objects.filter(part) for part in own]
    if receiver is not None:
        referred = Q(
            referrals__to_organisation_id=receiver, referrals__status__in=OPEN_REFERRAL_STATUSES
        )
        parts.append(VictimCase.objects.filter(referred).distinct())
    return parts


def _visible_parts(actor: Any) -> tuple[list[Q], int | None]:
    """The conditions on a case of what `actor` holds (their organisation's, what they
    recorded), and the organisation whose referred cases they read (None: none)."""
    roles = roles_of(actor)
    org = _organisation_id(actor)
    own: list[Q] = []
    if Role.CASE_WORKER in roles and org is not None:
        own.append(Q(organisation_id=org))
    if Role.FIELD_IDENTIFIER in roles:
        own.append(Q(created_by=actor))
    reads_referred = bool(roles & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER}) and org is not None
    return own, org if reads_referred else None


def visible_cases(actor: Any, queryset: QuerySet[VictimCase] | None = None) -> QuerySet[VictimCase]:
    """The cases `actor` may read (see `visible_cases_filter`)."""
    qs = queryset if queryset is not None else VictimCase.objects.all()
    condition = visible_cases_filter(actor)
    return qs if condition is None else qs.filter(condition)


def _accepted_by(actor: Any, case: VictimCase) -> bool:
    org = _organisation_id(actor)
    if org is None:
        return False
    return Referral.objects.filter(
        case=case, to_organisation_id=org, status__in=ACCEPTED_REFERRAL_STATUSES
    ).exists()


def holds_case(actor: Any, case: VictimCase) -> bool:
    """The actor works on this case: it belongs to their organisation, they recorded it, or
    their organisation accepted a referral of it."""
    if actor is None:
        return True
    roles = roles_of(actor)
    if Role.CASE_WORKER in roles and case.organisation_id == _organisation_id(actor):
        return True
    if Role.FIELD_IDENTIFIER in roles and case.created_by_id == actor.pk:
        return True
    return bool(roles & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER}) and _accepted_by(actor, case)


def reads_whole_case(actor: Any, case: VictimCase) -> bool:
    """The whole record (history, services, stays, consent): coordinators and holders. A
    receiving organisation that has not answered a referral sees only what it needs to."""
    return actor is None or has_role(actor, Role.COORDINATOR) or holds_case(actor, case)


def has_active_grant(actor: Any, case: VictimCase) -> bool:
    today = timezone.localdate()
    return AccessGrant.objects.filter(
        case=case, grantee=actor, status=GrantStatus.GRANTED, expires_on__gte=today
    ).exists()


def can_see_identity(actor: Any, case: VictimCase) -> bool:
    """Names, birth date and contacts: the holders of the case, and coordinators with a grant."""
    if actor is None or holds_case(actor, case):
        return True
    return has_role(actor, Role.COORDINATOR) and has_active_grant(actor, case)


def can_edit_case(actor: Any, case: VictimCase) -> bool:
    return actor is None or has_role(actor, Role.COORDINATOR) or holds_case(actor, case)


def can_decide(actor: Any, case: VictimCase) -> bool:
    """Identification decisions: coordinators; case workers of the identifying organisation;
    the field identifier who recorded the case."""
    if actor is None or has_role(actor, Role.COORDINATOR):
        return True
    roles = roles_of(actor)
    if Role.CASE_WORKER in roles and case.organisation_id == _organisation_id(actor):
        return True
    return Role.FIELD_IDENTIFIER in roles and case.created_by_id == actor.pk


def can_refer(actor: Any, case: VictimCase) -> bool:
    return can_edit_case(actor, case)


def can_override_consent(actor: Any) -> bool:
    """Referring without consent: coordinators, and field identifiers of law enforcement."""
    if actor is None or has_role(actor, Role.COORDINATOR):
        return True
    organisation = getattr(actor, "organisation", None)
    return (
        has_role(actor, Role.FIELD_IDENTIFIER)
        and organisation is not None
        and organisation.type in LAW_ENFORCEMENT_TYPES
    )


def can_answer_referral(actor: Any, referral: Referral) -> bool:
    if actor is None:
        return True
    return has_role(
        actor, Role.CASE_WORKER, Role.FIELD_IDENTIFIER
    ) and referral.to_organisation_id == _organisation_id(actor)


def can_record_support(actor: Any, case: VictimCase) -> bool:
    """Services and shelter stays: case workers of the identifying organisation or of an
    organisation that accepted a referral of the case."""
    if actor is None:
        return True
    if not has_role(actor, Role.CASE_WORKER):
        return False
    return case.organisation_id == _organisation_id(actor) or _accepted_by(actor, case)


def can_end_stay(actor: Any, stay: Any) -> bool:
    """The end of a shelter stay is recorded by the safe house where the person stays."""
    if actor is None:
        return True
    return can_record_support(actor, stay.case) and stay.safe_house_id == _organisation_id(actor)


def can_decide_grant(actor: Any, case: VictimCase) -> bool:
    """Access grants are decided by the identifying organisation's case workers, or the field
    identifier who recorded the case: they answer for the person's data."""
    if actor is None:
        return True
    roles = roles_of(actor)
    if Role.CASE_WORKER in roles and case.organisation_id == _organisation_id(actor):
        return True
    return Role.FIELD_IDENTIFIER in roles and case.created_by_id == actor.pk


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """`start` moved forward by `days` working days (Monday to Friday)."""
    moment = start
    remaining = days
    while remaining > 0:
        moment += datetime.timedelta(days=1)
        if moment.weekday() < 5:
            remaining -= 1
    return moment


def referral_response_due(referral: Referral) -> datetime.datetime:
    """When the receiving organisation should have answered `referral` (docs/methodology.md).

    Counted from when the referral was recorded: NRM_REFERRAL_URGENT_HOURS for an urgent one,
    NRM_REFERRAL_RESPONSE_WORKING_DAYS working days for the others.
    """
    sent = referral.created_at
    if referral.urgent:
        return sent + datetime.timedelta(hours=settings.NRM_REFERRAL_URGENT_HOURS)
    return add_working_days(sent, settings.NRM_REFERRAL_RESPONSE_WORKING_DAYS)


def referral_answered_in_time(referral: Referral) -> bool | None:
    """True or False once answered (the answer's date against the due date); None while pending."""
    if referral.responded_on is None:
        return None
    due = timezone.localtime(referral_response_due(referral)).date()
    return referral.responded_on <= due


# Daily casework: assignment, the assistance plan, notes --------------------------------------

WORKER_ROLES = (Role.CASE_WORKER, Role.FIELD_IDENTIFIER)


def can_assign(actor: Any, case: VictimCase) -> bool:
    """Name the responsible worker of one's own organisation: those who work on the case."""
    if actor is None:
        return True
    return has_role(actor, *WORKER_ROLES) and holds_case(actor, case)


def can_be_assigned(user: Any, case: VictimCase) -> bool:
    """A responsible worker is an active case worker or field identifier who works on it."""
    return bool(getattr(user, "is_active", False)) and can_assign(user, case)


def can_plan(actor: Any, case: VictimCase) -> bool:
    """The assistance plan is drawn up and kept by case workers who work on the case."""
    if actor is None:
        return True
    return has_role(actor, Role.CASE_WORKER) and holds_case(actor, case)


def can_write_note(actor: Any, case: VictimCase) -> bool:
    """Dated notes: whoever may change the case, for their own organisation."""
    return can_edit_case(actor, case)


def identity_visible_filter(actor: Any) -> Q | None:
    """The cases whose person `actor` may see (None: all), as `can_see_identity` says, in one
    query: the holders of the case, and coordinators with a grant in force."""
    if actor is None:
        return None
    roles = roles_of(actor)
    org = _organisation_id(actor)
    condition = Q(pk__in=[])
    if Role.CASE_WORKER in roles and org is not None:
        condition |= Q(organisation_id=org)
    if Role.FIELD_IDENTIFIER in roles:
        condition |= Q(created_by=actor)
    if roles & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER} and org is not None:
        condition |= Q(referred_to(org, ACCEPTED_REFERRAL_STATUSES))
    if Role.COORDINATOR in roles:
        today = timezone.localdate()
        condition |= Q(
            Exists(
                AccessGrant.objects.filter(
                    case=OuterRef("pk"),
                    grantee=actor,
                    status=GrantStatus.GRANTED,
                    expires_on__gte=today,
                )
            )
        )
    return condition
