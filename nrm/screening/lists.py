"""The screening list as a list people work with (nrm.core.lists)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.lists import Column, ListSpec

SCREENINGS = ListSpec(
    key="screenings",
    columns=(
        Column("reference", _("Reference"), lambda s: s.reference, "reference"),
        Column("date", _("Date"), lambda s: s.screened_on, "screened_on"),
        Column("situation", _("Situation"), lambda s: s.get_context_display(), "context"),
        Column("result", _("Result"), lambda s: s.get_outcome_display(), "outcome"),
        Column(
            "organisation", _("Organisation"), lambda s: str(s.organisation), "organisation__name"
        ),
        Column("case", _("Case"), lambda s: s.case.code if s.case else "", "case__code"),
    ),
)
