from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import User
from nrm.core.forms import MunicipalityChoiceField, country_choices
from nrm.core.vocabularies import ExploitationForm, Sex
from nrm.screening import codes
from nrm.screening.definitions import Dimension, Indicator, Instrument, localise
from nrm.screening.engine import UNKNOWN
from nrm.screening.models import (
    Context,
    ReportContext,
    ReporterRole,
    ReportStatus,
    ScreeningAgeGroup,
    Verdict,
    YesNoUnknown,
)
from nrm.screening.modules import Module

ANSWER_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Don't know"))]
PUBLIC_ANSWER_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not sure"))]
FIELD_PREFIX = "q_"
ELEMENT_PREFIX = "el_"
MODULE_PREFIX = "m_"
TRIAGE_PREFIX = "t_"
EVIDENCE_PREFIX = "ev_"


def municipality_field(label: Any) -> forms.ModelChoiceField:
    return MunicipalityChoiceField(label=label, required=False, to_field_name="code")


AGE_UNCERTAIN = "uncertain"


class ContextForm(forms.Form):
    context = forms.ChoiceField(
        label=_("What situation are you screening?"),
        choices=Context.choices,
        widget=forms.RadioSelect,
    )
    age_group = forms.ChoiceField(
        label=_("Is the person an adult or a child?"),
        choices=[*ScreeningAgeGroup.choices, (AGE_UNCERTAIN, _("not sure: counts as a child"))],
        widget=forms.RadioSelect,
        help_text=_(
            "If you are not sure, choose child: a person whose age is uncertain is presumed to "
            "be a child until it is established (Council of Europe Convention, art. 10)."
        ),
    )


@dataclass(frozen=True)
class Question:
    field: forms.BoundField
    indicator: Indicator
    grade: str | None
    # The question in the interviewee's language (interview view); "" when not translated.
    interviewee: str = ""


@dataclass(frozen=True)
class QuestionGroup:
    dimension: Dimension
    label: str
    hint: str
    questions: list[Question]


class AnswersMixin:
    """Questions built from an instrument's set: one yes / no / don't know choice each."""

    fields: dict[str, forms.Field]
    instrument: Instrument
    set_id: str
    public: bool = False

    def add_questions(
        self, instrument: Instrument, set_id: str, language: str, also: tuple[str, ...] = ()
    ) -> None:
        self.instrument = instrument
        self.set_id = set_id
        choices = PUBLIC_ANSWER_CHOICES if self.public else ANSWER_CHOICES
        wanted = {i.id for s in (set_id, *also) for i in instrument.indicators_in(s)}
        for indicator in instrument.indicators.values():
            if indicator.id not in wanted:
                continue
            text = indicator.public_question if self.public else indicator.question
            self.fields[FIELD_PREFIX + indicator.id] = forms.ChoiceField(
                label=localise(text or indicator.question, language),
                choices=choices,
                initial=UNKNOWN,
                required=False,
                widget=forms.RadioSelect,
            )

    def question_groups(
        self, language: str, interviewee: dict[str, str] | None = None
    ) -> list[QuestionGroup]:
        groups = []
        for dimension in self.instrument.dimensions:
            questions = [
                Question(
                    self[FIELD_PREFIX + indicator_id],  # type: ignore[index]
                    self.instrument.indicators[indicator_id],
                    self.instrument.indicators[indicator_id].grades.get(self.set_id),
                    (interviewee or {}).get(indicator_id, ""),
                )
                for indicator_id in dimension.indicators
                if FIELD_PREFIX + indicator_id in self.fields
            ]
            if questions:
                groups.append(
                    QuestionGroup(
                        dimension,
                        localise(dimension.label, language),
                        localise(dimension.hint, language),
                        questions,
                    )
                )
        return groups

    def answers(self) -> dict[str, str]:
        """Every question with its answer; a question left blank is unknown."""
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {
            name.removeprefix(FIELD_PREFIX): data.get(name) or UNKNOWN
            for name in self.fields
            if name.startswith(FIELD_PREFIX)
        }


class QuestionnaireForm(AnswersMixin, forms.Form):
    screened_on = forms.DateField(
        label=_("Date of the screening"), widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = municipality_field(_("Municipality where the screening took place"))
    case = forms.CharField(
        label=_("Case code (optional)"),
        required=False,
        max_length=32,
        help_text=_("To link the screening to a case already recorded, e.g. V-2024-0042."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted. Do not write names here: record the person in a case."),
    )
    triage = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_no_answers = forms.BooleanField(
        label=_("Store it although no question is answered"),
        required=False,
        help_text=_("Only when asked: a screening without answers says nothing."),
    )

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        set_id: str,
        language: str,
        also_sets: tuple[str, ...] = (),
        elements: tuple[Dimension, ...] = (),
        modules: tuple[Module, ...] = (),
        **kwargs: Any,
    ):
        kwargs.setdefault("initial", {"screened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.elements = elements
        self.modules = modules
        for module in modules:
            for question in module.questions:
                self.fields[MODULE_PREFIX + question.id] = forms.ChoiceField(
                    label=localise(question.question, language),
                    choices=ANSWER_CHOICES,
                    initial=UNKNOWN,
                    required=False,
                    widget=forms.RadioSelect,
                )
        for dimension in elements:
            self.fields[ELEMENT_PREFIX + dimension.id] = forms.ChoiceField(
                label=localise(dimension.label, language),
                choices=[
                    ("yes", _("Evidence of it")),
                    ("no", _("No")),
                    ("unknown", _("Don't know")),
                ],
                initial=UNKNOWN,
                required=False,
                widget=forms.RadioSelect,
                help_text=localise(dimension.hint, language),
            )
            self.fields[EVIDENCE_PREFIX + dimension.id] = forms.CharField(
                label=_("Evidence (what was seen, said or shown)"),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.add_questions(instrument, set_id, language, also_sets)

    def module_groups(self, language: str) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (localise(m.title, language), [self[MODULE_PREFIX + q.id] for q in m.questions])
            for m in self.modules
        ]

    def module_answers(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            m.key: {q.id: data.get(MODULE_PREFIX + q.id) or UNKNOWN for q in m.questions}
            for m in self.modules
        }

    def element_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[ELEMENT_PREFIX + d.id], self[EVIDENCE_PREFIX + d.id]) for d in self.elements]

    def element_checklist(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            d.id: {
                "answer": data.get(ELEMENT_PREFIX + d.id) or UNKNOWN,
                "evidence": data.get(EVIDENCE_PREFIX + d.id, ""),
            }
            for d in self.elements
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for dimension in self.elements:
            yes = data.get(ELEMENT_PREFIX + dimension.id) == "yes"
            if yes and not (data.get(EVIDENCE_PREFIX + dimension.id) or "").strip():
                self.add_error(
                    EVIDENCE_PREFIX + dimension.id,
                    _("Record the evidence for an element you mark present."),
                )
        return data

    def clean_screened_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["screened_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value


class ScreeningFilterForm(forms.Form):
    context = forms.ChoiceField(
        label=_("Situation"), choices=[("", _("any")), *Context.choices], required=False
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[("", _("any")), *Verdict.choices, ("none", _("no verdict (checklist)"))],
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", _("any")), *ScreeningAgeGroup.choices], required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=_("Reference or case code"), required=False, max_length=32)


OPTIONAL_CONSENT = [("", _("not asked yet")), ("yes", _("given")), ("no", _("refused"))]


class CaseFromScreeningForm(forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    age = forms.IntegerField(
        label=_("Age (if known or estimated)"), required=False, min_value=0, max_value=120
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    exploitation = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_data_processing = forms.ChoiceField(
        label=_("Consent to the processing of personal data"),
        choices=OPTIONAL_CONSENT,
        required=False,
    )
    consent_referral = forms.ChoiceField(
        label=_("Consent to referral to services"), choices=OPTIONAL_CONSENT, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = country_choices()  # type: ignore[attr-defined]

    @staticmethod
    def consent(value: str) -> bool | None:
        return {"yes": True, "no": False}.get(value)


class LinkCaseForm(forms.Form):
    case = forms.CharField(label=_("Case code"), max_length=32)


# Triage of public reports --------------------------------------------------------------------


class ReportFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("any")), *ReportStatus.choices], required=False
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    awaiting_reply = forms.BooleanField(label=_("Awaiting a reply"), required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = assignees  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: (  # type: ignore[attr-defined]
            f"{user.get_full_name() or user.username} ({user.organisation})"
        )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    internal = forms.BooleanField(
        label=_("Internal note (the reporter does not see it)"), required=False
    )


# Public pages ------------------------------------------------------------------------------


class SelfCheckForm(AnswersMixin, forms.Form):
    public = True

    def __init__(
        self, *args: Any, instrument: Instrument, set_id: str, language: str, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.add_questions(instrument, set_id, language)


FORM_SALT = "nrm.screening.report-form"


def form_started_token() -> str:
    """A signed moment at which the form was shown (no identifying data)."""
    return signing.TimestampSigner(salt=FORM_SALT).sign("report")


class ReportForm(forms.Form):
    context = forms.ChoiceField(
        label=_("What is it about?"),
        choices=ReportContext.choices,
        initial=ReportContext.UNKNOWN,
        widget=forms.RadioSelect,
    )
    reporter_role = forms.ChoiceField(
        label=_("Who is it about?"),
        choices=ReporterRole.choices,
        initial=ReporterRole.UNKNOWN,
        widget=forms.RadioSelect,
    )
    child_involved = forms.ChoiceField(
        label=_("Is a child (under 18) involved?"),
        choices=YesNoUnknown.choices,
        initial=YesNoUnknown.UNKNOWN,
        widget=forms.RadioSelect,
    )
    municipality = municipality_field(_("Municipality (optional)"))
    place = forms.CharField(
        label=_("Place (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example a street, a business or a website."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe what you saw or experienced. You do not have to give your name or any "
            "way to contact you."
        ),
    )
    # Robots fill every field; people never see this one (hidden by the stylesheet).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, min_seconds: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("started", form_started_token())
        super().__init__(*args, **kwargs)
        self.min_seconds = min_seconds

    def looks_automated(self) -> bool:
        """The hidden field was filled, or the form came back faster than anyone can type."""
        if self.data.get("website"):
            return True
        if not self.min_seconds:
            return False
        try:
            signing.TimestampSigner(salt=FORM_SALT).unsign(
                self.data.get("started", ""), max_age=self.min_seconds
            )
        except signing.SignatureExpired:
            return False  # older than the minimum: a person took their time
        except signing.BadSignature:
            return True
        return True  # still "fresh": sent back too fast


class FollowUpForm(forms.Form):
    code = forms.CharField(
        label=_("Your follow-up code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The code you were given when you sent the report, e.g. K7QF-3M9X-PL2D-8WTR."),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if not codes.is_well_formed(code):
            raise forms.ValidationError(
                _("A follow-up code has 16 letters and digits, e.g. K7QF-3M9X-PL2D-8WTR.")
            )
        return code


class AddInformationForm(FollowUpForm):
    text = forms.CharField(
        label=_("What would you like to add?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TriageForm(forms.Form):
    """The short first step: the situation, the age group and a few plain-language questions."""

    context = ContextForm.base_fields["context"]
    age_group = ContextForm.base_fields["age_group"]

    def __init__(self, *args: Any, module: Module, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.module = module
        for question in module.questions:
            self.fields[TRIAGE_PREFIX + question.id] = forms.ChoiceField(
                label=localise(question.question, language),
                choices=ANSWER_CHOICES,
                initial=UNKNOWN,
                required=False,
                widget=forms.RadioSelect,
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[TRIAGE_PREFIX + q.id] for q in self.module.questions]

    def triage_answers(self) -> dict[str, str]:
        data = self.cleaned_data
        return {q.id: data.get(TRIAGE_PREFIX + q.id) or UNKNOWN for q in self.module.questions}


TRIAGE_SALT = "nrm.screening.triage"


def triage_token(answers: dict[str, str]) -> str:
    """The triage answers, signed, to carry them into the full screening without storing them."""
    return signing.dumps(answers, salt=TRIAGE_SALT, compress=True)


def triage_from_token(token: str) -> dict[str, str]:
    """The answers of a triage token, or nothing if it was tampered with or is too old."""
    try:
        value = signing.loads(token, salt=TRIAGE_SALT, max_age=60 * 60 * 12)
    except signing.BadSignature:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
