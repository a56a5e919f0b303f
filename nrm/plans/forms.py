from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.activities.models import Activity
from nrm.bulletin.language import WRITTEN_LANGUAGES
from nrm.plans.models import Indicator, MeasureStatus


class RoundForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput({"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput({"type": "date"}))
    deadline = forms.DateField(label=_("Reports due on"), widget=forms.DateInput({"type": "date"}))


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("State of the measure"), choices=MeasureStatus.choices)
    narrative = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea({"rows": 5})
    )
    delay_reason = forms.CharField(
        label=_("Reason for delay"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Required when the measure is late or abandoned."),
    )
    spending = forms.DecimalField(label=_("Spent (BAM)"), required=False, min_value=0)
    evidence_links = forms.CharField(
        label=_("Links to documents"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("One web address per line."),
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities of the register"),
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, indicators: list[Indicator], activities: Any, **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ModelMultipleChoiceField, self.fields["activities"]).queryset = activities
        self.indicator_names: list[str] = []
        for indicator in indicators:
            name = f"indicator_{indicator.pk}"
            self.fields[name] = forms.DecimalField(
                label=indicator.name,
                required=False,
                min_value=0,
                help_text=_("Target: %(target)s %(unit)s")
                % {
                    "target": indicator.target if indicator.target is not None else "–",
                    "unit": indicator.unit,
                },
            )
            self.indicator_names.append(name)

    def values(self) -> dict[int, Any]:
        return {int(n.split("_")[1]): self.cleaned_data.get(n) for n in self.indicator_names}

    def links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["evidence_links"].splitlines()]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What is to be corrected"), widget=forms.Textarea({"rows": 3})
    )


class ConclusionsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[(code, code) for code in WRITTEN_LANGUAGES]
    )
    text = forms.CharField(
        label=_("Conclusions and recommendations"), widget=forms.Textarea({"rows": 6})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Plan workbook (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Only check it"), required=False)
