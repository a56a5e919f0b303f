from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import User
from nrm.core.forms import VersionedForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def in_two_days() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=2)


class AssigneeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class TaskForm(VersionedForm):
    title = forms.CharField(
        label=_("What to do"),
        max_length=200,
        help_text=_("Use the case code, never the person's name."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), initial=in_two_days)
    assignee = AssigneeField(
        label=_("Given to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("anyone in my organisation"),
    )
    details = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, assignees: QuerySet[User], title_required: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]
        self.fields["title"].required = title_required


class CaseCodeForm(forms.Form):
    case = forms.CharField(label=_("Case code"), max_length=32)
