from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.lifecycle.models import RequestKind
from nrm.lifecycle.schedule import Action

LANGUAGE_CHOICES = [
    ("bs", "Bosanski"),
    ("hr", "Hrvatski"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski"),
    ("en", "English"),
]


class RuleForm(forms.Form):
    months = forms.IntegerField(label=_("Retention period (months)"), min_value=1, max_value=600)
    action = forms.ChoiceField(label=_("At the end"), choices=Action.choices)
    legal_ground = forms.CharField(
        label=_("Legal ground"),
        required=False,
        max_length=500,
        help_text=_("Required when records are kept past their period."),
    )

    def __init__(self, *args: Any, actions: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actions:
            labels = dict(Action.choices)
            self.fields["action"].choices = [(a, labels[a]) for a in actions]  # type: ignore[attr-defined]


class HoldForm(forms.Form):
    case = forms.CharField(label=_("Case code"), max_length=32)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the criminal proceedings and their number."),
    )


class RequestForm(forms.Form):
    case = forms.CharField(
        label=_("Case code"),
        max_length=32,
        help_text=_("The code of a case of the person making the request."),
    )
    kind = forms.ChoiceField(label=_("The person asks for"), choices=RequestKind.choices)
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=_("The person's language"), choices=LANGUAGE_CHOICES, initial="bs"
    )
    details = forms.CharField(
        label=_("What the person asks"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done, or why not"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    refused = forms.BooleanField(label=_("The request is refused"), required=False)
