"""Breadcrumbs on a phone: a meeting whose navigation title is long (the
schema allows 60 characters) wraps onto a second line rather than scroll
sideways behind a scrollbar, and the whole title stays on the page, in the
breadcrumb link's accessible name too, and links on two rows stay apart
enough to tap. Where the steps fit (a desktop), they stay on one line.
The repository's own Russian and Armenian meeting names wrap on a phone
too: the axe test of every page (test_browser_pages) covers them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from browser_fixtures import DESKTOP, PHONE, served
from report_site.publish import build
from support import DATA, DOCS, edit

pytestmark = pytest.mark.browser

LONG_TITLE = "EPNK exchange with parliamentarians and diplomats, 2011"
GROUP_PAGE = "meetings/epnk-exchange-2011/groups/eeas-diplomats/"

MEASURE = """() => {
  const path = document.querySelector("nav.md-path");
  const root = document.documentElement;
  const items = [...path.querySelectorAll(".md-path__item")].map(item => item.getBoundingClientRect());
  return {
    pathScroll: path.scrollWidth, pathWidth: path.clientWidth,
    pageScroll: root.scrollWidth, pageWidth: root.clientWidth,
    rightmost: Math.max(...items.map(box => box.right)),
    lowestLink: Math.min(...[...path.querySelectorAll("a")].map(link => link.getBoundingClientRect().height)),
    rows: new Set(items.map(box => Math.round(box.top))).size,
  };
}"""


@pytest.fixture(scope="module")
def long_title_server(tmp_path_factory) -> Iterator[str]:
    """A collection of two meetings, the second with a navigation title as
    long as the schema allows, its pages only, served."""
    root = tmp_path_factory.mktemp("long-title")
    docs = root / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    edit(docs, "meetings/epnk-exchange-2011/index.md",
         lambda text: re.sub(r"(?m)^nav_title: .*$", f'nav_title: "{LONG_TITLE}"', text, count=1))
    result = build(docs_dir=docs, site_dir=root / "site", steps=[])
    with served(result.site_dir) as url:
        yield url


def test_a_long_meeting_title_wraps_in_the_breadcrumbs_on_a_phone(long_title_server, chromium):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(long_title_server + GROUP_PAGE)
        measured = page.evaluate(MEASURE)
        assert measured["pathScroll"] <= measured["pathWidth"], f"the breadcrumbs scroll sideways: {measured}"
        assert measured["pageScroll"] <= measured["pageWidth"], f"the page scrolls sideways: {measured}"
        assert measured["rightmost"] <= PHONE["width"], f"a step lies beyond the screen: {measured}"
        assert measured["rows"] >= 2, "the steps did not wrap, so the test measured nothing long"
        # Links on two rows: each 24 px high at least, or their touch targets overlap (axe: target-size).
        assert measured["lowestLink"] >= 24, measured
        breadcrumbs = page.get_by_role("navigation", name="Breadcrumbs")
        assert LONG_TITLE in " ".join(breadcrumbs.inner_text().split())
        link = breadcrumbs.get_by_role("link", name=LONG_TITLE, exact=True)
        assert link.count() == 1 and link.is_visible()
        assert breadcrumbs.get_by_role("link", name="Participant groups").is_visible()
    finally:
        context.close()


def test_breadcrumbs_that_fit_stay_on_one_line(long_title_server, chromium):
    context = chromium.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        for address in (GROUP_PAGE, "meetings/london-2014/messages/people-to-people-contact/"):
            page.goto(long_title_server + address)
            measured = page.evaluate(MEASURE)
            assert measured["rows"] == 1 and measured["pathScroll"] <= measured["pathWidth"], (address, measured)
    finally:
        context.close()
