"""The cases API (/api/v1): cases, identification decisions, referrals, services and stays.

Endpoints are thin: they call the same selectors and services as the web pages, so the same
scoping applies. Outputs are dedicated schemas: cases are pseudonymous; identifying data come
only from /cases/{code}/identity, which is logged.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import StringConstraints

from nrm.accounts.models import Organisation, User
from nrm.accounts.selectors import organisation_get
from nrm.cases import rules, selectors, services, visibility
from nrm.cases.models import (
    IdentificationDecision,
    Referral,
    ServiceDelivery,
    ShelterStay,
    VictimCase,
)
from nrm.core.api_types import (
    VERSION_HELP,
    Count,
    Day,
    Id,
    Limit,
    Offset,
    Version,
    given_version,
    leave_out,
)
from nrm.core.errors import NotFound, ValidationError
from nrm.core.pagination import COUNT_CAP, Keyset, capped_count

router = Router(tags=["cases"])

MAX_LIMIT = 200
MAX_CURSOR = 200
AFTER_HELP = (
    'the `next` cursor of the previous page (the `Link: rel="next"` header for lists '
    "without a body object): the page after it, as fast as the first"
)
OFFSET_HELP = "how many items to skip: slower the further it goes; prefer `after`"
After = Annotated[str, StringConstraints(max_length=MAX_CURSOR), Field(description=AFTER_HELP)]
SlowOffset = Annotated[Offset, Field(description=OFFSET_HELP)]


# Schemas ------------------------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    name: str


def _org(organisation: Organisation | None) -> dict[str, Any] | None:
    return None if organisation is None else {"id": organisation.pk, "name": organisation.name}


class CaseOut(Schema):
    code: str
    status: str
    identified_on: Day | None
    confirmed_on: Day | None
    organisation: OrganisationRef
    sex: str
    age_at_identification: int | None = Field(
        description="whole years; null: unknown, or withheld from you"
    )
    age_estimated: bool | None = Field(description="null: withheld from you")
    age_group: str
    citizenship: str | None = Field(None, description="ISO 3166-1 alpha-2; null: unknown")
    municipality: str | None = Field(
        None, description="municipality code; null: not recorded, or withheld from you"
    )
    exploitation: list[str] = Field(description="forms of exploitation; empty: not recorded")
    trafficking_scope: str
    version: int
    withheld: list[str] = Field(
        description="fields not shown to you: an organisation asked to take the case over "
        "sees only the basic facts until it accepts (docs/permissions.md)"
    )


class CaseDetailOut(CaseOut):
    means_of_control: list[str] | None = Field(description="null: withheld from you")
    recruitment: list[str] | None = Field(description="null: withheld from you")
    possible_duplicate: bool = Field(
        description="another record has a person with the same name and birth date"
    )
    can_see_identity: bool
    can_edit: bool


class CasePage(Schema):
    count: int = Field(
        description=f"how many cases match, counted up to {COUNT_CAP:,}: with `count_exact` "
        "false, more than that match"
    )
    count_exact: bool = Field(description=f"false: more than {COUNT_CAP:,} cases match")
    next: str | None = Field(
        description="the cursor of the next page: pass it as `after` (with the same filters "
        "and limit); null on the last page"
    )
    items: list[CaseOut]


class CaseIn(Schema):
    status: str = "potential"
    identified_on: Day | None = None
    reported_on: Day | None = None
    organisation_id: Id | None = Field(None, description="coordinators only; default: yours")
    code: str | None = Field(None, description="default: the next V-YYYY-NNNN")
    sex: str = "unknown"
    birth_date: Day | None = None
    age: Count | None = Field(None, description="whole years at identification, without birth date")
    citizenship: str = ""
    municipality: str | None = None
    exploitation: list[str] = []
    trafficking_scope: str = "unknown"
    means_of_control: list[str] = []
    recruitment: list[str] = []
    first_name: str = ""
    last_name: str = ""
    contact: str = ""
    languages: list[str] = []
    notes: str = ""
    reason: str = ""
    consent_data_processing: bool | None = None
    consent_referral: bool | None = None


class CaseUpdateIn(Schema):
    version: Version | None = Field(None, description=VERSION_HELP)
    identified_on: Day | None = None
    sex: str = leave_out()
    birth_date: Day | None = None
    age: Count | None = None
    citizenship: str | None = None
    municipality: str | None = None
    exploitation: list[str] = leave_out()
    trafficking_scope: str = leave_out()
    means_of_control: list[str] = leave_out()
    recruitment: list[str] = leave_out()
    first_name: str = leave_out()
    last_name: str = leave_out()
    contact: str = leave_out()
    languages: list[str] = leave_out()
    notes: str = leave_out()


class CaseFiltersIn(Schema):
    status: str = ""
    date_from: Day | None = None
    date_to: Day | None = None
    organisation: Id | None = None
    exploitation: str = ""
    age_group: str = ""
    sex: str = ""
    citizenship: str = ""
    q: str = Field(
        "",
        description="a case code (V-2024-0042), a year and the beginning of a number "
        "(2024-00), or a number (0042); other codes: any part",
    )
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    after: str = Field("", max_length=MAX_CURSOR, description=AFTER_HELP)
    offset: Offset = Field(0, description=OFFSET_HELP)


class IdentityOut(Schema):
    first_name: str
    last_name: str
    birth_date: Day | None
    contact: str
    languages: list[str]


class DecisionIn(Schema):
    to_status: str
    decided_on: Day
    reason: str
    authority_id: Id | None = Field(None, description="default: your organisation")
    version: Version | None = Field(None, description=VERSION_HELP)
    closure_reason: str = Field(
        "",
        description="when closing: recovered, returned, transferred, lost_contact, died, "
        "no_consent",
    )


class DecisionOut(Schema):
    id: int
    case: str
    from_status: str
    to_status: str
    decided_on: Day
    authority: OrganisationRef
    reason: str
    closure_reason: str = ""


class ReferralIn(Schema):
    to_organisation_id: Id
    service_type: str
    referred_on: Day | None = None
    note: str = ""
    override_reason: str = Field("", description="only without consent, for authorised users")
    urgent: bool = Field(False, description="the person needs an answer within hours")


class ReferralOut(Schema):
    id: int
    case: str
    from_organisation: OrganisationRef
    to_organisation: OrganisationRef
    service_type: str
    status: str
    referred_on: Day
    consent_overridden: bool
    note: str
    urgent: bool
    response_due: datetime.datetime = Field(
        description="when the receiving organisation should answer"
    )
    responded_on: Day | None
    response_reason: str
    completed_on: Day | None
    version: int


class ReferralAnswerIn(Schema):
    reason: str = Field("", description="required to decline or withdraw")
    on: Day | None = None
    version: Version | None = Field(None, description=VERSION_HELP)


class ServiceIn(Schema):
    service_type: str
    delivered_on: Day
    count: Count = 1
    referral_id: Id | None = None
    note: str = ""


class ServiceOut(Schema):
    id: int
    case: str
    service_type: str
    provider: OrganisationRef
    delivered_on: Day
    count: int
    referral_id: int | None


class StayIn(Schema):
    start: Day
    end: Day | None = None
    referral_id: Id | None = None


class StayEndIn(Schema):
    end: Day


class StayOut(Schema):
    id: int
    case: str
    safe_house: OrganisationRef | None
    start: Day
    end: Day | None
    referral_id: int | None


# Conversions --------------------------------------------------------------------------------


def case_out(case: VictimCase, fields: frozenset[str]) -> dict[str, Any]:
    """The case as `fields` (nrm.cases.visibility) allow: withheld fields are null."""
    values = {
        "code": case.code,
        "status": case.status,
        "identified_on": case.identified_on,
        "confirmed_on": case.confirmed_on,
        "organisation": _org(case.organisation),
        "sex": case.sex,
        "age_at_identification": case.age_at_identification,
        "age_estimated": case.age_estimated,
        "age_group": case.age_group,
        "citizenship": str(case.citizenship) or None,
        "municipality": case.municipality_id,
        "exploitation": case.exploitation_codes,
        "trafficking_scope": case.trafficking_scope,
        "version": case.version,
        "means_of_control": case.means_of_control,
        "recruitment": case.recruitment,
    }
    shown = {name: value if name in fields else None for name, value in values.items()}
    return {**shown, "withheld": visibility.withheld(fields)}


def case_detail_out(request: HttpRequest, case: VictimCase) -> dict[str, Any]:
    user = _actor(request)
    access = selectors.case_access(actor=user, case=case)
    return {
        **case_out(case, visibility.case_fields(user, case)),
        "possible_duplicate": selectors.case_has_possible_duplicate(actor=user, case=case),
        "can_see_identity": access.identity,
        "can_edit": access.edit,
    }


def decision_out(decision: IdentificationDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "case": decision.case.code,
        "from_status": decision.from_status,
        "to_status": decision.to_status,
        "decided_on": decision.decided_on,
        "authority": _org(decision.authority),
        "reason": decision.reason,
        "closure_reason": decision.closure_reason,
    }


def referral_out(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "case": referral.case.code,
        "from_organisation": _org(referral.from_organisation),
        "to_organisation": _org(referral.to_organisation),
        "service_type": referral.service_type,
        "status": referral.status,
        "referred_on": referral.referred_on,
        "consent_overridden": referral.consent_overridden,
        "note": referral.note,
        "urgent": referral.urgent,
        "response_due": rules.referral_response_due(referral),
        "responded_on": referral.responded_on,
        "response_reason": referral.response_reason,
        "completed_on": referral.completed_on,
        "version": referral.version,
    }


def service_out(service: ServiceDelivery) -> dict[str, Any]:
    return {
        "id": service.pk,
        "case": service.case.code,
        "service_type": service.service_type,
        "provider": _org(service.provider),
        "delivered_on": service.delivered_on,
        "count": service.count,
        "referral_id": service.referral_id,
    }


def stay_out(stay: ShelterStay) -> dict[str, Any]:
    return {
        "id": stay.pk,
        "case": stay.case.code,
        "safe_house": _org(stay.safe_house),
        "start": stay.start,
        "end": stay.end,
        "referral_id": stay.referral_id,
    }


def _actor(request: HttpRequest) -> User:
    """The API authenticates every request (nrm.api): the user is a signed-in User."""
    return cast(User, request.user)


def _organisation(request: HttpRequest, pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    try:
        return organisation_get(actor=_actor(request), pk=pk)
    except NotFound:
        raise ValidationError(fields={field: [f"no organisation with id {pk}"]}) from None


def _case(request: HttpRequest, code: str) -> VictimCase:
    return selectors.case_get(actor=_actor(request), code=code)


def _own_referral(request: HttpRequest, case: VictimCase, pk: int | None) -> Referral | None:
    if pk is None:
        return None
    referral = selectors.referrals_of_case(actor=_actor(request), case=case).filter(pk=pk).first()
    if referral is None:
        raise ValidationError(fields={"referral_id": [f"no referral {pk} of this case"]})
    return referral


# Cases --------------------------------------------------------------------------------------


@router.get("/cases", response=CasePage, summary="Cases you may read (pseudonymous)")
def list_cases(request: HttpRequest, filters: Query[CaseFiltersIn]) -> dict[str, Any]:
    values = filters.dict(exclude={"limit", "offset", "after"}, exclude_none=True)
    cases = selectors.case_list(actor=_actor(request), **values)
    page = selectors.CASE_LIST_KEYS.page(
        cases, limit=filters.limit, after=filters.after, offset=filters.offset
    )
    fields = visibility.fields_of_cases(_actor(request), page.items)
    counted = selectors.case_list_for_counting(actor=_actor(request), **values)
    count, exact = capped_count(counted, known=page.total)
    return {
        "count": count,
        "count_exact": exact,
        "next": page.next,
        "items": [case_out(c, fields[c.pk]) for c in page.items],
    }


def _next_link(request: HttpRequest, response: HttpResponse, cursor: str | None) -> None:
    """The next page of a list answered as a bare array, as a `Link: <...>; rel="next"`
    header (RFC 8288): the same address with `after` set to the cursor."""
    if cursor is None:
        return
    params = request.GET.copy()
    params.pop("offset", None)
    params["after"] = cursor
    response["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'


def _keyset_list(
    request: HttpRequest,
    response: HttpResponse,
    keyset: Keyset,
    queryset: QuerySet[Any],
    *,
    limit: int,
    after: str,
    offset: int,
) -> list[Any]:
    limit = min(max(limit, 1), MAX_LIMIT)
    page = keyset.page(queryset, limit=limit, after=after, offset=offset)
    _next_link(request, response, page.next)
    return page.items


@router.post("/cases", response={201: CaseDetailOut}, summary="Record a case")
def create_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    values = payload.dict()
    organisation = _organisation(request, values.pop("organisation_id"), "organisation_id")
    case = services.case_create(actor=_actor(request), organisation=organisation, **values)
    return Status(201, case_detail_out(request, case))


@router.get("/cases/{code}", response=CaseDetailOut, summary="One case (pseudonymous)")
def get_case(request: HttpRequest, code: str) -> dict[str, Any]:
    return case_detail_out(request, _case(request, code))


@router.patch("/cases/{code}", response=CaseDetailOut, summary="Change a case's values")
def update_case(request: HttpRequest, code: str, payload: CaseUpdateIn) -> dict[str, Any]:
    case = _case(request, code)
    changes = payload.dict(exclude_unset=True)
    version = given_version(changes.pop("version", None))
    services.case_update(actor=_actor(request), case=case, expected_version=version, **changes)
    return case_detail_out(request, _case(request, code))


@router.get(
    "/cases/{code}/identity",
    response=IdentityOut,
    summary="Who the person is (each read leaves an access entry)",
)
def get_identity(request: HttpRequest, code: str) -> dict[str, Any]:
    identity = selectors.case_identity(actor=_actor(request), case=_case(request, code))
    return {
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "birth_date": identity.birth_date,
        "contact": identity.contact,
        "languages": identity.languages,
    }


# Decisions ----------------------------------------------------------------------------------


@router.get("/cases/{code}/decisions", response=list[DecisionOut], summary="A case's decisions")
def list_case_decisions(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    case = _case(request, code)
    return [decision_out(d) for d in selectors.decisions_of_case(actor=_actor(request), case=case)]


@router.post("/cases/{code}/decisions", response={201: DecisionOut}, summary="Record a decision")
def create_decision(request: HttpRequest, code: str, payload: DecisionIn) -> Status[dict[str, Any]]:
    case = _case(request, code)
    decision = services.case_decide(
        actor=_actor(request),
        case=case,
        to_status=payload.to_status,
        decided_on=payload.decided_on,
        reason=payload.reason,
        authority=_organisation(request, payload.authority_id, "authority_id"),
        expected_version=given_version(payload.version),
        closure_reason=payload.closure_reason,
    )
    return Status(201, decision_out(decision))


@router.get("/decisions", response=list[DecisionOut], summary="Decisions of the cases you hold")
def list_decisions(
    request: HttpRequest,
    response: HttpResponse,
    case: str = "",
    limit: Limit = 50,
    after: After = "",
    offset: SlowOffset = 0,
) -> list[dict[str, Any]]:
    qs = selectors.decision_list(actor=_actor(request), case_code=case)
    rows = _keyset_list(
        request, response, selectors.DECISION_LIST_KEYS, qs, limit=limit, after=after, offset=offset
    )
    return [decision_out(d) for d in rows]


# Referrals ----------------------------------------------------------------------------------


@router.get("/referrals", response=list[ReferralOut], summary="Referrals you may see")
def list_referrals(
    request: HttpRequest,
    response: HttpResponse,
    box: str = Query("all", description="received, sent or all"),
    status: str = "",
    case: str = "",
    limit: Limit = 50,
    after: After = "",
    offset: SlowOffset = 0,
) -> list[dict[str, Any]]:
    user = _actor(request)
    keyset = selectors.REFERRAL_LIST_KEYS
    if box == "received":
        qs = selectors.referral_inbox(actor=user, status=status)
        keyset = selectors.REFERRAL_INBOX_KEYS
    elif box == "sent":
        qs = selectors.referral_outbox(actor=user, status=status)
    else:
        qs = selectors.referral_list(actor=user, status=status)
    if case:
        qs = qs.filter(case__code=case)
    rows = _keyset_list(request, response, keyset, qs, limit=limit, after=after, offset=offset)
    return [referral_out(r) for r in rows]


class RecipientOut(Schema):
    id: int
    name: str
    short_name: str
    type: str
    provides: bool = Field(description="it provides the service asked about")


@router.get(
    "/referrals/recipients",
    response=list[RecipientOut],
    summary="Organisations one can refer to, those that provide the service first",
)
def list_recipients(request: HttpRequest, service_type: str = "") -> list[dict[str, Any]]:
    user = _actor(request)
    rows = [
        {
            "id": o.pk,
            "name": o.name,
            "short_name": o.short_name,
            "type": o.type,
            "provides": bool(service_type) and service_type in (o.services or []),
        }
        for o in selectors.referral_recipients(actor=user)
    ]
    return sorted(rows, key=lambda row: not row["provides"])


@router.get("/referrals/{referral_id}", response=ReferralOut, summary="One referral")
def get_referral(request: HttpRequest, referral_id: Id) -> dict[str, Any]:
    return referral_out(selectors.referral_get(actor=_actor(request), pk=referral_id))


@router.get("/cases/{code}/referrals", response=list[ReferralOut], summary="A case's referrals")
def list_case_referrals(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    case = _case(request, code)
    return [referral_out(r) for r in selectors.referrals_of_case(actor=_actor(request), case=case)]


@router.post("/cases/{code}/referrals", response={201: ReferralOut}, summary="Refer a case")
def create_referral(request: HttpRequest, code: str, payload: ReferralIn) -> Status[dict[str, Any]]:
    case = _case(request, code)
    to_organisation = _organisation(request, payload.to_organisation_id, "to_organisation_id")
    assert to_organisation is not None
    referral = services.referral_create(
        actor=_actor(request),
        case=case,
        to_organisation=to_organisation,
        service_type=payload.service_type,
        referred_on=payload.referred_on,
        note=payload.note,
        override_reason=payload.override_reason,
        urgent=payload.urgent,
    )
    return Status(201, referral_out(referral))


def _answer(
    request: HttpRequest, referral_id: Id, action: str, payload: ReferralAnswerIn
) -> dict[str, Any]:
    user = _actor(request)
    referral = selectors.referral_get(actor=user, pk=referral_id)
    if action == "accept":
        referral = services.referral_accept(
            actor=user,
            referral=referral,
            note=payload.reason,
            on=payload.on,
            expected_version=given_version(payload.version),
        )
    elif action == "decline":
        referral = services.referral_decline(
            actor=user,
            referral=referral,
            reason=payload.reason,
            on=payload.on,
            expected_version=given_version(payload.version),
        )
    elif action == "complete":
        referral = services.referral_complete(
            actor=user,
            referral=referral,
            note=payload.reason,
            completed_on=payload.on,
            expected_version=given_version(payload.version),
        )
    else:
        referral = services.referral_withdraw(
            actor=user,
            referral=referral,
            reason=payload.reason,
            expected_version=given_version(payload.version),
        )
    return referral_out(referral)


@router.post("/referrals/{referral_id}/accept", response=ReferralOut, summary="Accept")
def accept_referral(
    request: HttpRequest, referral_id: Id, payload: ReferralAnswerIn
) -> dict[str, Any]:
    return _answer(request, referral_id, "accept", payload)


@router.post("/referrals/{referral_id}/decline", response=ReferralOut, summary="Decline")
def decline_referral(
    request: HttpRequest, referral_id: Id, payload: ReferralAnswerIn
) -> dict[str, Any]:
    return _answer(request, referral_id, "decline", payload)


@router.post("/referrals/{referral_id}/complete", response=ReferralOut, summary="Complete")
def complete_referral(
    request: HttpRequest, referral_id: Id, payload: ReferralAnswerIn
) -> dict[str, Any]:
    return _answer(request, referral_id, "complete", payload)


@router.post("/referrals/{referral_id}/withdraw", response=ReferralOut, summary="Withdraw")
def withdraw_referral(
    request: HttpRequest, referral_id: Id, payload: ReferralAnswerIn
) -> dict[str, Any]:
    return _answer(request, referral_id, "withdraw", payload)


# Services and stays -------------------------------------------------------------------------


@router.get("/services", response=list[ServiceOut], summary="Services of the cases you hold")
def list_services(
    request: HttpRequest,
    response: HttpResponse,
    case: str = "",
    limit: Limit = 50,
    after: After = "",
    offset: SlowOffset = 0,
) -> list[dict[str, Any]]:
    qs = selectors.service_list(actor=_actor(request), case_code=case)
    rows = _keyset_list(
        request, response, selectors.SERVICE_LIST_KEYS, qs, limit=limit, after=after, offset=offset
    )
    return [service_out(s) for s in rows]


@router.post(
    "/cases/{code}/services", response={201: ServiceOut}, summary="Record services delivered"
)
def create_service(request: HttpRequest, code: str, payload: ServiceIn) -> Status[dict[str, Any]]:
    case = _case(request, code)
    delivery = services.service_record(
        actor=_actor(request),
        case=case,
        service_type=payload.service_type,
        delivered_on=payload.delivered_on,
        count=payload.count,
        referral=_own_referral(request, case, payload.referral_id),
        note=payload.note,
    )
    return Status(201, service_out(delivery))


@router.get("/stays", response=list[StayOut], summary="Shelter stays of the cases you hold")
def list_stays(
    request: HttpRequest,
    response: HttpResponse,
    case: str = "",
    limit: Limit = 50,
    after: After = "",
    offset: SlowOffset = 0,
) -> list[dict[str, Any]]:
    qs = selectors.stay_list(actor=_actor(request), case_code=case)
    rows = _keyset_list(
        request, response, selectors.STAY_LIST_KEYS, qs, limit=limit, after=after, offset=offset
    )
    return [stay_out(s) for s in rows]


@router.post("/cases/{code}/stays", response={201: StayOut}, summary="Record a shelter stay")
def create_stay(request: HttpRequest, code: str, payload: StayIn) -> Status[dict[str, Any]]:
    case = _case(request, code)
    stay = services.stay_record(
        actor=_actor(request),
        case=case,
        start=payload.start,
        end=payload.end,
        referral=_own_referral(request, case, payload.referral_id),
    )
    return Status(201, stay_out(stay))


@router.post("/stays/{stay_id}/end", response=StayOut, summary="Record the end of a stay")
def end_stay(request: HttpRequest, stay_id: Id, payload: StayEndIn) -> dict[str, Any]:
    stay = selectors.stay_list(actor=_actor(request)).filter(pk=stay_id).first()
    if stay is None:
        raise NotFound()
    return stay_out(services.stay_end(actor=_actor(request), stay=stay, end=payload.end))
