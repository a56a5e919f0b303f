from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from nrm.core.audit import change_rows
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
def audit_changes(entry: Any) -> list[dict[str, str]]:
    return change_rows(entry)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


def _field_anchor(bound: Any) -> str:
    """The id an error summary links to: the input itself, or the first of a group's choices."""
    widget = bound.field.widget
    if getattr(widget, "allow_multiple_selected", False) and getattr(widget, "input_type", "") in (
        "checkbox",
    ):
        return f"{bound.auto_id}_0"
    if getattr(widget, "input_type", "") == "radio":
        return f"{bound.auto_id}_0"
    return str(bound.id_for_label or bound.auto_id or "")


def error_items(form: Any) -> list[dict[str, str]]:
    """Every error of a form or formset as {href, text}, fields in the form's order."""
    if form is None or form == "":
        return []
    if isinstance(form, list | tuple):  # several forms, or sections that hold one each
        return [item for member in form for item in error_items(getattr(member, "form", member))]
    items: list[dict[str, str]] = []
    if hasattr(form, "forms") and hasattr(form, "non_form_errors"):  # a formset
        items += [{"href": "", "text": str(e)} for e in form.non_form_errors()]
        for member in form.forms:
            items += error_items(member)
        return items
    if not getattr(form, "is_bound", False) or not form.errors:
        return items
    items += [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        bound = form[name]
        for error in form.errors[name]:
            items.append({"href": _field_anchor(bound), "text": f"{bound.label}: {error}"})
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms: Any, messages: Any = (), title: Any = "") -> dict[str, Any]:
    """`{% error_summary form formset messages=general_errors %}`: one summary for a page."""
    items = [{"href": "", "text": str(m)} for m in (messages or ())]
    for form in forms:
        items += error_items(form)
    return {"items": items, "title": title}


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
