"""Forms of the cases app: they parse and label input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import Organisation, User
from nrm.cases.models import (
    TRANSITIONS,
    CaseStatus,
    ClosureReason,
    ConsentGiver,
    ConsentKind,
    Referral,
    ReferralStatus,
    ServiceType,
    TraffickingScope,
    VictimCase,
)
from nrm.core.errors import ApplicationError
from nrm.core.forms import MunicipalityChoiceField, VersionedForm, country_choices
from nrm.core.vocabularies import (
    NOT_RECORDED,
    AgeGroup,
    ExploitationForm,
    MeansOfControl,
    RecruitmentMethod,
    Sex,
)

ANY = [("", _("any"))]
YES_NO_UNKNOWN = [("", _("not asked yet")), ("yes", _("yes")), ("no", _("no"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def form_error_text(form: forms.Form) -> str:
    """A form's errors as one sentence naming each field (for a message above the page)."""
    return " ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {error}".lstrip(": ")
        for name, errors in form.errors.items()
        for error in errors
    )


def error_text(error: ApplicationError) -> str:
    """One sentence for a message box: the field messages, or the general message."""
    details = [message for messages in error.fields.values() for message in messages]
    return " ".join(details) or error.message


class GroupedForm(forms.Form):
    """A long form shown as fieldsets: `groups` lists (legend, field names)."""

    groups: list[tuple[Any, list[str]]] = []

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
            if any(name in self.fields for name in names)
        ]


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Case code"),
        required=False,
        max_length=32,
        help_text=_(
            "A code (V-2024-0042), a year and the start of a number (2024-00), or a number (0042)."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ANY + CaseStatus.choices, required=False)
    date_from = date_field(_("Identified from"), required=False)
    date_to = date_field(_("Identified to"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Identifying organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("any"),
    )
    exploitation = forms.ChoiceField(
        label=_("Form of exploitation"),
        choices=[*ANY, *ExploitationForm.choices, (NOT_RECORDED, _("not recorded"))],
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=ANY + AgeGroup.choices, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=ANY + Sex.choices, required=False)
    assigned = forms.ChoiceField(
        label=_("Responsible worker"),
        choices=[*ANY, ("me", _("me"))],
        required=False,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": "V-2024-0001"})

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class CaseForm(VersionedForm, GroupedForm):
    """Recording or editing a case. Identifying fields are removed for readers who may not
    see them; the status and organisation only appear when a case is created."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s, CaseStatus(s).label) for s in ("reported", "potential", "identified")],
        initial=CaseStatus.POTENTIAL,
        widget=forms.RadioSelect,
    )
    identified_on = date_field(
        _("Date of identification"),
        required=False,
        help_text=_("Leave empty for a report not yet assessed."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Identifying organisation"), queryset=Organisation.objects.none()
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    birth_date = date_field(_("Birth date"), required=False)
    age = forms.IntegerField(
        label=_("Age at identification"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("When the birth date is not known: whole years, stated or estimated."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN, widget=forms.RadioSelect
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=(), required=False)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("Separate several with commas."),
    )
    contact = forms.CharField(
        label=_("Contact details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        required=False,
        help_text=_("Where the person was identified."),
    )
    exploitation = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that apply; none ticked means not recorded."),
    )
    trafficking_scope = forms.ChoiceField(
        label=_("Internal or transnational"),
        choices=TraffickingScope.choices,
        initial=TraffickingScope.UNKNOWN,
        widget=forms.RadioSelect,
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Means of control"),
        choices=MeansOfControl.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recruitment = forms.MultipleChoiceField(
        label=_("Recruitment"),
        choices=RecruitmentMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_data_processing = forms.ChoiceField(
        label=_("Consent to the processing of personal data"),
        choices=YES_NO_UNKNOWN,
        required=False,
    )
    consent_referral = forms.ChoiceField(
        label=_("Consent to referral to services"), choices=YES_NO_UNKNOWN, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked: record this person anyway"), required=False
    )

    groups = [
        (_("Identification"), ["status", "identified_on", "organisation"]),
        (
            _("The person"),
            [
                "first_name",
                "last_name",
                "birth_date",
                "age",
                "sex",
                "citizenship",
                "languages",
                "contact",
            ],
        ),
        (_("Exploitation"), ["exploitation", "trafficking_scope", "municipality"]),
        (_("How the person was recruited and controlled"), ["means_of_control", "recruitment"]),
        (_("Consent"), ["consent_data_processing", "consent_referral"]),
        (_("Other"), ["notes", "confirm_duplicate"]),
    ]
    IDENTITY_FIELDS = ("first_name", "last_name", "birth_date", "languages", "contact")

    def __init__(
        self,
        *args: Any,
        creating: bool,
        identity: bool,
        organisations: QuerySet[Organisation] | None = None,
        ask_duplicate: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        if creating:
            del self.fields["version"]
            if organisations is None:
                del self.fields["organisation"]
            else:
                self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        else:
            for name in ("status", "organisation", "consent_data_processing", "consent_referral"):
                del self.fields[name]
        if not identity:
            for name in self.IDENTITY_FIELDS:
                del self.fields[name]
        if not ask_duplicate:
            del self.fields["confirm_duplicate"]

    def clean(self) -> dict[str, Any]:
        """The checks that relate fields, all at once, so that every error shows together."""
        data = super().clean() or {}
        now = timezone.localdate()
        for name in ("identified_on", "birth_date"):
            day = data.get(name)
            if day is not None and day > now:
                self.add_error(name, _("This date is in the future."))
        status = data.get("status")
        identified_on = data.get("identified_on")
        missing = status and status != CaseStatus.REPORTED and identified_on is None
        if missing and "identified_on" not in self.errors:
            self.add_error("identified_on", _("Give the date of identification."))
        birth_date = data.get("birth_date")
        after = birth_date and identified_on and birth_date > identified_on
        if after and "birth_date" not in self.errors:
            self.add_error("birth_date", _("The birth date is after the date of identification."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("confirm_duplicate", None)
        data.pop("version", None)
        if "languages" in data:
            data["languages"] = [p.strip() for p in data["languages"].split(",") if p.strip()]
        for name in ("consent_data_processing", "consent_referral"):
            if name in data:
                data[name] = {"yes": True, "no": False}.get(data[name])
        if "status" in data and data["status"] == CaseStatus.REPORTED:
            data["identified_on"] = data.get("identified_on") or None
        return data


class DecisionForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect, choices=())
    decided_on = date_field(_("Date of the decision"))
    authority = forms.ModelChoiceField(
        label=_("Deciding authority"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the decision was taken: the indicators, the assessment, the source."),
    )

    def __init__(
        self, *args: Any, case: VictimCase, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[case.status]
        if case.status == CaseStatus.CLOSED and case.confirmed_on is not None:
            allowed = (CaseStatus.IDENTIFIED,)
        # Closing names a reason: it has its own page ("Close the case").
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            (s, CaseStatus(s).label) for s in allowed if s != CaseStatus.CLOSED
        ]
        self.fields["authority"].queryset = organisations  # type: ignore[attr-defined]


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations grouped by type, those that provide services to victims first; when a
    service is chosen, those that provide it come first, in a group of their own."""

    FIRST = ("safe_house", "legal_aid_provider", "centre_for_social_work", "ngo")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("choose an organisation"))
        super().__init__(*args, **kwargs)

    def grouped_choices(self, service: str = "") -> list[Any]:
        providers: list[tuple[Any, str]] = []
        groups: dict[str, list[tuple[Any, str]]] = {}
        labels: dict[str, str] = {}
        for organisation in self.queryset:  # type: ignore[union-attr]
            choice = (organisation.pk, str(organisation.name))
            if service and service in (organisation.services or []):
                providers.append(choice)
                continue
            groups.setdefault(organisation.type, []).append(choice)
            labels[organisation.type] = str(organisation.get_type_display()).capitalize()
        order = sorted(
            groups,
            key=lambda t: (
                t not in self.FIRST,
                self.FIRST.index(t) if t in self.FIRST else 0,
                labels[t],
            ),
        )
        choices: list[Any] = [("", self.empty_label)]
        if service:
            label = _("They provide: %(service)s") % {"service": ServiceType(service).label}
            choices.append((label, providers or [("", str(_("none recorded")))]))
        return [*choices, *((labels[t], groups[t]) for t in order)]


class ReferralForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service needed"), choices=ServiceType.choices)
    to_organisation = OrganisationChoiceField(
        label=_("Refer to"),
        queryset=Organisation.objects.none(),
        help_text=_("Those that provide the service needed are listed first."),
    )
    urgent = forms.BooleanField(
        label=_("Urgent: the person needs an answer within hours"),
        required=False,
        help_text=_("For example accommodation tonight. The organisation is told at once."),
    )
    referred_on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note to the receiving organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What they need to decide: the need, how soon, whom to call."),
    )
    override_reason = forms.CharField(
        label=_("Reason for referring without consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the person's consent to referral is not in force."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        allow_override: bool,
        service: str = "",
        organisations_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        if service not in ServiceType.values:
            service = ""
        field.widget.choices = field.grouped_choices(service)  # type: ignore[attr-defined]
        if organisations_url:
            # Choosing the service lists its providers first (the form works without it).
            self.fields["service_type"].widget.attrs.update(
                {
                    "hx-get": organisations_url,
                    "hx-target": "#id_to_organisation",
                    "hx-swap": "outerHTML",
                    "hx-include": "#id_to_organisation",
                }
            )
        if not allow_override:
            del self.fields["override_reason"]


class ReferralAnswerForm(VersionedForm):
    """Accept (with an optional note), decline (with a reason), complete or withdraw."""

    ACTIONS = ("accept", "decline", "complete", "withdraw")
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = date_field(_("Date"), required=False, initial=timezone.localdate)


class ServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    delivered_on = date_field(_("Date"), initial=timezone.localdate)
    count = forms.IntegerField(
        label=_("Number of services"), min_value=1, max_value=1000, initial=1
    )
    referral = forms.ModelChoiceField(
        label=_("Referral"),
        queryset=Referral.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, referrals: QuerySet[Referral], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referral"]
        field.queryset = referrals  # type: ignore[attr-defined]
        field.label_from_instance = referral_label  # type: ignore[attr-defined]
        self.fields["count"].widget.attrs["inputmode"] = "numeric"


class StayForm(forms.Form):
    start = date_field(_("From"), initial=timezone.localdate)
    end = date_field(_("To"), required=False, help_text=_("Leave empty while the stay lasts."))
    referral = forms.ModelChoiceField(
        label=_("Referral"),
        queryset=Referral.objects.none(),
        required=False,
        empty_label=_("none"),
    )

    def __init__(self, *args: Any, referrals: QuerySet[Referral], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referral"]
        field.queryset = referrals  # type: ignore[attr-defined]
        field.label_from_instance = referral_label  # type: ignore[attr-defined]


class StayEndForm(forms.Form):
    end = date_field(_("Left on"), initial=timezone.localdate)


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consent to"), choices=ConsentKind.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("consent given")), ("no", _("refused or withdrawn"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    given_by = forms.ChoiceField(
        label=_("Given by"), choices=ConsentGiver.choices, initial=ConsentGiver.PERSON
    )
    recorded_on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GuardianForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relationship = forms.CharField(
        label=_("Relationship"),
        required=False,
        max_length=100,
        help_text=_("For example: appointed by the centre for social work, parent, relative."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Appointing organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    contact = forms.CharField(
        label=_("Contact details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    appointed_on = date_field(_("Appointed on"), initial=timezone.localdate)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class GrantRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the identifying data?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GrantDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("grant")), ("no", _("refuse"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(label=_("For how many days"), min_value=1, max_value=90, initial=14)


def referral_label(referral: Referral) -> str:
    return f"{referral.get_service_type_display()} · {referral.referred_on:%Y-%m-%d}"


def referral_status_choices() -> list[tuple[str, Any]]:
    return ANY + ReferralStatus.choices


# Daily casework -----------------------------------------------------------------------------


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(
        label=_("Responsible worker"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        field.queryset = User.objects.filter(pk__in=[w.pk for w in workers])  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    agreed_with_person = forms.BooleanField(label=_("Agreed with the person"), required=False)
    agreed_on = date_field(_("Agreed on"), required=False)
    review_on = date_field(
        _("Review on"),
        required=False,
        help_text=_("A task to review the plan with the person is added for this date."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=500)


class PlannedServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    target_on = date_field(_("Target date"))
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("not decided yet"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = organisations  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    closure_reason = forms.ChoiceField(
        label=_("Why is the case closed?"), choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    closed_on = date_field(_("Closed on"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def cleaned_data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class ReopenForm(forms.Form):
    reopened_on = date_field(_("Reopened on"))
    reason = forms.CharField(
        label=_("Why is the case reopened?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    written_on = date_field(_("Date"))
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
