"""Web forms for activities. They only parse input into ActivityData; the services validate
and write, and their errors are put back on the fields they name."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Case, Value, When
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import Organisation
from nrm.activities.data import ActivityData, PlaceData, SessionData
from nrm.activities.models import (
    TEXT_LANGUAGES,
    Activity,
    ActivityStatus,
    ActivityType,
    DatePrecision,
    FigureQualifier,
    FundingProgramme,
    TargetGroup,
)
from nrm.core.errors import ValidationError
from nrm.core.forms import MunicipalityChoiceField, VersionedForm, country_choices
from nrm.core.models import Municipality
from nrm.core.periods import Period

LANGUAGE_NAMES = {
    "en": _("English"),
    "bs": _("Bosnian"),
    "hr": _("Croatian"),
    "sr": _("Serbian (Cyrillic)"),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _count(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
        **kwargs,
    )


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # The reference programmes' names are translated (their msgids are in the bulletin's
        # catalogue); a name someone typed is shown as written.
        return gettext(obj.name)


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # In the reader's language, as the directory names it.
        name, short = obj.display_name(), obj.display_name(short=True)
        return f"{name} ({short})" if short and short != name else name


class ActivityForm(VersionedForm):
    reporter = forms.ModelChoiceField(
        label=_("Reported by"),
        queryset=Organisation.objects.filter(is_active=True),
        help_text=_(
            "The organisation that reported the activity; yours unless you enter it on "
            "behalf of a partner."
        ),
    )
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *ActivityType.choices])
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_bs = forms.CharField(label=_("Title in Bosnian"), max_length=300, required=False)
    title_hr = forms.CharField(label=_("Title in Croatian"), max_length=300, required=False)
    title_sr = forms.CharField(
        label=_("Title in Serbian (Cyrillic)"), max_length=300, required=False
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), widget=forms.Textarea, required=False
    )
    summary_bs = forms.CharField(
        label=_("Summary in Bosnian"), widget=forms.Textarea, required=False
    )
    summary_hr = forms.CharField(
        label=_("Summary in Croatian"), widget=forms.Textarea, required=False
    )
    summary_sr = forms.CharField(
        label=_("Summary in Serbian (Cyrillic)"), widget=forms.Textarea, required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(
        label=_("End date"), widget=DATE, required=False, help_text=_("Empty for one day.")
    )
    date_precision = forms.ChoiceField(
        label=_("Dates known to"),
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        help_text=_(
            "When only the month is known (“in July 2024”), enter its first and "
            "last day and choose “month only”."
        ),
    )
    organisers = OrganisationChoiceField(
        label=_("Organisers"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_organisers = forms.CharField(
        label=_("Other organisers"),
        max_length=500,
        required=False,
        help_text=_("Organisations not in the directory, separated by semicolons."),
    )
    partners = OrganisationChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_partners = forms.CharField(
        label=_("Other partners"),
        max_length=500,
        required=False,
        help_text=_("Organisations not in the directory, separated by semicolons."),
    )
    funding_programme = ProgrammeChoiceField(
        label=_("Funding programme"),
        queryset=FundingProgramme.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
    )
    project = forms.CharField(label=_("Project"), max_length=300, required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_total = _count(_("Participants"))
    participants_qualifier = forms.ChoiceField(
        label=_("The number of participants is"),
        choices=FigureQualifier.choices,
        initial=FigureQualifier.EXACT,
    )
    participants_women = _count(_("Women"))
    participants_men = _count(_("Men"))
    participants_from_bih = _count(_("Participants from BiH"))
    completions = _count(_("Completed the course"))
    certificates = _count(_("Certificates awarded"))
    reach_people = _count(_("People reached"))
    reach_women = _count(_("Women reached"))
    reach_men = _count(_("Men reached"))
    reach_views = _count(_("Views"))
    reach_clicks = _count(_("Clicks"))
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One web address per line (recordings, publications, news)."),
    )
    note = forms.CharField(
        label=_("Note for the coordinator"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For example where a figure comes from, or why it looks unusual."),
    )
    confirm_figures = forms.BooleanField(
        label=_("These figures are correct as reported"), required=False
    )

    TITLE_FIELDS = tuple(f"title_{lang}" for lang in TEXT_LANGUAGES)
    SUMMARY_FIELDS = tuple(f"summary_{lang}" for lang in TEXT_LANGUAGES)
    PARTICIPANT_FIELDS = (
        "participants_total",
        "participants_qualifier",
        "participants_women",
        "participants_men",
        "participants_from_bih",
        "completions",
        "certificates",
    )
    REACH_FIELDS = ("reach_people", "reach_women", "reach_men", "reach_views", "reach_clicks")

    def __init__(self, *args: Any, choose_reporter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not choose_reporter:
            del self.fields["reporter"]
        for lang in TEXT_LANGUAGES:
            self.fields[f"title_{lang}"].widget.attrs["lang"] = lang
            self.fields[f"summary_{lang}"].widget.attrs["lang"] = lang
        for name in ("organisers", "partners"):
            self._chosen_first(name)

    def _chosen_first(self, name: str) -> None:
        """List the organisations already chosen at the top of the long list."""
        if self.is_bound:
            raw = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            chosen = [v for v in raw if str(v).isdigit()]
        else:
            chosen = [getattr(o, "pk", o) for o in self.initial.get(name, [])]
        field = self.fields[name]
        field.queryset = field.queryset.annotate(  # type: ignore[attr-defined]
            not_chosen=Case(When(pk__in=chosen, then=Value(0)), default=Value(1))
        ).order_by("not_chosen", "name")

    def group(self, *names: str) -> list[Any]:
        return [self[name] for name in names if name in self.fields]

    def titles(self) -> list[Any]:
        return self.group(*self.TITLE_FIELDS)

    def summaries(self) -> list[Any]:
        return self.group(*self.SUMMARY_FIELDS)

    def participants(self) -> list[Any]:
        return self.group(*self.PARTICIPANT_FIELDS)

    def reach(self) -> list[Any]:
        return self.group(*self.REACH_FIELDS)

    def to_data(self, places: list[PlaceData], sessions: list[SessionData]) -> ActivityData:
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "type",
                "start_date",
                "end_date",
                "date_precision",
                "other_organisers",
                "other_partners",
                "project",
                "note",
                "participants_qualifier",
                *self.PARTICIPANT_FIELDS,
                *self.REACH_FIELDS,
            )
        }
        return ActivityData(
            **values,
            titles={lang: data[f"title_{lang}"] for lang in TEXT_LANGUAGES},
            summaries={lang: data[f"summary_{lang}"] for lang in TEXT_LANGUAGES},
            organisers=[o.pk for o in data["organisers"]],
            partners=[o.pk for o in data["partners"]],
            funding_programme=data["funding_programme"].code if data["funding_programme"] else "",
            target_groups=list(data["target_groups"]),
            links=[line for line in data["links"].splitlines() if line.strip()],
            places=places,
            sessions=sessions,
        )

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(activity, name)
            for name in (
                "type",
                "start_date",
                "end_date",
                "date_precision",
                "other_organisers",
                "other_partners",
                "project",
                "note",
                *ActivityForm.TITLE_FIELDS,
                *ActivityForm.SUMMARY_FIELDS,
                *ActivityForm.PARTICIPANT_FIELDS,
                *ActivityForm.REACH_FIELDS,
            )
        }
        initial["organisers"] = list(activity.organisers.all())
        initial["partners"] = list(activity.partners.all())
        initial["funding_programme"] = (
            activity.funding_programme.code if activity.funding_programme else None
        )
        initial["target_groups"] = [a.target_group for a in activity.audiences.all()]
        initial["links"] = "\n".join(activity.links)
        initial["version"] = activity.version
        return initial


class PlaceForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=_("Municipality in BiH"),
        queryset=Municipality.objects.all(),
        to_field_name="code",
        required=False,
    )
    locality = forms.CharField(
        label=_("Place or venue"),
        max_length=120,
        required=False,
        help_text=_("For example Jahorina, or the name of the venue."),
    )
    city = forms.CharField(label=_("City abroad"), max_length=120, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)

    PLACE_FIELDS = ("municipality", "locality", "city", "country", "online")

    def place_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "municipality": data["municipality"].code if data.get("municipality") else "",
            "locality": data.get("locality", ""),
            "city": data.get("city", ""),
            "country": data.get("country", ""),
            "online": bool(data.get("online")),
        }

    def to_place(self) -> PlaceData:
        return PlaceData(**self.place_values())

    @staticmethod
    def initial_for(place: Any) -> dict[str, Any]:
        return {
            "municipality": place.municipality_id,
            "locality": place.locality,
            "city": place.city,
            "country": str(place.country) if place.country else "",
            "online": place.online,
        }


class SessionForm(PlaceForm):
    label = forms.CharField(label=_("Session"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(
        label=_("End date"), widget=DATE, required=False, help_text=_("Empty for one day.")
    )
    participants = _count(_("Participants"))

    field_order = ["label", "start_date", "end_date", "participants", *PlaceForm.PLACE_FIELDS]

    def to_session(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            label=data.get("label", ""),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            participants=data.get("participants"),
            **self.place_values(),
        )

    @staticmethod
    def initial_for(session: Any) -> dict[str, Any]:
        return {
            **PlaceForm.initial_for(session),
            "label": session.label,
            "start_date": session.start_date,
            "end_date": session.end_date,
            "participants": session.participants,
        }


PlaceFormSet = formset_factory(PlaceForm, extra=1, can_delete=True, max_num=50)
SessionFormSet = formset_factory(SessionForm, extra=1, can_delete=True, max_num=100)


def filled_forms(formset: BaseFormSet) -> list[tuple[int, Any]]:
    """(index, form) of the rows the user filled in and did not delete."""
    stored = formset.initial_form_count()
    return [
        (index, form)
        for index, form in enumerate(formset.forms)
        if (index < stored or form.has_changed()) and not form.cleaned_data.get("DELETE")
    ]


def apply_service_errors(
    error: ValidationError,
    form: forms.Form,
    formsets: dict[str, tuple[BaseFormSet, list[int]]],
) -> list[str]:
    """Put a service's field errors on the form fields and formset rows they name; return the
    ones that belong to no field. `formsets` maps "places" to (formset, index of the form of
    each entered row)."""
    general: list[str] = []
    for name, messages in error.fields.items():
        parts = name.split(".")
        if parts[0] in formsets:
            formset, rows = formsets[parts[0]]
            if len(parts) == 3 and int(parts[1]) < len(rows):
                row_form = formset.forms[rows[int(parts[1])]]
                if parts[2] in row_form.fields:
                    for message in messages:
                        row_form.add_error(parts[2], message)
                    continue
            general.extend(messages)
        elif name == "titles" and "title_en" in form.fields:
            general.extend(messages)
        elif name in form.fields:
            for message in messages:
                form.add_error(name, message)
        else:
            general.extend(messages)
    if not error.fields:
        general.append(error.message)
    return general


# Filters and review ---------------------------------------------------------------------------


def period_choices(today: datetime.date | None = None, first_year: int = 2020) -> list[Any]:
    return [("", _("any")), *half_years(today, first_year)]


def half_years(today: datetime.date | None = None, first_year: int = 2020) -> list[Any]:
    """The half-years and years from this one back to `first_year`, newest first."""
    year = (today or timezone.localdate()).year
    choices: list[Any] = []
    for y in range(year, first_year - 1, -1):
        choices += [(f"{y}-H2", f"{y}-H2"), (f"{y}-H1", f"{y}-H1"), (str(y), str(y))]
    return choices


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)
    period = forms.ChoiceField(label=_("Period"), required=False, choices=period_choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("any")), *ActivityStatus.choices], required=False
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("any")), *ActivityType.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "period": Period.parse(data["period"]) if data["period"] else None,
            "status": data["status"],
            "type": data["type"],
            "organisation": data["organisation"].pk if data["organisation"] else None,
        }


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False, choices=period_choices)

    def chosen(self) -> Period | None:
        if self.is_valid() and self.cleaned_data["period"]:
            return Period.parse(self.cleaned_data["period"])
        return None


class SubmitPeriodForm(PeriodForm):
    period = forms.ChoiceField(label=_("Period"), choices=half_years)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the reporter correct or complete?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class FundingProgrammeForm(forms.ModelForm):
    class Meta:
        model = FundingProgramme
        fields = ["code", "name", "funder", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
