from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from nrm.core.transliterate import name_to_cyrillic

register = template.Library()


def in_reader_script(text: str) -> str:
    """Names stored in Latin script, shown in Cyrillic to Serbian (Cyrillic) readers."""
    return name_to_cyrillic(text) if get_language() == "sr" else text


@register.filter
def script(value: Any) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "display_name"):
        return str(value)  # an organisation names itself in the reader's language
    return in_reader_script(str(value))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
