from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from nrm.core.roles import roles_of

API_PREFIX = "/api/"


class AccessMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user with at least one role, unless marked otherwise.

    Public pages use Django's @login_not_required. The API authenticates by itself (tokens) and
    answers with its own JSON errors, so it is left to django-ninja. Finer checks (which role,
    which organisation) happen in each app's selectors and services.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path_info.startswith((API_PREFIX, settings.STATIC_URL)):
            return None
        response = super().process_view(request, view_func, view_args, view_kwargs)
        if response is not None or not getattr(view_func, "login_required", True):
            return response
        if getattr(view_func, "role_required", True) and not roles_of(request.user):
            raise PermissionDenied("no role")
        return None


class UserLanguageMiddleware:
    """Use the signed-in user's preferred language unless this session chose another."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        preferred = getattr(user, "language", "") if user and user.is_authenticated else ""
        if preferred and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
