"""Every page each role reaches from its menu (and the main forms with their errors shown), at
phone and desktop width, on the demo data: the page never gets wider than the screen, and
axe-core (at the phone width) finds nothing serious or critical. A test per width and visitor
(the public, then each role), so that parallel workers share the crawl; one browser and the demo
database restored for each."""

from __future__ import annotations

import pytest

from nrm.testing.crawl import AXE_WIDTH, ROLES, WIDTHS, visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MINIMUM_PAGES = 2  # the home page and at least one page of the menu


@pytest.mark.parametrize("who", ["public", *ROLES])
@pytest.mark.parametrize("width", WIDTHS)  # a test per width and role, that workers share
def test_every_page_fits_the_screen_and_passes_axe(browser, live_server, demo_database, width, who):
    demo_database.restore_demo()  # the transactional test's end empties the database again
    roles = () if who == "public" else (who,)
    report = visit_all(browser, live_server.url, roles, widths=(width,), public=who == "public")
    summary = report.summary()
    print(summary)  # the figures for the record (pytest -s)
    assert {visitor for visitor, _path in report.pages} == {who}
    assert len(report.pages) >= MINIMUM_PAGES, report.pages
    assert {r.width for r in report.results} == {width}
    assert all(r.axe_run == (r.width == AXE_WIDTH) for r in report.results)
    assert not report.too_wide(), summary["too_wide"]
    assert not report.with_findings(), summary["serious_or_critical"]
