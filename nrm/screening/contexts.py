"""Which instrument and set a practitioner answers for each situation (docs/screening.md).

Only the adult and child labour sets of the ILO/EC Delphi indicators are transcribed with
grades. Forced begging is forced labour or services, and online recruitment is a way of
recruiting into it, so both use the graded labour sets. The sexual-exploitation sets are not
transcribed and NRM does not invent grades: sexual exploitation is screened with the ILO's 11
forced-labour indicators as a first-line checklist, which leads to a referral, not a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.core.vocabularies import ExploitationForm
from nrm.screening.models import Context, ScreeningAgeGroup

DELPHI = "ilo-ec-delphi-2009"
FORCED_LABOUR = "ilo-forced-labour-11"
JOB_OFFER = "job-offer-warning-signs"


@dataclass(frozen=True)
class ContextChoice:
    context: str
    age_group: str
    instrument: str
    set_id: str
    # What the practitioner should know about this choice (shown above the questions).
    note: str | Promise
    # The form of exploitation proposed when a case is recorded from the screening.
    exploitation: str = ""
    # A warning that comes before any answer (e.g. refer a child at once).
    warning: str | Promise = ""

    @property
    def graded(self) -> bool:
        return self.instrument == DELPHI


_BEGGING_NOTE = _(
    "Forced begging is a form of forced labour or services, so the graded labour set is used. "
    "A sum of money to be brought in each day counts as a quota (coercion at destination)."
)
_ONLINE_NOTE = _(
    "Online recruitment is a way of recruiting, not a form of exploitation: the graded labour "
    "set is used, and its recruitment questions cover deception online. If the person was "
    "recruited online into sexual exploitation, choose sexual exploitation instead."
)
_SEXUAL_NOTE = _(
    "No graded indicator set for sexual exploitation is available yet (the ILO/EC sets are not "
    "transcribed, and NRM does not invent grades). You answer the ILO's 11 forced-labour "
    "indicators as a first-line checklist: it gives no verdict, only whether and where to refer."
)
_SEXUAL_CHILD_NOTE = _(
    "For a child, any sexual exploitation is a reason to refer at once to the police and the "
    "centre for social work, whatever the checklist shows: a child cannot consent to it, and "
    "the means of trafficking are not required for children."
)
_LABOUR_NOTE = _(
    "The ILO/EC operational indicators of labour exploitation, graded strong, medium or weak."
)

CONTEXTS: dict[tuple[str, str], ContextChoice] = {
    (Context.LABOUR, ScreeningAgeGroup.ADULT): ContextChoice(
        Context.LABOUR, "adult", DELPHI, "adult_labour", _LABOUR_NOTE, ExploitationForm.LABOUR
    ),
    (Context.LABOUR, ScreeningAgeGroup.CHILD): ContextChoice(
        Context.LABOUR, "child", DELPHI, "child_labour", _LABOUR_NOTE, ExploitationForm.LABOUR
    ),
    (Context.BEGGING, ScreeningAgeGroup.ADULT): ContextChoice(
        Context.BEGGING, "adult", DELPHI, "adult_labour", _BEGGING_NOTE, ExploitationForm.BEGGING
    ),
    (Context.BEGGING, ScreeningAgeGroup.CHILD): ContextChoice(
        Context.BEGGING, "child", DELPHI, "child_labour", _BEGGING_NOTE, ExploitationForm.BEGGING
    ),
    (Context.ONLINE_RECRUITMENT, ScreeningAgeGroup.ADULT): ContextChoice(
        Context.ONLINE_RECRUITMENT, "adult", DELPHI, "adult_labour", _ONLINE_NOTE
    ),
    (Context.ONLINE_RECRUITMENT, ScreeningAgeGroup.CHILD): ContextChoice(
        Context.ONLINE_RECRUITMENT, "child", DELPHI, "child_labour", _ONLINE_NOTE
    ),
    (Context.SEXUAL, ScreeningAgeGroup.ADULT): ContextChoice(
        Context.SEXUAL, "adult", FORCED_LABOUR, "first_line", _SEXUAL_NOTE, ExploitationForm.SEXUAL
    ),
    (Context.SEXUAL, ScreeningAgeGroup.CHILD): ContextChoice(
        Context.SEXUAL,
        "child",
        FORCED_LABOUR,
        "first_line",
        _SEXUAL_NOTE,
        ExploitationForm.SEXUAL,
        warning=_SEXUAL_CHILD_NOTE,
    ),
}


def context_choice(context: str, age_group: str) -> ContextChoice | None:
    return CONTEXTS.get((context, age_group))


def context_for_set(instrument: str, set_id: str, exploitation: str) -> str:
    """The situation a screening made without one (e.g. through the API) most likely covers."""
    if instrument == DELPHI and exploitation == "labour":
        return Context.LABOUR
    return ""
