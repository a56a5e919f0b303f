"""A crawl of every page a role reaches from its menu, at phone and desktop width.

For each page: does the document fit the viewport (no sideways scrolling), and which serious or
critical findings does axe-core report. The browser test (nrm/core/tests/test_crawl.py) runs it
on the demo data; against a running demo it prints the figures:

    python -m nrm.testing.crawl --base http://127.0.0.1:8000

Pages: the public pages, each demo role's menu entries, on each list page the first record it
links to, and the main forms sent empty so that their errors show.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("NRM_CHROMIUM", "/usr/bin/chromium")
WIDTHS = (390, 1366)
# axe-core's rules (names, labels, contrast, landmarks) read the same markup at every width;
# it runs at the phone width, where the field works and the phone-only components show.
AXE_WIDTH = 390
DEMO_PASSWORD = "Demo-Referral-2024!"  # noqa: S105  (the demo accounts' published password)
ROLES = ("coordinator", "caseworker", "fieldofficer", "monitor", "partner", "auditor", "admin")
PUBLIC = (
    "/public/",
    "/public/self-check/",
    "/public/report/",
    "/public/report/follow-up/",
    "/public/statistics/",
    "/public/bulletins/",
    "/accounts/login/",
)
# Forms sent empty (or with impossible values) so that their error summaries are crawled too.
FORMS_WITH_ERRORS: dict[str, tuple[str, ...]] = {
    "coordinator": ("/cases/new/", "/activities/new/"),
    "fieldofficer": ("/cases/new/",),
    "partner": ("/activities/new/",),
    "monitor": ("/justice/new/",),
}
PUBLIC_FORMS = ("/public/report/",)
# Pages that are files or would change data when followed.
SKIP = (
    "/download",
    ".csv",
    ".xlsx",
    ".pdf",
    ".docx",
    ".zip",
    ".html",
    ".json",
    "/logout",
    "/api/",
    "/admin/",
)
SERIOUS = {"serious", "critical"}


@dataclass
class PageResult:
    who: str
    path: str
    width: int
    document_width: int
    findings: list[str] = field(default_factory=list)
    axe_run: bool = False

    @property
    def overflow(self) -> int:
        return max(0, self.document_width - self.width)


@dataclass
class CrawlReport:
    results: list[PageResult] = field(default_factory=list)

    @property
    def pages(self) -> list[tuple[str, str]]:
        return sorted({(r.who, r.path) for r in self.results})

    def too_wide(self) -> list[PageResult]:
        return [r for r in self.results if r.overflow > 0]

    def with_findings(self) -> list[PageResult]:
        return [r for r in self.results if r.findings]

    def summary(self) -> dict[str, Any]:
        return {
            "pages": len(self.pages),
            "page_views": len(self.results),
            "widths": sorted({r.width for r in self.results}),
            "axe_runs": sum(r.axe_run for r in self.results),
            "max_overflow_px": max((r.overflow for r in self.results), default=0),
            "too_wide": [f"{r.who} {r.path} @{r.width}: +{r.overflow}px" for r in self.too_wide()],
            "serious_or_critical": [
                f"{r.who} {r.path} @{r.width}: {', '.join(r.findings)}"
                for r in self.with_findings()
            ],
        }


AXE = Axe()


def measure(page: Any, who: str, path: str, width: int, axe: bool = True) -> PageResult:
    document_width = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    result = PageResult(who=who, path=path, width=width, document_width=document_width)
    if axe:
        result.axe_run = True
        response = AXE.run(page).response
        result.findings = sorted(
            f"{v['id']} ({v['impact']}, {len(v['nodes'])})"
            for v in response["violations"]
            if v.get("impact") in SERIOUS
        )
    return result


def _local(href: str | None, base: str) -> str | None:
    if not href:
        return None
    parts = urlsplit(href)
    if parts.netloc and parts.netloc != urlsplit(base).netloc:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or any(s in path for s in SKIP):
        return None
    return path


def menu_paths(page: Any, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all(".site-nav__list a", "els => els.map(e => e.href)")
    return [p for p in (_local(h, base) for h in hrefs) if p]


def first_record(page: Any, list_path: str, base: str, seen: set[str]) -> str | None:
    """The first link in the page's main content that goes one level deeper than the list."""
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
    prefix = list_path.split("?")[0]
    for href in hrefs:
        path = _local(href, base)
        if path is None:
            continue
        deeper = path.startswith(prefix) and path != prefix and "?" not in path
        if deeper and path not in seen and not path.endswith(("/new/", "/edit/")):
            return path
    return None


def crawl_pages(page: Any, base: str, paths: list[str] | None = None) -> list[str]:
    """The paths a user reaches: the menu (or `paths`), and the first record of each list."""
    if paths is None:
        page.goto(f"{base}/")
        paths = menu_paths(page, base)
    found: list[str] = []
    for path in paths:
        if path in found:
            continue
        found.append(path)
        page.goto(f"{base}{path}")
        record = first_record(page, path, base, {*paths, *found})
        if record:
            found.append(record)
    return found


def sign_in(page: Any, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def send_empty(page: Any, base: str, path: str) -> None:
    page.goto(f"{base}{path}")
    button = page.locator("main form[method=post] [type=submit]").last
    if button.count():  # a form this user may not open is measured as the page it gets
        button.click()
        page.wait_for_load_state()


def visit_all(
    browser: Any,
    base: str,
    roles: tuple[str, ...] = ROLES,
    sign: Callable[[Any, str, str], None] = sign_in,
    axe: bool = True,
    widths: tuple[int, ...] = WIDTHS,
    public: bool = True,
) -> CrawlReport:
    """Crawl every role (and the public pages, unless `public` is False) at each width with
    one browser; axe at AXE_WIDTH only."""
    report = CrawlReport()
    for width in widths:
        with_axe = axe and width == AXE_WIDTH
        for who, paths, forms in _visits(browser, base, roles, sign, width, public):
            page, context = who
            label = context
            for path in paths:
                page.goto(f"{base}{path}")
                report.results.append(measure(page, label, path, width, with_axe))
            for path in forms:
                send_empty(page, base, path)
                report.results.append(measure(page, label, f"{path} (errors)", width, with_axe))
            page.context.close()
    return report


def _visits(
    browser: Any,
    base: str,
    roles: tuple[str, ...],
    sign: Callable[..., None],
    width: int,
    public: bool,
) -> Iterator[tuple[tuple[Any, str], list[str], tuple[str, ...]]]:
    def new_page() -> Any:
        viewport = {"width": width, "height": 844 if width < 800 else 900}
        context = browser.new_context(
            viewport=viewport, is_mobile=width < 800, has_touch=width < 800
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        return page

    if public:
        page = new_page()
        yield (page, "public"), crawl_pages(page, base, list(PUBLIC)), PUBLIC_FORMS
    for role in roles:
        page = new_page()
        sign(page, base, role)
        yield (page, role), crawl_pages(page, base), FORMS_WITH_ERRORS.get(role, ())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--no-axe", action="store_true")
    parser.add_argument("--roles", nargs="*", default=list(ROLES))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        report = visit_all(browser, args.base, tuple(args.roles), axe=not args.no_axe)
        browser.close()
    print(json.dumps(report.summary(), indent=2, ensure_ascii=False))
    for who, path in report.pages:
        print(who, path)


if __name__ == "__main__":
    main()
