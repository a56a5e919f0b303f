"""Forms of trial monitoring: they parse and label input; services validate and write."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nrm.core.errors import ApplicationError
from nrm.core.forms import VersionedForm, apply_errors
from nrm.core.forms import country_choices as core_country_choices
from nrm.core.periods import Period
from nrm.core.vocabularies import AgeGroup, ExploitationForm, Jurisdiction, Sex
from nrm.justice.models import (
    KEY_DATES,
    Article,
    ClaimOutcome,
    Court,
    CourtCase,
    Defendant,
    HearingKind,
    HearingOutcome,
    Instance,
    Outcome,
    Qualification,
    Stage,
)

ANY = [("", _("any"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def country_choices() -> list[tuple[str, Any]]:
    return list(core_country_choices())  # the same wording ("unknown") as every form


def court_choices(courts: Iterable[Court]) -> list[tuple[Any, Any]]:
    """Courts grouped by jurisdiction, each named in the reader's language."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for court in courts:
        groups.setdefault(court.jurisdiction, []).append((court.key, court.name_in()))
    labels = dict(Jurisdiction.choices)
    return [("", "—"), *((labels[j], choices) for j, choices in groups.items())]


def article_choices(articles: Iterable[Article]) -> list[tuple[Any, Any]]:
    """Articles grouped by criminal code: 'Art. 210a – Trafficking in human beings'."""
    groups: dict[str, list[tuple[str, str]]] = {}
    names: dict[str, str] = {}
    for article in articles:
        names[article.code_id] = article.code.short_name_in()
        label = _("Art. %(number)s – %(title)s") % {
            "number": article.number,
            "title": article.title_in(),
        }
        groups.setdefault(article.code_id, []).append((article.key, str(label)))
    return [("", "—"), *((names[code], choices) for code, choices in groups.items())]


# Court cases ---------------------------------------------------------------------------------


STATUS_CHOICES = [
    ("", _("any")),
    ("ongoing", _("ongoing")),
    ("finalized", _("finalized")),
]


class CourtCaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Case number"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=ANY + Stage.choices, required=False)
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"), choices=ANY + Jurisdiction.choices, required=False
    )
    article = forms.ChoiceField(label=_("Charged under"), required=False)
    monitored_from = date_field(_("Monitored from"))
    monitored_to = date_field(_("Monitored to"))

    def __init__(self, *args: Any, articles: Iterable[Article] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = article_choices(articles)
        self.fields["article"].choices = [("", _("any")), *choices[1:]]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class CourtCaseForm(VersionedForm):
    court = forms.ChoiceField(label=_("Court"))
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("As on the court's documents, e.g. S1 2 K 046712 24 K."),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    monitoring_started_on = date_field(_("Monitoring started on"), required=True)
    monitoring_ended_on = date_field(
        _("Monitoring ended on"),
        help_text=_("Only if monitoring stopped before the final decision."),
    )
    indictment_filed_on = date_field(_("Indictment filed on"))
    indictment_confirmed_on = date_field(_("Indictment confirmed on"))
    trial_started_on = date_field(_("Trial started on"))
    first_instance_verdict_on = date_field(_("First-instance verdict on"))
    appeal_decided_on = date_field(_("Appeal decided on"))
    final_decision_on = date_field(
        _("Final decision on"),
        help_text=_("The date the decision became final: the case counts as finalized then."),
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Stored encrypted. Do not write names of defendants, victims or witnesses."),
    )

    def __init__(self, *args: Any, courts: Iterable[Court] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = court_choices(courts)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, court_case: CourtCase) -> dict[str, Any]:
        initial = {name: getattr(court_case, name) for name in SERVICE_CASE_FIELDS}
        initial["court"] = court_case.court_id
        initial["version"] = court_case.version
        return initial

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SERVICE_CASE_FIELDS}


SERVICE_CASE_FIELDS = (
    "court",
    "case_number",
    "stage",
    "monitoring_started_on",
    "monitoring_ended_on",
    *KEY_DATES,
    "exploitation_forms",
    "notes",
)


# Defendants, charges, verdicts -----------------------------------------------------------------


class DefendantForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        required=False,
        help_text=_(
            "A pseudonymous code such as D1, never a name or initials. Leave empty for "
            "the next free code."
        ),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    age = forms.IntegerField(
        label=_("Age"),
        required=False,
        min_value=0,
        help_text=_("In years, when the indictment was filed (or when monitoring started)."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted. Do not write names."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = country_choices()  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(defendant: Defendant) -> dict[str, Any]:
        return {
            "code": defendant.code,
            "sex": defendant.sex,
            "citizenship": str(defendant.citizenship or ""),
            "age": defendant.age,
            "notes": defendant.notes,
        }


class ChargeForm(forms.Form):
    article = forms.ChoiceField(label=_("Article"))
    qualification = forms.ChoiceField(
        label=_("Legal qualification"),
        choices=Qualification.choices,
        initial=Qualification.INITIAL,
        widget=forms.RadioSelect,
    )
    confirmed = forms.BooleanField(
        label=_("Record it although it is unusual for this court"),
        required=False,
        help_text=_("Only when asked: e.g. an article of the CC BiH in an entity court."),
    )

    def __init__(self, *args: Any, articles: Iterable[Article] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = article_choices(articles)  # type: ignore[attr-defined]


class VerdictForm(forms.Form):
    instance = forms.TypedChoiceField(
        label=_("Instance"), choices=Instance.choices, coerce=int, initial=Instance.FIRST
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    pronounced_on = date_field(_("Date of the verdict"), required=True)


class SentenceForm(forms.Form):
    """The sentence of a conviction or plea agreement (leave empty otherwise)."""

    imprisonment_months = forms.IntegerField(
        label=_("Imprisonment (months)"),
        required=False,
        min_value=1,
        help_text=_("For a suspended sentence: the term that is suspended."),
    )
    suspended = forms.BooleanField(label=_("Suspended sentence"), required=False)
    probation_months = forms.IntegerField(
        label=_("Probation (months)"), required=False, help_text=_("From 12 to 60 months.")
    )
    fine_bam = forms.DecimalField(
        label=_("Fine (BAM)"), required=False, min_value=0, decimal_places=2, max_digits=14
    )
    confiscated_bam = forms.DecimalField(
        label=_("Confiscated assets (BAM)"),
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=14,
    )

    def service_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


# Hearings, injured parties, compensation ------------------------------------------------------


class HearingForm(forms.Form):
    held_on = date_field(_("Date"), required=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=HearingKind.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HearingOutcome.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Stored encrypted. Do not write names of defendants, victims or witnesses."),
    )


class InjuredPartyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        required=False,
        help_text=_(
            "A pseudonymous code such as O1, never a name or initials. Leave empty for "
            "the next free code."
        ),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=AgeGroup.choices, initial=AgeGroup.UNKNOWN
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    victim_case_code = forms.CharField(
        label=_("Victim case code"),
        required=False,
        max_length=32,
        help_text=_(
            "If the injured party is a registered victim, e.g. V-2024-0007. Only the code "
            "is shown here."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted. Do not write names."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = country_choices()  # type: ignore[attr-defined]


class ClaimForm(forms.Form):
    defendant = forms.TypedChoiceField(
        label=_("Against defendant"), required=False, coerce=int, empty_value=None
    )
    claimed_bam = forms.DecimalField(
        label=_("Claimed (BAM)"), min_value=0, decimal_places=2, max_digits=14
    )
    outcome = forms.ChoiceField(label=_("Decision"), choices=ClaimOutcome.choices)
    awarded_bam = forms.DecimalField(
        label=_("Awarded (BAM)"), required=False, min_value=0, decimal_places=2, max_digits=14
    )
    paid_bam = forms.DecimalField(
        label=_("Paid (BAM)"), required=False, min_value=0, decimal_places=2, max_digits=14
    )
    decided_on = date_field(_("Decided on"))

    def __init__(
        self, *args: Any, defendants: QuerySet[Defendant] | Iterable[Defendant] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["defendant"].choices = [  # type: ignore[attr-defined]
            ("", _("not recorded")),
            *((d.pk, d.code) for d in defendants),
        ]


# Statistics --------------------------------------------------------------------------------------


class PeriodForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=7,
        help_text=_("YYYY, YYYY-H1 or YYYY-H2; or give the first and last day below."),
    )
    date_from = date_field(_("From"))
    date_to = date_field(_("To"))

    def period_or_default(self, today: datetime.date) -> Period:
        """The period asked for, or the current year when none (or an invalid one) is given."""
        default = Period.parse(str(today.year))
        if not self.is_valid():
            return default
        data = self.cleaned_data
        try:
            if data["period"]:
                return Period.parse(data["period"])
            if data["date_from"] and data["date_to"]:
                return Period(data["date_from"], data["date_to"])
        except ApplicationError as error:
            apply_errors(self, error)
        return default
