"""Web pages of the cases app: thin, they parse a form, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.accounts.models import Organisation
from nrm.accounts.selectors import organisation_list
from nrm.cases import forms, lists, rules, selectors, services, visibility
from nrm.cases.models import (
    CaseStatus,
    ConsentKind,
    Referral,
    ReferralStatus,
    ServiceType,
    VictimCase,
)
from nrm.core.errors import ApplicationError, Conflict, PermissionDenied
from nrm.core.forms import apply_errors
from nrm.core.lists import ListRequest
from nrm.core.pagination import CappedPaginator
from nrm.core.roles import Role, has_role, require_role
from nrm.core.templatetags.nrm import in_reader_script
from nrm.tasks import selectors as task_selectors

PAGE_SIZE = 25


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _organisations(request: AuthenticatedRequest) -> QuerySet[Organisation]:
    return organisation_list(actor=request.user)


def _case_or_404(request: AuthenticatedRequest, code: str) -> VictimCase:
    require_role(request.user, *rules.CASE_ROLES)
    return selectors.case_get(actor=request.user, code=code)


def _back_to_case(case: VictimCase) -> HttpResponse:
    return redirect("cases:detail", code=case.code)


# The list -----------------------------------------------------------------------------------


@require_GET
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, *rules.CASE_ROLES)
    listing = ListRequest(request, lists.CASES)
    if listing.redirect is not None:
        return listing.redirect
    form = forms.CaseFilterForm(listing.query or None, organisations=_organisations(request))
    filters = form.filters()
    cases = listing.apply_sort(selectors.case_list(actor=request.user, **filters))
    if listing.export_format:
        return listing.export(cases)
    counted = selectors.case_list_for_counting(actor=request.user, **filters)
    page = CappedPaginator(cases, PAGE_SIZE, counted=counted).get_page(request.GET.get("page"))
    fields = visibility.fields_of_cases(request.user, page.object_list)
    context = {
        "form": form,
        "page": page,
        # Cases whose details this reader does not see (a referral it has not answered).
        "basic_only": {pk for pk, shown in fields.items() if "age_at_identification" not in shown},
        "query": _query_without_page(request),
        "can_create": has_role(request.user, *rules.CASE_ROLES),
        "listing": listing,
    }
    template = "cases/includes/case_results.html" if is_htmx(request) else "cases/list.html"
    return render(request, template, context)


# Recording and editing ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, *rules.CASE_ROLES)
    coordinator = has_role(request.user, Role.COORDINATOR)
    organisations = _organisations(request) if coordinator else None
    initial = {"organisation": request.user.organisation} if coordinator else {}
    data = request.POST if request.method == "POST" else None
    form = forms.CaseForm(
        data, creating=True, identity=True, organisations=organisations, initial=initial
    )
    if data is not None and form.is_valid():
        values = form.service_values()
        duplicate = selectors.person_matches_exist(
            actor=request.user,
            first_name=values.get("first_name", ""),
            last_name=values.get("last_name", ""),
            birth_date=values.get("birth_date"),
        )
        if duplicate and not data.get("confirm_duplicate"):
            form = forms.CaseForm(
                data,
                creating=True,
                identity=True,
                organisations=organisations,
                ask_duplicate=True,
            )
            form.is_valid()
            return render(
                request, "cases/case_form.html", {"form": form, "creating": True, "duplicate": True}
            )
        try:
            case = services.case_create(actor=request.user, **values)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case %(code)s is recorded.") % {"code": case.code})
            if duplicate:
                messages.warning(
                    request,
                    _(
                        "A person with the same name and birth date was recorded before. The "
                        "State Coordinator's office will check whether the records describe "
                        "the same person."
                    ),
                )
            return _back_to_case(case)
    return render(request, "cases/case_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    access = selectors.case_access(actor=request.user, case=case)
    if not access.edit:
        raise PermissionDenied()
    # Reading the identifying data to edit them is an access like any other (and is logged).
    initial = _edit_initial(request, case, access.identity)
    data = request.POST if request.method == "POST" else None
    form = forms.CaseForm(data, creating=False, identity=access.identity, initial=initial)
    if data is not None and form.is_valid():
        # Only what the editor changed: an edit never rewrites what it did not touch.
        values = {k: v for k, v in form.service_values().items() if k in form.changed_data}
        try:
            services.case_update(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                **values,
            )
        except Conflict as error:
            apply_errors(form, error)
            context = {"form": form, "case": case, "conflict": True}
            return render(request, "cases/case_form.html", context, status=409)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The case is saved."))
            return _back_to_case(case)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


def _edit_initial(
    request: AuthenticatedRequest, case: VictimCase, identity: bool
) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "identified_on": case.identified_on,
        "age": case.age_at_identification if case.age_estimated else None,
        "sex": case.sex,
        "citizenship": str(case.citizenship or ""),
        "municipality": case.municipality_id,
        "exploitation": case.exploitation_codes,
        "trafficking_scope": case.trafficking_scope,
        "means_of_control": case.means_of_control,
        "recruitment": case.recruitment,
        "notes": case.notes,
        "version": case.version,
    }
    if identity:
        person = selectors.case_identity(actor=request.user, case=case)
        initial.update(
            first_name=person.first_name,
            last_name=person.last_name,
            birth_date=person.birth_date,
            languages=", ".join(person.languages),
            contact=person.contact,
        )
    return initial


# The case page ------------------------------------------------------------------------------


@require_GET
def case_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    user = request.user
    access = selectors.case_access(actor=user, case=case)
    context: dict[str, Any] = {
        "case": case,
        "access": access,
        "fields": visibility.case_fields(user, case),
        "referrals": selectors.referrals_of_case(actor=user, case=case),
        "duplicate": selectors.case_has_possible_duplicate(actor=user, case=case),
        "answer_form": forms.ReferralAnswerForm(),
    }
    if access.full:
        stays = list(selectors.stays_of_case(actor=user, case=case))
        context.update(
            timeline=selectors.case_timeline(actor=user, case=case),
            services=selectors.services_of_case(actor=user, case=case),
            stays=stays,
            # The service's own rule decides who is offered the form to end a stay.
            stays_to_end={s.pk for s in stays if s.end is None and rules.can_end_stay(user, s)},
            decisions=selectors.decisions_of_case(actor=user, case=case),
            consents=selectors.consent_status(actor=user, case=case),
        )
    if access.full:
        context.update(_casework_context(request, case, access))
    if access.identity:
        # Whether a guardian is recorded, not who: names are shown with the identity (logged).
        context["has_guardian"] = selectors.case_has_guardian(actor=user, case=case)
    context["case_tasks"] = task_selectors.tasks_of_case(actor=user, case=case)
    context["can_add_task"] = task_selectors.can_add(actor=user, case=case)
    if access.request_identity or access.decide_grants:
        context["grants"] = selectors.grants_of_case(actor=user, case=case)
        context["grant_form"] = forms.GrantRequestForm()
        context["grant_decision_form"] = forms.GrantDecisionForm()
    return render(request, "cases/detail.html", context)


@require_GET
def case_identity(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The person's identifying data, shown on request (each showing is an access entry)."""
    case = _case_or_404(request, code)
    identity = selectors.case_identity(actor=request.user, case=case)
    template = "cases/includes/identity.html" if is_htmx(request) else "cases/identity.html"
    return render(request, template, {"case": case, "identity": identity})


# Identification decisions -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_decide(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_decide(request.user, case):
        raise PermissionDenied()
    organisations = _organisations(request)
    data = request.POST if request.method == "POST" else None
    form = forms.DecisionForm(
        data,
        case=case,
        organisations=organisations,
        initial={"authority": request.user.organisation, "version": case.version},
    )
    if data is not None and form.is_valid():
        try:
            services.case_decide(
                actor=request.user,
                case=case,
                to_status=form.cleaned_data["to_status"],
                decided_on=form.cleaned_data["decided_on"],
                authority=form.cleaned_data["authority"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Record a decision"), "decide")


def _case_action_page(
    request: AuthenticatedRequest,
    case: VictimCase,
    form: Any,
    title: str,
    action: str,
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        "cases/action_form.html",
        {"case": case, "form": form, "title": title, "action": action, **extra},
    )


# Referrals ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def referral_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_refer(request.user, case):
        raise PermissionDenied()
    latest = selectors.consent_status(actor=request.user, case=case)[ConsentKind.REFERRAL]
    consent = latest if latest is not None and latest.given else None
    allow_override = consent is None and rules.can_override_consent(request.user)
    organisations = _organisations(request).exclude(pk=request.user.organisation_id or 0)
    data = request.POST if request.method == "POST" else None
    service = (data or request.GET).get("service_type", ServiceType.SHELTER)
    form = forms.ReferralForm(
        data,
        organisations=organisations,
        allow_override=allow_override,
        service=service,
        organisations_url=reverse("cases:refer_organisations", args=[case.code]),
        initial={"service_type": service},
    )
    if data is not None and form.is_valid():
        try:
            referral = services.referral_create(
                actor=request.user,
                case=case,
                to_organisation=form.cleaned_data["to_organisation"],
                service_type=form.cleaned_data["service_type"],
                referred_on=form.cleaned_data["referred_on"],
                note=form.cleaned_data["note"],
                override_reason=form.cleaned_data.get("override_reason", ""),
                urgent=form.cleaned_data["urgent"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The case is referred to %(organisation)s; its case workers are notified.")
                % {"organisation": in_reader_script(str(referral.to_organisation))},
            )
            return _back_to_case(case)
    return _case_action_page(
        request,
        case,
        form,
        _("Refer to another organisation"),
        "refer",
        consent=consent,
        allow_override=allow_override,
    )


@require_GET
def refer_organisations(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The "refer to" list for the chosen service, its providers first (HTMX)."""
    case = _case_or_404(request, code)
    if not rules.can_refer(request.user, case):
        raise PermissionDenied()
    organisations = _organisations(request).exclude(pk=request.user.organisation_id or 0)
    form = forms.ReferralForm(
        initial={"to_organisation": request.GET.get("to_organisation") or None},
        organisations=organisations,
        allow_override=False,
        service=request.GET.get("service_type", ""),
    )
    return HttpResponse(str(form["to_organisation"]))


@require_GET
def referral_inbox(request: AuthenticatedRequest) -> HttpResponse:
    """Received referrals (case workers and field identifiers), sent ones, and for the
    coordinator every referral."""
    user = request.user
    require_role(user, *rules.CASE_ROLES)
    receives = has_role(user, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
    default_box = "received" if receives else "all"
    box = request.GET.get("box", default_box)
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    listing = ListRequest(request, lists.REFERRALS)
    if listing.redirect is not None:
        return listing.redirect
    if box == "received" and receives:
        referrals = selectors.referral_inbox(actor=user, status=status)
    elif box == "sent":
        referrals = selectors.referral_outbox(actor=user, status=status)
    else:
        box = "all" if has_role(user, Role.COORDINATOR) else default_box
        referrals = selectors.referral_list(actor=user, status=status)
    referrals = listing.apply_sort(referrals)
    if listing.export_format:
        return listing.export(referrals)
    page = CappedPaginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    boxes = [("received", _("Received"))] if receives else []
    boxes.append(("sent", _("Sent")))
    if has_role(user, Role.COORDINATOR):
        boxes.append(("all", _("All referrals")))
    waiting = selectors.grant_requests_waiting(actor=user) if receives else None
    return render(
        request,
        "cases/referrals.html",
        {
            "page": page,
            "box": box,
            "boxes": boxes,
            "status": status,
            "statuses": ReferralStatus.choices,
            "query": _query_without_page(request),
            "answer_form": forms.ReferralAnswerForm(),
            "grant_requests": waiting,
            "grant_decision_form": forms.GrantDecisionForm(),
            "listing": listing,
        },
    )


ANSWERS: dict[str, Callable[..., Referral]] = {
    "accept": lambda actor, referral, reason, on, version: services.referral_accept(
        actor=actor, referral=referral, note=reason, on=on, expected_version=version
    ),
    "decline": lambda actor, referral, reason, on, version: services.referral_decline(
        actor=actor, referral=referral, reason=reason, on=on, expected_version=version
    ),
    "complete": lambda actor, referral, reason, on, version: services.referral_complete(
        actor=actor, referral=referral, note=reason, completed_on=on, expected_version=version
    ),
    "withdraw": lambda actor, referral, reason, on, version: services.referral_withdraw(
        actor=actor, referral=referral, reason=reason, expected_version=version
    ),
}


def answer_message(action: str, referral: Referral) -> str:
    """What happened, naming the case and the other organisation, and who is told."""
    values = {
        "code": referral.case.code,
        "sender": in_reader_script(str(referral.from_organisation)),
        "receiver": in_reader_script(str(referral.to_organisation)),
    }
    if action == "accept":
        return (
            _(
                "You accepted the referral of case %(code)s from %(sender)s. %(sender)s is "
                "notified, and a task “first contact within 48 hours” is added."
            )
            % values
        )
    if action == "decline":
        return (
            _(
                "You declined the referral of case %(code)s from %(sender)s. %(sender)s is "
                "notified and can refer elsewhere."
            )
            % values
        )
    if action == "withdraw":
        return _("You withdrew the referral of case %(code)s to %(receiver)s.") % values
    return _("The referral of case %(code)s is now: %(status)s.") % {
        **values,
        "status": referral.get_status_display(),
    }


@require_POST
def referral_answer(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Accept, decline, complete or withdraw a referral (HTMX swaps the inbox row)."""
    require_role(request.user, *rules.CASE_ROLES)
    referral = selectors.referral_get(actor=request.user, pk=pk)
    if action not in ANSWERS:
        raise PermissionDenied()
    form = forms.ReferralAnswerForm(request.POST)
    error_message = ""
    if form.is_valid():
        try:
            referral = ANSWERS[action](
                request.user,
                referral,
                form.cleaned_data["reason"] or "",
                form.cleaned_data["on"],
                form.cleaned_data["version"],
            )
        except PermissionDenied:
            raise
        except ApplicationError as error:
            error_message = forms.error_text(error)
    else:
        error_message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    done = "" if error_message else answer_message(action, referral)
    if is_htmx(request):
        return render(
            request,
            "cases/includes/referral_row.html",
            {
                "referral": referral,
                "answer_form": forms.ReferralAnswerForm(),
                "error": error_message,
                "done": done,
                "box": request.POST.get("box", "received"),
            },
        )
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, done)
    next_url = request.POST.get("next", "")
    if next_url.startswith("/cases/"):
        return redirect(next_url)
    return redirect("cases:referrals")


@require_GET
def referral_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, *rules.CASE_ROLES)
    referral = selectors.referral_get(actor=request.user, pk=pk)
    due = rules.referral_response_due(referral)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "response_due": due,
            "response_overdue": timezone.now() > due,
            "answer_form": forms.ReferralAnswerForm(),
            "can_answer": rules.can_answer_referral(request.user, referral),
            "can_withdraw": referral.from_organisation_id == request.user.organisation_id,
        },
    )


# Services, stays, consent, guardians --------------------------------------------------------


def _accepted_referrals(request: AuthenticatedRequest, case: VictimCase) -> QuerySet[Referral]:
    return selectors.referrals_accepted_by_my_organisation(actor=request.user, case=case)


@require_http_methods(["GET", "POST"])
def service_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_record_support(request.user, case):
        raise PermissionDenied()
    referrals = _accepted_referrals(request, case)
    data = request.POST if request.method == "POST" else None
    form = forms.ServiceForm(data, referrals=referrals)
    if data is not None and form.is_valid():
        try:
            services.service_record(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The services are recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Record services delivered"), "service")


@require_http_methods(["GET", "POST"])
def stay_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_record_support(request.user, case):
        raise PermissionDenied()
    referrals = _accepted_referrals(request, case)
    data = request.POST if request.method == "POST" else None
    form = forms.StayForm(data, referrals=referrals)
    if data is not None and form.is_valid():
        try:
            services.stay_record(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The stay is recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Record a stay in a safe house"), "stay")


@require_http_methods(["GET", "POST"])
def stay_end(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _case_or_404(request, code)
    stay = selectors.stays_of_case(actor=request.user, case=case).filter(pk=pk).first()
    if stay is None or not rules.can_end_stay(request.user, stay):
        raise PermissionDenied()  # the form is shown only to those the service lets end it
    data = request.POST if request.method == "POST" else None
    form = forms.StayEndForm(data)
    if data is not None and form.is_valid():
        try:
            services.stay_end(actor=request.user, stay=stay, end=form.cleaned_data["end"])
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The end of the stay is recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("End the stay"), "stay_end", stay=stay)


@require_http_methods(["GET", "POST"])
def consent_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_edit_case(request.user, case):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    form = forms.ConsentForm(data, initial={"kind": request.GET.get("kind", "referral")})
    if data is not None and form.is_valid():
        try:
            services.consent_record(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The consent is recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Record consent"), "consent")


@require_http_methods(["GET", "POST"])
def guardian_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not (rules.can_see_identity(request.user, case) and rules.can_edit_case(request.user, case)):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    form = forms.GuardianForm(data, organisations=_organisations(request))
    if data is not None and form.is_valid():
        try:
            services.guardian_appoint(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The guardian is recorded."))
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Record a guardian"), "guardian")


# Access grants ------------------------------------------------------------------------------


@require_POST
def grant_request(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    form = forms.GrantRequestForm(request.POST)
    if form.is_valid():
        try:
            services.access_grant_request(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise
        except ApplicationError as error:
            messages.error(request, forms.error_text(error))
        else:
            messages.success(
                request,
                _("Your request is sent to the organisation that holds the case."),
            )
    else:
        messages.error(request, _("Say why you need the identifying data."))
    return _back_to_case(case)


@require_POST
def grant_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = selectors.grant_get(actor=request.user, pk=pk)
    form = forms.GrantDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.access_grant_decide(
                actor=request.user,
                grant=grant,
                approve=form.cleaned_data["approve"],
                days=form.cleaned_data["days"],
            )
        except PermissionDenied:
            raise
        except ApplicationError as error:
            messages.error(request, forms.error_text(error))
        else:
            messages.success(request, _("The answer is recorded."))
    else:
        messages.error(request, _("Choose to grant or refuse, and for how many days."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/cases/"):
        return redirect(next_url)
    return redirect(reverse("cases:detail", kwargs={"code": grant.case.code}))


@require_POST
def grant_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = selectors.grant_get(actor=request.user, pk=pk)
    try:
        services.access_grant_revoke(actor=request.user, grant=grant)
    except PermissionDenied:
        raise
    except ApplicationError as error:
        messages.error(request, forms.error_text(error))
    else:
        messages.success(request, _("The access is revoked."))
    return _back_to_case(grant.case)


# Daily casework: responsible workers, the plan, notes, closing ------------------------------


def _casework_context(
    request: AuthenticatedRequest, case: VictimCase, access: selectors.CaseAccess
) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    context: dict[str, Any] = {
        "assignments": selectors.assignments_of_case(actor=user, case=case),
        "plan": selectors.plan_of_case(actor=user, case=case),
        "notes": selectors.notes_of_case(actor=user, case=case),
        "closed": case.status == CaseStatus.CLOSED,
        "today": today,
    }
    if access.assign:
        workers = selectors.assignable_workers(actor=user, case=case)
        context["assign_form"] = forms.AssignForm(workers=workers) if workers else None
    if access.plan:
        context["goal_form"] = forms.GoalForm(auto_id="goal_%s")
        context["planned_service_form"] = forms.PlannedServiceForm(
            organisations=_organisations(request), auto_id="planned_%s"
        )
    if access.note:
        context["note_form"] = forms.NoteForm(initial={"written_on": today}, auto_id="note_%s")
    return context


@require_POST
def case_assign(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_assign(request.user, case):
        raise PermissionDenied()
    workers = selectors.assignable_workers(actor=request.user, case=case)
    form = forms.AssignForm(request.POST, workers=workers)
    if form.is_valid():
        try:
            assignment = services.case_assign(
                actor=request.user, case=case, worker=form.cleaned_data["worker"]
            )
        except PermissionDenied:
            raise
        except ApplicationError as error:
            messages.error(request, forms.error_text(error))
        else:
            worker = assignment.worker
            messages.success(
                request,
                _("%(name)s is now responsible for case %(code)s and is notified.")
                % {"name": worker.get_full_name() or worker.username, "code": case.code},
            )
    else:
        messages.error(request, _("Choose a case worker of your organisation who works on it."))
    return _back_to_case(case)


@require_POST
def case_unassign(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _case_or_404(request, code)
    assignment = selectors.assignments_of_case(actor=request.user, case=case).filter(pk=pk).first()
    if assignment is None:
        raise PermissionDenied()
    services.case_unassign(actor=request.user, assignment=assignment)
    messages.success(request, _("Your organisation has no responsible worker for it now."))
    return _back_to_case(case)


@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_plan(request.user, case):
        raise PermissionDenied()
    plan = selectors.plan_of_case(actor=request.user, case=case)
    initial: dict[str, Any] = {}
    if plan is not None:
        initial = {
            "agreed_with_person": plan.agreed_with_person,
            "agreed_on": plan.agreed_on,
            "review_on": plan.review_on,
            "version": plan.version,
        }
    data = request.POST if request.method == "POST" else None
    form = forms.PlanForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            saved = services.plan_save(
                actor=request.user,
                case=case,
                agreed_with_person=form.cleaned_data["agreed_with_person"],
                agreed_on=form.cleaned_data["agreed_on"],
                review_on=form.cleaned_data["review_on"],
                expected_version=form.cleaned_data["version"],
            )
        except Conflict as error:
            apply_errors(form, error)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            message = _("The assistance plan is saved.")
            if saved.review_on:
                message += " " + _("A task to review it on %(date)s is added.") % {
                    "date": saved.review_on.isoformat()
                }
            messages.success(request, message)
            return redirect(reverse("cases:detail", args=[case.code]) + "#plan-heading")
    title = _("Assistance plan") if plan is not None else _("Draw up the assistance plan")
    return _case_action_page(request, case, form, title, "plan")


def _plan_or_404(request: AuthenticatedRequest, case: VictimCase) -> Any:
    if not rules.can_plan(request.user, case):
        raise PermissionDenied()
    plan = selectors.plan_of_case(actor=request.user, case=case)
    if plan is None:
        raise PermissionDenied(_("Draw up the assistance plan first."))
    return plan


def _back_to_plan(case: VictimCase) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[case.code]) + "#plan-heading")


@require_POST
def plan_goal_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    plan = _plan_or_404(request, case)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        services.plan_goal_add(actor=request.user, plan=plan, text=form.cleaned_data["text"])
        messages.success(request, _("The goal is added to the plan."))
    else:
        messages.error(request, _("Write the goal."))
    return _back_to_plan(case)


@require_POST
def plan_goal_toggle(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _case_or_404(request, code)
    _plan_or_404(request, case)
    goal = selectors.plan_goal_get(actor=request.user, case=case, pk=pk)
    on = None if goal.achieved_on else timezone.localdate()
    services.plan_goal_achieve(actor=request.user, goal=goal, on=on)
    return _back_to_plan(case)


@require_POST
def planned_service_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    plan = _plan_or_404(request, case)
    form = forms.PlannedServiceForm(request.POST, organisations=_organisations(request))
    if form.is_valid():
        try:
            services.planned_service_add(actor=request.user, plan=plan, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ApplicationError as error:
            messages.error(request, forms.error_text(error))
        else:
            messages.success(request, _("The service is added to the plan."))
    else:
        messages.error(request, forms.form_error_text(form))
    return _back_to_plan(case)


@require_POST
def planned_service_toggle(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _case_or_404(request, code)
    _plan_or_404(request, case)
    item = selectors.planned_service_get(actor=request.user, case=case, pk=pk)
    on = None if item.done_on else timezone.localdate()
    services.planned_service_done(actor=request.user, item=item, on=on)
    return _back_to_plan(case)


@require_http_methods(["GET", "POST"])
def case_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_decide(request.user, case):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    initial = {"closed_on": timezone.localdate(), "version": case.version}
    form = forms.CloseForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.case_close(actor=request.user, case=case, **form.cleaned_data_for_service())
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case %(code)s is closed.") % {"code": case.code})
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Close the case"), "close")


@require_http_methods(["GET", "POST"])
def case_reopen(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_decide(request.user, case):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    initial = {"reopened_on": timezone.localdate(), "version": case.version}
    form = forms.ReopenForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.case_reopen(
                actor=request.user,
                case=case,
                reason=form.cleaned_data["reason"],
                reopened_on=form.cleaned_data["reopened_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case %(code)s is reopened.") % {"code": case.code})
            return _back_to_case(case)
    return _case_action_page(request, case, form, _("Reopen the case"), "reopen")


@require_POST
def note_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _case_or_404(request, code)
    if not rules.can_write_note(request.user, case):
        raise PermissionDenied()
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_note_add(actor=request.user, case=case, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ApplicationError as error:
            messages.error(request, forms.error_text(error))
        else:
            messages.success(request, _("The note is added."))
    else:
        messages.error(request, forms.form_error_text(form))
    return redirect(reverse("cases:detail", args=[case.code]) + "#notes-heading")
