"""Names of the reference funding programmes (nrm/activities/reference_data) in the reader's
language, for the bulletin's funding lines.

Programme names are data, but the reference ones are few and fixed: their translations live in
the bulletin's catalogue (marked here), so that "European Union" reads "Europska unija". A name
a coordinator typed or changed is shown as written; acronyms (EU4FAST) never change.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

REFERENCE_PROGRAMMES = (
    gettext_noop("Council of Europe anti-trafficking action in BiH"),
    gettext_noop("Council of Europe grant programme"),
    gettext_noop("Council of Europe HELP programme"),
    gettext_noop("European Union"),
    gettext_noop("Shaping Development-Oriented Migration (MEG)"),
)


def programme_name(name: str, language: str) -> str:
    if name not in REFERENCE_PROGRAMMES:
        return name
    catalogue = "sr" if language == "sr-latn" else language
    with translation.override(catalogue):
        translated = gettext(name)
    if language == "sr-latn":
        from nrm.core.transliterate import cyrillic_to_latin

        return cyrillic_to_latin(translated)
    return translated
