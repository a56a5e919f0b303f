"""Which instrument and set a practitioner answers for each situation (docs/screening.md).

The set follows from the person's age group (an uncertain age counts as a child) and the
suspected form of exploitation: the graded instrument's set made for that age group and form
(sets are keyed by both, in the instrument's data). Forced begging is forced labour or
services, and online recruitment is a way of recruiting, so both use the labour sets.

When the graded instrument has no set for the form (today: sexual exploitation, whose ILO/EC
sets are not transcribed; NRM never invents grades), the practitioner answers the six elements
of the definition as a checklist with the evidence for each, and the ILO's 11 forced-labour
indicators for the referral advice: no graded verdict. A new instrument version with a sexual
set (a data change, `nrm instruments load`) turns the same situation into a graded screening.

When the form is unknown, every set of the age group is scored and the result says which one
holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.core.vocabularies import ExploitationForm
from nrm.screening.definitions import Instrument
from nrm.screening.models import Context

DELPHI = "ilo-ec-delphi-2009"
FORCED_LABOUR = "ilo-forced-labour-11"
JOB_OFFER = "job-offer-warning-signs"
FIRST_LINE = "first_line"

# The form of exploitation whose set each situation uses ("" : every set of the age group).
SET_FORM = {
    Context.LABOUR: "labour",
    Context.BEGGING: "labour",
    Context.ONLINE_RECRUITMENT: "labour",
    Context.SEXUAL: "sexual",
    Context.UNKNOWN: "",
}
# The form proposed when a case is recorded from the screening.
CASE_FORM = {
    Context.LABOUR: ExploitationForm.LABOUR,
    Context.BEGGING: ExploitationForm.BEGGING,
    Context.SEXUAL: ExploitationForm.SEXUAL,
}


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
    # Every set scored (several when the form is unknown); the first is `set_id`.
    set_ids: tuple[str, ...] = ()
    # No graded set exists for the form: the six elements are recorded with their evidence.
    elements_checklist: bool = False

    @property
    def graded(self) -> bool:
        return not self.elements_checklist

    @property
    def sets(self) -> tuple[str, ...]:
        return self.set_ids or (self.set_id,)


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
    "No graded verdict exists for sexual exploitation: the graded ILO/EC sets for this form are "
    "not available here, and NRM does not invent grades. Record, for each of the six elements "
    "of the definition, whether there is evidence and what it is, and answer the ILO's 11 "
    "forced-labour indicators: they give referral advice, not a verdict."
)
_SEXUAL_GRADED_NOTE = _(
    "The graded ILO/EC indicators of sexual exploitation, strong, medium or weak."
)
_SEXUAL_CHILD_NOTE = _(
    "For a child, any sexual exploitation is a reason to refer at once to the police and the "
    "centre for social work, whatever the checklist shows: a child cannot consent to it, and "
    "the means of trafficking are not required for children."
)
_LABOUR_NOTE = _(
    "The ILO/EC operational indicators of labour exploitation, graded strong, medium or weak."
)
_UNKNOWN_NOTE = _(
    "The form of exploitation is not known: the questions of every graded set for this age "
    "group are asked, every set is scored, and the result says which one holds."
)
_NOTES = {
    Context.LABOUR: _LABOUR_NOTE,
    Context.BEGGING: _BEGGING_NOTE,
    Context.ONLINE_RECRUITMENT: _ONLINE_NOTE,
    Context.SEXUAL: _SEXUAL_GRADED_NOTE,
    Context.UNKNOWN: _UNKNOWN_NOTE,
}


def context_choice(
    context: str, age_group: str, graded: Instrument | Sequence[Instrument] | None = None
) -> ContextChoice | None:
    """The instrument and set(s) for a situation and age group, from the sets of the graded
    instruments (the first that has a set for the age group and form; the Delphi instrument
    comes first). Without instruments, only what does not depend on them (form, warning) is
    right."""
    if context not in SET_FORM or age_group not in ("adult", "child"):
        return None
    exploitation = CASE_FORM.get(Context(context), "")
    warning = _SEXUAL_CHILD_NOTE if context == Context.SEXUAL and age_group == "child" else ""
    form = SET_FORM[Context(context)]
    instruments = [graded] if isinstance(graded, Instrument) else list(graded or [])
    chosen = ""
    set_ids: list[str] = []
    for instrument in instruments:
        if form:
            found = instrument.set_for(age_group, form)
            set_ids = [found] if found else []
        else:
            set_ids = instrument.sets_for_age(age_group)
        if set_ids:
            chosen = instrument.key
            break
    if set_ids:
        return ContextChoice(
            context,
            age_group,
            chosen,
            set_ids[0],
            _NOTES[Context(context)],
            exploitation,
            warning,
            set_ids=tuple(set_ids),
        )
    return ContextChoice(
        context,
        age_group,
        FORCED_LABOUR,
        FIRST_LINE,
        _SEXUAL_NOTE,
        exploitation,
        warning,
        elements_checklist=True,
    )


def context_for_set(instrument: str, set_id: str, exploitation: str) -> str:
    """The situation a screening made without one (e.g. through the API) most likely covers."""
    if instrument == DELPHI and exploitation == "labour":
        return Context.LABOUR
    if instrument == DELPHI and exploitation == "sexual":
        return Context.SEXUAL
    return ""
