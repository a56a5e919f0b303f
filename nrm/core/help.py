"""Help inside the application: the methodology, the glossary and short guides per role,
rendered from docs/ (Markdown), in the reader's language where a translation exists.

A translation sits beside the English file: docs/guides/field-identifier.bs.md. Serbian Latin
readers get the Serbian Cyrillic text transliterated; Bosnian and Croatian fall back to each
other; otherwise the English text is shown with a note that it is not translated yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

from nrm.core.transliterate import cyrillic_to_latin


@dataclass(frozen=True)
class HelpPage:
    slug: str
    source: str  # path under docs/, without the language suffix
    title: str | Promise
    summary: str | Promise


PAGES = [
    HelpPage(
        "guide-field-identifier",
        "guides/field-identifier.md",
        _("Guide for field practitioners"),
        _("Screening, recording a potential victim, referring (with or without consent)."),
    ),
    HelpPage(
        "guide-case-worker",
        "guides/case-worker.md",
        _("Guide for case workers"),
        _("Answering referrals, services, shelter stays, consent and guardians."),
    ),
    HelpPage(
        "guide-coordinator",
        "guides/coordinator.md",
        _("Guide for coordinators"),
        _("Overseeing cases, data quality, statistics and the bulletin."),
    ),
    HelpPage(
        "guide-partner",
        "guides/partner.md",
        _("Guide for partners and trial monitors"),
        _("Reporting activities and monitored court cases."),
    ),
    HelpPage(
        "guide-auditor",
        "guides/auditor.md",
        _("Guide for auditors and administrators"),
        _("The audit trail, the access log, accounts."),
    ),
    HelpPage(
        "methodology",
        "methodology.md",
        _("Methodology: how NRM counts"),
        _("The counting rules behind every figure, data-quality checks, disclosure control."),
    ),
    HelpPage(
        "glossary",
        "glossary.md",
        _("Glossary"),
        _("The terms of the referral mechanism in English, Bosnian, Croatian and Serbian."),
    ),
]
BY_SLUG = {page.slug: page for page in PAGES}
BY_SOURCE = {page.source: page for page in PAGES}
FALLBACKS = {"bs": ("bs", "hr"), "hr": ("hr", "bs"), "sr": ("sr",), "sr-latn": ("sr",)}


def docs_dir() -> Path:
    return Path(settings.BASE_DIR) / "docs"


def _translated_text(page: HelpPage, language: str) -> tuple[str, bool] | None:
    stem = docs_dir() / page.source
    for code in FALLBACKS.get(language, ()):
        candidate = stem.with_name(f"{stem.stem}.{code}.md")
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
            return (cyrillic_to_latin(text) if language == "sr-latn" else text), True
    return None


def page_text(page: HelpPage, language: str | None = None) -> tuple[str, bool]:
    """The page's Markdown in the reader's language, and whether it is translated."""
    language = (language or get_language() or "en").lower()
    found = _translated_text(page, language) if language != "en" else None
    if found:
        return found
    return (docs_dir() / page.source).read_text(encoding="utf-8"), language == "en"


def _markdown() -> MarkdownIt:
    # Raw HTML in the documents is shown as text, never run.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


LINK = re.compile(r"^(?P<path>[\w./-]+\.md)(?P<anchor>#[\w-]+)?$")


def _help_link(href: str, current: HelpPage) -> str:
    """A link between documents becomes a link between help pages (or to nothing)."""
    match = LINK.match(href)
    if not match:
        return href
    base = Path(current.source).parent
    target = (base / match["path"]).as_posix()
    target = re.sub(r"(^|/)[^/]+/\.\./", r"\1", target)
    page = BY_SOURCE.get(target) or BY_SOURCE.get(match["path"])
    if page is None:
        return ""
    return f"/help/{page.slug}/{match['anchor'] or ''}"


HEADING_ID = re.compile(r"\s*\{#(?P<id>[\w-]+)\}\s*$")


def _heading_id(inline: Any) -> str:
    """A heading's id: "## Potencijalna žrtva {#potential-or-identified}" keeps the same id in
    every translation, so that the forms' help links find it; otherwise from its text."""
    match = HEADING_ID.search(inline.content)
    if not match:
        return slugify(inline.content)
    inline.content = inline.content[: match.start()]
    for child in reversed(inline.children or []):
        if child.type == "text":
            child.content = HEADING_ID.sub("", child.content)
            break
    return match["id"]


def render(page: HelpPage, language: str | None = None) -> tuple[SafeString, bool]:
    """The page as HTML (headings with ids for links from forms) and whether translated."""
    text, translated = page_text(page, language)
    md = _markdown()
    tokens = md.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            token.attrSet("id", _heading_id(tokens[index + 1]))
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    child.attrSet("href", _help_link(href, page) or "#")
    env: dict[str, Any] = {}
    return mark_safe(md.renderer.render(tokens, md.options, env)), translated  # noqa: S308
