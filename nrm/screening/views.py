"""Practitioner pages: screen a situation, read stored screenings, triage public reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.forms import apply_errors
from nrm.core.lists import ListRequest
from nrm.core.services import record_access
from nrm.screening import contexts, engine, rules, selectors, services
from nrm.screening.definitions import localise
from nrm.screening.forms import (
    AssignForm,
    CaseFromScreeningForm,
    ContextForm,
    LinkCaseForm,
    QuestionnaireForm,
    ReplyForm,
    ReportFilterForm,
    ScreeningFilterForm,
)
from nrm.screening.lists import SCREENINGS
from nrm.screening.models import Context, PublicReport, Screening, ScreeningAgeGroup

PAGE_SIZE = 50


def _language() -> str:
    return translation.get_language() or "en"


def _require_screening_role(request: AuthenticatedRequest) -> None:
    if not rules.can_screen(request.user):
        raise PermissionDenied()


# Screenings --------------------------------------------------------------------------------


@require_GET
def screening_list(request: AuthenticatedRequest) -> HttpResponse:
    listing = ListRequest(request, SCREENINGS)
    if listing.redirect is not None:
        return listing.redirect
    form = ScreeningFilterForm(listing.query or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ScreeningFilters(
        context=data.get("context", ""),
        verdict=data.get("verdict", ""),
        age_group=data.get("age_group", ""),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        q=data.get("q", ""),
    )
    screenings = listing.apply_sort(selectors.screening_list(actor=request.user, filters=filters))
    if listing.export_format:
        return listing.export(screenings)
    page = Paginator(screenings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "screening/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "listing": listing},
    )


@require_GET
def screening_new(request: AuthenticatedRequest) -> HttpResponse:
    _require_screening_role(request)
    form = ContextForm(request.GET or None)
    if form.is_valid():
        return redirect(
            "screening:questionnaire",
            context=form.cleaned_data["context"],
            age_group=form.cleaned_data["age_group"],
        )
    return render(request, "screening/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def questionnaire(request: AuthenticatedRequest, context: str, age_group: str) -> HttpResponse:
    _require_screening_role(request)
    choice = contexts.context_choice(context, age_group)
    if choice is None:
        raise Http404()
    language = _language()
    row, instrument = selectors.current_instrument(choice.instrument)
    form = QuestionnaireForm(
        request.POST or None, instrument=instrument, set_id=choice.set_id, language=language
    )
    result = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "save":
            try:
                screening = services.screening_create(
                    actor=request.user,
                    instrument=choice.instrument,
                    set_id=choice.set_id,
                    answers=form.answers(),
                    context=choice.context,
                    age_group=choice.age_group,
                    screened_on=form.cleaned_data["screened_on"],
                    case=form.cleaned_data["case"],
                    municipality=form.cleaned_data["municipality"],
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The screening %(reference)s is saved.") % {"reference": screening.reference},
                )
                return redirect("screening:detail", reference=screening.reference)
        if form.is_valid():
            evaluation = engine.evaluate(
                instrument, choice.set_id, form.answers(), age_group=choice.age_group
            )
            result = engine.result(evaluation, language)
    return render(
        request,
        "screening/questionnaire.html",
        {
            "choice": choice,
            "context_label": Context(choice.context).label,
            "age_label": ScreeningAgeGroup(choice.age_group).label,
            "instrument": instrument,
            "version": row,
            "title": localise(instrument.title, language),
            "note": localise(instrument.note, language),
            "set_label": localise(instrument.sets[choice.set_id].label, language),
            "form": form,
            "groups": form.question_groups(language),
            "result": result,
        },
    )


def _detail_context(
    request: AuthenticatedRequest, screening: Screening, **forms: Any
) -> dict[str, Any]:
    language = _language()
    instrument = selectors.instrument_of(screening.instrument)
    evaluation = selectors.screening_evaluation(screening)
    choice = contexts.context_choice(screening.context, screening.age_group)
    case_form = forms.get("case_form") or CaseFromScreeningForm(
        initial={"exploitation": [choice.exploitation] if choice and choice.exploitation else []}
    )
    answered = [
        {
            "indicator": instrument.indicators[indicator_id],
            "label": localise(instrument.indicators[indicator_id].label, language),
            "answer": answer,
            "grade": instrument.indicators[indicator_id].grades.get(screening.set_key),
        }
        for indicator_id, answer in evaluation.answers.items()
    ]
    return {
        "screening": screening,
        "instrument": instrument,
        "title": localise(instrument.title, language),
        "set_label": localise(instrument.sets[screening.set_key].label, language),
        "result": selectors.screening_result(screening, language),
        "answered": answered,
        "case_form": case_form,
        "link_form": forms.get("link_form") or LinkCaseForm(),
        "warning": choice.warning if choice else "",
    }


@require_GET
def screening_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    screening = selectors.screening_get(actor=request.user, reference=reference)
    return render(request, "screening/detail.html", _detail_context(request, screening))


@require_POST
def screening_create_case(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    screening = selectors.screening_get(actor=request.user, reference=reference)
    form = CaseFromScreeningForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = services.screening_create_case(
                actor=request.user,
                screening=screening,
                sex=data["sex"],
                age=data["age"],
                citizenship=data["citizenship"],
                exploitation=data["exploitation"],
                consent_data_processing=form.consent(data["consent_data_processing"]),
                consent_referral=form.consent(data["consent_referral"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Case %(code)s is recorded as a potential victim and linked to this screening.")
                % {"code": case.code},
            )
            return redirect("screening:detail", reference=screening.reference)
    return render(
        request,
        "screening/detail.html",
        _detail_context(request, screening, case_form=form),
        status=422,
    )


@require_POST
def screening_link_case(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    screening = selectors.screening_get(actor=request.user, reference=reference)
    form = LinkCaseForm(request.POST)
    if form.is_valid():
        try:
            services.screening_link_case(
                actor=request.user, screening=screening, case=form.cleaned_data["case"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The screening is linked to the case."))
            return redirect("screening:detail", reference=screening.reference)
    return render(
        request,
        "screening/detail.html",
        _detail_context(request, screening, link_form=form),
        status=422,
    )


# Public reports: triage --------------------------------------------------------------------


@require_GET
def report_queue(request: AuthenticatedRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    reports = selectors.report_queue(
        actor=request.user,
        filters=selectors.ReportFilters(
            status=data.get("status", ""),
            mine=bool(data.get("mine")),
            awaiting_reply=bool(data.get("awaiting_reply")),
        ),
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "screening/report_queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _report_page(
    request: AuthenticatedRequest, report: PublicReport, status: int = 200, **forms: Any
) -> HttpResponse:
    # The report's text may describe people: reading it leaves an access entry.
    record_access(actor=request.user, subject=report, label=report.reference)
    assignees = selectors.triagers(actor=request.user)
    return render(
        request,
        "screening/report_detail.html",
        {
            "report": report,
            "thread": selectors.report_messages(actor=request.user, report=report),
            "assign_form": forms.get("assign_form")
            or AssignForm(assignees=assignees, initial={"assignee": report.assigned_to_id}),
            "reply_form": forms.get("reply_form") or ReplyForm(),
            "link_form": forms.get("link_form") or LinkCaseForm(),
        },
        status=status,
    )


@require_GET
def report_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_get(actor=request.user, reference=reference)
    return _report_page(request, report)


@require_POST
def report_assign(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_get(actor=request.user, reference=reference)
    form = AssignForm(request.POST, assignees=selectors.triagers(actor=request.user))
    if form.is_valid():
        try:
            services.report_assign(
                actor=request.user, report=report, assignee=form.cleaned_data["assignee"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The report is assigned."))
            return _after_report_change(request, report)
    return _report_page(request, report, status=422, assign_form=form)


def _after_report_change(request: AuthenticatedRequest, report: PublicReport) -> HttpResponse:
    """Back to the report, or to the queue if the actor no longer sees it (given away)."""
    if rules.visible_reports(request.user).filter(pk=report.pk).exists():
        return redirect("screening:report_detail", reference=report.reference)
    return redirect(reverse("screening:report_queue"))


@require_POST
def report_reply(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_get(actor=request.user, reference=reference)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.report_reply(
                actor=request.user,
                report=report,
                text=form.cleaned_data["text"],
                internal=form.cleaned_data["internal"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The note is saved.")
                if form.cleaned_data["internal"]
                else _("The reply is saved: the reporter reads it with their follow-up code."),
            )
            return _after_report_change(request, report)
    return _report_page(request, report, status=422, reply_form=form)


@require_POST
def report_link_case(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_get(actor=request.user, reference=reference)
    form = LinkCaseForm(request.POST)
    if form.is_valid():
        try:
            services.report_link_case(
                actor=request.user, report=report, case=form.cleaned_data["case"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The report is linked to the case."))
            return _after_report_change(request, report)
    return _report_page(request, report, status=422, link_form=form)


@require_POST
def report_status(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_get(actor=request.user, reference=reference)
    if request.POST.get("action") == "close":
        services.report_close(actor=request.user, report=report)
        messages.success(request, _("The report is closed."))
    else:
        services.report_reopen(actor=request.user, report=report)
        messages.success(request, _("The report is open again."))
    return _after_report_change(request, report)
