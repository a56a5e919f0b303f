from __future__ import annotations

from typing import Any

from django import template

from nrm.screening.engine import grade_label
from nrm.screening.models import Outcome

register = template.Library()


@register.filter
def outcome_label(code: Any) -> str:
    """The translated name of a verdict or first-line outcome."""
    try:
        return str(Outcome(code).label)
    except ValueError:
        return str(code or "")


@register.filter
def grade_name(grade: Any) -> str:
    return grade_label(grade) if grade in ("S", "M", "W") else ""


@register.filter
def phone_href(number: Any) -> str:
    return "tel:" + "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")
