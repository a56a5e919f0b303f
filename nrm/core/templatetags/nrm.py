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


@register.simple_tag
def sort_header(listing: Any, key: str, label: Any) -> Any:
    """A column heading that sorts the list (nrm.core.lists), with its state for screen
    readers; plain text when there is no list or the column does not sort."""
    from django.utils.html import format_html

    column = listing.spec.column(key) if listing is not None else None
    if column is None or not column.sort:
        return format_html('<th scope="col">{}</th>', label)
    state = listing.sort_state(key)
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(state, "")
    aria = format_html(' aria-sort="{}"', state) if state else ""
    return format_html(
        '<th scope="col"{}><a class="sort" href="{}">{}<span aria-hidden="true">{}</span></a></th>',
        aria,
        listing.sort_url(key),
        label,
        arrow,
    )
