"""Public pages, without sign-in: the self-check, the anonymous report and its follow-up.

Nothing here reads or keeps the visitor's address, browser or referrer, writes to the session
or logs the request. The self-check stores nothing at all. The report form is protected
against floods by nrm.screening.throttle (keyed hashes in the cache, never addresses) and
against robots by a hidden field and a minimum time to fill it in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from nrm.core.errors import ValidationError
from nrm.screening import contexts, engine, selectors, services, throttle
from nrm.screening.definitions import localise
from nrm.screening.forms import AddInformationForm, FollowUpForm, ReportForm, SelfCheckForm
from nrm.screening.models import PublicReport


def _language() -> str:
    return translation.get_language() or "en"


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/public/index.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def self_check(request: HttpRequest) -> HttpResponse:
    """A short check against warning signs; the answers are never stored or sent anywhere
    but back to the same page."""
    language = _language()
    _row, offer = selectors.current_instrument(contexts.JOB_OFFER)
    _row, work = selectors.current_instrument(contexts.FORCED_LABOUR)
    data = request.POST if request.method == "POST" else None
    offer_form = SelfCheckForm(
        data, instrument=offer, set_id="public", language=language, prefix="offer"
    )
    work_form = SelfCheckForm(
        data, instrument=work, set_id="first_line", language=language, prefix="work"
    )
    result = None
    if data is not None and all([offer_form.is_valid(), work_form.is_valid()]):
        evaluations = [
            engine.evaluate(offer, "public", offer_form.answers()),
            engine.evaluate(work, "first_line", work_form.answers()),
        ]
        offer_signs, work_signs = (
            [localise(i.label, language) for i in engine.indicators_answered_yes(e)]
            for e in evaluations
        )
        result = {
            "offer_signs": offer_signs,
            "work_signs": work_signs,
            "any": bool(offer_signs or work_signs),
            "several": len(offer_signs) + len(work_signs) > 1,
        }
    response = render(
        request,
        "screening/public/self_check.html",
        {
            "offer_form": offer_form,
            "work_form": work_form,
            "offer_groups": offer_form.question_groups(language),
            "work_groups": work_form.question_groups(language),
            "offer_note": localise(offer.note, language),
            "result": result,
        },
    )
    return response


def _throttled(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/public/throttled.html", status=429)


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "screening/public/report.html", {"form": ReportForm()})
    if not throttle.allow(throttle.report_limit(), request):
        return _throttled(request)
    form = ReportForm(request.POST, min_seconds=settings.NRM_REPORT_MIN_SECONDS)
    # A form with real mistakes shows only those; the robot check speaks only when nothing
    # else is wrong (a person who sends an empty form fast must not read about robots).
    valid = form.is_valid()
    if valid and form.looks_automated():
        form.add_error(
            None,
            _(
                "The report could not be sent. Please try again in a moment, or call the help "
                "line %(hotline)s."
            )
            % {"hotline": settings.NRM_HOTLINE},
        )
        return render(request, "screening/public/report.html", {"form": form}, status=400)
    if valid:
        data = form.cleaned_data
        try:
            saved, code = services.report_submit(
                actor=None,
                description=data["description"],
                context=data["context"],
                reporter_role=data["reporter_role"],
                child_involved=data["child_involved"],
                municipality=data["municipality"],
                place=data["place"],
            )
        except ValidationError as exc:
            for name, problems in exc.fields.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            # Shown once, on this response only: it is stored as a digest.
            return render(
                request, "screening/public/report_sent.html", {"code": code, "report": saved}
            )
    return render(request, "screening/public/report.html", {"form": form}, status=422)


def _thread_page(
    request: HttpRequest, report: PublicReport, code: str, *, added: bool = False
) -> HttpResponse:
    return render(
        request,
        "screening/public/follow_up_thread.html",
        {
            "report": report,
            "thread": selectors.reporter_thread(report),
            "form": AddInformationForm(initial={"code": code}),
            "added": added,
        },
    )


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """Read the replies to a report and add information, with the follow-up code.

    The code travels in the body of POST requests only, never in a URL (URLs end up in
    browser histories and logs).
    """
    if request.method != "POST":
        return render(request, "screening/public/follow_up.html", {"form": FollowUpForm()})
    if not throttle.allow(throttle.follow_up_limit(), request):
        return _throttled(request)
    adding = "text" in request.POST
    form: FollowUpForm = AddInformationForm(request.POST) if adding else FollowUpForm(request.POST)
    if not form.is_valid():
        return render(request, "screening/public/follow_up.html", {"form": form}, status=422)
    code = form.cleaned_data["code"]
    found = selectors.report_by_code(code)
    if found is None:
        form = FollowUpForm(initial={"code": code})
        form.is_bound = False
        return render(
            request,
            "screening/public/follow_up.html",
            {"form": form, "not_found": True},
            status=404,
        )
    if adding:
        services.report_add_information(actor=None, report=found, text=form.cleaned_data["text"])
        return _thread_page(request, found, code, added=True)
    return _thread_page(request, found, code)
