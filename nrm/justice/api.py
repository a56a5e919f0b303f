"""Trial monitoring in the API: court cases and everything recorded on them, the catalogue, the
figures. Endpoints are thin: they call the same selectors and services as the web pages, so the
same rules apply (trial monitors: their organisation's cases; coordinators: read all).

Amounts in BAM are decimal strings ("300.00"); dates are YYYY-MM-DD.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from nrm.accounts.models import User
from nrm.core.api_types import (
    VERSION_HELP,
    Count,
    Day,
    Id,
    Offset,
    Version,
    given_version,
    leave_out,
)
from nrm.core.periods import Period
from nrm.justice import selectors, services, statistics
from nrm.justice.models import (
    Article,
    Charge,
    CompensationClaim,
    CourtCase,
    Defendant,
    Hearing,
    InjuredParty,
    Verdict,
)

router = Router(tags=["trial monitoring"])


# Schemas --------------------------------------------------------------------------------------


class ArticleOut(Schema):
    key: str
    code: str
    number: str
    title: str
    category: str
    listed: bool


class CriminalCodeOut(Schema):
    key: str
    name: str
    short_name: str
    jurisdiction: str
    articles: list[ArticleOut]


class CourtOut(Schema):
    key: str
    name: str
    local_name: str
    kind: str
    jurisdiction: str


class SentenceSchema(Schema):
    imprisonment_months: Count | None = None
    suspended: bool = False
    probation_months: Count | None = None
    fine_bam: Decimal | None = None
    confiscated_bam: Decimal | None = None


class ChargeIn(Schema):
    article: str  # a key such as "fbih:210a"
    qualification: str = "initial"
    confirmed: bool = False  # needed for an unusual charge (a CC BiH article in an entity court)


class ChargeOut(Schema):
    id: int
    article: str
    title: str
    qualification: str


class VerdictIn(Schema):
    instance: Count = 1
    outcome: str
    pronounced_on: Day
    sentence: SentenceSchema | None = None


class VerdictOut(Schema):
    id: int
    instance: int
    outcome: str
    pronounced_on: Day
    sentence: SentenceSchema | None


class DefendantIn(Schema):
    code: str = ""
    sex: str = "unknown"
    citizenship: str = ""
    age: Count | None = None
    notes: str = ""


class DefendantPatch(Schema):
    code: str = leave_out()
    sex: str = leave_out()
    citizenship: str | None = None
    age: Count | None = None
    notes: str = leave_out()


class DefendantOut(Schema):
    id: int
    code: str
    sex: str
    citizenship: str
    age: int | None
    notes: str
    charges: list[ChargeOut]
    verdicts: list[VerdictOut]


class HearingIn(Schema):
    held_on: Day
    kind: str = "main_trial"
    outcome: str = "held"
    notes: str = ""


class HearingPatch(Schema):
    held_on: Day | None = None
    kind: str = leave_out()
    outcome: str = leave_out()
    notes: str = leave_out()


class HearingOut(Schema):
    id: int
    held_on: Day
    kind: str
    outcome: str
    notes: str


class ClaimIn(Schema):
    claimed_bam: Decimal
    outcome: str = "pending"
    awarded_bam: Decimal | None = None
    paid_bam: Decimal | None = None
    decided_on: Day | None = None
    defendant: Id | None = None  # the id of a defendant of the same case


class ClaimPatch(Schema):
    claimed_bam: Decimal | None = None
    outcome: str = leave_out()
    awarded_bam: Decimal | None = None
    paid_bam: Decimal | None = None
    decided_on: Day | None = None
    defendant: Id | None = None


class ClaimOut(Schema):
    id: int
    defendant: int | None
    claimed_bam: Decimal
    outcome: str
    awarded_bam: Decimal | None
    paid_bam: Decimal | None
    decided_on: Day | None


class InjuredPartyIn(Schema):
    code: str = ""
    sex: str = "unknown"
    age_group: str = "unknown"
    citizenship: str = ""
    victim_case_code: str = ""
    notes: str = ""


class InjuredPartyPatch(Schema):
    code: str = leave_out()
    sex: str = leave_out()
    age_group: str = leave_out()
    citizenship: str | None = None
    victim_case_code: str = leave_out()  # "" removes the link
    notes: str = leave_out()


class InjuredPartyOut(Schema):
    id: int
    code: str
    sex: str
    age_group: str
    citizenship: str
    victim_case_code: str | None
    notes: str
    claims: list[ClaimOut]


class CourtCaseIn(Schema):
    court: str  # a court's key, e.g. "court_bih"
    case_number: str
    stage: str = "indictment"
    monitoring_started_on: Day
    monitoring_ended_on: Day | None = None
    indictment_filed_on: Day | None = None
    indictment_confirmed_on: Day | None = None
    trial_started_on: Day | None = None
    first_instance_verdict_on: Day | None = None
    appeal_decided_on: Day | None = None
    final_decision_on: Day | None = None
    exploitation_forms: list[str] = []
    notes: str = ""


class CourtCasePatch(Schema):
    version: Version | None = Field(None, description=VERSION_HELP)
    court: str = leave_out()
    case_number: str = leave_out()
    stage: str = leave_out()
    monitoring_started_on: Day | None = None
    monitoring_ended_on: Day | None = None
    indictment_filed_on: Day | None = None
    indictment_confirmed_on: Day | None = None
    trial_started_on: Day | None = None
    first_instance_verdict_on: Day | None = None
    appeal_decided_on: Day | None = None
    final_decision_on: Day | None = None
    exploitation_forms: list[str] = leave_out()
    notes: str = leave_out()


class CourtCaseSummaryOut(Schema):
    id: int
    court: str
    court_name: str
    case_number: str
    jurisdiction: str
    monitoring_organisation: str
    stage: str
    monitoring_started_on: Day
    final_decision_on: Day | None
    defendants: int
    version: int


class CourtCaseOut(Schema):
    id: int
    court: str
    court_name: str
    case_number: str
    jurisdiction: str
    monitoring_organisation: str
    stage: str
    monitoring_started_on: Day
    monitoring_ended_on: Day | None
    indictment_filed_on: Day | None
    indictment_confirmed_on: Day | None
    trial_started_on: Day | None
    first_instance_verdict_on: Day | None
    appeal_decided_on: Day | None
    final_decision_on: Day | None
    exploitation_forms: list[str]
    notes: str
    version: int
    defendants: list[DefendantOut]
    hearings: list[HearingOut]
    injured_parties: list[InjuredPartyOut]


class ArticleFigureOut(Schema):
    key: str
    code: str
    code_name: str
    number: str
    title: str
    category: str
    category_label: str
    cases: int


class MinMax(Schema):
    min: int | float | None
    max: int | float | None


class CaseFigures(Schema):
    total: int
    ongoing: int
    finalized: int


class DefendantFigures(Schema):
    total: int
    male: int
    female: int


class VerdictFigures(Schema):
    convicted: int
    acquitted: int
    dismissed: int


class SentenceFigures(Schema):
    suspended: int
    imprisonment: int
    fine: int
    imprisonment_months: MinMax
    suspended_months: MinMax
    fines_bam: MinMax


class TrialMonitoringOut(Schema):
    cases: CaseFigures
    defendants: DefendantFigures
    cases_by_article: dict[str, int]
    verdicts: VerdictFigures
    sentences: SentenceFigures


def _actor(request: HttpRequest) -> User:
    """The authenticated user: the API's authentication guarantees one."""
    return cast(User, request.user)


# Building the outputs (explicit: never a model dumped whole) -------------------------------------


def _article(article: Article) -> dict[str, Any]:
    return {
        "key": article.key,
        "code": article.code_id,
        "number": article.number,
        "title": article.title_in(),
        "category": article.category,
        "listed": article.listed,
    }


def _sentence(verdict: Verdict) -> dict[str, Any] | None:
    sentence = getattr(verdict, "sentence", None)
    if sentence is None:
        return None
    return {name: getattr(sentence, name) for name in services.SENTENCE_FIELDS}


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "id": verdict.pk,
        "instance": verdict.instance,
        "outcome": verdict.outcome,
        "pronounced_on": verdict.pronounced_on,
        "sentence": _sentence(verdict),
    }


def _charge(charge: Charge) -> dict[str, Any]:
    return {
        "id": charge.pk,
        "article": charge.article.key,
        "title": charge.article.title_in(),
        "qualification": charge.qualification,
    }


def _defendant(defendant: Defendant) -> dict[str, Any]:
    return {
        "id": defendant.pk,
        "code": defendant.code,
        "sex": defendant.sex,
        "citizenship": str(defendant.citizenship or ""),
        "age": defendant.age,
        "notes": defendant.notes,
        "charges": [_charge(c) for c in defendant.charges.all()],
        "verdicts": [_verdict(v) for v in defendant.verdicts.all()],
    }


def _hearing(hearing: Hearing) -> dict[str, Any]:
    return {
        "id": hearing.pk,
        "held_on": hearing.held_on,
        "kind": hearing.kind,
        "outcome": hearing.outcome,
        "notes": hearing.notes,
    }


def _claim(claim: CompensationClaim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "defendant": claim.defendant_id,
        "claimed_bam": claim.claimed_bam,
        "outcome": claim.outcome,
        "awarded_bam": claim.awarded_bam,
        "paid_bam": claim.paid_bam,
        "decided_on": claim.decided_on,
    }


def _injured_party(party: InjuredParty) -> dict[str, Any]:
    return {
        "id": party.pk,
        "code": party.code,
        "sex": party.sex,
        "age_group": party.age_group,
        "citizenship": str(party.citizenship or ""),
        "victim_case_code": getattr(party, "victim_case_code", None),
        "notes": party.notes,
        "claims": [_claim(c) for c in party.claims.all()],
    }


def _summary(court_case: CourtCase) -> dict[str, Any]:
    return {
        "id": court_case.pk,
        "court": court_case.court_id,
        "court_name": court_case.court.name_in(),
        "case_number": court_case.case_number,
        "jurisdiction": court_case.jurisdiction,
        "monitoring_organisation": str(court_case.monitoring_organisation),
        "stage": court_case.stage,
        "monitoring_started_on": court_case.monitoring_started_on,
        "final_decision_on": court_case.final_decision_on,
        "defendants": getattr(court_case, "defendant_count", 0),
        "version": court_case.version,
    }


def _detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    fields = [
        "monitoring_ended_on",
        "indictment_filed_on",
        "indictment_confirmed_on",
        "trial_started_on",
        "first_instance_verdict_on",
        "appeal_decided_on",
        "exploitation_forms",
        "notes",
    ]
    return {
        **_summary(court_case),
        **{name: getattr(court_case, name) for name in fields},
        "defendants": [_defendant(d) for d in court_case.defendants.all()],
        "hearings": [_hearing(h) for h in court_case.hearings.all()],
        "injured_parties": [_injured_party(p) for p in court_case.injured_parties.all()],
    }


def _period(start: str, end: str) -> Period:
    return Period.from_strings(start, end)


# Court cases -----------------------------------------------------------------------------------


class CourtCaseQuery(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: Offset = 0
    q: str = ""
    stage: str = ""
    jurisdiction: str = ""
    court: str = ""
    article: str = ""
    status: str = ""
    monitored_from: Day | None = None
    monitored_to: Day | None = None


class CourtCasePage(Schema):
    count: int
    items: list[CourtCaseSummaryOut]


@router.get("/justice/court-cases", response=CourtCasePage, summary="Monitored cases")
def court_case_list(request: HttpRequest, filters: Query[CourtCaseQuery]) -> dict[str, Any]:
    """The cases you may read (trial monitors: your organisation's), most recently monitored
    first, `limit` (at most 500) at a time from `offset`."""
    values = filters.dict()
    start = values.pop("offset")
    end = start + values.pop("limit")
    cases = selectors.court_case_list(actor=_actor(request), **values)
    return {"count": cases.count(), "items": [_summary(c) for c in cases[start:end]]}


@router.post("/justice/court-cases", response={201: CourtCaseOut}, summary="Start monitoring")
def court_case_create(request: HttpRequest, payload: CourtCaseIn) -> Status[dict[str, Any]]:
    court_case = services.court_case_create(actor=_actor(request), **payload.dict())
    return Status(201, _detail(request, court_case.pk))


@router.get("/justice/court-cases/{pk}", response=CourtCaseOut, summary="One monitored case")
def court_case_get(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _detail(request, pk)


@router.patch("/justice/court-cases/{pk}", response=CourtCaseOut, summary="Change a case")
def court_case_update(request: HttpRequest, pk: Id, payload: CourtCasePatch) -> dict[str, Any]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    changes = payload.dict(exclude_unset=True)
    version = given_version(changes.pop("version", None))
    services.court_case_update(
        actor=_actor(request), court_case=court_case, expected_version=version, **changes
    )
    return _detail(request, pk)


@router.delete("/justice/court-cases/{pk}", response={204: None}, summary="Stop monitoring")
def court_case_delete(request: HttpRequest, pk: Id) -> Status[None]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    services.court_case_delete(actor=_actor(request), court_case=court_case)
    return Status(204, None)


# Defendants, charges, verdicts ----------------------------------------------------------------


@router.post(
    "/justice/court-cases/{pk}/defendants", response={201: CourtCaseOut}, summary="Add a defendant"
)
def defendant_add(request: HttpRequest, pk: Id, payload: DefendantIn) -> Status[dict[str, Any]]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    services.defendant_add(actor=_actor(request), court_case=court_case, **payload.dict())
    return Status(201, _detail(request, pk))


@router.patch("/justice/defendants/{pk}", response=CourtCaseOut, summary="Change a defendant")
def defendant_update(request: HttpRequest, pk: Id, payload: DefendantPatch) -> dict[str, Any]:
    defendant = selectors.defendant_get(actor=_actor(request), pk=pk)
    services.defendant_update(
        actor=_actor(request), defendant=defendant, **payload.dict(exclude_unset=True)
    )
    return _detail(request, defendant.court_case_id)


@router.delete("/justice/defendants/{pk}", response={204: None}, summary="Remove a defendant")
def defendant_remove(request: HttpRequest, pk: Id) -> Status[None]:
    defendant = selectors.defendant_get(actor=_actor(request), pk=pk)
    services.defendant_remove(actor=_actor(request), defendant=defendant)
    return Status(204, None)


@router.post(
    "/justice/defendants/{pk}/charges", response={201: CourtCaseOut}, summary="Add a charge"
)
def charge_add(request: HttpRequest, pk: Id, payload: ChargeIn) -> Status[dict[str, Any]]:
    defendant = selectors.defendant_get(actor=_actor(request), pk=pk)
    services.charge_add(
        actor=_actor(request),
        defendant=defendant,
        article=payload.article,
        qualification=payload.qualification,
        confirmed=payload.confirmed,
    )
    return Status(201, _detail(request, defendant.court_case_id))


@router.delete("/justice/charges/{pk}", response={204: None}, summary="Remove a charge")
def charge_remove(request: HttpRequest, pk: Id) -> Status[None]:
    charge = selectors.charge_get(actor=_actor(request), pk=pk)
    services.charge_remove(actor=_actor(request), charge=charge)
    return Status(204, None)


@router.post(
    "/justice/defendants/{pk}/verdicts",
    response={201: CourtCaseOut},
    summary="Record the verdict of one instance (replaces it if recorded)",
)
def verdict_record(request: HttpRequest, pk: Id, payload: VerdictIn) -> Status[dict[str, Any]]:
    defendant = selectors.defendant_get(actor=_actor(request), pk=pk)
    values = payload.dict()
    services.verdict_record(actor=_actor(request), defendant=defendant, **values)
    return Status(201, _detail(request, defendant.court_case_id))


@router.delete("/justice/verdicts/{pk}", response={204: None}, summary="Remove a verdict")
def verdict_remove(request: HttpRequest, pk: Id) -> Status[None]:
    verdict = selectors.verdict_get(actor=_actor(request), pk=pk)
    services.verdict_remove(actor=_actor(request), verdict=verdict)
    return Status(204, None)


# Hearings --------------------------------------------------------------------------------------


@router.post(
    "/justice/court-cases/{pk}/hearings", response={201: CourtCaseOut}, summary="Add a hearing"
)
def hearing_add(request: HttpRequest, pk: Id, payload: HearingIn) -> Status[dict[str, Any]]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    services.hearing_add(actor=_actor(request), court_case=court_case, **payload.dict())
    return Status(201, _detail(request, pk))


@router.patch("/justice/hearings/{pk}", response=CourtCaseOut, summary="Change a hearing")
def hearing_update(request: HttpRequest, pk: Id, payload: HearingPatch) -> dict[str, Any]:
    hearing = selectors.hearing_get(actor=_actor(request), pk=pk)
    services.hearing_update(
        actor=_actor(request), hearing=hearing, **payload.dict(exclude_unset=True)
    )
    return _detail(request, hearing.court_case_id)


@router.delete("/justice/hearings/{pk}", response={204: None}, summary="Remove a hearing")
def hearing_remove(request: HttpRequest, pk: Id) -> Status[None]:
    hearing = selectors.hearing_get(actor=_actor(request), pk=pk)
    services.hearing_remove(actor=_actor(request), hearing=hearing)
    return Status(204, None)


# Injured parties and compensation ------------------------------------------------------------


@router.post(
    "/justice/court-cases/{pk}/injured-parties",
    response={201: CourtCaseOut},
    summary="Add an injured party",
)
def injured_party_add(
    request: HttpRequest, pk: Id, payload: InjuredPartyIn
) -> Status[dict[str, Any]]:
    court_case = selectors.court_case_get(actor=_actor(request), pk=pk)
    services.injured_party_add(actor=_actor(request), court_case=court_case, **payload.dict())
    return Status(201, _detail(request, pk))


@router.patch(
    "/justice/injured-parties/{pk}", response=CourtCaseOut, summary="Change an injured party"
)
def injured_party_update(
    request: HttpRequest, pk: Id, payload: InjuredPartyPatch
) -> dict[str, Any]:
    party = selectors.injured_party_get(actor=_actor(request), pk=pk)
    services.injured_party_update(
        actor=_actor(request), injured_party=party, **payload.dict(exclude_unset=True)
    )
    return _detail(request, party.court_case_id)


@router.delete(
    "/justice/injured-parties/{pk}", response={204: None}, summary="Remove an injured party"
)
def injured_party_remove(request: HttpRequest, pk: Id) -> Status[None]:
    party = selectors.injured_party_get(actor=_actor(request), pk=pk)
    services.injured_party_remove(actor=_actor(request), injured_party=party)
    return Status(204, None)


@router.post(
    "/justice/injured-parties/{pk}/claims",
    response={201: CourtCaseOut},
    summary="Record a compensation claim",
)
def claim_add(request: HttpRequest, pk: Id, payload: ClaimIn) -> Status[dict[str, Any]]:
    party = selectors.injured_party_get(actor=_actor(request), pk=pk)
    services.claim_add(actor=_actor(request), injured_party=party, **payload.dict())
    return Status(201, _detail(request, party.court_case_id))


@router.patch("/justice/claims/{pk}", response=CourtCaseOut, summary="Change a claim")
def claim_update(request: HttpRequest, pk: Id, payload: ClaimPatch) -> dict[str, Any]:
    claim = selectors.claim_get(actor=_actor(request), pk=pk)
    services.claim_update(actor=_actor(request), claim=claim, **payload.dict(exclude_unset=True))
    return _detail(request, claim.injured_party.court_case_id)


@router.delete("/justice/claims/{pk}", response={204: None}, summary="Remove a claim")
def claim_remove(request: HttpRequest, pk: Id) -> Status[None]:
    claim = selectors.claim_get(actor=_actor(request), pk=pk)
    services.claim_remove(actor=_actor(request), claim=claim)
    return Status(204, None)


# The catalogue and the figures -----------------------------------------------------------------


@router.get("/justice/criminal-codes", response=list[CriminalCodeOut], summary="The catalogue")
def criminal_codes(request: HttpRequest) -> list[dict[str, Any]]:
    """Codes and their articles, titles in the request's language (Accept-Language)."""
    return [
        {
            "key": code.key,
            "name": code.name_in(),
            "short_name": code.short_name_in(),
            "jurisdiction": code.jurisdiction,
            "articles": [_article(a) for a in code.articles.all()],
        }
        for code in selectors.criminal_codes(actor=_actor(request))
    ]


@router.get("/justice/courts", response=list[CourtOut], summary="Courts of BiH")
def courts(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "key": court.key,
            "name": court.name,
            "local_name": court.local_name,
            "kind": court.kind,
            "jurisdiction": court.jurisdiction,
        }
        for court in selectors.court_list(actor=_actor(request))
    ]


class PeriodQuery(Schema):
    start: str = Field(..., alias="from", description="first day, YYYY-MM-DD")
    end: str = Field(..., alias="to", description="last day, YYYY-MM-DD")


@router.get(
    "/justice/statistics", response=TrialMonitoringOut, summary="The trial_monitoring figures"
)
def figures(request: HttpRequest, period: Query[PeriodQuery]) -> dict[str, Any]:
    """As `nrm stats --family trial_monitoring`; trial monitors get their organisation's."""
    return statistics.trial_monitoring_statistics(
        period=_period(period.start, period.end), actor=_actor(request)
    )


@router.get(
    "/justice/statistics/cases-by-article",
    response=list[ArticleFigureOut],
    summary="Monitored cases by criminal offence",
)
def cases_by_article(request: HttpRequest, period: Query[PeriodQuery]) -> list[dict[str, Any]]:
    figures = statistics.cases_by_article(
        period=_period(period.start, period.end), actor=_actor(request)
    )
    return [figure.as_dict() for figure in figures]


@router.get(
    "/justice/statistics/completed-offences",
    response=list[ArticleFigureOut],
    summary="Criminal offences in the decisions of the cases completed in the period",
)
def completed_offences(request: HttpRequest, period: Query[PeriodQuery]) -> list[dict[str, Any]]:
    figures = statistics.offences_in_completed_cases(
        period=_period(period.start, period.end), actor=_actor(request)
    )
    return [figure.as_dict() for figure in figures]
