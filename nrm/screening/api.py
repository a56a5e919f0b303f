"""Screening API: evaluate answers (nothing stored), store screenings, read them by role.

The result has the same JSON as `nrm screen`: instrument, version, set, verdict, elements,
ignored, explanation, recommendation. Stored screenings add their own fields around it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from nrm.core.api_types import Day, Offset
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.screening import engine, rules, selectors, services
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


class ScreeningIn(EvaluateIn):
    context: str = Field("", description="labour, sexual, begging or online_recruitment")
    age_group: str = Field("", description="adult or child (for sets meant for any age)")
    screened_on: Day | None = None
    case: str | None = Field(None, description="the code of a case to link the screening to")
    municipality: str | None = Field(None, description="a municipality code")
    notes: str = ""


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
    age_group: str
    exploitation: str
    label: str
    indicators: list[IndicatorOut]


class InstrumentOut(Schema):
    instrument: str
    version: int
    status: str
    graded: bool
    title: str
    note: str
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
    _row, instrument = selectors.current_instrument(payload.instrument)
    return engine.result(engine.evaluate(instrument, payload.set_id, payload.answers), language)


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
