"""Web pages of trial monitoring: thin, they parse a form, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import ApplicationError, PermissionDenied
from nrm.core.forms import apply_errors
from nrm.core.lists import ListRequest
from nrm.core.roles import require_role
from nrm.core.vocabularies import ExploitationForm
from nrm.justice import forms, rules, selectors, services, statistics
from nrm.justice.lists import COURT_CASES
from nrm.justice.models import CourtCase, Verdict
from nrm.justice.quality import trial_monitoring_checks

PAGE_SIZE = 25


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _editable(request: AuthenticatedRequest, court_case: CourtCase) -> CourtCase:
    """The case, if the user may change it (403 otherwise; the caller already got a 404 for a
    case the user cannot see)."""
    if not selectors.can_edit(actor=request.user, court_case=court_case):
        raise PermissionDenied()
    return court_case


def _case_url(court_case: CourtCase | int, anchor: str = "") -> str:
    pk = court_case if isinstance(court_case, int) else court_case.pk
    url = reverse("justice:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


@dataclass
class Section:
    """One part of a form page: a form, optionally in a fieldset with a legend."""

    form: django_forms.Form
    legend: str = ""


def _form_page(
    request: AuthenticatedRequest,
    *,
    sections: Sequence[Section],
    title: str,
    court_case: CourtCase,
    back_url: str,
    save: Callable[[], Any],
    success: str,
    submit: str = "",
) -> HttpResponse:
    """Render a form page; on a valid POST call `save` and go back to the case."""
    # Every section is validated (no short-circuit), so that all errors show at once.
    if request.method == "POST" and all([s.form.is_valid() for s in sections]):
        try:
            save()
        except ApplicationError as error:
            apply_errors(sections[0].form, error, *(s.form for s in sections[1:]))
        else:
            messages.success(request, success)
            return redirect(back_url)
    context = {
        "sections": sections,
        "title": title,
        "court_case": court_case,
        "back_url": back_url,
        "submit": submit or _("Save"),
    }
    return render(request, "justice/form.html", context)


def _post_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# The list, the case page ----------------------------------------------------------------------


@require_GET
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    listing = ListRequest(request, COURT_CASES)
    if listing.redirect is not None:
        return listing.redirect
    articles = selectors.article_list(actor=request.user)
    form = forms.CourtCaseFilterForm(listing.query or None, articles=articles)
    cases = listing.apply_sort(selectors.court_case_list(actor=request.user, **form.filters()))
    if listing.export_format:
        return listing.export(cases)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "articles": selectors.charged_articles(list(page)),
        "query": _query_without_page(request),
        "can_create": selectors.can_create(actor=request.user),
        "listing": listing,
    }
    template = "justice/includes/results.html" if is_htmx(request) else "justice/list.html"
    return render(request, template, context)


@require_GET
def case_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = selectors.court_case_get(actor=request.user, pk=pk)
    compensation = selectors.compensation_of(court_case)
    forms_of_exploitation = dict(ExploitationForm.choices)
    context = {
        "court_case": court_case,
        "can_edit": selectors.can_edit(actor=request.user, court_case=court_case),
        "claims": compensation.claims,
        "totals": compensation,
        "exploitation_labels": [forms_of_exploitation[f] for f in court_case.exploitation_forms],
    }
    return render(request, "justice/detail.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, *rules.WRITE_ROLES)
    if not selectors.can_create(actor=request.user):
        raise PermissionDenied()
    courts = selectors.court_list(actor=request.user)
    form = forms.CourtCaseForm(_post_data(request), courts=courts, versioned=False)
    if request.method == "POST" and form.is_valid():
        try:
            court_case = services.court_case_create(actor=request.user, **form.service_values())
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Monitoring of %(number)s is recorded.") % {"number": court_case.case_number},
            )
            return redirect(_case_url(court_case))
    return render(request, "justice/case_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = _editable(request, selectors.court_case_get(actor=request.user, pk=pk))
    courts = selectors.court_list(actor=request.user, active_only=False)
    initial = forms.CourtCaseForm.initial_for(court_case)
    form = forms.CourtCaseForm(_post_data(request), courts=courts, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.service_values().items() if k in form.changed_data}
        try:
            services.court_case_update(
                actor=request.user,
                court_case=court_case,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The court case is saved."))
            return redirect(_case_url(court_case))
    context = {"form": form, "creating": False, "court_case": court_case}
    return render(request, "justice/case_form.html", context)


@require_POST
def case_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = _editable(request, selectors.court_case_get(actor=request.user, pk=pk))
    number = court_case.case_number
    services.court_case_delete(actor=request.user, court_case=court_case)
    messages.success(request, _("%(number)s is no longer monitored.") % {"number": number})
    return redirect("justice:list")


# Defendants, charges, verdicts ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def defendant_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = _editable(request, selectors.court_case_get(actor=request.user, pk=pk))
    form = forms.DefendantForm(_post_data(request))
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Add a defendant"),
        court_case=court_case,
        back_url=_case_url(court_case, "defendants"),
        save=lambda: services.defendant_add(
            actor=request.user, court_case=court_case, **form.cleaned_data
        ),
        success=_("The defendant is added."),
    )


@require_http_methods(["GET", "POST"])
def defendant_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    defendant = selectors.defendant_get(actor=request.user, pk=pk)
    court_case = _editable(request, defendant.court_case)
    form = forms.DefendantForm(
        _post_data(request), initial=forms.DefendantForm.initial_for(defendant)
    )
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Defendant %(code)s") % {"code": defendant.code},
        court_case=court_case,
        back_url=_case_url(court_case, f"defendant-{defendant.pk}"),
        save=lambda: services.defendant_update(
            actor=request.user, defendant=defendant, **form.cleaned_data
        ),
        success=_("The defendant is saved."),
    )


@require_POST
def defendant_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    defendant = selectors.defendant_get(actor=request.user, pk=pk)
    court_case = _editable(request, defendant.court_case)
    services.defendant_remove(actor=request.user, defendant=defendant)
    messages.success(request, _("The defendant is removed."))
    return redirect(_case_url(court_case, "defendants"))


@require_http_methods(["GET", "POST"])
def charge_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    defendant = selectors.defendant_get(actor=request.user, pk=pk)
    court_case = _editable(request, defendant.court_case)
    form = forms.ChargeForm(
        _post_data(request), articles=selectors.article_list(actor=request.user)
    )
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Charge against %(code)s") % {"code": defendant.code},
        court_case=court_case,
        back_url=_case_url(court_case, f"defendant-{defendant.pk}"),
        save=lambda: services.charge_add(
            actor=request.user,
            defendant=defendant,
            article=form.cleaned_data["article"],
            qualification=form.cleaned_data["qualification"],
            confirmed=form.cleaned_data["confirmed"],
        ),
        success=_("The charge is added."),
    )


@require_POST
def charges_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    defendant = selectors.defendant_get(actor=request.user, pk=pk)
    court_case = _editable(request, defendant.court_case)
    try:
        services.charges_confirm_as_final(actor=request.user, defendant=defendant)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The court's qualification is recorded as charged."))
    return redirect(_case_url(court_case, f"defendant-{defendant.pk}"))


@require_POST
def charge_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    charge = selectors.charge_get(actor=request.user, pk=pk)
    court_case = _editable(request, charge.defendant.court_case)
    services.charge_remove(actor=request.user, charge=charge)
    messages.success(request, _("The charge is removed."))
    return redirect(_case_url(court_case, f"defendant-{charge.defendant_id}"))


def _verdict_page(
    request: AuthenticatedRequest, defendant: Any, verdict: Verdict | None
) -> HttpResponse:
    court_case = _editable(request, defendant.court_case)
    data = _post_data(request)
    initial: dict[str, Any] = {}
    sentence_initial: dict[str, Any] = {}
    if verdict is not None:
        initial = {
            "instance": verdict.instance,
            "outcome": verdict.outcome,
            "pronounced_on": verdict.pronounced_on,
        }
        sentence = getattr(verdict, "sentence", None)
        if sentence is not None:
            sentence_initial = {name: getattr(sentence, name) for name in services.SENTENCE_FIELDS}
    elif request.GET.get("instance", "").isdigit():
        initial["instance"] = int(request.GET["instance"])
    form = forms.VerdictForm(data, initial=initial)
    if verdict is not None:
        form.fields["instance"].disabled = True  # another instance is another verdict
    sentence_form = forms.SentenceForm(data, initial=sentence_initial, prefix="sentence")

    def save() -> None:
        services.verdict_record(
            actor=request.user,
            defendant=defendant,
            sentence=sentence_form.service_values(),
            **form.cleaned_data,
        )

    return _form_page(
        request,
        sections=[
            Section(form),
            Section(sentence_form, _("Sentence (convictions and plea agreements only)")),
        ],
        title=_("Verdict on %(code)s") % {"code": defendant.code},
        court_case=court_case,
        back_url=_case_url(court_case, f"defendant-{defendant.pk}"),
        save=save,
        success=_("The verdict is recorded."),
    )


@require_http_methods(["GET", "POST"])
def verdict_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _verdict_page(request, selectors.defendant_get(actor=request.user, pk=pk), None)


@require_http_methods(["GET", "POST"])
def verdict_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    verdict = selectors.verdict_get(actor=request.user, pk=pk)
    return _verdict_page(request, verdict.defendant, verdict)


@require_POST
def verdict_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    verdict = selectors.verdict_get(actor=request.user, pk=pk)
    court_case = _editable(request, verdict.defendant.court_case)
    try:
        services.verdict_remove(actor=request.user, verdict=verdict)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The verdict is removed."))
    return redirect(_case_url(court_case, f"defendant-{verdict.defendant_id}"))


# Hearings --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def hearing_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = _editable(request, selectors.court_case_get(actor=request.user, pk=pk))
    form = forms.HearingForm(_post_data(request))
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Add a hearing"),
        court_case=court_case,
        back_url=_case_url(court_case, "hearings"),
        save=lambda: services.hearing_add(
            actor=request.user, court_case=court_case, **form.cleaned_data
        ),
        success=_("The hearing is added."),
    )


@require_http_methods(["GET", "POST"])
def hearing_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    hearing = selectors.hearing_get(actor=request.user, pk=pk)
    court_case = _editable(request, hearing.court_case)
    initial = {name: getattr(hearing, name) for name in services.HEARING_FIELDS}
    form = forms.HearingForm(_post_data(request), initial=initial)
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Hearing"),
        court_case=court_case,
        back_url=_case_url(court_case, "hearings"),
        save=lambda: services.hearing_update(
            actor=request.user, hearing=hearing, **form.cleaned_data
        ),
        success=_("The hearing is saved."),
    )


@require_POST
def hearing_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    hearing = selectors.hearing_get(actor=request.user, pk=pk)
    court_case = _editable(request, hearing.court_case)
    services.hearing_remove(actor=request.user, hearing=hearing)
    messages.success(request, _("The hearing is removed."))
    return redirect(_case_url(court_case, "hearings"))


# Injured parties and compensation ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def injured_party_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    court_case = _editable(request, selectors.court_case_get(actor=request.user, pk=pk))
    form = forms.InjuredPartyForm(_post_data(request))
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Add an injured party"),
        court_case=court_case,
        back_url=_case_url(court_case, "injured-parties"),
        save=lambda: services.injured_party_add(
            actor=request.user, court_case=court_case, **form.cleaned_data
        ),
        success=_("The injured party is added."),
    )


@require_http_methods(["GET", "POST"])
def injured_party_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    party = selectors.injured_party_get(actor=request.user, pk=pk)
    court_case = _editable(request, party.court_case)
    initial = {
        "code": party.code,
        "sex": party.sex,
        "age_group": party.age_group,
        "citizenship": str(party.citizenship or ""),
        "victim_case_code": party.victim_case_code or "",  # type: ignore[attr-defined]
        "notes": party.notes,
    }
    form = forms.InjuredPartyForm(_post_data(request), initial=initial)
    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Injured party %(code)s") % {"code": party.code},
        court_case=court_case,
        back_url=_case_url(court_case, "injured-parties"),
        save=lambda: services.injured_party_update(
            actor=request.user, injured_party=party, **form.cleaned_data
        ),
        success=_("The injured party is saved."),
    )


@require_POST
def injured_party_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    party = selectors.injured_party_get(actor=request.user, pk=pk)
    court_case = _editable(request, party.court_case)
    services.injured_party_remove(actor=request.user, injured_party=party)
    messages.success(request, _("The injured party is removed."))
    return redirect(_case_url(court_case, "injured-parties"))


def _claim_page(
    request: AuthenticatedRequest, party: Any, claim: Any, initial: dict[str, Any]
) -> HttpResponse:
    court_case = _editable(request, party.court_case)
    defendants = court_case.defendants.order_by("pk")
    form = forms.ClaimForm(_post_data(request), initial=initial, defendants=defendants)

    def save() -> None:
        values = dict(form.cleaned_data)
        if claim is None:
            services.claim_add(actor=request.user, injured_party=party, **values)
        else:
            services.claim_update(actor=request.user, claim=claim, **values)

    return _form_page(
        request,
        sections=[Section(form)],
        title=_("Compensation claim of %(code)s") % {"code": party.code},
        court_case=court_case,
        back_url=_case_url(court_case, "injured-parties"),
        save=save,
        success=_("The compensation claim is saved."),
    )


@require_http_methods(["GET", "POST"])
def claim_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    party = selectors.injured_party_get(actor=request.user, pk=pk)
    return _claim_page(request, party, None, {})


@require_http_methods(["GET", "POST"])
def claim_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get(actor=request.user, pk=pk)
    initial = {name: getattr(claim, name) for name in services.CLAIM_FIELDS}
    initial["defendant"] = claim.defendant_id
    return _claim_page(request, claim.injured_party, claim, initial)


@require_POST
def claim_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get(actor=request.user, pk=pk)
    court_case = _editable(request, claim.injured_party.court_case)
    services.claim_remove(actor=request.user, claim=claim)
    messages.success(request, _("The compensation claim is removed."))
    return redirect(_case_url(court_case, "injured-parties"))


# Figures and the catalogue ---------------------------------------------------------------------


@require_GET
def figures(request: AuthenticatedRequest) -> HttpResponse:
    """The trial-monitoring figures of a period, as the bulletin reports them."""
    require_role(request.user, *rules.READ_ROLES)
    form = forms.PeriodForm(request.GET or None)
    today = timezone.localdate()
    period = form.period_or_default(today)
    context = {
        "form": form,
        "period": period,
        "figures": statistics.trial_monitoring_statistics(period=period, actor=request.user),
        "by_article": statistics.cases_by_article(period=period, actor=request.user),
        "completed": statistics.offences_in_completed_cases(period=period, actor=request.user),
        "findings": trial_monitoring_checks(period=period, actor=request.user),
        "recent_years": [today.year - offset for offset in range(3)],
    }
    return render(request, "justice/figures.html", context)


@require_GET
def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    codes = selectors.criminal_codes(actor=request.user)
    return render(request, "justice/catalogue.html", {"codes": codes})
