"""The monitored court cases as a list people work with (nrm.core.lists)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.lists import Column, ListSpec

COURT_CASES = ListSpec(
    key="court-cases",
    columns=(
        Column("number", _("Case number"), lambda c: c.case_number, "case_number"),
        Column("court", _("Court"), lambda c: str(c.court), "court__name"),
        Column("stage", _("Stage"), lambda c: c.get_stage_display(), "stage"),
        Column("defendants", _("Defendants"), lambda c: c.defendant_count, "defendant_count"),
        Column(
            "since",
            _("Monitored since"),
            lambda c: c.monitoring_started_on,
            "monitoring_started_on",
        ),
    ),
)
