"""No page in Bosnian, Croatian or Serbian shows an English sentence from the catalogues, or
an English organisation or country name that has a translation."""

from __future__ import annotations

import html as html_lib
import re
from functools import cache

import polib
import pytest
from django.test import Client
from django.utils import translation
from django_countries import countries

from nrm.accounts.demo import load_demo as load_accounts
from nrm.accounts.models import Organisation, User
from nrm.core.translations import locale_roots

pytestmark = [pytest.mark.django_db, pytest.mark.one_database]

LANGUAGES = ("bs", "hr", "sr", "sr-latn")
PUBLIC = ("/public/", "/public/report/", "/public/self-check/", "/public/statistics/", "/help/")
SIGNED_IN = {
    "coordinator": ("/", "/cases/", "/cases/new/", "/statistics/", "/statistics/quality/"),
    "fieldofficer": ("/", "/cases/new/", "/screening/new/", "/cases/referrals/"),
    "partner": ("/", "/activities/", "/activities/new/"),
    "monitor": ("/", "/justice/", "/justice/new/"),
    "auditor": ("/", "/audit/"),
    "caseworker": ("/", "/tasks/", "/accounts/organisations/"),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{.*?\}\}|\{\w+\}|<[^>]+>")


@cache
def english_sentences() -> tuple[str, ...]:
    """The catalogues' English source strings that read as a sentence (four words or more)."""
    found = set()
    for root in locale_roots():
        path = f"{root}/bs/LC_MESSAGES/django.po"
        try:
            catalogue = polib.pofile(path)
        except OSError:
            continue
        for entry in catalogue:
            if entry.msgid_plural or PLACEHOLDER.search(entry.msgid):
                continue
            if len(entry.msgid.split()) >= 4 and entry.msgstr and entry.msgstr != entry.msgid:
                found.add(entry.msgid)
    return tuple(sorted(found))


def visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r'(?s)<[^>]*\blang="en"[^>]*>.*?</article>', " ", page)  # untranslated help
    page = re.sub(r"(?s)<select\b[^>]*\bname=\"language\".*?</select>", " ", page)
    # The audit trail shows recorded values as they were stored (an official English name).
    page = re.sub(r"(?s)<dd>.*?</dd>", " ", page)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def english_names(language: str) -> set[str]:
    names = set()
    for organisation in Organisation.objects.exclude(local_names={}):
        with translation.override(language):
            local = organisation.display_name()
        if local != organisation.name:
            names.add(organisation.name)
    with translation.override("en"):
        english = dict(countries)
    with translation.override(language):
        local_countries = dict(countries)
    names |= {
        name
        for code, name in english.items()
        if str(name) not in str(local_countries.get(code)) and len(str(name)) > 6
    }
    return {str(n) for n in names}


def pages(language: str):
    client = Client()
    client.post("/language/", {"language": language})
    for path in PUBLIC:
        yield "public", path, client.get(path)
    for username, paths in SIGNED_IN.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.post("/language/", {"language": language})
        for path in paths:
            yield username, path, client.get(path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_pages_in_the_local_languages(language, settings):
    settings.NRM_REPORT_MIN_SECONDS = 0
    load_accounts()
    sentences = english_sentences()
    names = english_names(language)
    assert len(sentences) > 200 and names
    problems = []
    for who, path, response in pages(language):
        assert response.status_code == 200, (who, path, response.status_code)
        text = visible_text(response.content.decode())
        problems += [f"{who} {path}: {s!r}" for s in sentences if s in text]
        problems += [
            f"{who} {path}: name {n!r}" for n in names if re.search(rf"\b{re.escape(n)}\b", text)
        ]
        if language != "en":
            problems += [
                f"{who} {path}: double full stop" for _ in re.findall(r"\d\.\.(?!\.)", text)
            ]
    assert not problems, "\n".join(sorted(set(problems)))
