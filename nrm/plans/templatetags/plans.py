from __future__ import annotations

from typing import Any

from django import template

from nrm.plans import selectors

register = template.Library()


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def state(code: str) -> str:
    return selectors.state_label(code) if code else ""


@register.filter
def percent(share: selectors.Share, code: str) -> int:
    return share.percent(code)
