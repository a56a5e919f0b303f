"""The REST API under /api/v1: token or session authentication, one error body shape.

Every error is `{"error": {"code": str, "message": str, "fields": {field: [message, ...]}}}`.
Each app contributes a router (nrm/<app>/api.py); endpoints are thin and call selectors and
services, which do the permission checks.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from nrm.accounts.selectors import user_for_token
from nrm.core.errors import (
    ApplicationError,
    AuthenticationRequired,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from nrm.core.roles import roles_of

logger = logging.getLogger(__name__)

ROUTERS = [
    "nrm.cases.api.router",
    "nrm.screening.api.router",
    "nrm.justice.api.router",
    "nrm.activities.api.router",
    "nrm.statistics.api.router",
    "nrm.bulletin.api.router",
    "nrm.exchange.api.router",
    "nrm.tasks.api.router",
    "nrm.inbox.api.router",
    "nrm.plans.api.router",
]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer nrm_...`: a personal token made with `nrm token create`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session (for HTMX and the API docs), with Django's CSRF check."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorBody(Schema):
    error: ErrorDetail


class NrmAPI(NinjaAPI):
    """The API, whose schema documents the one error body on every operation (4XX, 5XX).

    The schema is built once per path and language (0.35-0.5 s: every operation's models are
    turned into JSON Schema) and each caller gets its own copy (30 ms)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._schemas: dict[tuple[str, str | None], Any] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, translation.get_language())
        if key not in self._schemas:
            self._schemas[key] = self._schema(path_prefix)
        return copy.deepcopy(self._schemas[key])

    def _schema(self, path_prefix: str) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix)
        definitions = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(definitions.pop("$defs", {}))
        components["ErrorBody"] = definitions
        error = {
            "description": "The request was refused (or failed): the error body names the fields",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault("4XX", error)
                operation["responses"].setdefault("5XX", error)
        return schema


api = NrmAPI(
    title="NRM API",
    version="1",
    description="National Referral Mechanism: cases, referrals, screening, trial monitoring, "
    "activities, statistics and the bulletin.",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
)


def error_response(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    return api.create_response(request, error.as_body(), status=error.status)


def _field_name(loc: list[Any]) -> str:
    """('body', 'payload', 'answers', 'x') -> 'answers.x'; ('query', 'page') -> 'page'."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "form", "header", "cookie"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return error_response(request, exc)


@api.exception_handler(NinjaValidationError)
def schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(list(error.get("loc", []))), []).append(error["msg"])
    return error_response(request, ValidationError(fields=fields))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, AuthenticationRequired())


@api.exception_handler(DjangoPermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, PermissionDenied())


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, NotFound())


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    error = ApplicationError(str(exc), code="throttled" if exc.status_code == 429 else "error")
    error.status = exc.status_code
    return error_response(request, error)


@api.exception_handler(MultiPartParserError)
def malformed_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body that does not match its Content-Type (e.g. multipart without a boundary)."""
    error = ApplicationError(_("The request body does not match its Content-Type."))
    return error_response(request, error)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    error = ApplicationError(_("Something went wrong on the server."), code="server_error")
    error.status = 500
    return error_response(request, error)


class Me(Schema):
    username: str
    organisation: str | None
    roles: list[str]
    language: str


@api.get("/me", response=Me, tags=["accounts"], summary="The authenticated user")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    return {
        "username": user.username,
        "organisation": str(user.organisation) if user.organisation else None,
        "roles": sorted(roles_of(user)),
        "language": user.language,
    }


for _path in ROUTERS:
    api.add_router("", import_string(_path))
