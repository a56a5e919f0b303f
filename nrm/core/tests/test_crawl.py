"""Every page each role reaches from its menu (and the main forms with their errors shown), at
phone and desktop width, on the demo data: the page never gets wider than the screen, and
axe-core (at the phone width) finds nothing serious or critical. One browser and one demo
database for the crawl."""

from __future__ import annotations

import pytest

from nrm.core.registry import demo_loaders
from nrm.testing.crawl import AXE_WIDTH, ROLES, WIDTHS, visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)  # two tests, that parallel workers share
def test_every_page_fits_the_screen_and_passes_axe(browser, live_server, width):
    for _label, load in demo_loaders():
        load()
    report = visit_all(browser, live_server.url, widths=(width,))
    summary = report.summary()
    print(summary)  # the figures for the record (pytest -s)
    for role in ROLES:
        assert any(who == role for who, _path in report.pages), f"{role} crawled nothing"
    assert len(report.pages) >= 60
    assert {r.width for r in report.results} == {width}
    assert all(r.axe_run == (r.width == AXE_WIDTH) for r in report.results)
    assert not report.too_wide(), summary["too_wide"]
    assert not report.with_findings(), summary["serious_or_critical"]
