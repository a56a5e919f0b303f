"""Forms of the bulletin pages: they collect values; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.bulletin.models import Disclosure, Position

WRITTEN_LANGUAGE_CHOICES = [
    ("en", "English"),
    ("bs", "Bosanski"),
    ("hr", "Hrvatski"),
    ("sr", "Српски"),
]


class EditionCreateForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_(
            "2024-H2 for July to December 2024, 2025-H1 for January to June 2025, "
            "2024 for a whole year."
        ),
    )


class TextsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=WRITTEN_LANGUAGE_CHOICES, widget=forms.HiddenInput)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            'Plain text. A blank line starts a new paragraph; lines starting with "- " make a list.'
        ),
    )
    contact = forms.CharField(
        label=_("Contact block"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One line per line of the address: office, street, town, telephone, e-mail."),
    )
    acknowledgement = forms.CharField(
        label=_("Acknowledgement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example who supported the bulletin, and the usual disclaimer."),
    )


class PolicyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    disclosure = forms.ChoiceField(
        label=_("Publication policy"),
        choices=Disclosure.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Hiding small numbers, the bulletin shows exactly what the public statistics page "
            "shows for its period: numbers below the public page's threshold, and any number "
            "from which one could be worked out together with the other public periods of the "
            "year, are hidden; rare countries and articles are counted as other countries and "
            "other articles."
        ),
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PartnerMoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class PhotosForm(forms.Form):
    """Which photos of the period's activities the bulletin shows (choices: the selector's)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    photos = forms.TypedMultipleChoiceField(
        label=_("Photos shown beside the activities"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only photos (JPEG, PNG) attached to the activities of this bulletin."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(choices)

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        field = self.fields["photos"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class SectionForm(forms.Form):
    language = forms.ChoiceField(choices=WRITTEN_LANGUAGE_CHOICES, widget=forms.HiddenInput)
    position = forms.ChoiceField(label=_("Place in the bulletin"), choices=Position.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            'Plain text. A blank line starts a new paragraph; lines starting with "- " make a list.'
        ),
    )


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What this version is"),
        required=False,
        max_length=300,
        help_text=_(
            "For example: first edition; corrected figures for Brčko District. A new version "
            "must say what it corrects: the public page shows it."
        ),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        max_length=300,
        help_text=_("Shown on the public page beside the version, which is no longer served."),
    )
