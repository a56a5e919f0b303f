"""The screening app's part of a person's access export and of erasing a person's data:
screenings that led to their cases and public reports linked to them (free texts only; the
verdicts and dates that statistics count stay)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.core.personal_data import PersonalSection, clear_fields, described
from nrm.screening.models import PublicReport, ReportMessage, Screening


def export(case_ids: Sequence[int]) -> list[PersonalSection]:
    screenings = Screening.objects.filter(case_id__in=case_ids).select_related("organisation")
    reports = PublicReport.objects.filter(case_id__in=case_ids)
    messages = ReportMessage.objects.filter(report__in=reports).select_related("report")
    sections = [
        PersonalSection(
            _("Screenings"),
            [
                described(
                    s, ("screened_on", "organisation", "context", "verdict", "outcome", "notes")
                )
                for s in screenings
            ],
        ),
        PersonalSection(
            _("Reports"),
            [
                described(r, ("received_on", "context", "place", "description", "status"))
                for r in reports
            ],
        ),
        PersonalSection(
            _("Messages about the reports"),
            [
                [(_("report"), m.report.reference), *described(m, ("kind", "text"))]
                for m in messages
            ],
        ),
    ]
    return [section for section in sections if section.records]


def erase(case_ids: Sequence[int]) -> int:
    reports = PublicReport.objects.filter(case_id__in=case_ids)
    return erase_screenings(Screening.objects.filter(case_id__in=case_ids)) + erase_reports(reports)


def erase_screenings(screenings: QuerySet[Screening]) -> int:
    return clear_fields(screenings, {"notes": ""})


def erase_reports(reports: QuerySet[PublicReport]) -> int:
    """A report keeps its reference, dates, context and status (counted); its texts go."""
    changed = clear_fields(reports, {"place": "", "description": ""})
    return changed + clear_fields(ReportMessage.objects.filter(report__in=reports), {"text": ""})
