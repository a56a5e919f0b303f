"""Template filters of trial monitoring: terms, amounts and sentences in the reader's words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.justice.models import Sentence

register = template.Library()


@register.filter
def duration(months: Any) -> str:
    """120 -> '10 years', 18 -> '1 year 6 months', 3 -> '3 months'."""
    if months in (None, ""):
        return ""
    years, rest = divmod(int(months), 12)
    parts = []
    if years:
        parts.append(ngettext("%(count)d year", "%(count)d years", years) % {"count": years})
    if rest or not years:
        parts.append(ngettext("%(count)d month", "%(count)d months", rest) % {"count": rest})
    return " ".join(parts)


@register.filter
def bam(amount: Any) -> str:
    """An amount in convertible marks, grouped as the reader's language writes numbers."""
    if amount in (None, ""):
        return ""
    value = Decimal(str(amount))
    places = 0 if value == value.to_integral_value() else 2
    return _("%(amount)s BAM") % {
        "amount": number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    }


@register.filter
def sentence_summary(sentence: Sentence | None) -> str:
    """'10 years in prison', '3 months suspended, probation 1 year', 'fine of 300 BAM', ..."""
    if not sentence:  # no sentence recorded (the template passes "" for a missing one)
        return ""
    parts = []
    if sentence.imprisonment_months is not None:
        term = duration(sentence.imprisonment_months)
        if sentence.suspended:
            parts.append(
                _("%(term)s in prison, suspended (probation %(probation)s)")
                % {"term": term, "probation": duration(sentence.probation_months)}
            )
        else:
            parts.append(_("%(term)s in prison") % {"term": term})
    if sentence.fine_bam is not None:
        fine = _("fine of %(amount)s") % {"amount": bam(sentence.fine_bam)}
        if sentence.suspended and sentence.imprisonment_months is None:
            fine = _("%(fine)s, suspended (probation %(probation)s)") % {
                "fine": fine,
                "probation": duration(sentence.probation_months),
            }
        parts.append(fine)
    if sentence.confiscated_bam:
        parts.append(
            _("assets of %(amount)s confiscated") % {"amount": bam(sentence.confiscated_bam)}
        )
    return "; ".join(parts)
