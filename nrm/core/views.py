from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_POST

from nrm.core import help
from nrm.core.errors import PermissionDenied
from nrm.core.forms import AuditFilterForm
from nrm.core.http import allow_without_role
from nrm.core.models import AccessEntry
from nrm.core.navigation import navigation_for
from nrm.core.queues import work_queues_for
from nrm.core.roles import Role, roles_of
from nrm.core.search import MIN_QUERY, can_search, search_for
from nrm.core.selectors import access_entries, audit_entries

PAGE_SIZE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The work queues of every app for this user: what waits, how long, what to do."""
    items = [item for item in navigation_for(request.user) if item.url_name != "core:home"]
    roles = [Role(code).label for code in sorted(roles_of(request.user))]
    queues = work_queues_for(request.user)
    return render(
        request,
        "core/home.html",
        {
            "shortcuts": items,
            "roles": roles,
            "queues": [q for q in queues if q.items],
            "empty_queues": [q for q in queues if not q.items],
            "now": timezone.now(),
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One box for case codes, report references, court case numbers and activity titles;
    each app finds what the reader may see (and logs a search by name and birth date)."""
    if not can_search(request.user):
        raise PermissionDenied()
    query = " ".join(request.GET.get("q", "").split())[:100]
    results = search_for(request.user, query)
    groups: dict[str, list[object]] = {}
    for result in results:
        groups.setdefault(str(result.kind), []).append(result)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "search_query": query,
            "groups": groups,
            "count": len(results),
            "too_short": 0 < len(query) < MIN_QUERY,
        },
    )


@require_GET
def audit(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    view = request.GET.get("view", "changes")
    entries = (
        access_entries(actor=request.user, filters=filters)
        if view == "access"
        else audit_entries(actor=request.user, filters=filters)
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    if view != "access":
        names = _organisation_names([entry.changes_dict for entry in page])
        for entry in page:
            entry.access_changes = access_changes(entry.changes_dict, names)
        _name_for_reader(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit.html",
        {"form": form, "page": page, "view": view, "query": query.urlencode()},
    )


# Changes whose values the auditor sees, before and after: who may do what. Other values stay
# out of the page (they may be personal data; the trail masks encrypted ones anyway).
ACCESS_FIELDS = ("roles", "organisation", "is_active", "is_staff", "is_superuser")


def access_changes(
    changes: dict[str, Any], organisations: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(field, before, after) of the changes that decide who may do what."""
    shown = []
    for field in ACCESS_FIELDS:
        values = changes.get(field)
        if isinstance(values, list) and len(values) == 2:
            before, after = (_shown_value(field, v, organisations or {}) for v in values)
            shown.append((field, before, after))
    return shown


def _shown_value(field: str, value: Any, organisations: dict[str, str]) -> str:
    text = "" if value is None or str(value) == "None" else str(value)
    if field == "roles":
        text = _role_labels(text)
    elif field == "organisation":
        text = organisations.get(text, text)  # the trail keeps a foreign key as its id
    return text or "—"


def _organisation_names(changes: list[dict[str, Any]]) -> dict[str, str]:
    """Names of the organisations the page's changes name by id (one query)."""
    ids = {
        str(v)
        for change in changes
        if isinstance(change.get("organisation"), list)
        for v in change["organisation"]
        if str(v).isdigit()
    }
    if not ids:
        return {}
    organisation_model = get_user_model()._meta.get_field("organisation").related_model
    rows = organisation_model._default_manager.filter(pk__in=ids)
    return {str(row.pk): str(row) for row in rows}


def _role_labels(codes: Any) -> str:
    labels = [str(Role(c).label) if c in Role.values else c for c in str(codes).split(", ") if c]
    return ", ".join(labels)


def _name_for_reader(entries: Any) -> None:
    """Each entry's organisation and record as they are named today, in the reader's language
    (an entry stores names in the language of the moment it was written)."""
    model: Any = AccessEntry._meta.get_field("organisation").related_model
    ids = {(e.additional_data or {}).get("organisation_id") for e in entries} - {None}
    names = {o.pk: str(o) for o in model._default_manager.filter(pk__in=ids)}
    wanted: dict[Any, set[Any]] = {}
    for entry in entries:
        wanted.setdefault(entry.content_type, set()).add(entry.object_pk)
    records: dict[tuple[int, str], str] = {}
    for content_type, pks in wanted.items():
        record_model = content_type.model_class()
        if record_model is None:
            continue
        for obj in record_model._default_manager.filter(pk__in=pks):
            records[(content_type.pk, str(obj.pk))] = str(obj)
    for entry in entries:
        data = entry.additional_data or {}
        entry.organisation_label = names.get(data.get("organisation_id")) or data.get(
            "organisation"
        )
        entry.record_label = records.get((entry.content_type_id, str(entry.object_pk)))
        entry.record_label = entry.record_label or entry.object_repr


@login_not_required
@allow_without_role
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch this session's language (the per-user default is set on the profile page)."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES) or not check_for_language(language):
        return HttpResponseBadRequest("unknown language")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponse(status=303, headers={"Location": next_url})
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    return response


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@allow_without_role
@require_GET
def help_index(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help_index.html", {"pages": help.PAGES})


@login_not_required
@allow_without_role
@require_GET
def help_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = help.BY_SLUG.get(slug)
    if page is None:
        raise Http404
    body, translated = help.render(page)
    return render(
        request,
        "core/help_page.html",
        {"page": page, "body": body, "translated": translated, "pages": help.PAGES},
    )
