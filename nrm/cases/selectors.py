"""Every read of victim cases and what hangs on them, already scoped to the reader.

Lists and case pages are pseudonymous: they show codes, never names. Who the person is comes
only from `case_identity`, which checks the right to see it and leaves an access entry.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.utils.translation import ngettext

from nrm.accounts.models import Organisation, User
from nrm.cases import rules
from nrm.cases.models import (
    ACCEPTED_REFERRAL_STATUSES,
    OPEN_REFERRAL_STATUSES,
    AccessGrant,
    CaseAssignment,
    CaseExploitation,
    CaseNote,
    CasePlan,
    CaseStatus,
    Consent,
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
    ShelterStay,
    VictimCase,
)
from nrm.cases.services import person_match_index
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.pagination import Keyset, SortKey
from nrm.core.roles import Role, has_role, require_role, roles_of
from nrm.core.services import record_access
from nrm.core.templatetags.nrm import in_reader_script
from nrm.core.vocabularies import NOT_RECORDED


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    organisation: Organisation | int | None = None
    exploitation: str = ""  # a form's code, or "not_recorded"
    age_group: str = ""
    sex: str = ""
    citizenship: str = ""
    q: str = ""  # a case code or part of one (codes_matching)
    assigned: str = ""  # "me": the cases the reader is the responsible worker of


def _with_list_relations(qs: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    return qs.select_related("organisation", "municipality").prefetch_related(
        Prefetch("exploitations", queryset=CaseExploitation.objects.order_by("form"))
    )


# Newest identification first, reports not yet assessed on top; served by the index
# `case_list_order` on both databases (nrm.cases.models), and the key of the API's cursor.
CASE_LIST_KEYS = Keyset(
    "cases",
    SortKey("identified_on", kind="date", nullable=True, nulls_first=True),
    SortKey("code_year", nullable=True),
    SortKey("code_number", nullable=True),
    SortKey("pk"),
)
CASE_LIST_ORDER = CASE_LIST_KEYS.ordering()


def case_list(
    *, actor: User | None, filters: CaseFilters | None = None, **values: Any
) -> QuerySet[VictimCase]:
    """The cases `actor` may read, filtered; newest identification first, reports on top.

    Filters come as a CaseFilters or as its fields (`case_list(actor=u, status="potential")`).
    """
    qs = _filtered_cases(actor, filters or CaseFilters(**values))
    return _with_list_relations(qs.order_by(*CASE_LIST_ORDER))


def case_list_for_counting(
    *, actor: User | None, filters: CaseFilters | None = None, **values: Any
) -> list[QuerySet[VictimCase]]:
    """The rows of `case_list`, unordered, as one queryset or the union of several, in the form
    that a count up to a cap reads quickly (nrm.core.pagination.CappedPaginator).

    A reader's cases are counted in parts that an index gives each (nrm.cases.rules.
    visible_case_parts: their own, those they recorded, the referred ones), each read up to
    the cap, whatever the size of the register. Only a filtered list of a busy receiver (more
    than BUSY_RECEIVER open referrals: a large share of the register) is counted as the list
    walks it, each case asked whether the reader sees it: there the filter narrows the cases,
    not the referrals, and a join from a quarter of a million referrals to a few matching
    cases cost 150 ms where the walk costs 30."""
    filters = filters or CaseFilters(**values)
    require_role(actor, *rules.CASE_ROLES)
    parts = rules.visible_case_parts(actor)
    if parts is None or (filters != CaseFilters() and _busy_receiver(actor)):
        visible = rules.visible_cases(actor)
        return [_with_filters(visible, actor, filters, for_count=True)]
    return [_with_filters(part, actor, filters, for_count=True) for part in parts]


# A receiver of more open referrals than this sees a large share of the register (1% of a
# million cases): its filtered lists are counted by walking the cases (case_list_for_counting).
BUSY_RECEIVER = 10_000


def _busy_receiver(actor: User | None) -> bool:
    organisation = getattr(actor, "organisation_id", None)
    if organisation is None:
        return False
    referred = rules.referred_case_ids(organisation, OPEN_REFERRAL_STATUSES)
    return referred[BUSY_RECEIVER : BUSY_RECEIVER + 1].exists()


def _filtered_cases(actor: User | None, filters: CaseFilters) -> QuerySet[VictimCase]:
    require_role(actor, *rules.CASE_ROLES)
    return _with_filters(rules.visible_cases(actor), actor, filters)


def _with_filters(
    qs: QuerySet[VictimCase], actor: User | None, filters: CaseFilters, *, for_count: bool = False
) -> QuerySet[VictimCase]:
    """`for_count`: a form of exploitation is matched in the case's copy of its forms, which
    the index case_statistics_idx holds (a count up to the cap reads the index alone: 245 ms
    -> 3 ms on PostgreSQL); a page asks each case's forms, so that a rare form is found from
    the forms' index."""
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.date_from:
        qs = qs.filter(identified_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(identified_on__lte=filters.date_to)
    if filters.organisation:
        qs = qs.filter(organisation=filters.organisation)
    if filters.exploitation == NOT_RECORDED:
        # The case's copy of its forms, read with the row: no lookup of its forms per case.
        qs = qs.filter(exploitation_forms="")
    elif filters.exploitation and for_count:  # no code is part of another (nrm.cases.statistics)
        qs = qs.filter(exploitation_forms__contains=filters.exploitation)
    elif filters.exploitation:
        qs = qs.filter(
            Exists(CaseExploitation.objects.filter(case=OuterRef("pk"), form=filters.exploitation))
        )
    if filters.age_group:
        qs = qs.filter(age_group=filters.age_group)
    if filters.sex:
        qs = qs.filter(sex=filters.sex)
    if filters.citizenship:
        qs = qs.filter(citizenship=filters.citizenship.upper())
    if filters.q.strip():
        qs = qs.filter(codes_matching(filters.q))
    if filters.assigned == "me" and actor is not None:
        qs = qs.filter(assignments__worker=actor)
    return qs


# The case list's search box ------------------------------------------------------------------

# "V-2024-0042", "v2024-0042", "2024-0042", "2024-00", "2024-", "V-2024": a year, and the
# beginning of a number as it is written (at least four digits, zero-padded).
_YEAR_AND_NUMBER = re.compile(r"^V?-?(?P<year>\d{4})(?:-(?P<number>\d{0,9}))?$")
# "0042", "42", "-0042": a number in any year (or, with four digits, a year).
_NUMBER = re.compile(r"^-?(?P<number>\d{1,9})$")
CODE_NUMBER_WIDTH = 4  # V-YYYY-NNNN: numbers are written with at least four digits
_WIDEST_NUMBER = 10  # code_number is a 32-bit integer


def _numbers_written_with(prefix: str) -> Q:
    """The generated codes whose number, as written (`0042`, `12345`), starts with `prefix`:
    one range of `code_number` per width of number, each read from an index."""
    condition = Q(pk__in=[])
    for width in range(max(CODE_NUMBER_WIDTH, len(prefix)), _WIDEST_NUMBER + 1):
        scale = 10 ** (width - len(prefix))
        low = int(prefix) * scale
        high = (int(prefix) + 1) * scale - 1
        # A number is written with `width` digits only from 10^(width-1) on (or zero-padded).
        shortest = 0 if width == CODE_NUMBER_WIDTH else 10 ** (width - 1)
        low, high = max(low, shortest), min(high, 10**width - 1)
        if low <= high:
            condition |= Q(code_number__range=(low, high))
    return condition


def codes_matching(text: str) -> Q:
    """What the case list's search box finds for `text` (docs/daily-work.md, "Search"):

    - the case whose code is exactly `text` (in capitals or as typed);
    - generated codes (V-YYYY-NNNN) by their year and the beginning of their number:
      "V-2024-0042" and "2024-0042" find V-2024-0042; "2024-00" the first 99 of 2024;
      "V-2024" or "2024-" the whole year; a number alone ("0042", "42") finds that number in
      every year, and "2024" also the year 2024;
    - other codes (given when a case was recorded or imported) containing `text` anywhere.

    Each part is read from an index (the code, (code_year, code_number), code_number), so a
    search costs the same at 10k and at 1M cases; only codes other than V-YYYY-NNNN are
    searched as text (they are few: registers imported with their own codes).
    """
    text = text.strip()
    upper = text.upper()
    condition = Q(code__in=sorted({text, upper})) | Q(code_year__isnull=True, code__icontains=text)
    year_and_number = _YEAR_AND_NUMBER.match(upper)
    if year_and_number is not None:
        year = Q(code_year=int(year_and_number["year"]))
        number = year_and_number["number"]
        condition |= year & _numbers_written_with(number) if number else year
    number_only = _NUMBER.match(upper)
    if number_only is not None:
        digits = number_only["number"]
        condition |= _numbers_written_with(digits) | Q(code_number=int(digits))
        if len(digits) == 4:
            condition |= Q(code_year=int(digits))
    return condition


def case_get(*, actor: User | None, code: str) -> VictimCase:
    """One case the actor may read, by its code (NotFound for any other, so that a code
    outside one's reach reveals nothing, not even that it exists)."""
    require_role(actor, *rules.CASE_ROLES)
    # The person is not joined: identifying data are loaded by case_identity only.
    qs = rules.visible_cases(
        actor, VictimCase.objects.select_related("organisation", "municipality", "created_by")
    )
    case = qs.filter(code=code.strip()).first()
    if case is None:
        raise NotFound()
    return case


def case_by_code(*, actor: User | None, code: str) -> VictimCase:
    """Resolve a case code to link another record to the case (e.g. an injured party).

    Open to the roles that link records (trial monitors included): knowing a code lets one
    refer to the case, and nothing more. Callers must show no more than the code.
    """
    require_role(actor, *rules.LINKING_ROLES)
    case = (
        VictimCase.objects.only("pk", "code", "version").filter(code__iexact=code.strip()).first()
    )
    if case is None:
        raise NotFound(f"No case with the code {code.strip()!r}.")
    return case


# Identifying data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who the person of a case is, and who stands for them: only ever built by
    `case_identity`, which logs the read. Free-text notes travel with it because they name
    people too."""

    first_name: str
    last_name: str
    birth_date: datetime.date | None
    contact: str
    languages: list[str] = field(default_factory=list)
    notes: str = ""
    guardians: list[Guardian] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def can_see_identity(*, actor: User | None, case: VictimCase) -> bool:
    return rules.can_see_identity(actor, case)


def case_identity(
    *, actor: User | None, case: VictimCase, purpose: str = "view_identity"
) -> Identity:
    """The person's identifying data, for those allowed to see it; every read is logged."""
    if not rules.can_see_identity(actor, case):
        raise PermissionDenied(_no_identity_message())
    person: Person = case.person
    if actor is not None:
        record_access(actor=actor, subject=case, label=case.code, purpose=purpose)
    return Identity(
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        contact=person.contact,
        languages=list(person.languages or []),
        notes=case.notes,
        guardians=list(_guardians(case)),
    )


def _no_identity_message() -> str:
    from django.utils.translation import gettext as _

    return _("The identifying data of this case are not available to you.")


# Duplicates ---------------------------------------------------------------------------------


def person_matches_exist(
    *,
    actor: User | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None,
    exclude_case: VictimCase | None = None,
) -> bool:
    """Whether anyone, in any organisation, recorded a person with this name and birth date.

    Answers yes or no and nothing else: neither the other case nor its organisation.
    """
    require_role(actor, *rules.CASE_ROLES)
    index = person_match_index(first_name, last_name, birth_date)
    if not index:
        return False
    matches = Person.objects.filter(match_index=index)
    if exclude_case is not None:
        matches = matches.exclude(pk=exclude_case.person_id)
    return matches.exists()


def case_has_possible_duplicate(*, actor: User | None, case: VictimCase) -> bool:
    """Whether another person record has the same name and birth date as this case's."""
    require_role(actor, *rules.CASE_ROLES)
    index = Person.objects.filter(pk=case.person_id).values_list("match_index", flat=True).first()
    if not index:
        return False
    return Person.objects.filter(match_index=index).exclude(pk=case.person_id).exists()


# What a reader may do with one case ---------------------------------------------------------


@dataclass(frozen=True)
class CaseAccess:
    """The reader's rights on one case, computed once per page (nrm.cases.rules)."""

    full: bool  # the whole record; False: a receiving organisation deciding on a referral
    identity: bool
    edit: bool
    decide: bool
    refer: bool
    support: bool
    override_consent: bool
    request_identity: bool
    decide_grants: bool
    assign: bool = False
    plan: bool = False
    note: bool = False


def case_access(*, actor: User | None, case: VictimCase) -> CaseAccess:
    coordinator = actor is not None and has_role(actor, Role.COORDINATOR)
    full = rules.reads_whole_case(actor, case)
    identity = rules.can_see_identity(actor, case)
    return CaseAccess(
        full=full,
        identity=identity,
        edit=rules.can_edit_case(actor, case),
        decide=rules.can_decide(actor, case),
        refer=rules.can_refer(actor, case),
        support=rules.can_record_support(actor, case),
        override_consent=rules.can_override_consent(actor),
        request_identity=coordinator and not identity,
        decide_grants=rules.can_decide_grant(actor, case),
        assign=rules.can_assign(actor, case),
        plan=rules.can_plan(actor, case),
        note=rules.can_write_note(actor, case),
    )


# Referrals ----------------------------------------------------------------------------------


def _referral_relations(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    return qs.select_related(
        "case", "from_organisation", "to_organisation", "referred_by", "responded_by"
    )


def referral_inbox(*, actor: User, status: str = "") -> QuerySet[Referral]:
    """Referrals sent to the reader's organisation, those waiting for an answer first (the
    urgent ones on top)."""
    require_role(actor, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
    qs = Referral.objects.filter(to_organisation_id=actor.organisation_id)
    if status:
        qs = qs.filter(status=status)
    waiting_first = Case(
        When(status=ReferralStatus.PENDING, urgent=True, then=0),
        When(status=ReferralStatus.PENDING, then=1),
        default=2,
    )
    qs = qs.annotate(waiting=waiting_first)
    return _referral_relations(qs).order_by(*REFERRAL_INBOX_KEYS.ordering())


# The orders of the referral lists, and the keys of the API's cursors.
REFERRAL_INBOX_KEYS = Keyset(
    "referrals-received",
    SortKey("waiting", descending=False),
    SortKey("referred_on", kind="date"),
    SortKey("pk"),
)
REFERRAL_LIST_KEYS = Keyset("referrals", SortKey("referred_on", kind="date"), SortKey("pk"))


def referral_recipients(*, actor: User) -> QuerySet[Organisation]:
    """The active organisations the reader's organisation may refer to (all but its own)."""
    require_role(actor, *rules.CASE_ROLES)
    return Organisation.objects.filter(is_active=True).exclude(
        pk=getattr(actor, "organisation_id", None) or 0
    )


def referral_outbox(*, actor: User, status: str = "") -> QuerySet[Referral]:
    """Referrals the reader's organisation sent."""
    require_role(actor, *rules.CASE_ROLES)
    qs = Referral.objects.filter(from_organisation_id=actor.organisation_id)
    if status:
        qs = qs.filter(status=status)
    return _referral_relations(qs).order_by(*REFERRAL_LIST_KEYS.ordering())


def referrals_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[Referral]:
    """A case's referrals: all of them for those with the full record; a receiving
    organisation deciding on a referral sees only the referrals addressed to it."""
    qs = _referral_relations(Referral.objects.filter(case=case)).order_by("referred_on", "pk")
    if rules.reads_whole_case(actor, case):
        return qs
    return qs.filter(to_organisation_id=getattr(actor, "organisation_id", None))


def referrals_accepted_by_my_organisation(*, actor: User, case: VictimCase) -> QuerySet[Referral]:
    """The referrals of a case that the reader's organisation accepted (services and stays
    are recorded against them)."""
    return Referral.objects.filter(
        case=case,
        to_organisation_id=actor.organisation_id,
        status__in=ACCEPTED_REFERRAL_STATUSES,
    ).order_by("-referred_on")


def referral_get(*, actor: User | None, pk: int) -> Referral:
    """A referral the reader sent, received, or may see on a case they hold."""
    require_role(actor, *rules.CASE_ROLES)
    referral = _referral_relations(Referral.objects.filter(pk=pk)).first()
    if referral is None:
        raise NotFound()
    org = getattr(actor, "organisation_id", None)
    if actor is None or org in (referral.from_organisation_id, referral.to_organisation_id):
        return referral
    if rules.reads_whole_case(actor, referral.case):
        return referral
    raise NotFound()


def referral_list(
    *, actor: User | None, case_code: str = "", status: str = ""
) -> QuerySet[Referral]:
    """Referrals of the cases the reader may read in full, or sent or received by their
    organisation (for the API)."""
    require_role(actor, *rules.CASE_ROLES)
    qs = Referral.objects.all()
    if actor is not None and not has_role(actor, Role.COORDINATOR):
        org = actor.organisation_id
        qs = qs.filter(
            Q(case__in=_fully_readable(actor))
            | Q(from_organisation_id=org)
            | Q(to_organisation_id=org)
        )
    if case_code:
        qs = qs.filter(case__code=case_code)
    if status:
        qs = qs.filter(status=status)
    return _referral_relations(qs).order_by(*REFERRAL_LIST_KEYS.ordering())


def referred_to(org: int | None) -> Any:
    return rules.referred_to(org, ACCEPTED_REFERRAL_STATUSES)


def _require_full(actor: User | None, case: VictimCase) -> None:
    if not rules.reads_whole_case(actor, case):
        raise PermissionDenied()


def consents_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[Consent]:
    _require_full(actor, case)
    return _consents(case)


def _consents(case: VictimCase) -> QuerySet[Consent]:
    return Consent.objects.filter(case=case).select_related("recorded_by")


def consent_status(*, actor: User | None, case: VictimCase) -> dict[str, Consent | None]:
    """The latest consent record of each kind (given or not), None when never recorded."""
    latest: dict[str, Consent | None] = dict.fromkeys(ConsentKind.values)
    for consent in consents_of_case(actor=actor, case=case).order_by("recorded_on", "created_at"):
        latest[consent.kind] = consent
    return latest


def guardians_of_case(*, actor: User | None, case: VictimCase) -> list[Guardian]:
    """Guardians are identifying data: only for those who may see the person's, and each
    read leaves an access entry (like `case_identity`)."""
    if not rules.can_see_identity(actor, case):
        raise PermissionDenied(_no_identity_message())
    if actor is not None:
        record_access(actor=actor, subject=case, label=case.code, purpose="view_identity")
    return list(_guardians(case))


def _guardians(case: VictimCase) -> QuerySet[Guardian]:
    return Guardian.objects.filter(case=case).select_related("organisation")


def case_has_guardian(*, actor: User | None, case: VictimCase) -> bool:
    """Whether a guardian is recorded (not who): the page warns about a minor without one."""
    if not rules.can_see_identity(actor, case):
        raise PermissionDenied(_no_identity_message())
    return Guardian.objects.filter(case=case).exists()


def services_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[ServiceDelivery]:
    _require_full(actor, case)
    return _services(case)


def _services(case: VictimCase) -> QuerySet[ServiceDelivery]:
    return ServiceDelivery.objects.filter(case=case).select_related("provider", "recorded_by")


def stays_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[ShelterStay]:
    _require_full(actor, case)
    return _stays(case)


def _stays(case: VictimCase) -> QuerySet[ShelterStay]:
    return ShelterStay.objects.filter(case=case).select_related("safe_house", "recorded_by")


def decisions_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[IdentificationDecision]:
    _require_full(actor, case)
    return _decisions(case)


def _decisions(case: VictimCase) -> QuerySet[IdentificationDecision]:
    return IdentificationDecision.objects.filter(case=case).select_related(
        "authority", "decided_by"
    )


def service_list(*, actor: User | None, case_code: str = "") -> QuerySet[ServiceDelivery]:
    require_role(actor, *rules.CASE_ROLES)
    qs = ServiceDelivery.objects.filter(case__in=_fully_readable(actor))
    if case_code:
        qs = qs.filter(case__code=case_code)
    return qs.select_related("case", "provider").order_by(*SERVICE_LIST_KEYS.ordering())


def stay_list(*, actor: User | None, case_code: str = "") -> QuerySet[ShelterStay]:
    require_role(actor, *rules.CASE_ROLES)
    qs = ShelterStay.objects.filter(case__in=_fully_readable(actor))
    if case_code:
        qs = qs.filter(case__code=case_code)
    return qs.select_related("case", "safe_house").order_by(*STAY_LIST_KEYS.ordering())


def decision_list(*, actor: User | None, case_code: str = "") -> QuerySet[IdentificationDecision]:
    require_role(actor, *rules.CASE_ROLES)
    qs = IdentificationDecision.objects.filter(case__in=_fully_readable(actor))
    if case_code:
        qs = qs.filter(case__code=case_code)
    return qs.select_related("case", "authority", "decided_by").order_by(
        *DECISION_LIST_KEYS.ordering()
    )


# The orders of the API's lists of what hangs on cases, and the keys of their cursors.
SERVICE_LIST_KEYS = Keyset("services", SortKey("delivered_on", kind="date"), SortKey("pk"))
STAY_LIST_KEYS = Keyset("stays", SortKey("start", kind="date"), SortKey("pk"))
DECISION_LIST_KEYS = Keyset("decisions", SortKey("decided_on", kind="date"), SortKey("pk"))


def _fully_readable(actor: User | None) -> QuerySet[VictimCase]:
    """Cases whose whole record the reader sees: all for coordinators and the system; the
    holders' cases for the others (not those only waiting for their answer to a referral)."""
    if actor is None or has_role(actor, Role.COORDINATOR):
        return VictimCase.objects.all()
    roles = roles_of(actor)
    org = getattr(actor, "organisation_id", None)
    condition = Q(pk__in=[])
    if Role.CASE_WORKER in roles and org is not None:
        condition |= Q(organisation_id=org)
    if Role.FIELD_IDENTIFIER in roles:
        condition |= Q(created_by=actor)
    if roles & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER} and org is not None:
        condition |= Q(referred_to(org))
    return VictimCase.objects.filter(condition)


# Access grants ------------------------------------------------------------------------------


def grants_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[AccessGrant]:
    """The access requests of a case: for those who decide them, and the coordinator's own."""
    qs = AccessGrant.objects.filter(case=case).select_related("grantee", "decided_by")
    if rules.can_decide_grant(actor, case):
        return qs
    if actor is not None and has_role(actor, Role.COORDINATOR):
        return qs.filter(grantee=actor)
    raise PermissionDenied()


def grant_get(*, actor: User | None, pk: int) -> AccessGrant:
    require_role(actor, *rules.CASE_ROLES)
    grant = AccessGrant.objects.select_related("case", "grantee").filter(pk=pk).first()
    if grant is None:
        raise NotFound()
    if (
        actor is not None
        and grant.grantee_id != actor.pk
        and not rules.can_decide_grant(actor, grant.case)
    ):
        raise NotFound()
    return grant


def grant_requests_waiting(*, actor: User) -> QuerySet[AccessGrant]:
    """Coordinators' requests that the reader's organisation is asked to answer."""
    require_role(actor, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
    roles = roles_of(actor)
    owned = Q(pk__in=[])
    if Role.CASE_WORKER in roles:
        owned |= Q(organisation_id=actor.organisation_id)
    if Role.FIELD_IDENTIFIER in roles:
        owned |= Q(created_by=actor)
    return (
        AccessGrant.objects.filter(
            status=GrantStatus.REQUESTED, case__in=VictimCase.objects.filter(owned)
        )
        .select_related("case", "grantee", "grantee__organisation")
        .order_by("created_at")
    )


# The timeline of a case ---------------------------------------------------------------------


# Within one day, events follow the order in which they happen to a case.
KIND_ORDER = {
    kind: index
    for index, kind in enumerate(
        (
            "decision",
            "consent",
            "referral",
            "answer",
            "stay_start",
            "service",
            "completion",
            "stay_end",
        )
    )
}


@dataclass(frozen=True)
class TimelineEvent:
    day: datetime.date
    kind: str  # decision, referral, answer, completion, service, stay_start, stay_end, consent
    title: str
    detail: str = ""
    organisation: str = ""
    order: int = 0


def case_timeline(*, actor: User | None, case: VictimCase) -> list[TimelineEvent]:
    """Decisions, referrals and their answers, services, stays and consent, newest first.

    Costs a fixed number of queries whatever the length of the case's history.
    """
    from django.utils.translation import gettext as _

    _require_full(actor, case)

    def name(organisation: Any) -> str:
        # Organisation names are stored in Latin script; Serbian Cyrillic readers see Cyrillic.
        return in_reader_script(str(organisation)) if organisation else ""

    events: list[TimelineEvent] = []
    for decision in _decisions(case):
        title = (
            _("Recorded as: %(status)s") if not decision.from_status else _("Decision: %(status)s")
        ) % {"status": decision.get_to_status_display()}
        events.append(
            TimelineEvent(
                decision.decided_on,
                "decision",
                title,
                decision.reason,
                name(decision.authority),
                decision.pk,
            )
        )
    referrals = _referral_relations(Referral.objects.filter(case=case))
    for referral in referrals:
        service = referral.get_service_type_display()
        events.append(
            TimelineEvent(
                referral.referred_on,
                "referral",
                _("Referred to %(organisation)s for %(service)s")
                % {"organisation": name(referral.to_organisation), "service": service},
                _("without consent") if referral.consent_overridden else "",
                name(referral.from_organisation),
                referral.pk,
            )
        )
        if referral.responded_on and referral.status != ReferralStatus.WITHDRAWN:
            accepted = referral.status in ACCEPTED_REFERRAL_STATUSES
            events.append(
                TimelineEvent(
                    referral.responded_on,
                    "answer",
                    (
                        _("%(organisation)s accepted the referral for %(service)s")
                        if accepted
                        else _("%(organisation)s declined the referral for %(service)s")
                    )
                    % {"organisation": name(referral.to_organisation), "service": service},
                    "",
                    name(referral.to_organisation),
                    referral.pk,
                )
            )
        if referral.completed_on:
            events.append(
                TimelineEvent(
                    referral.completed_on,
                    "completion",
                    _("Referral for %(service)s completed") % {"service": service},
                    "",
                    name(referral.to_organisation),
                    referral.pk,
                )
            )
    for delivery in _services(case):
        events.append(
            TimelineEvent(
                delivery.delivered_on,
                "service",
                ngettext(
                    "%(count)s service: %(service)s",
                    "%(count)s services: %(service)s",
                    delivery.count,
                )
                % {"count": delivery.count, "service": delivery.get_service_type_display()},
                "",
                name(delivery.provider),
                delivery.pk,
            )
        )
    for stay in _stays(case):
        events.append(
            TimelineEvent(
                stay.start,
                "stay_start",
                _("Arrived at %(safe_house)s")
                % {"safe_house": name(stay.safe_house) or _("a safe house (not recorded)")},
                "",
                name(stay.safe_house),
                stay.pk,
            )
        )
        if stay.end:
            events.append(
                TimelineEvent(
                    stay.end,
                    "stay_end",
                    _("Left %(safe_house)s")
                    % {"safe_house": name(stay.safe_house) or _("a safe house (not recorded)")},
                    "",
                    name(stay.safe_house),
                    stay.pk,
                )
            )
    for consent in _consents(case):
        events.append(
            TimelineEvent(
                consent.recorded_on,
                "consent",
                (
                    _("Consent to %(purpose)s given")
                    if consent.given
                    else _("Consent to %(purpose)s refused or withdrawn")
                )
                % {"purpose": consent.get_kind_display()},
                "",
                "",
                consent.pk,
            )
        )
    return sorted(events, key=lambda e: (e.day, KIND_ORDER[e.kind], e.order), reverse=True)


# Daily casework: assignment, the plan, notes -------------------------------------------------


def assignments_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[CaseAssignment]:
    """The responsible worker in each organisation working on the case."""
    _require_full(actor, case)
    return CaseAssignment.objects.filter(case=case).select_related("organisation", "worker")


def assignable_workers(*, actor: User, case: VictimCase) -> list[User]:
    """People of the actor's organisation who may be made responsible for the case."""
    if not rules.can_assign(actor, case):
        return []
    if actor.organisation_id is None:
        return []
    members = User.objects.filter(
        organisation_id=actor.organisation_id,
        is_active=True,
        groups__name__in=rules.WORKER_ROLES,
    ).distinct()
    return [user for user in members.order_by("username") if rules.can_be_assigned(user, case)]


def cases_assigned_to(*, actor: User) -> QuerySet[CaseAssignment]:
    """The open cases the actor is responsible for (with their plan, for the review date)."""
    require_role(actor, *rules.CASE_ROLES)
    return (
        CaseAssignment.objects.filter(worker=actor, case__in=rules.visible_cases(actor))
        .exclude(case__status__in=(CaseStatus.CLOSED, CaseStatus.NOT_VICTIM))
        .select_related("case", "case__plan")
        .order_by("created_at", "pk")
    )


def plan_of_case(*, actor: User | None, case: VictimCase) -> CasePlan | None:
    """The assistance plan with its goals and planned services (None when none is drawn up)."""
    _require_full(actor, case)
    return (
        CasePlan.objects.filter(case=case)
        .select_related("organisation", "created_by")
        .prefetch_related(
            Prefetch("goals", queryset=PlanGoal.objects.order_by("pk")),
            Prefetch(
                "planned_services",
                queryset=PlannedService.objects.select_related("provider").order_by(
                    "target_on", "pk"
                ),
            ),
        )
        .first()
    )


def plan_goal_get(*, actor: User | None, case: VictimCase, pk: int) -> PlanGoal:
    _require_full(actor, case)
    goal = PlanGoal.objects.filter(pk=pk, plan__case=case).select_related("plan__case").first()
    if goal is None:
        raise NotFound()
    return goal


def planned_service_get(*, actor: User | None, case: VictimCase, pk: int) -> PlannedService:
    _require_full(actor, case)
    item = (
        PlannedService.objects.filter(pk=pk, plan__case=case).select_related("plan__case").first()
    )
    if item is None:
        raise NotFound()
    return item


def notes_of_case(*, actor: User | None, case: VictimCase) -> QuerySet[CaseNote]:
    """Dated notes: read by those who read the whole case (the case's own rule)."""
    _require_full(actor, case)
    return CaseNote.objects.filter(case=case).select_related("author", "organisation")


def case_for_attachments(*, actor: User | None, code: str) -> VictimCase:
    """A case whose whole record the reader may read (documents hang on it); NotFound else."""
    case = case_get(actor=actor, code=code)
    if not rules.reads_whole_case(actor, case):
        raise NotFound()
    return case
