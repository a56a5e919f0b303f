from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from nrm.core.collation import collation_key
from nrm.core.errors import ApplicationError
from nrm.core.models import AccessEntry, Municipality
from nrm.core.selectors import AuditFilters
from nrm.core.templatetags.nrm import in_reader_script


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    username = forms.CharField(label=_("User name"), required=False, max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        # The organisation model is the one the access log refers to (core imports no app).
        queryset=AccessEntry._meta.get_field("organisation").related_model._default_manager.all(),
        required=False,
        empty_label=_("any"),
    )
    record_type = forms.ModelChoiceField(
        label=_("Record type"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("any"),
    )
    action = forms.TypedChoiceField(
        label=_("Action"),
        choices=[("", _("any")), *LogEntry.Action.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        models = auditlog.get_models()
        ids = [ContentType.objects.get_for_model(m).pk for m in models]
        self.fields["record_type"].queryset = ContentType.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        self.fields["record_type"].label_from_instance = lambda ct: str(  # type: ignore[attr-defined]
            ct.model_class()._meta.verbose_name if ct.model_class() else ct.model
        ).capitalize()

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            username=data["username"],
            organisation_id=data["organisation"].pk if data["organisation"] else None,
            content_type_id=data["record_type"].pk if data["record_type"] else None,
            action=data["action"],
        )


def apply_errors(form: forms.Form, error: ApplicationError, *others: forms.Form) -> None:
    """Show a service's error on the form: under each field it names (in `form` or one of
    `others`), a field the form does not have above it with its name, else the message on top."""
    placed = False
    for name, messages in error.fields.items():
        target = next((f for f in (form, *others) if name in f.fields), None)
        for message in messages:
            if target is not None:
                target.add_error(name, message)
            else:
                form.add_error(None, f"{name}: {message}")
        placed = True
    if not placed:
        form.add_error(None, error.message)


class VersionField(forms.IntegerField):
    """The version of the record a form was opened on (optimistic locking). Required: a form
    that lost it must not overwrite someone else's change blindly."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": _(
            "This form does not say which version of the record it changes. Open the record "
            "again and apply your changes."
        ),
        "invalid": _(
            "This form does not say which version of the record it changes. Open the record "
            "again and apply your changes."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class VersionedForm(forms.Form):
    """A form that changes a versioned record. `versioned=False` when it creates one (there is
    no version yet). Errors of hidden fields are shown at the top, where the reader sees them."""

    version = VersionField()

    def __init__(self, *args: Any, versioned: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not versioned:
            del self.fields["version"]

    def full_clean(self) -> None:
        super().full_clean()
        errors = self.errors
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in errors:
                for error in errors.pop(name):
                    self.add_error(None, error)


# Lists people choose from: in the reader's alphabetical order, with names that repeat told
# apart, a placeholder in words (never "---------"), the home country first.

NOT_KNOWN = _("unknown")
HOME_COUNTRY = "BA"


def municipality_label(municipality: Any, repeated: Collection[str] = ()) -> str:
    """The name in the reader's script; with its entity when another municipality has it."""
    name = in_reader_script(municipality.name)
    if municipality.name in repeated:
        return f"{name} ({municipality.get_jurisdiction_display()})"
    return name


class _CollatedIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = list(self.queryset)
        counts = Counter(str(getattr(o, "name", o)) for o in objects)
        self.field.repeated = {name for name, n in counts.items() if n > 1}  # type: ignore[attr-defined]
        choices = [self.choice(o) for o in objects]
        yield from sorted(choices, key=lambda choice: collation_key(str(choice[1])))


class MunicipalityChoiceField(forms.ModelChoiceField):
    """Every municipality of BiH, sorted as the reader's alphabet sorts, Kupres (FBiH) and
    Kupres (RS) told apart."""

    iterator = _CollatedIterator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Municipality.objects.all())
        kwargs.setdefault("empty_label", _("not recorded"))
        super().__init__(*args, **kwargs)
        self.repeated: set[str] = set()

    def label_from_instance(self, obj: Any) -> str:
        return municipality_label(obj, self.repeated)


def country_choices(empty_label: Any = NOT_KNOWN) -> list[tuple[str, str]]:
    """ISO countries in the reader's language: Bosnia and Herzegovina first, then the others
    in the reader's alphabetical order; an empty choice `empty_label` on top."""
    names = [(code, str(name)) for code, name in countries]
    home = [(code, name) for code, name in names if code == HOME_COUNTRY]
    others = sorted(
        ((code, name) for code, name in names if code != HOME_COUNTRY),
        key=lambda item: collation_key(item[1]),
    )
    empty = [("", str(empty_label))] if empty_label is not None else []
    return [*empty, *home, *others]
