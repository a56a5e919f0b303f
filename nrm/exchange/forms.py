"""Forms of the exchange page: an HTCDS file to import, and the period of each export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import Organisation
from nrm.core.errors import ValidationError as NrmValidationError
from nrm.core.periods import Period
from nrm.exchange.anonymised import DEFAULT_K
from nrm.statistics.selectors import public_period

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PERIOD_HINT = _("2024 for the year, 2024-H1 for January to June, 2024-H2 for July to December.")


class HtcdsImportForm(forms.Form):
    file = forms.FileField(
        label=_("HTCDS file (.xlsx)"),
        help_text=_("The HTCDS 2.0 Excel template, filled: one case per row from row 3."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Identifying organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("none: every row names it"),
        help_text=_("For rows that do not name it (nrm_IdentifyingOrganisation)."),
    )
    identified_on = forms.DateField(
        label=_("Date of identification"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "For rows without one; otherwise their incoming referral date, else the day of "
            "the import."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, import nothing"), required=False, initial=True
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


def _period(value: str) -> Period:
    try:
        return Period.parse(value)
    except NrmValidationError as error:
        raise forms.ValidationError(error.message) from None


class HtcdsExportForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    identifying = forms.BooleanField(
        label=_("Include names, birth dates and contact details"),
        required=False,
        help_text=_("Only of the cases whose identifying data you may see; every one is logged."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to"):
            try:
                data["period"] = Period(data["date_from"], data["date_to"])
            except NrmValidationError as error:
                raise forms.ValidationError(error.message) from None
        return data


class AnonymisedForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7, help_text=PERIOD_HINT)
    k = forms.IntegerField(
        label=_("Smallest group (k)"),
        initial=DEFAULT_K,
        min_value=2,
        max_value=1000,
        help_text=_("CTDC releases use 11."),
    )

    def clean_period(self) -> Period:
        return _period(self.cleaned_data["period"])


class OpenDataForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A period of a published bulletin: the open data are the public statistics."),
    )

    def clean_period(self) -> Period:
        try:
            return public_period(_period(self.cleaned_data["period"]))
        except NrmValidationError as error:
            raise forms.ValidationError(error.message) from None
