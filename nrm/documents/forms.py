from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, DOCX, XLSX, ODT or ODS; at most %(size)s MB."),
    )
    description = forms.CharField(label=_("What it is"), required=False, max_length=500)

    def __init__(self, *args: object, max_mb: int = 10, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"size": max_mb}
        field.widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods"
