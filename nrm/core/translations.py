"""Build the message catalogues: generate what is derived, then compile every .po to .mo.

- Serbian Latin (sr_Latn) is generated from the Serbian Cyrillic catalogues by
  transliteration, so the two scripts never drift apart.
- django-countries has no Bosnian catalogue; Bosnian country names are generated from its
  Croatian one (the names are the same in both standards, with rare spelling variants).
- .mo files are compiled with polib (no GNU gettext needed) and never committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import django_countries
import polib
from django.conf import settings

from nrm.core.transliterate import cyrillic_to_latin


def locale_roots() -> list[Path]:
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    roots += sorted(Path(settings.BASE_DIR, "nrm").glob("*/locale"))
    return roots


def generate_serbian_latin(root: Path) -> Path | None:
    source = root / "sr" / "LC_MESSAGES" / "django.po"
    if not source.exists():
        return None
    catalogue = polib.pofile(str(source))
    for entry in catalogue:
        entry.msgstr = cyrillic_to_latin(entry.msgstr)
        entry.msgstr_plural = {k: cyrillic_to_latin(v) for k, v in entry.msgstr_plural.items()}
    catalogue.metadata["Language"] = "sr_Latn"
    target = root / "sr_Latn" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.header = "Generated from sr/LC_MESSAGES/django.po by `nrm build_translations`."
    catalogue.save(str(target))
    return target


def generate_bosnian_countries(var_locale: Path) -> Path:
    source = Path(django_countries.__file__).parent / "locale" / "hr" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(source))
    catalogue.metadata["Language"] = "bs"
    catalogue.header = "Bosnian country names, generated from django-countries' Croatian catalogue."
    target = var_locale / "bs" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(target))
    return target


def po_files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        yield from sorted(root.glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path: Path) -> int:
    """Compile one catalogue, leaving out fuzzy entries; returns the number of messages."""
    catalogue = polib.pofile(str(po_path))
    for entry in [e for e in catalogue if "fuzzy" in e.flags]:
        catalogue.remove(entry)
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    return len(catalogue.translated_entries())


def build_all() -> list[tuple[Path, int]]:
    roots = locale_roots()
    for root in roots:
        generate_serbian_latin(root)
    generate_bosnian_countries(Path(settings.VAR_DIR) / "locale")
    return [(po, compile_catalogue(po)) for po in po_files(roots)]
