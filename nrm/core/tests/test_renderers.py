"""The form renderer writes <select> in Python: byte for byte what Django's templates write."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from nrm.core.renderers import FormRenderer

pytestmark = pytest.mark.one_database

CHOICES = [
    ("", "---"),
    ("BA", "Bosnia & Herzegovina"),
    ("x\"'<>", "<b>escaped</b>"),
    (mark_safe("s&amp;afe"), mark_safe("<i>kept</i>")),
    (3, 1234567),
    (decimal.Decimal("1.5"), decimal.Decimal("2.5")),
    ("date", datetime.date(2024, 12, 31)),
    ("lazy", gettext_lazy("Unknown")),
    ("Group", [("g1", "One"), ("g2", "Two & two")]),
]

VALUES = [None, "", "BA", "x\"'<>", 3, decimal.Decimal("1.5"), "g1", "unknown"]
WIDGETS = [
    (forms.Select(choices=CHOICES), VALUES),
    (
        forms.Select(choices=CHOICES, attrs={"class": "wide", "required": True, "disabled": False}),
        VALUES,
    ),
    (forms.SelectMultiple(choices=CHOICES, attrs={"data-x": 'a"b'}), [[], ["BA", "g2"], ["3"]]),
    (forms.NullBooleanSelect(), [None, True, False, "unknown"]),
    (forms.Select(choices=[]), [None, "BA"]),
]


@pytest.mark.parametrize("language", ["en", "bs"])
@pytest.mark.parametrize(("widget", "values"), WIDGETS, ids=lambda w: type(w).__name__)
def test_a_select_is_written_as_djangos_templates_write_it(
    widget: forms.Widget, values: list[object], language: str
) -> None:
    with translation.override(language):
        for value in values:
            ours = widget.render("country", value, {"id": "id_country"}, renderer=FormRenderer())
            django = widget.render(
                "country", value, {"id": "id_country"}, renderer=DjangoTemplates()
            )
            assert ours == django, value


class CustomOption(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def test_a_widget_with_its_own_option_template_is_rendered_by_the_templates() -> None:
    widget = CustomOption(choices=[("a", "A")])
    ours = widget.render("x", "a", renderer=FormRenderer())
    assert ours == widget.render("x", "a", renderer=DjangoTemplates())
    assert 'type="select"' in ours  # the input option template, not <option>


def test_forms_are_rendered_by_it() -> None:
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
