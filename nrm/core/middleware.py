from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from nrm.core.errors import ValidationError

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
API_PREFIX = "/api/"


class PermissionsPolicyMiddleware:
    """Deny browser features the application never uses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    """No browser or proxy keeps a copy of what a signed-in user or the API was answered.

    Pages of signed-in users and API answers may carry personal data; a shared computer's
    browser cache or a proxy must not keep them. Placed after the authentication middleware,
    so that every response of the inner layers (errors and redirects too) passes through it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Signed in before (sign-out answers) or after (sign-in answers) the view ran.
        signed_in = _signed_in(request)
        response = self.get_response(request)
        if signed_in or _signed_in(request) or request.path_info.startswith(API_PREFIX):
            patch_cache_control(response, no_store=True, private=True)
        return response


NUL = "\x00"
NUL_MESSAGE = _("must not contain the NUL character")


def _nul_fields(value: Any, path: str = "") -> list[str]:
    """The dotted names of the strings (and keys) in parsed JSON that contain NUL."""
    if isinstance(value, str):
        return [path or "body"] if NUL in value else []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            found += [name] if NUL in str(key) else _nul_fields(item, name)
        return found
    if isinstance(value, list):
        return [name for i, item in enumerate(value) for name in _nul_fields(item, f"{path}.{i}")]
    return []


class NulCharacterMiddleware:
    """Refuse the NUL character in a path, a query or a JSON body, for every URL at once.

    No text the application keeps may contain it, and PostgreSQL refuses it with a server
    error; forms already refuse it field by field (Django's ProhibitNullCharactersValidator).
    The API answers its error body naming the fields; web pages answer 400.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = self._offending_fields(request)
        if fields is None:
            return self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            raise BadRequest("NUL character in the request")
        error = ValidationError(fields={name: [NUL_MESSAGE] for name in fields})
        return JsonResponse(error.as_body(), status=error.status)

    @staticmethod
    def _offending_fields(request: HttpRequest) -> list[str] | None:
        if NUL in request.path:
            return ["path"]
        fields = [key for key, values in request.GET.lists() if NUL in key + "".join(values)]
        if fields:
            return fields
        if request.content_type == "application/json" and b"\\u0000" in request.body:
            try:
                fields = _nul_fields(json.loads(request.body))
            except ValueError:
                return None  # not JSON: the API answers that itself
            return fields or None
        return None
