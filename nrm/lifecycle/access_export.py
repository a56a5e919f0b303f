"""The access export: everything NRM holds on one person, in the person's language, as JSON and
as a PDF to hand over. Every app contributes its part (NrmAppConfig.personal_data); other
people's data is left out by each part (a guardian is said to exist, not named)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, translation

from nrm.cases.models import VictimCase
from nrm.core.pdf import weasyprint
from nrm.core.personal_data import PersonalSection
from nrm.core.registry import personal_data_modules


@dataclass
class AccessExport:
    reference: str
    language: str
    made_on: datetime.date
    sections: list[PersonalSection]

    def as_json(self) -> bytes:
        body = {
            "request": self.reference,
            "language": self.language,
            "made_on": self.made_on.isoformat(),
            "sections": [
                {"title": s.title, "records": [dict(_plain(r)) for r in s.records]}
                for s in self.sections
            ],
        }
        return json.dumps(body, ensure_ascii=False, indent=2).encode()

    def as_pdf(self) -> bytes:
        with translation.override(self.language):
            html = render_to_string(
                "lifecycle/access_export.html",
                {
                    "export": self,
                    "sections": [(s.title, [_shown(r) for r in s.records]) for s in self.sections],
                },
            )
        return weasyprint().HTML(string=html).write_pdf()


def _plain(record: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(label, _jsonable(value)) for label, value in record]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return str(value)


def _shown(record: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    shown = []
    for label, value in record:
        if isinstance(value, bool):
            text = str(translation.gettext("yes") if value else translation.gettext("no"))
        elif isinstance(value, datetime.date):
            text = formats.date_format(value, "DATE_FORMAT")
        elif isinstance(value, (list, tuple)):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        shown.append((label, text))
    return shown


def build(
    *, case: VictimCase, reference: str, language: str, made_on: datetime.date
) -> AccessExport:
    """Everything held on the person of `case`, across all of that person's cases."""
    case_ids = list(
        VictimCase.objects.filter(person_id=case.person_id).values_list("pk", flat=True)
    )
    with translation.override(language):
        sections = [s for module in personal_data_modules() for s in module.export(case_ids)]
        for section in sections:
            section.title = str(section.title)
            section.records = [[(str(label), value) for label, value in r] for r in section.records]
    return AccessExport(reference, language, made_on, sections)
