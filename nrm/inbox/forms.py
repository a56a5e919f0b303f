from __future__ import annotations

from typing import Any

from django import forms

from nrm.core.notifications import Delivery
from nrm.inbox.selectors import Preference


class PreferencesForm(forms.Form):
    """One choice per notification kind the user can receive."""

    def __init__(self, *args: Any, preferences: list[Preference], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for preference in preferences:
            self.fields[preference.key] = forms.ChoiceField(
                label=preference.label,
                choices=Delivery.choices,
                initial=preference.delivery,
                widget=forms.RadioSelect,
                required=False,  # a kind left out keeps its current choice
            )

    def choices(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}
