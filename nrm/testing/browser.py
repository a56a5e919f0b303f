"""What browser tests share: accessibility findings that fail a test.

Tests read the page with Playwright's web-first assertions (`expect(...)`), which wait for the
page that a click loads; reading `page.content()` right after a click can read the page that is
being replaced.
"""

from __future__ import annotations

from typing import Any

SERIOUS = ("serious", "critical")


def serious_violations(page: Any, context: str | None = None) -> list[tuple[str, str]]:
    """axe's serious and critical findings on the page, or inside the `context` selector."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        (violation["id"], violation["help"])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def shows(page: Any, text: str) -> None:
    """Wait until the page shows `text`: after a click, the page it loads."""
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(text)
