"""Practitioner pages: screen a situation, read stored screenings, triage public reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.forms import apply_errors
from nrm.core.lists import ListRequest
from nrm.core.services import record_access
from nrm.screening import contexts, engine, rules, selectors, services
from nrm.screening import languages as interview_languages
from nrm.screening import modules as question_modules
from nrm.screening.definitions import localise
from nrm.screening.forms import (
    AGE_UNCERTAIN,
    FIELD_PREFIX,
    AssignForm,
    CaseFromScreeningForm,
    ContextForm,
    LinkCaseForm,
    QuestionnaireForm,
    ReplyForm,
    ReportFilterForm,
    ScreeningFilterForm,
    TriageForm,
    triage_from_token,
    triage_token,
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
        age_group = form.cleaned_data["age_group"]
        return redirect(
            "screening:questionnaire",
            context=form.cleaned_data["context"],
            # A person whose age is uncertain is presumed to be a child.
            age_group=ScreeningAgeGroup.CHILD if age_group == AGE_UNCERTAIN else age_group,
        )
    return render(request, "screening/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def questionnaire(request: AuthenticatedRequest, context: str, age_group: str) -> HttpResponse:
    _require_screening_role(request)
    choice = selectors.screening_plan(context, age_group)
    if choice is None:
        raise Http404()
    language = _language()
    row, instrument = selectors.current_instrument(choice.instrument)
    elements = selectors.definition_dimensions() if choice.elements_checklist else ()
    offered = tuple(question_modules.modules_for(choice.context, choice.instrument))
    in_sets = {i.id for s in choice.sets for i in instrument.indicators_in(s)}
    token = request.POST.get("triage") or request.GET.get("triage", "")
    triage_answers = triage_from_token(token) if token else {}
    from_triage = question_modules.triage_carried(triage_answers, in_sets)
    initial: dict[str, Any] = {"screened_on": timezone.localdate(), "triage": token}
    initial.update({FIELD_PREFIX + i: a for i, a in from_triage.items()})
    form = QuestionnaireForm(
        request.POST or None,
        initial=initial,
        instrument=instrument,
        set_id=choice.set_id,
        language=language,
        also_sets=choice.sets[1:],
        elements=elements,
        modules=offered,
    )
    result = None
    set_results: list[dict[str, Any]] = []
    carried: list[dict[str, str]] = []
    # The interview view: the questions also in the interviewee's language.
    interviewee = interview_languages.find(
        instrument.key, request.POST.get("interviewee") or request.GET.get("interviewee", "")
    )
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
                    also_sets=choice.sets[1:],
                    elements=form.element_checklist() or None,
                    modules=form.module_answers() or None,
                    triage=triage_answers or None,
                    confirm_no_answers=form.cleaned_data["confirm_no_answers"],
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
            answers = question_modules.combine(
                form.answers(), offered, form.module_answers(), in_sets
            )
            evaluations = [
                engine.evaluate(instrument, s, answers, age_group=choice.age_group)
                for s in choice.sets
            ]
            carried = selectors.carried_display(
                instrument, offered, form.module_answers(), in_sets, language
            )
            result = engine.result(engine.holding(evaluations), language)
            if len(evaluations) > 1:
                set_results = selectors.set_results_display(
                    instrument, {e.set_id: e.verdict for e in evaluations}, language
                )
    interviewee_texts = interview_languages.texts(instrument, interviewee) if interviewee else None
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
            "groups": form.question_groups(language, interviewee_texts),
            "interviewee": interviewee,
            "interview_languages": interview_languages.available(instrument.key),
            "result": result,
            "set_results": set_results,
            "carried": carried,
            "from_triage": len(from_triage),
            "module_groups": form.module_groups(language),
            "checklist": selectors.elements_display(form.element_checklist(), language)
            if result and choice.elements_checklist
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def triage(request: AuthenticatedRequest) -> HttpResponse:
    """The short first step: refer now, continue with the full screening, or stop."""
    _require_screening_role(request)
    form = TriageForm(
        request.POST or None, module=question_modules.triage_module(), language=_language()
    )
    outcome = ""
    next_url = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        age_group = data["age_group"]
        age_group = ScreeningAgeGroup.CHILD if age_group == AGE_UNCERTAIN else age_group
        answers = form.triage_answers()
        outcome = question_modules.triage_outcome(
            answers, child_sexual=data["context"] == Context.SEXUAL and age_group == "child"
        )
        next_url = (
            reverse(
                "screening:questionnaire",
                kwargs={"context": data["context"], "age_group": age_group},
            )
            + "?"
            + urlencode({"triage": triage_token(answers)})
        )
    return render(
        request,
        "screening/triage.html",
        {"form": form, "outcome": outcome, "next_url": next_url},
    )


def _detail_context(
    request: AuthenticatedRequest, screening: Screening, **forms: Any
) -> dict[str, Any]:
    language = _language()
    instrument = selectors.instrument_of(screening.instrument)
    evaluation = selectors.screening_evaluation(screening)
    choice = contexts.context_choice(screening.context, screening.age_group)
    extras = selectors.screening_extras(screening, language)
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
        **extras,
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


# The offline application (installable, works without a network) -----------------------------

SERVICE_WORKER = Path(__file__).resolve().parent / "static" / "screening" / "sw.js"


@require_GET
def offline_app(request: AuthenticatedRequest) -> HttpResponse:
    """Screen and record a potential victim with no network: questions cached, answers kept
    encrypted in the browser, queued and sent when the network returns (docs/screening.md)."""
    _require_screening_role(request)
    texts = {
        "choose": _("Choose…"),
        "choose_first": _("Choose the situation and the age group first."),
        "new_case": _("a new case"),
        "yes": _("Yes"),
        "no": _("No"),
        "unknown": _("Don't know"),
        "waiting": _("waiting for the network"),
        "conflict": _("not sent: the case was changed on the server meanwhile."),
        "error": _("not sent:"),
        "discard": _("Discard"),
        "count": _("Waiting to be sent: %(count)s"),
        "kept": _("Kept on this device, encrypted; it is sent when the network returns."),
        "sent": _("Sent: screening %(reference)s, case %(case)s."),
        "lost": _(
            "%(count)s unsent screenings of an earlier session could no longer be read and "
            "were removed."
        ),
        "no_bundle": _("Open this page once with a network to keep the questions here."),
    }
    return render(request, "screening/offline.html", {"texts": texts})


@require_GET
def service_worker(request: AuthenticatedRequest) -> HttpResponse:
    # Served under /screening/ so that its scope covers the offline application; the browser
    # fetches it with the session cookie.
    _require_screening_role(request)
    response = HttpResponse(
        SERVICE_WORKER.read_text(encoding="utf-8"), content_type="application/javascript"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: AuthenticatedRequest) -> JsonResponse:
    # The page links it with crossorigin="use-credentials", so it comes with the session.
    _require_screening_role(request)
    return JsonResponse(
        {
            "name": _("NRM field screening"),
            "short_name": _("Screening"),
            "start_url": reverse("screening:offline"),
            "scope": "/screening/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1d4e89",
            "icons": [
                {
                    "src": static("nrm/favicon.svg"),
                    "sizes": "any",
                    "type": "image/svg+xml",
                }
            ],
        },
        content_type="application/manifest+json",
    )
