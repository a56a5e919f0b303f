"""Filters of the statistics pages: a period (named or from-to), jurisdiction, organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import Organisation
from nrm.core.errors import ValidationError as NrmValidationError
from nrm.core.periods import Period
from nrm.core.vocabularies import Jurisdiction
from nrm.statistics import labels
from nrm.statistics.selectors import StatisticsQuery, public_period

PERIOD_HINT = _("2024 for the year, 2024-H1 for January to June, 2024-H2 for July to December.")


def _period_field(required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Period"),
        required=required,
        max_length=7,
        help_text=PERIOD_HINT,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class PeriodForm(forms.Form):
    """A named period (YYYY, YYYY-H1, YYYY-H2): the data-quality review, the public page."""

    period = _period_field()

    def __init__(self, *args: Any, default: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default
        self.fields["period"].widget.attrs["placeholder"] = default.name

    def clean_period(self) -> Period:
        value = (self.cleaned_data.get("period") or "").strip()
        if not value:
            return self.default
        try:
            return Period.parse(value)
        except NrmValidationError as error:
            raise forms.ValidationError(error.message) from None

    def chosen(self) -> Period:
        if self.is_bound and self.is_valid():
            period: Period = self.cleaned_data["period"]
            return period
        return self.default


class PublicPeriodForm(forms.Form):
    """The public page's period: one of the public periods (those of published bulletins)."""

    period = forms.CharField(
        label=_("Period"),
        required=False,
        help_text=_("The periods of the published bulletins."),
        widget=forms.Select,
    )

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = periods
        widget = self.fields["period"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [(p.name, labels.period_label(p)) for p in periods]
        if periods:
            self.fields["period"].initial = periods[0].name

    def clean_period(self) -> Period:
        value = (self.cleaned_data.get("period") or "").strip()
        try:
            return public_period(Period.parse(value) if value else None)
        except NrmValidationError as error:
            raise forms.ValidationError(error.message) from None

    def chosen(self) -> Period | None:
        """The period to show: None when the one asked for is not public."""
        if not self.is_bound:
            return self.periods[0] if self.periods else None
        if self.is_valid():
            period: Period = self.cleaned_data["period"]
            return period
        return None


class StatisticsFilterForm(forms.Form):
    period = _period_field()
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        required=False,
        choices=[("", _("all")), *Jurisdiction.choices],
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("all"),
    )
    family = forms.ChoiceField(label=_("Statistics"), required=False)

    def __init__(
        self,
        *args: Any,
        default: Period,
        organisations: QuerySet[Organisation],
        families: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.default = default
        self.fields["period"].widget.attrs["placeholder"] = default.name or ""
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["family"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((key, labels.family_label(key)) for key in families),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = (data.get("period") or "").strip()
        start, end = data.get("date_from"), data.get("date_to")
        try:
            if named:
                data["resolved"] = Period.parse(named)
            elif start or end:
                if not (start and end):
                    missing = "date_to" if start else "date_from"
                    self.add_error(missing, _("Give both dates, or a named period."))
                    return data
                data["resolved"] = Period(start, end)
            else:
                data["resolved"] = self.default
        except NrmValidationError as error:
            field = "period" if named else "date_to"
            self.add_error(field, error.message)
        return data

    def query(self) -> StatisticsQuery | None:
        """What to show; None when the input is not valid (the errors say why: no figures of
        another period are shown in its place)."""
        if not self.is_bound:
            return StatisticsQuery(period=self.default)
        if not self.is_valid():
            return None
        data = self.cleaned_data
        organisation = data.get("organisation")
        return StatisticsQuery(
            period=data["resolved"],
            families=(data["family"],) if data.get("family") else (),
            jurisdiction=data.get("jurisdiction") or "",
            organisation=organisation.pk if organisation else None,
        )
