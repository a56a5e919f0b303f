"""The bell's pages: the list, opening one notification, marking read, preferences."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import ApplicationError
from nrm.core.forms import apply_errors
from nrm.inbox import forms, selectors, services

PAGE_SIZE = 30


@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    unread = request.GET.get("show") == "unread"
    notifications = selectors.notifications_of(actor=request.user, unread=unread)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [(n, selectors.text_of(n)) for n in page]
    return render(
        request,
        "inbox/list.html",
        {
            "page": page,
            "items": items,
            "unread_only": unread,
            "query": "show=unread" if unread else "",
        },
    )


@require_GET
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Follow a notification (from the list or an e-mail): it is read from now on."""
    notification = selectors.notification_get(actor=request.user, pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("inbox:list")
    return redirect(notification.url)


def _back(request: AuthenticatedRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("inbox:list")


@require_POST
def read_one(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get(actor=request.user, pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    return _back(request)


@require_POST
def read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return _back(request)


@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    current = selectors.preferences_of(actor=request.user)
    data = request.POST if request.method == "POST" else None
    form = forms.PreferencesForm(data, preferences=current)
    if data is not None and form.is_valid():
        try:
            services.preferences_set(actor=request.user, choices=form.choices())
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("inbox:preferences")
    return render(
        request,
        "inbox/preferences.html",
        {"form": form, "email": request.user.email},
    )
