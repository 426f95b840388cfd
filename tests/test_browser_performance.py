"""What stands before the first paint, as Chromium sees it: no request
blocks it but Material's stylesheets and our one reading stylesheet, and
no script but the inline ones holds up the parser.
(How fast pages are is measured by scripts/bench.py, not here.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_fixtures import PHONE

pytestmark = pytest.mark.browser

PAGES = ["", "meetings/london-2014/report/", "meetings/london-2014/groups/clu-experts/",
         "meetings/london-2014/messages/people-to-people-contact/"]

# External scripts that hold up the parser (neither deferred nor async).
PARSER_BLOCKING_SCRIPTS = """() => [...document.querySelectorAll("script[src]")]
  .filter(s => !s.defer && !s.async).map(s => s.getAttribute("src"))"""


@pytest.mark.parametrize("path", PAGES)
def test_only_the_stylesheets_block_the_first_paint(site_server, chromium, path):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server + path, wait_until="load")
        blocking = page.evaluate("performance.getEntriesByType('resource')"
                                 ".filter(entry => entry.renderBlockingStatus === 'blocking')"
                                 ".map(entry => new URL(entry.name).pathname)")
        names = sorted(Path(address).name.split(".")[0] for address in blocking)
        assert names == ["main", "palette", "reading"], blocking
        # Print styles are fetched but wait for print.
        assert page.locator("link[rel=stylesheet][href$='print.css']").get_attribute("media") == "print"
        assert page.evaluate(PARSER_BLOCKING_SCRIPTS) == []
        # The two deferred scripts at the very end: the search shim, then Material's bundle.
        last = page.eval_on_selector_all("body > script[src]", "scripts => scripts.map(s => s.getAttribute('src'))")
        assert last[-1].split("/")[-1].startswith("bundle.") and last[-2].endswith("lazy-search.js"), last
    finally:
        context.close()


def test_offline_edition_blocks_its_first_paint_no_more(offline_edition, chromium):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto((offline_edition / "meetings" / "london-2014" / "report.html").as_uri(), wait_until="load")
        assert page.evaluate(PARSER_BLOCKING_SCRIPTS) == []
        head = page.eval_on_selector_all("head link[rel=stylesheet]:not([media=print])",
                                         "links => links.map(l => l.getAttribute('href').split('/').pop().split('.')[0])")
        assert sorted(head) == ["main", "palette", "reading"], head
        last = page.eval_on_selector_all("body > script[src]", "scripts => scripts.map(s => s.getAttribute('src'))")
        assert last[-1].split("/")[-1].startswith("bundle.") and last[-2].endswith("file-worker.js"), last
    finally:
        context.close()
