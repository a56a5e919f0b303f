"""The application's error hierarchy: one shape for every error, in the web UI, API and CLI.

Services and selectors raise these; the API turns them into one JSON body
(`{"error": {"code", "message", "fields"}}`), the web UI into form errors or the 403/404 pages,
the CLI into a message and exit status 2.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    code = "error"
    status = 400
    default_message: Any = _("The request could not be processed.")

    def __init__(
        self,
        message: Any = None,
        *,
        fields: Mapping[str, Sequence[Any]] | None = None,
        code: str | None = None,
    ) -> None:
        self.message = str(message if message is not None else self.default_message)
        self.fields = {name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()}
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def as_body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}

    def __str__(self) -> str:
        if not self.fields:
            return self.message
        details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in self.fields.items())
        return f"{self.message} ({details})"


class ValidationError(ApplicationError):
    code = "invalid"
    status = 422
    default_message = _("Some values are not valid.")

    @classmethod
    def from_django(cls, exc: Any) -> ValidationError:
        """Wrap Django's ValidationError (from full_clean) keeping the field names."""
        if hasattr(exc, "message_dict"):
            return cls(fields=exc.message_dict)
        return cls(" ".join(str(m) for m in exc.messages))


class AuthenticationRequired(ApplicationError):
    code = "unauthenticated"
    status = 401
    default_message = _("Sign in or send a valid API token.")


class PermissionDenied(ApplicationError, DjangoPermissionDenied):
    code = "forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(ApplicationError, Http404):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class Conflict(ApplicationError):
    code = "conflict"
    status = 409
    default_message = _(
        "Someone else changed this record after you opened it. Reload it and apply your "
        "changes again."
    )


class ErrorCollector:
    """Runs several checks and raises one ValidationError with every field's errors, so that a
    form shows all its problems at once instead of one per attempt.

        errors = ErrorCollector()
        with errors.check():
            _not_in_future(identified_on, "identified_on")
        with errors.check():
            _not_in_future(birth_date, "birth_date")
        errors.raise_if_any()
    """

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.messages: list[str] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as error:
            if not error.fields:
                self.messages.append(error.message)
            for name, messages in error.fields.items():
                self.fields.setdefault(name, []).extend(messages)

    def raise_if_any(self) -> None:
        if self.fields or self.messages:
            raise ValidationError(" ".join(self.messages) or None, fields=self.fields)


class PreconditionRequired(ApplicationError):
    """A change to a versioned record without the version it is based on (HTTP 428)."""

    code = "version_required"
    status = 428
    default_message = _(
        "Say which version of the record you are changing (the version you read), so that "
        "no one else's change is overwritten."
    )
