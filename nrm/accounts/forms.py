from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from nrm.core.vocabularies import Jurisdiction, OrganisationType


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("", _("as the browser asks")), *settings.LANGUAGES],
        required=False,
    )


class PasswordForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 12 characters; not a common or all-numeric password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("any")), *OrganisationType.choices], required=False
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"), choices=[("", _("any")), *Jurisdiction.choices], required=False
    )
