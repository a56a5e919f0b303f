"""The project ships complete catalogues for every string it shows, in every language."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from nrm.core.translations import locale_roots

pytestmark = pytest.mark.one_database

LANGUAGES = ("bs", "hr", "sr")
PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{ ?\w+ ?\}\}|\{\w+\}")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def catalogues(language):
    for root in locale_roots():
        if Path(root).is_relative_to(settings.VAR_DIR):
            continue  # generated
        path = Path(root) / language / "LC_MESSAGES" / "django.po"
        if path.exists():
            yield path


def untranslated(catalogue: polib.POFile) -> list[str]:
    missing = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        values = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(values):
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_are_complete_and_well_formed(language):
    paths = list(catalogues(language))
    assert paths
    problems = []
    for path in paths:
        catalogue = polib.pofile(str(path))
        if catalogue.metadata.get("Plural-Forms", "").strip() != PLURAL_FORMS:
            problems.append(f"{path}: Plural-Forms header")
        problems += [f"{path}: untranslated {m!r}" for m in untranslated(catalogue)]
        for entry in catalogue.translated_entries():
            values = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            for value in values:
                if sorted(set(PLACEHOLDER.findall(entry.msgid))) != sorted(
                    set(PLACEHOLDER.findall(value))
                ):
                    problems.append(f"{path}: placeholders differ in {entry.msgid!r}")
                if (
                    language == "sr"
                    and re.search("[A-Za-z]{3}", PLACEHOLDER.sub("", value))
                    and not CYRILLIC.search(value)
                ):
                    problems.append(f"{path}: not in Cyrillic: {value!r}")
    assert problems == []


def test_catalogues_cover_every_string_in_the_code(tmp_path):
    """Extract the strings again (GNU gettext) into a copy and check nothing is missing."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext) is needed in CI to check the catalogues")
        pytest.skip("GNU gettext is not installed")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "sr_Latn", "tests")
    shutil.copytree(base / "nrm", copy / "nrm", ignore=ignore)
    shutil.copytree(base / "templates", copy / "templates", ignore=ignore)
    shutil.copytree(base / "locale", copy / "locale", ignore=ignore)
    env = {
        **os.environ,
        "NRM_ENV": "test",
        "NRM_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(copy),
    }
    command = [
        sys.executable,
        "-m",
        "django",
        "makemessages",
        "--settings",
        "nrm.settings",
        *[f"-l{lang}" for lang in LANGUAGES],
        "--no-obsolete",
        "--ignore",
        "var",
    ]
    subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)  # noqa: S603
    missing = []
    for po in copy.rglob("*/LC_MESSAGES/django.po"):
        if po.parent.parent.name in LANGUAGES:
            missing += [
                f"{po.relative_to(copy)}: {m!r}" for m in untranslated(polib.pofile(str(po)))
            ]
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)


def test_serbian_latin_is_generated_from_cyrillic():
    for root in locale_roots():
        source = Path(root) / "sr" / "LC_MESSAGES" / "django.po"
        generated = Path(root) / "sr_Latn" / "LC_MESSAGES" / "django.po"
        if source.exists():
            assert generated.exists(), f"{generated}: run `nrm build_translations`"
            text = "".join(e.msgstr for e in polib.pofile(str(generated)))
            assert not CYRILLIC.search(text)


def test_countries_are_named_in_every_language():
    from django_countries import countries

    names = {}
    for language in ("en", "bs", "hr", "sr", "sr-latn"):
        with translation.override(language):
            names[language] = str(countries.name("DE"))
    # Bosnian names are generated from django-countries' Croatian catalogue; Serbian is
    # ijekavian as in BiH (nrm/core/country_names.py overrides django-countries' ekavian).
    assert names == {
        "en": "Germany",
        "bs": "Njemačka",
        "hr": "Njemačka",
        "sr": "Њемачка",
        "sr-latn": "Njemačka",
    }
