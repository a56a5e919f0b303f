"""The form renderer: Django's, with `<select>` written in Python.

Django renders a select through the template engine with one include per option (and one more
for the option's attributes). A list of countries is 250 options, and a form with a few of
them (the activity form's places and sessions: 2,400 options) took half a second to render.
Written here, the same select costs a few milliseconds; the HTML is byte for byte Django's
(nrm/core/tests/test_renderers.py compares them), so a project template that overrides
Django's select or option template is used as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT and widget is not None and self._builtin(widget):
            return select_html(widget)
        return str(super().render(template_name, context, request))

    def _builtin(self, widget: Mapping[str, Any]) -> bool:
        """Django's own templates are the ones found (no project or app overrides them), and
        every option uses the built-in option template."""
        return self._finds_django_templates and all(
            option.get("template_name") == OPTION
            for _group, options, _index in widget["optgroups"]
            for option in options
        )

    @cached_property
    def _finds_django_templates(self) -> bool:
        found = [self.get_template(name).origin.name for name in (SELECT, OPTION)]
        return all("/django/forms/templates/" in str(path) for path in found)


def select_html(widget: Mapping[str, Any]) -> str:
    """What django/forms/widgets/select.html renders for `widget` (a widget's context)."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            value = _formatted(option["value"])
            label = _text(option["label"])
            # The option template ends with a line break, and the loop adds one before each.
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(_attr(name, value) for name, value in attrs.items())


def _attr(name: Any, value: Any) -> str:
    if value is False:
        return ""
    if value is True:
        return f" {_text(name)}"
    return f' {_text(name)}="{_formatted(value)}"'


def _text(value: Any) -> str:
    """{{ value }}: localised (a number, a date) and escaped unless marked safe."""
    value = localize(template_localtime(value))
    return str(conditional_escape(value if isinstance(value, str) else str(value)))


def _formatted(value: Any) -> str:
    """{{ value|stringformat:'s' }}: the filter keeps a safe value safe and gives a plain
    string otherwise, which is escaped."""
    text = "%s" % (value,)  # noqa: UP031 (what the filter does)
    return text if isinstance(value, SafeData) else str(conditional_escape(text))
