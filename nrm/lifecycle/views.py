"""Retention and requests: the schedule, legal holds, runs, and people's requests about their
data (coordinator; the auditor reads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import ApplicationError, NotFound
from nrm.core.forms import apply_errors
from nrm.lifecycle import forms, rules, selectors, services
from nrm.lifecycle.models import RequestKind, RequestStatus
from nrm.lifecycle.schedule import KINDS


def _overview_context(request: AuthenticatedRequest, **forms_: Any) -> dict[str, Any]:
    user = request.user
    rows = selectors.schedule(actor=user)
    return {
        "rows": [
            (
                row,
                forms_.get(f"rule_{row.kind}")
                or forms.RuleForm(
                    actions=row.default.actions,
                    initial={
                        "months": row.months,
                        "action": row.action,
                        "legal_ground": row.legal_ground,
                    },
                    prefix=row.kind,
                ),
            )
            for row in rows
        ],
        "holds": selectors.holds(actor=user),
        "hold_form": forms_.get("hold_form") or forms.HoldForm(),
        "runs": selectors.runs(actor=user)[:5],
        "requests": selectors.requests(actor=user)[:50],
        "may_manage": rules.may_manage(user),
    }


@require_GET
def overview(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "lifecycle/overview.html", _overview_context(request))


@require_POST
def rule_update(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    rules.require_manage(request.user)
    if kind not in KINDS:
        raise NotFound()
    form = forms.RuleForm(request.POST, actions=KINDS[kind].actions, prefix=kind)
    if form.is_valid():
        try:
            services.retention_rule_update(actor=request.user, kind=kind, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The retention rule is saved."))
            return redirect("lifecycle:overview")
    context = _overview_context(request, **{f"rule_{kind}": form})
    return render(request, "lifecycle/overview.html", context, status=400)


@require_POST
def hold_place(request: AuthenticatedRequest) -> HttpResponse:
    rules.require_manage(request.user)
    form = forms.HoldForm(request.POST)
    if form.is_valid():
        try:
            case = selectors.case_for_request(actor=request.user, code=form.cleaned_data["case"])
            services.legal_hold_place(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except NotFound:
            form.add_error("case", _("No case with this code."))
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The hold is placed: the schedule skips this person's data.")
            )
            return redirect("lifecycle:overview")
    return render(
        request, "lifecycle/overview.html", _overview_context(request, hold_form=form), status=400
    )


@require_POST
def hold_lift(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rules.require_manage(request.user)
    hold = selectors.hold_get(actor=request.user, pk=pk)
    services.legal_hold_lift(actor=request.user, hold=hold)
    messages.success(request, _("The hold on case %(code)s is lifted.") % {"code": hold.case.code})
    return redirect("lifecycle:overview")


@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedRequest) -> HttpResponse:
    rules.require_manage(request.user)
    form = forms.RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            case = selectors.case_for_request(actor=request.user, code=values.pop("case"))
            created = services.subject_request_create(actor=request.user, case=case, **values)
        except NotFound:
            form.add_error("case", _("No case with this code."))
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Request %(reference)s is recorded; it must be answered by %(day)s.")
                % {"reference": created.reference, "day": created.due_on.isoformat()},
            )
            return redirect("lifecycle:request", pk=created.pk)
    return render(request, "lifecycle/request_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def request_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    subject_request = selectors.request_get(actor=request.user, pk=pk)
    form = forms.OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        rules.require_manage(request.user)
        if form.is_valid():
            try:
                services.subject_request_close(
                    actor=request.user, request=subject_request, **form.cleaned_data
                )
            except ApplicationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The request is answered."))
                return redirect("lifecycle:request", pk=pk)
    context = {
        "item": subject_request,
        "form": form,
        "may_manage": rules.may_manage(request.user),
        "is_open": subject_request.status == RequestStatus.OPEN,
        "is_access": subject_request.kind == RequestKind.ACCESS,
        "is_erasure": subject_request.kind == RequestKind.ERASURE,
        "refusal": services.erasure_refusal(subject_request.case),
    }
    return render(request, "lifecycle/request.html", context)


@require_GET
def request_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("json", "pdf"):
        raise NotFound()
    subject_request = selectors.request_get(actor=request.user, pk=pk)
    export = services.subject_request_export(actor=request.user, request=subject_request)
    content = export.as_json() if fmt == "json" else export.as_pdf()
    response = HttpResponse(
        content, content_type="application/json" if fmt == "json" else "application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{subject_request.reference}.{fmt}"'
    return response


@require_POST
def request_erase(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rules.require_manage(request.user)
    subject_request = selectors.request_get(actor=request.user, pk=pk)
    try:
        answered = services.subject_request_erase(actor=request.user, request=subject_request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if answered.status == RequestStatus.REFUSED:
            messages.error(request, _("Erasure refused: %(why)s") % {"why": answered.outcome})
        else:
            messages.success(request, _("The person's identifying data is erased."))
    return redirect("lifecycle:request", pk=pk)
