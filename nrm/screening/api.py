"""Screening API: evaluate answers (nothing stored), store screenings, read them by role.

The result has the same JSON as `nrm screen`: instrument, version, set, verdict, elements,
ignored, explanation, recommendation. Stored screenings add their own fields around it.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from nrm.core.api_types import Day, Offset
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.screening import engine, rules, selectors, services
from nrm.screening import modules as question_modules
from nrm.screening.definitions import localise
from nrm.screening.models import Screening

router = Router(tags=["screening"])
MAX_PAGE = 200


class EvaluateIn(Schema):
    model_config = ConfigDict(populate_by_name=True)

    instrument: str = Field(..., examples=["ilo-ec-delphi-2009"])
    set_id: str = Field(..., alias="set", examples=["adult_labour"])
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="indicator id: yes, no or unknown (an indicator not answered is unknown)",
        examples=[{"d1_deceived_wages": "yes", "d4_excessive_hours": "unknown"}],
    )
    lang: str | None = Field(None, description="en, bs, hr, sr or sr-latn")
    modules: dict[str, dict[str, str]] | None = Field(
        None,
        description="question modules of the context: module id -> {question id: yes/no/unknown}; "
        "a yes counts as yes to the indicators the question evidences",
    )


class ScreeningIn(EvaluateIn):
    context: str = Field(
        "", description="labour, sexual, begging, online_recruitment or unknown (form not known)"
    )
    also_sets: list[str] = Field(
        default_factory=list,
        description="form unknown: further sets of the instrument to score; the screening keeps "
        "the one that holds and the verdict of each",
    )
    elements: dict[str, dict[str, str]] | None = Field(
        None,
        description="no graded set for the form: element id -> {answer: yes/no/unknown, "
        "evidence: text}; a yes needs its evidence",
    )
    age_group: str = Field("", description="adult or child (for sets meant for any age)")
    screened_on: Day | None = None
    case: str | None = Field(None, description="the code of a case to link the screening to")
    municipality: str | None = Field(None, description="a municipality code")
    notes: str = ""
    confirm_no_answers: bool = Field(
        False, description="store a screening without a single yes or no answer"
    )


class Result(Schema):
    model_config = ConfigDict(populate_by_name=True)

    instrument: str
    version: int
    set_id: str = Field(..., alias="set")
    verdict: str | None
    elements: dict[str, bool]
    ignored: list[str]
    explanation: dict[str, Any]
    recommendation: dict[str, Any]


class ScreeningOut(Result):
    reference: str
    context: str
    age_group: str
    screened_on: Day
    organisation: str
    screened_by: str | None
    case: str | None
    created_at: datetime.datetime
    set_results: dict[str, str | None] = Field(
        default_factory=dict, description="form unknown: the verdict of every set scored"
    )
    checklist: list[dict[str, str]] = Field(
        default_factory=list,
        description="no graded set for the form: each element with its answer and evidence",
    )


class ScreeningPage(Schema):
    count: int
    items: list[ScreeningOut]


class ListQuery(Schema):
    context: str = ""
    verdict: str = ""
    age_group: str = ""
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")
    q: str = ""
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: Offset = 0


class IndicatorOut(Schema):
    id: str
    dimension: str
    grade: str | None
    label: str
    question: str


class SetOut(Schema):
    id: str
    age_group: str | None
    exploitation: str | None
    label: str
    indicators: list[IndicatorOut]


class InstrumentOut(Schema):
    instrument: str
    version: int
    status: str
    graded: bool
    title: str
    note: str | None
    sets: list[SetOut]


def _language(request: HttpRequest, requested: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    if requested:
        if requested not in codes:
            raise ValidationError(
                fields={"lang": [_("use one of: %(codes)s") % {"codes": ", ".join(codes)}]}
            )
        return requested
    user_language = getattr(request.user, "language", "")
    return user_language or translation.get_language() or "en"


def _screening_out(screening: Screening, language: str) -> dict[str, Any]:
    return {
        **selectors.screening_result(screening, language),
        "reference": screening.reference,
        "context": screening.context,
        "age_group": screening.age_group,
        "screened_on": screening.screened_on,
        "organisation": str(screening.organisation),
        "screened_by": screening.created_by.username if screening.created_by else None,
        "case": screening.case.code if screening.case else None,
        "created_at": screening.created_at,
        "set_results": dict(screening.set_results or {}),
        "checklist": selectors.screening_extras(screening, language)["checklist"],
    }


@router.get(
    "/screenings/instruments",
    response=list[InstrumentOut],
    summary="The screening instruments offered, with their sets and indicators",
)
def instruments(request: HttpRequest, lang: str | None = None) -> list[dict[str, Any]]:
    if not rules.can_screen(request.user):
        raise PermissionDenied()
    language = _language(request, lang)
    found = []
    for row, instrument in selectors.offered_instruments():
        found.append(
            {
                "instrument": row.key,
                "version": row.version,
                "status": row.status,
                "graded": row.graded,
                "title": localise(instrument.title, language),
                "note": localise(instrument.note, language),
                "sets": [
                    {
                        "id": indicator_set.id,
                        "age_group": indicator_set.age_group,
                        "exploitation": indicator_set.exploitation,
                        "label": localise(indicator_set.label, language),
                        "indicators": [
                            {
                                "id": indicator.id,
                                "dimension": indicator.dimension,
                                "grade": indicator.grades.get(indicator_set.id),
                                "label": localise(indicator.label, language),
                                "question": localise(indicator.question, language),
                            }
                            for indicator in instrument.indicators_in(indicator_set.id)
                        ],
                    }
                    for indicator_set in instrument.sets.values()
                ],
            }
        )
    return found


@router.post(
    "/screenings/evaluate",
    response=Result,
    by_alias=True,
    summary="Score answers with an instrument's rules (nothing is stored)",
)
def evaluate(request: HttpRequest, payload: EvaluateIn) -> dict[str, Any]:
    if not rules.can_screen(request.user):
        raise PermissionDenied()
    language = _language(request, payload.lang)
    instrument = selectors.instrument_for_scoring(payload.instrument)
    answers = payload.answers
    if payload.modules:
        answers = question_modules.apply_all(instrument, payload.set_id, answers, payload.modules)
    return engine.result(engine.evaluate(instrument, payload.set_id, answers), language)


@router.post(
    "/screenings",
    response={201: ScreeningOut},
    by_alias=True,
    summary="Store a screening (optionally linked to a case)",
)
def create(request: HttpRequest, payload: ScreeningIn) -> Status[dict[str, Any]]:
    language = _language(request, payload.lang)
    screening = services.screening_create(
        actor=request.user,  # type: ignore[arg-type]
        instrument=payload.instrument,
        set_id=payload.set_id,
        answers=payload.answers,
        context=payload.context,
        age_group=payload.age_group,
        screened_on=payload.screened_on,
        case=payload.case,
        municipality=payload.municipality,
        notes=payload.notes,
        also_sets=payload.also_sets,
        elements=payload.elements,
        modules=payload.modules,
        confirm_no_answers=payload.confirm_no_answers,
    )
    screening = selectors.screening_get(actor=request.user, reference=screening.reference)  # type: ignore[arg-type]
    return Status(201, _screening_out(screening, language))


@router.get(
    "/screenings",
    response=ScreeningPage,
    by_alias=True,
    summary="Stored screenings the user may read, newest first",
)
def screening_list(
    request: HttpRequest, filters: Query[ListQuery], lang: str | None = None
) -> dict[str, Any]:
    language = _language(request, lang)
    qs = selectors.screening_list(
        actor=request.user,  # type: ignore[arg-type]
        filters=selectors.ScreeningFilters(
            context=filters.context,
            verdict=filters.verdict,
            age_group=filters.age_group,
            date_from=filters.date_from,
            date_to=filters.date_to,
            q=filters.q,
        ),
    )
    page = list(qs[filters.offset : filters.offset + filters.limit])
    return {"count": qs.count(), "items": [_screening_out(s, language) for s in page]}


class RecordIn(Schema):
    sex: str = "unknown"
    age: int | None = Field(None, ge=0, le=120)
    citizenship: str = ""
    exploitation: list[str] | None = None


class SubmitIn(Schema):
    key: uuid.UUID = Field(
        ...,
        description="made by the device once per submission; a retry "
        "with the same key returns what was stored",
    )
    screening: ScreeningIn
    record: RecordIn | None = Field(None, description="record the person as a potential victim")
    case: str | None = Field(None, description="an existing case to update and link to")
    case_version: int | None = Field(
        None, ge=0, le=2**63 - 1, description="the case's version the device saw"
    )


class SubmitOut(Schema):
    reference: str
    case: str | None
    created: bool


@router.get(
    "/screenings/offline-bundle",
    summary="The questions of every situation and the readable cases' versions, for offline use",
)
def offline_bundle(request: HttpRequest, lang: str | None = None) -> dict[str, Any]:
    return selectors.offline_bundle(
        actor=request.user,  # type: ignore[arg-type]
        language=_language(request, lang),
    )


@router.post(
    "/screenings/submit",
    response={200: SubmitOut, 201: SubmitOut},
    summary="Idempotent submission from the offline queue (409 if the case changed meanwhile)",
)
def submit(request: HttpRequest, payload: SubmitIn) -> Status[dict[str, Any]]:
    body = payload.screening
    values = {
        "instrument": body.instrument,
        "set_id": body.set_id,
        "answers": body.answers,
        "context": body.context,
        "age_group": body.age_group,
        "screened_on": body.screened_on,
        "municipality": body.municipality,
        "notes": body.notes,
        "also_sets": body.also_sets,
    }

    def run() -> services.Submission:
        return services.screening_submit(
            actor=request.user,  # type: ignore[arg-type]
            key=payload.key,
            screening=values,
            record=payload.record.dict() if payload.record else None,
            case=payload.case,
            case_version=payload.case_version,
        )

    try:
        done = run()
    except IntegrityError:  # the same key sent twice at once: the other request stored it
        done = run()
    out = {
        "reference": done.screening.reference,
        "case": done.case.code if done.case else None,
        "created": done.created,
    }
    return Status(201 if done.created else 200, out)


@router.get(
    "/screenings/{reference}",
    response=ScreeningOut,
    by_alias=True,
    summary="One stored screening, with its result as it was scored",
)
def screening_detail(
    request: HttpRequest, reference: str, lang: str | None = None
) -> dict[str, Any]:
    language = _language(request, lang)
    screening = selectors.screening_get(actor=request.user, reference=reference)  # type: ignore[arg-type]
    return _screening_out(screening, language)
