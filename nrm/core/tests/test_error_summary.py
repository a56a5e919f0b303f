"""Forms show every error at once in a GOV.UK-style summary, each linked to its field."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.utils import timezone

from nrm.core.errors import ErrorCollector, ValidationError
from nrm.core.templatetags.nrm import error_items

pytestmark = pytest.mark.django_db


def summary_of(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def test_a_case_form_lists_every_error_with_a_link_to_its_field(client_for, personas):
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    page = client_for(personas.field_identifier).post(
        "/cases/new/",
        {"status": "potential", "identified_on": "", "birth_date": future, "sex": "female"},
    )
    html = page.content.decode()
    summary = summary_of(html)
    assert "There is a problem" in summary
    # Both problems at once: the missing identification date and the future birth date.
    assert 'href="#id_identified_on"' in summary and "Give the date of identification." in summary
    assert 'href="#id_birth_date"' in summary and "This date is in the future." in summary
    assert 'id="id_birth_date"' in html and 'id="id_identified_on"' in html
    assert "Some values are not valid: see the marked fields." not in html


def test_a_choice_errors_link_to_the_first_choice():
    class Form(forms.Form):
        colour = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
        name = forms.CharField(label="Name")

    form = Form(data={})
    items = error_items(form)
    assert [i["href"] for i in items] == ["id_colour_0", "id_name"]
    assert items[1]["text"] == "Name: This field is required."


def test_required_fields_are_marked(client_for, personas):
    html = client_for(personas.trial_monitor).get("/justice/new/").content.decode()
    court = html.split('for="id_court"')[1].split("</label>")[0]
    assert 'class="required"' in court


def test_the_collector_raises_every_field_error_together():
    errors = ErrorCollector()
    with errors.check():
        raise ValidationError(fields={"a": ["first"]})
    with errors.check():
        raise ValidationError(fields={"b": ["second"], "a": ["third"]})
    with errors.check():
        pass
    with pytest.raises(ValidationError) as raised:
        errors.raise_if_any()
    assert raised.value.fields == {"a": ["first", "third"], "b": ["second"]}


def test_a_service_reports_every_invalid_value_at_once(personas):
    from nrm.cases.services import case_create

    future = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as raised:
        case_create(
            actor=personas.field_identifier,
            identified_on=future,
            birth_date=future,
            sex="nonsense",
            citizenship="XX",
        )
    assert set(raised.value.fields) >= {"identified_on", "birth_date", "sex", "citizenship"}
