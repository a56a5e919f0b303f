from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

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
