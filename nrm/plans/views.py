"""Action-plan pages: plans, a plan with its implementation dashboard, a reporting round, one
institution's report, the implementation report (draft or published) and the plan workbook."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.activities.models import Activity
from nrm.activities.selectors import visible_activities
from nrm.bulletin.language import LANGUAGES, check_language
from nrm.bulletin.render import FORMATS, check_format, render_document
from nrm.core.errors import ApplicationError, NotFound, PermissionDenied
from nrm.core.forms import apply_errors
from nrm.core.imports import ImportFailed
from nrm.plans import forms, importers, rules, selectors, services
from nrm.plans import report as documents
from nrm.plans.models import PublishedReport
from nrm.plans.report import build_report, goal_chart, report_filename
from nrm.statistics.charts import data_uri


@require_GET
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = selectors.plan_list(actor=request.user)
    return render(
        request,
        "plans/list.html",
        {"plans": plans, "can_import": rules.is_coordinator(request.user)},
    )


@require_http_methods(["GET", "POST"])
def plan_detail(request: AuthenticatedRequest, key: str) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, key=key)
    coordinator = rules.is_coordinator(request.user)
    form = forms.RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not coordinator:
            raise PermissionDenied()
        if form.is_valid():
            try:
                round = services.round_open(actor=request.user, plan=plan, **form.cleaned_data)
            except ApplicationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The reporting round is open."))
                return redirect("plans:round", pk=round.pk)
    board = selectors.dashboard(actor=request.user, plan=plan)
    groups = [
        (_("By goal"), board.by_goal),
        (_("By responsible institution"), board.by_institution),
        (_("By jurisdiction"), board.by_jurisdiction),
    ]
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "goals": selectors.plan_goals(plan),
            "board": board,
            "groups": groups,
            "chart": data_uri(goal_chart(board)) if board.round else "",
            "states": [(s, selectors.state_label(s)) for s in selectors.STATES],
            "rounds": selectors.round_list(actor=request.user, plan=plan),
            "form": form if coordinator else None,
        },
    )


@require_GET
def plan_export(request: AuthenticatedRequest, key: str) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, key=key)
    response = HttpResponse(
        importers.export_plan(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nrm-plan-{plan.key}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def plan_import(request: AuthenticatedRequest) -> HttpResponse:
    if not rules.is_coordinator(request.user):
        raise PermissionDenied()
    form = forms.ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "plan.xlsx"
            path.write_bytes(form.cleaned_data["file"].read())
            try:
                result = importers.import_plan(
                    actor=request.user, path=path, dry_run=form.cleaned_data["dry_run"]
                )
            except ImportFailed as failure:
                problems = [str(p) for p in failure.problems]
            else:
                messages.success(request, importers.summary(result))
                if not result.dry_run:
                    return redirect("plans:detail", key=result.key)
    return render(request, "plans/import.html", {"form": form, "problems": problems})


@require_http_methods(["GET", "POST"])
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round = selectors.round_get(actor=request.user, pk=pk)
    coordinator = rules.is_coordinator(request.user)
    language = (request.GET.get("language") or "en") if coordinator else "en"
    form = forms.ConclusionsForm(
        request.POST if request.method == "POST" else None,
        initial={"language": language, "text": (round.conclusions or {}).get(language, "")},
    )
    if request.method == "POST":
        if not coordinator:
            raise PermissionDenied()
        if form.is_valid():
            services.round_conclude(actor=request.user, round=round, **form.cleaned_data)
            messages.success(request, _("The conclusions are saved."))
            return redirect("plans:round", pk=round.pk)
    return render(
        request,
        "plans/round.html",
        {
            "round": round,
            "plan": round.plan,
            "reports": selectors.round_reports(actor=request.user, round=round),
            "missing": (
                selectors.missing_reports(actor=request.user, round=round)
                if rules.reads_all(request.user)
                else None
            ),
            "form": form if coordinator else None,
            "coordinator": coordinator,
            "published": round.published.all(),
            "languages": LANGUAGES,
            "formats": list(FORMATS),
        },
    )


@require_POST
def round_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    round = selectors.round_get(actor=request.user, pk=pk)
    if action == "close":
        services.round_close(actor=request.user, round=round)
        messages.success(request, _("The reporting round is closed."))
    elif action == "publish":
        published = services.report_publish(actor=request.user, round=round)
        messages.success(
            request,
            _("Version %(number)s of the implementation report is published.")
            % {"number": published.number},
        )
    else:
        raise NotFound()
    return redirect("plans:round", pk=round.pk)


def _document_response(document: object, fmt: str) -> HttpResponse:
    content = render_document(document, fmt)  # type: ignore[arg-type]
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    if fmt != "html":
        name = report_filename(document, fmt)  # type: ignore[arg-type]
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def round_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The implementation report built from the records now (coordinator and auditor)."""
    round = selectors.round_get(actor=request.user, pk=pk)
    if not rules.reads_all(request.user):
        raise PermissionDenied()
    language = check_language(request.GET.get("lang", "en"))
    fmt = check_format(request.GET.get("format", "html")).code
    return _document_response(build_report(round, language), fmt)


@require_GET
def published_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A published implementation report, exactly as published (every plan reader)."""
    report = PublishedReport.objects.select_related("round").filter(pk=pk).first()
    if report is None:
        raise NotFound()
    selectors.round_get(actor=request.user, pk=report.round_id)  # the reader sees the plan
    language = check_language(request.GET.get("lang", "en"))
    fmt = check_format(request.GET.get("format", "html")).code
    return _document_response(documents.published_document(report, language), fmt)


@require_http_methods(["GET", "POST"])
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(actor=request.user, pk=pk)
    can_write = rules.can_write_report(request.user, report)
    can_review = rules.can_review(request.user, report)
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "save")
    indicators = list(report.measure.indicators.filter(source="typed"))
    values = {v.indicator_id: v.value for v in report.values.all()}
    form = forms.ReportForm(
        data if action in ("save", "submit") else None,
        indicators=indicators,
        # Only a writer picks activities; a reader without activities of their own (the
        # auditor) still reads the report.
        activities=(
            visible_activities(request.user) if can_write else Activity.objects.none()
        ).order_by("-pk"),
        initial={
            "status": report.status,
            "narrative": report.narrative,
            "delay_reason": report.delay_reason,
            "spending": report.spending,
            "evidence_links": "\n".join(report.evidence_links),
            "activities": list(report.activities.all()),
            **{f"indicator_{k}": v for k, v in values.items()},
        },
    )
    return_form = forms.ReturnForm(data if action == "return" else None)
    if data is not None:
        response = _report_post(request, report, action, form, return_form)
        if response is not None:
            return response
    return render(
        request,
        "plans/report.html",
        {
            "report": report,
            "form": form if can_write else None,
            "return_form": return_form if can_review else None,
            "can_review": can_review,
            "values": [(i, values.get(i.pk)) for i in report.measure.indicators.all()],
            "activities": report.activities.all(),
        },
    )


def _report_post(
    request: AuthenticatedRequest,
    report: object,
    action: str,
    form: forms.ReportForm,
    return_form: forms.ReturnForm,
) -> HttpResponse | None:
    from nrm.plans.models import MeasureReport

    assert isinstance(report, MeasureReport)
    try:
        if action in ("save", "submit"):
            if not rules.can_write_report(request.user, report):
                raise PermissionDenied()
            if not form.is_valid():
                return None
            report = services.report_save(
                actor=request.user,
                report=report,
                status=form.cleaned_data["status"],
                narrative=form.cleaned_data["narrative"],
                delay_reason=form.cleaned_data["delay_reason"],
                spending=form.cleaned_data["spending"],
                values=form.values(),
                activities=form.cleaned_data["activities"],
                evidence_links=form.links(),
            )
            if action == "submit":
                services.report_submit(actor=request.user, report=report)
                messages.success(request, _("The report is sent to the coordinator."))
            else:
                messages.success(request, _("The report is saved; send it when it is complete."))
        elif action == "return":
            if not return_form.is_valid():
                if not rules.can_review(request.user, report):
                    raise PermissionDenied()
                return None
            services.report_return(
                actor=request.user, report=report, comment=return_form.cleaned_data["comment"]
            )
            messages.success(request, _("The report is returned to the institution."))
        elif action == "approve":
            services.report_approve(actor=request.user, report=report)
            messages.success(request, _("The report is approved."))
        else:
            raise NotFound()
    except PermissionDenied:
        raise
    except ApplicationError as error:
        apply_errors(form, error)
        return None
    return redirect("plans:report", pk=report.pk)
