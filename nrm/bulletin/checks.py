"""What stands between an edition and its publication.

Blockers refuse publishing outright (a period that has not ended); warnings (open data-quality
findings, texts not written in a language) are shown on the confirmation page and publishing
goes ahead only once the coordinator has seen them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.bulletin.figures import prose_problems
from nrm.bulletin.language import format_date, missing_languages, number
from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.core.quality import Finding

# Bulletins on trafficking begin after the Palermo Protocol (2000); nothing earlier is a period.
FIRST_YEAR = 2000


@dataclass
class PublicationCheck:
    blockers: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    missing_texts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. typed numbers no figure explains

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.findings or self.missing_texts or self.warnings)


def plausible_period(name: str, *, today: datetime.date | None = None) -> Period:
    """A period a bulletin can be composed for: from 2000 up to the one running today."""
    period = Period.parse(name)
    today = today or timezone.localdate()
    if period.start.year < FIRST_YEAR:
        message = _("%(period)s is before %(year)s: a bulletin covers %(year)s or later.") % {
            "period": period.name,
            "year": FIRST_YEAR,
        }
        raise ValidationError(message, fields={"period": [message]})
    if period.start > today:
        message = _("%(period)s has not begun yet (it starts on %(date)s).") % {
            "period": period.name,
            "date": format_date(period.start),
        }
        raise ValidationError(message, fields={"period": [message]})
    return period


def period_blockers(period: Period, *, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    if period.end >= today:
        return [
            _(
                "%(period)s has not ended: its bulletin can be published from %(date)s, when "
                "every record of the period can be in."
            )
            % {
                "period": period.name,
                "date": format_date(period.end + datetime.timedelta(days=1)),
            }
        ]
    return []


def missing_text_warnings(edition: Any) -> list[str]:
    """The coordinator's texts not written yet, one line per text."""
    texts = (
        (_("Introduction"), edition.introduction),
        (_("Contact block"), edition.contact),
    )
    lines = []
    for label, value in texts:
        if not any((text or "").strip() for text in (value or {}).values()):
            lines.append(_("%(text)s: not written") % {"text": label})
            continue
        missing = missing_languages(value)
        if missing:
            lines.append(
                _("%(text)s: not written in %(languages)s")
                % {"text": label, "languages": ", ".join(missing)}
            )
    return lines


def prose_checks(edition: Any, values: Mapping[str, float]) -> tuple[list[str], list[str]]:
    """(blockers, warnings) of the figures the coordinator's texts cite or type by hand."""
    texts: dict[str, Mapping[str, str]] = {_("Introduction"): edition.introduction}
    for section in edition.sections.all():
        title = next(iter(section.title.values()), "") or _("section")
        label = _("Section “%(title)s”") % {"title": title}
        texts[label] = {
            language: f"{section.title.get(language, '')}\n\n{section.body.get(language, '')}"
            for language in {*section.title, *section.body}
        }
    unknown, typed = prose_problems(texts, values)
    blockers = [
        _("%(text)s cites {%(name)s}, which is not a figure of this bulletin.")
        % {"text": problem.text, "name": problem.name}
        for problem in unknown
    ]
    warnings = [
        _(
            "%(text)s states %(number)s, which equals no figure of the period: check it, or "
            "cite the figure by its name."
        )
        % {"text": problem.text, "number": number(problem.number or 0)}
        for problem in typed
    ]
    return blockers, warnings
