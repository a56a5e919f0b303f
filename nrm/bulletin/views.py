"""Bulletin pages: the coordinator composes, previews, downloads and publishes; everyone
downloads what was published."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.bulletin import forms, selectors, services
from nrm.bulletin.checks import prose_checks
from nrm.bulletin.document import Bulletin
from nrm.bulletin.language import LANGUAGES, WRITTEN_LANGUAGES, missing_languages
from nrm.bulletin.models import Edition, FreeSection
from nrm.bulletin.render import FORMATS, filename, render_document
from nrm.bulletin.render_html import render_body
from nrm.core.errors import ApplicationError, NotFound, ValidationError
from nrm.core.forms import apply_errors
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.statistics.quality import quality_review

LANGUAGE_NAMES = {
    "en": "English",
    "bs": "Bosanski",
    "hr": "Hrvatski",
    "sr": "Српски",
    "sr-latn": "Srpski (latinica)",
}


def _language(code: str) -> str:
    """A language of the URL: anything else is not a page."""
    if code not in LANGUAGES:
        raise NotFound()
    return code


def _format(code: str) -> str:
    if code not in FORMATS:
        raise NotFound()
    return code


def _edition(request: AuthenticatedRequest, period: str) -> Edition:
    return selectors.edition_get(actor=request.user, period=period)


def _compose_url(edition: Edition, language: str = "") -> str:
    url = reverse("bulletin:compose", kwargs={"period": edition.period})
    return f"{url}?lang={language}" if language and language != "en" else url


def _language_arg(request: HttpRequest) -> str:
    language = request.GET.get("lang") or request.POST.get("language") or "en"
    return language if language in WRITTEN_LANGUAGES else "en"


# Editions -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def edition_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, Role.COORDINATOR)
    form = forms.EditionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_create(
                actor=request.user, period=form.cleaned_data["period"]
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The bulletin for %(period)s is ready to compose.") % {"period": edition.period},
            )
            return redirect(_compose_url(edition))
    return render(
        request,
        "bulletin/editions.html",
        {"editions": selectors.edition_list(actor=request.user), "form": form},
    )


def _compose_context(
    request: AuthenticatedRequest, edition: Edition, language: str, **forms_given: Any
) -> dict[str, Any]:
    texts_form = forms_given.get("texts_form") or forms.TextsForm(
        initial={
            "version": edition.version,
            "language": language,
            "introduction": edition.introduction.get(language, ""),
            "contact": edition.contact.get(language, ""),
            "acknowledgement": edition.acknowledgement.get(language, ""),
        }
    )
    policy_form = forms_given.get("policy_form") or forms.PolicyForm(
        initial={
            "version": edition.version,
            "disclosure": edition.disclosure,
        }
    )
    sections = [
        {
            "section": section,
            "form": forms.SectionForm(
                prefix=f"section-{section.pk}",
                initial={
                    "language": language,
                    "position": section.position,
                    "title": section.title.get(language, ""),
                    "body": section.body.get(language, ""),
                },
            ),
            "missing": missing_languages(section.title),
        }
        for section in edition.sections.all()
    ]
    findings = quality_review(actor=request.user, period=Period.parse(edition.period))
    values = selectors.citable_figures(actor=request.user, edition=edition)
    prose_blockers, prose_warnings = prose_checks(edition, values)
    return {
        "citable": sorted(values.items()),
        "prose_blockers": prose_blockers,
        "prose_warnings": prose_warnings,
        "edition": edition,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "written_languages": [(code, LANGUAGE_NAMES[code]) for code in WRITTEN_LANGUAGES],
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "formats": list(FORMATS),
        "texts_form": texts_form,
        "policy_form": policy_form,
        "section_form": forms_given.get("section_form")
        or forms.SectionForm(prefix="new", initial={"language": language}),
        "sections": sections,
        "publish_form": forms_given.get("publish_form") or forms.PublishForm(),
        "missing": {
            "introduction": missing_languages(edition.introduction),
            "contact": missing_languages(edition.contact),
        },
        "finding_count": len([f for f in findings if f.kind != "resolved"]),
        "versions": edition.versions.all(),
        "partners": selectors.partner_order(actor=request.user, edition=edition),
        "photos_form": forms_given.get("photos_form")
        or forms.PhotosForm(
            initial={"version": edition.version, "photos": list(edition.photos or [])},
            choices=_photo_choices(request, edition),
        ),
    }


def _photo_choices(request: AuthenticatedRequest, edition: Edition) -> list[tuple[int, str]]:
    return [
        (photo.document, f"{photo.alt} ({_('activity')} {photo.activity})")
        for photo in selectors.photo_choices(actor=request.user, edition=edition)
    ]


@require_GET
def compose(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    language = _language_arg(request)
    return render(request, "bulletin/compose.html", _compose_context(request, edition, language))


def _save_from_compose(
    request: AuthenticatedRequest,
    edition: Edition,
    language: str,
    form: Any,
    form_name: str,
    save: Callable[[dict[str, Any]], object],
    done: str,
    anchor: str = "",
    before_showing_again: Callable[[], object] | None = None,
) -> HttpResponse:
    """A form of the compose page: saved through `save`, then back to the page with `done`;
    else the page again (422) with `form` and its errors where it stands."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_compose_url(edition, language) + anchor)
    if before_showing_again is not None:
        before_showing_again()
    context = _compose_context(request, edition, language, **{form_name: form})
    return render(request, "bulletin/compose.html", context, status=422)


def _back_to_partners(
    request: AuthenticatedRequest,
    edition: Edition,
    language: str,
    change: Callable[[], object],
    done: str,
) -> HttpResponse:
    """A change to the order of partners (buttons, no form to show again): its message, then
    back to the list."""
    try:
        change()
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(_compose_url(edition, language) + "#partners-title")


@require_POST
def write_texts(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    return _save_from_compose(
        request,
        edition,
        _language_arg(request),
        forms.TextsForm(request.POST),
        "texts_form",
        lambda data: services.edition_write(
            actor=request.user,
            edition=edition,
            expected_version=data["version"],
            language=data["language"],
            introduction=data["introduction"],
            contact=data["contact"],
            acknowledgement=data["acknowledgement"],
        ),
        _("The texts are saved."),
    )


@require_POST
def set_policy(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    return _save_from_compose(
        request,
        edition,
        _language_arg(request),
        forms.PolicyForm(request.POST),
        "policy_form",
        lambda data: services.edition_set_policy(
            actor=request.user,
            edition=edition,
            expected_version=data["version"],
            disclosure=data["disclosure"],
        ),
        _("The publication policy is saved."),
    )


@require_POST
def move_partner(request: AuthenticatedRequest, period: str) -> HttpResponse:
    """One partner up or down in the bulletin's order (a button per direction, no script)."""
    edition = _edition(request, period)
    form = forms.PartnerMoveForm(request.POST)
    language = _language_arg(request)
    if not form.is_valid():
        messages.error(request, _("The order of partners was not changed."))
        return redirect(_compose_url(edition, language) + "#partners-title")
    data = form.cleaned_data
    return _back_to_partners(
        request,
        edition,
        language,
        lambda: services.edition_move_partner(
            actor=request.user,
            edition=edition,
            expected_version=data["version"],
            organisation=data["organisation"],
            direction=data["direction"],
        ),
        _("The order of partners is saved."),
    )


@require_POST
def restore_partner_order(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    form = forms.VersionForm(request.POST)

    def restore() -> None:
        if not form.is_valid():
            raise ValidationError(fields={"version": [_("The page is out of date.")]})
        services.edition_restore_partner_order(
            actor=request.user, edition=edition, expected_version=form.cleaned_data["version"]
        )

    return _back_to_partners(
        request,
        edition,
        _language_arg(request),
        restore,
        _("The default order of partners is restored."),
    )


@require_POST
def choose_photos(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    # The choices are not limited here: the service refuses what may not be shown.
    given = [int(v) for v in request.POST.getlist("photos") if v.isdigit()]
    form = forms.PhotosForm(request.POST, choices=[(pk, str(pk)) for pk in given])
    return _save_from_compose(
        request,
        edition,
        _language_arg(request),
        form,
        "photos_form",
        lambda data: services.edition_choose_photos(
            actor=request.user,
            edition=edition,
            expected_version=data["version"],
            documents=data["photos"],
        ),
        _("The photos shown are saved."),
        anchor="#photos-title",
        # Shown again, the form offers the photos one may choose, not what was sent.
        before_showing_again=lambda: form.set_choices(_photo_choices(request, edition)),
    )


@require_POST
def add_section(request: AuthenticatedRequest, period: str) -> HttpResponse:
    edition = _edition(request, period)
    return _save_from_compose(
        request,
        edition,
        _language_arg(request),
        forms.SectionForm(request.POST, prefix="new"),
        "section_form",
        lambda data: services.section_create(
            actor=request.user,
            edition=edition,
            language=data["language"],
            position=data["position"],
            title=data["title"],
            body=data["body"],
        ),
        _("The section is added."),
    )


def _section(edition: Edition, pk: int) -> FreeSection:
    section = edition.sections.filter(pk=pk).first()
    if section is None:
        raise NotFound()
    return section


@require_POST
def edit_section(request: AuthenticatedRequest, period: str, pk: int) -> HttpResponse:
    edition = _edition(request, period)
    section = _section(edition, pk)
    language = _language_arg(request)
    if "delete" in request.POST:
        services.section_delete(actor=request.user, section=section)
        messages.success(request, _("The section is removed."))
        return redirect(_compose_url(edition, language))
    form = forms.SectionForm(request.POST, prefix=f"section-{pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.section_update(
                actor=request.user,
                section=section,
                language=data["language"],
                position=data["position"],
                title=data["title"],
                body=data["body"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(_compose_url(edition, language))
    messages.error(request, _("The section was not saved: it needs a title."))
    return redirect(_compose_url(edition, language))


# Preview, downloads, publishing ------------------------------------------------------------


@require_GET
def preview(request: AuthenticatedRequest, period: str, lang: str) -> HttpResponse:
    edition = _edition(request, period)
    language = _language(lang)
    document = selectors.draft_document(actor=request.user, edition=edition, language=language)
    return render(
        request,
        "bulletin/preview.html",
        {
            "edition": edition,
            "document": document,
            "body": render_body(document),
            "language": language,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "formats": list(FORMATS),
        },
    )


def _file_response(document: Bulletin, fmt: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(document, fmt)}"'
    return response


@require_GET
def download_draft(request: AuthenticatedRequest, period: str, lang: str, fmt: str) -> HttpResponse:
    edition = _edition(request, period)
    fmt = _format(fmt)
    document = selectors.draft_document(
        actor=request.user, edition=edition, language=_language(lang)
    )
    return _file_response(document, fmt, render_document(document, fmt))


def _publish_page(
    request: AuthenticatedRequest, edition: Edition, form: forms.PublishForm, status: int = 200
) -> HttpResponse:
    check = services.publication_check(edition)
    return render(
        request,
        "bulletin/publish.html",
        {
            "edition": edition,
            "check": check,
            "form": form,
            "versions": edition.versions.all(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedRequest, period: str) -> HttpResponse:
    """The confirmation page: what is still open, then publishing once confirmed."""
    edition = _edition(request, period)
    if request.method == "GET":
        return _publish_page(request, edition, forms.PublishForm(initial={"confirm": True}))
    form = forms.PublishForm(request.POST)
    if form.is_valid() and form.cleaned_data["confirm"]:
        try:
            version = services.edition_publish(
                actor=request.user,
                edition=edition,
                note=form.cleaned_data["note"],
                confirmed=True,
            )
        except ApplicationError as error:
            apply_errors(form, error)
            return _publish_page(request, edition, form, status=422)
        messages.success(
            request,
            _("Version %(number)s of the bulletin for %(period)s is published.")
            % {"number": version.number, "period": edition.period},
        )
        return redirect(_compose_url(edition))
    # Sent without confirming (or invalid): show what publishing would face first.
    if form.is_valid():
        form = forms.PublishForm(initial={"confirm": True, "note": form.cleaned_data["note"]})
        return _publish_page(request, edition, form)
    return _publish_page(request, edition, form, status=422)


@require_POST
def withdraw(request: AuthenticatedRequest, period: str, number: int) -> HttpResponse:
    edition = _edition(request, period)
    version = selectors.edition_version(actor=request.user, edition=edition, number=number)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.version_withdraw(
                actor=request.user, version=version, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s is withdrawn: the public page says why.")
                % {"number": version.number},
            )
    else:
        messages.error(request, _("Say why the version is withdrawn."))
    return redirect(_compose_url(edition) + "#publish-title")


# Published versions (public) ----------------------------------------------------------------


@login_not_required
@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bulletin/published.html",
        {
            "entries": selectors.public_versions(),
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "formats": list(FORMATS),
        },
    )


@login_not_required
@require_GET
def published_file(
    request: HttpRequest, period: str, number: int, lang: str, fmt: str
) -> HttpResponse:
    version = selectors.version_get(period=period, number=number)
    language = _language(lang)
    fmt = _format(fmt)
    if version.withdrawn:
        return render(request, "bulletin/withdrawn.html", {"version": version}, status=410)
    content = services.version_file(actor=None, version=version, language=language, fmt=fmt)
    document = services.version_document(version, language)
    return _file_response(document, fmt, content)
