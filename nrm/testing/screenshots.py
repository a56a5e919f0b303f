"""Screenshots of a running NRM, as users see it (desktop and phone), for review and the docs.

    python -m nrm.testing.screenshots --base http://127.0.0.1:8000 --user coordinator \\
        --out var/screenshots / /cases/

Signs in with the demo password unless --user is omitted; writes <name>-desktop.png and
<name>-phone.png per path. Uses Debian's Chromium, like the browser tests.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = os.environ.get("NRM_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
DEMO_PASSWORD = "Demo-Referral-2024!"  # noqa: S105  (the demo accounts' published password)


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for size_name, viewport in SIZES.items():
            context = browser.new_context(
                viewport=viewport,  # type: ignore[arg-type]
                device_scale_factor=1 if size_name == "desktop" else 2,
                is_mobile=size_name == "phone",
            )
            page = context.new_page()
            page.context.add_cookies(
                [{"name": "django_language", "value": args.language, "url": args.base}]
            )
            if args.user:
                sign_in(page, args.base, args.user, args.password)
            for path in args.paths:
                page.goto(args.base + path)
                page.wait_for_load_state("networkidle")
                target = out / f"{slug(path)}-{size_name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
