"""Pages for partners (their organisation's activities) and coordinators (all, and review).

Views parse input, call one selector or service and render; the services decide who may do
what (nrm.activities.rules), so a forged request is refused there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.activities import rules, selectors, services
from nrm.activities.checks import figure_warnings
from nrm.activities.forms import (
    LANGUAGE_NAMES,
    ActivityFilterForm,
    ActivityForm,
    FundingProgrammeForm,
    PeriodForm,
    PlaceForm,
    PlaceFormSet,
    ReturnForm,
    SessionForm,
    SessionFormSet,
    SubmitPeriodForm,
    apply_service_errors,
    filled_forms,
)
from nrm.activities.lists import ACTIVITIES
from nrm.activities.models import Activity, ActivityStatus
from nrm.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    PreconditionRequired,
    ValidationError,
)
from nrm.core.lists import ListRequest
from nrm.core.roles import Role, require_role
from nrm.core.services import VERSION_NOT_GIVEN

PAGE_SIZE = 25


def _back(request: AuthenticatedRequest, activity: Activity | None = None) -> HttpResponse:
    """Back to where the action was taken (the review screen), else to the activity."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    if activity is None:
        return redirect("activities:list")
    return redirect("activities:detail", pk=activity.pk)


# Lists and the activity page ---------------------------------------------------------------------


@require_GET
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    scope = request.GET.get("scope", "own" if rules.can_report(user) else "all")
    own = scope == "own" and not rules.is_coordinator(user) and rules.can_report(user)
    listing = ListRequest(request, ACTIVITIES)
    if listing.redirect is not None:
        return listing.redirect
    form = ActivityFilterForm(listing.query or None)
    filters = form.filters()
    activities = listing.apply_sort(selectors.activity_list(actor=user, own=own, **filters))
    if listing.export_format:
        return listing.export(activities)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "scope": "own" if own else "all",
            "can_report": rules.can_report(user),
            "is_coordinator": rules.is_coordinator(user),
            "period_form": SubmitPeriodForm(),
            "listing": listing,
        },
    )


@require_GET
def activity_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = selectors.activity_get(actor=user, pk=pk)
    candidates = (
        selectors.duplicate_candidates(actor=user, activities=[activity]).get(activity.pk, [])
        if activity.status != ActivityStatus.DRAFT or rules.owns(user, activity)
        else []
    )
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "warnings": selectors.activity_warnings(activity),
            "candidates": candidates,
            "suggested": selectors.suggested_counted(activity, candidates),
            "joint": selectors.joint_reports(actor=user, activity=activity),
            "history": selectors.activity_history(actor=user, activity=activity),
            "can": _capabilities(user, activity),
            "return_form": ReturnForm(),
            "language_names": LANGUAGE_NAMES,
        },
    )


def _capabilities(user: Any, activity: Activity) -> dict[str, bool]:
    return {
        "edit": rules.can_edit(user, activity),
        "delete": rules.can_delete(user, activity),
        "submit": rules.can_submit(user, activity),
        "withdraw": rules.can_withdraw(user, activity),
        "approve": rules.can_approve(user, activity),
        "return": rules.can_return(user, activity),
        "link": rules.can_link(user, activity),
    }


# Entry -----------------------------------------------------------------------------------------


def _formsets(request: AuthenticatedRequest, activity: Activity | None) -> tuple[Any, Any]:
    if request.method == "POST":
        return (
            PlaceFormSet(request.POST, prefix="places"),
            SessionFormSet(request.POST, prefix="sessions"),
        )
    if activity is None:
        return PlaceFormSet(prefix="places"), SessionFormSet(prefix="sessions")
    return (
        PlaceFormSet(
            prefix="places", initial=[PlaceForm.initial_for(p) for p in activity.places.all()]
        ),
        SessionFormSet(
            prefix="sessions",
            initial=[SessionForm.initial_for(s) for s in activity.sessions.all()],
        ),
    )


def _save(
    request: AuthenticatedRequest,
    form: ActivityForm,
    places: Any,
    sessions: Any,
    activity: Activity | None,
) -> tuple[Activity | None, dict[str, Any]]:
    """Validate and save; returns the saved activity, or None and what to show again."""
    shown: dict[str, Any] = {"warnings": [], "general_errors": []}
    valid = form.is_valid() & places.is_valid() & sessions.is_valid()
    if not valid:
        return None, shown
    place_rows, session_rows = filled_forms(places), filled_forms(sessions)
    data = form.to_data(
        [f.to_place() for _i, f in place_rows], [f.to_session() for _i, f in session_rows]
    )
    warnings = figure_warnings(data, data.session_participants)
    if warnings and not form.cleaned_data["confirm_figures"]:
        shown["warnings"] = warnings
        return None, shown
    try:
        if activity is None:
            saved = services.activity_create(
                actor=request.user, data=data, reporter=form.cleaned_data.get("reporter")
            )
        else:
            saved = services.activity_update(
                actor=request.user,
                activity=activity,
                data=data,
                expected_version=form.cleaned_data["version"],
            )
    except ValidationError as error:
        shown["general_errors"] = apply_service_errors(
            error,
            form,
            {
                "places": (places, [i for i, _f in place_rows]),
                "sessions": (sessions, [i for i, _f in session_rows]),
            },
        )
        return None, shown
    except Conflict as error:
        shown["general_errors"] = [error.message]
        return None, shown
    return saved, shown


@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not rules.can_report(user):
        raise PermissionDenied()
    choose_reporter = rules.is_coordinator(user)
    initial = {"reporter": user.organisation} if choose_reporter else {}
    form = ActivityForm(
        request.POST or None, choose_reporter=choose_reporter, initial=initial, versioned=False
    )
    places, sessions = _formsets(request, None)
    shown: dict[str, Any] = {"warnings": [], "general_errors": []}
    if request.method == "POST":
        saved, shown = _save(request, form, places, sessions, None)
        if saved is not None:
            messages.success(request, _("The activity is saved as a draft."))
            return redirect("activities:detail", pk=saved.pk)
    return _render_form(request, form, places, sessions, None, shown)


@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    if not rules.can_edit(request.user, activity):
        messages.error(request, _("This activity cannot be changed in its current state."))
        return redirect("activities:detail", pk=pk)
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity))
    places, sessions = _formsets(request, activity)
    shown: dict[str, Any] = {"warnings": [], "general_errors": []}
    if request.method == "POST":
        saved, shown = _save(request, form, places, sessions, activity)
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect("activities:detail", pk=saved.pk)
    return _render_form(request, form, places, sessions, activity, shown)


def _render_form(
    request: AuthenticatedRequest,
    form: ActivityForm,
    places: Any,
    sessions: Any,
    activity: Activity | None,
    shown: dict[str, Any],
) -> HttpResponse:
    field_warnings: dict[str, list[str]] = {}
    for warning in shown["warnings"]:
        field_warnings.setdefault(warning.field, []).append(warning.message)
    return render(
        request,
        "activities/form.html",
        {
            "form": form,
            "places": places,
            "sessions": sessions,
            "activity": activity,
            "warnings": shown["warnings"],
            "field_warnings": field_warnings,
            "general_errors": shown["general_errors"],
        },
        status=422 if shown["warnings"] or shown["general_errors"] or form.errors else 200,
    )


# Workflow actions (POST) ----------------------------------------------------------------------


def _version(request: AuthenticatedRequest) -> int:
    """The version the page showed: a button without it never changes the record blindly
    (the service answers PreconditionRequired once it has checked the permission)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else VERSION_NOT_GIVEN


def _act(request: AuthenticatedRequest, pk: int, action: Any, success: str) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    try:
        action(activity)
    except (ValidationError, Conflict, PreconditionRequired) as error:
        messages.error(request, str(error))
        return redirect("activities:detail", pk=pk)
    messages.success(request, success)
    return _back(request, activity)


@require_POST
def activity_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.activity_submit(
            actor=request.user, activity=a, expected_version=_version(request)
        ),
        _("The activity is submitted to the coordinator."),
    )


@require_POST
def activity_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.activity_withdraw(
            actor=request.user, activity=a, expected_version=_version(request)
        ),
        _("The activity is back in your drafts."),
    )


@require_POST
def activity_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.activity_approve(
            actor=request.user, activity=a, expected_version=_version(request)
        ),
        _("The activity is approved: it now counts in the statistics and the bulletin."),
    )


@require_POST
def activity_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda a: services.activity_return(
            actor=request.user, activity=a, comment=comment, expected_version=_version(request)
        ),
        _("The activity is returned to the reporter with your comment."),
    )


@require_POST
def activity_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("The activity is deleted."))
    return redirect("activities:list")


@require_POST
def submit_period(request: AuthenticatedRequest) -> HttpResponse:
    period = SubmitPeriodForm(request.POST).chosen()
    if period is None:
        messages.error(request, _("Choose the period to submit."))
        return redirect("activities:list")
    submitted = services.activities_submit_period(actor=request.user, period=period)
    messages.success(
        request,
        ngettext(
            "%(count)s activity of %(period)s is submitted to the coordinator.",
            "%(count)s activities of %(period)s are submitted to the coordinator.",
            len(submitted),
        )
        % {"count": len(submitted), "period": period.name},
    )
    return redirect("activities:list")


# Joint events ------------------------------------------------------------------------------------


def _activities_from(request: AuthenticatedRequest, name: str) -> list[Activity]:
    ids = [int(v) for v in request.POST.getlist(name) if v.isdigit()]
    return [selectors.activity_get(actor=request.user, pk=pk) for pk in dict.fromkeys(ids)]


@require_POST
def event_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    others = _activities_from(request, "others")
    counted_id = request.POST.get("counted", "")
    reports = [activity, *[o for o in others if o.pk != activity.pk]]
    counted = next((a for a in reports if str(a.pk) == counted_id), None)
    try:
        services.event_link(actor=request.user, activities=reports, counted=counted)
    except ValidationError as error:
        messages.error(request, str(error))
        return _back(request, activity)
    messages.success(request, _("The reports are linked as one event: it counts once."))
    return _back(request, activity)


@require_POST
def event_unlink(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    try:
        services.event_unlink(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, str(error))
        return _back(request, activity)
    messages.success(request, _("The report is unlinked: it counts on its own again."))
    return _back(request, activity)


@require_POST
def event_counted(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    if activity.event is None:
        raise NotFound()
    services.event_set_counted(actor=request.user, event=activity.event, activity=activity)
    messages.success(request, _("The figures of this report now count for the event."))
    return _back(request, activity)


@require_POST
def mark_distinct(request: AuthenticatedRequest, pk: int, other: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk)
    other_activity = selectors.activity_get(actor=request.user, pk=other)
    services.activities_mark_distinct(actor=request.user, activity=activity, other=other_activity)
    messages.success(request, _("Noted: these reports are different events."))
    return _back(request, activity)


# The coordinator's review ------------------------------------------------------------------------


@require_GET
def review(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    period_form = PeriodForm(request.GET or None)
    period = period_form.chosen()
    items = selectors.review_queue(actor=request.user, period=period)
    flagged = sum(1 for item in items if item.warnings or item.candidates)
    return render(
        request,
        "activities/review.html",
        {
            "items": items,
            "flagged": flagged,
            "period_form": period_form,
            "review_can": {"approve": True, "return": True},
            "here": request.get_full_path(),
        },
    )


# Funding programmes ------------------------------------------------------------------------------


@require_GET
def programmes(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "activities/programmes.html",
        {
            "programmes": selectors.funding_programmes(actor=request.user),
            "can_manage": rules.is_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def programme_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    programme = selectors.funding_programme_get(actor=request.user, pk=pk) if pk else None
    form = FundingProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if programme is None:
                services.funding_programme_create(actor=request.user, **values)
            else:
                services.funding_programme_update(actor=request.user, programme=programme, **values)
        except ValidationError as error:
            for name, errors in error.fields.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The funding programme is saved."))
            return redirect("activities:programmes")
    return render(request, "activities/programme_form.html", {"form": form, "programme": programme})
