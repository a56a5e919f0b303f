"""Model fields whose values are stored encrypted (see nrm.core.crypto).

The database only ever holds Fernet tokens. Encrypted columns cannot be searched or sorted;
equality look-ups go through a separate blind-index column instead.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.exceptions import FieldError
from django.db import models

from nrm.core.crypto import decrypt, encrypt


class EncryptedMixin:
    """Serialise to text, encrypt on the way in, decrypt on the way out."""

    encrypted = True

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.empty_value()
        return self.from_text(decrypt(value))

    def get_prep_value(self, value: Any) -> Any:
        if hasattr(value, "resolve_expression"):
            return value  # e.g. bulk_update's CASE expression; its values are prepared one by one
        if value is None:
            return None
        if value == "" or value == []:
            return ""
        return encrypt(self.to_text(value))

    def empty_value(self) -> Any:
        return None

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"{lookup_name!r} look-ups are impossible on an encrypted field; "
                "use its blind index instead"
            )
        return super().get_lookup(lookup_name)  # type: ignore[misc]


class EncryptedTextField(EncryptedMixin, models.TextField):
    def empty_value(self) -> Any:
        return "" if not self.null else None

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedDateField(EncryptedMixin, models.DateField):
    def to_text(self, value: Any) -> str:
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        return value.isoformat()

    def from_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return value if prepared else self.get_prep_value(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        return getattr(model_instance, self.attname)


class EncryptedJSONField(EncryptedMixin, models.JSONField):
    """A JSON document (e.g. a list of languages) encrypted as a whole."""

    def to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return [] if not self.null else None
        return self.from_text(decrypt(value))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return value if prepared else self.get_prep_value(value)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_prep_value(value)

    def get_internal_type(self) -> str:
        return "TextField"


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
