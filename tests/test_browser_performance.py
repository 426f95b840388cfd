"""What stands before the first paint: no request blocks it but Material's
stylesheets and our one reading stylesheet (as Chromium reports it); no
script holds up the parser before the page's content but the inline ones;
at the very end, after all the content, come Material's bundle and the
search shim that must run before it, where Material's default set-up has
its bundle. (How fast pages are is measured by scripts/bench.py, not here.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinyhtml5

from browser_fixtures import PHONE

pytestmark = pytest.mark.browser

PAGES = ["", "meetings/london-2014/report/", "meetings/london-2014/groups/clu-experts/",
         "meetings/london-2014/messages/people-to-people-contact/"]
HTML = "{http://www.w3.org/1999/xhtml}"


def parser_blocking_scripts(page: Path) -> tuple[list[str], list[str]]:
    """The page's external scripts that hold up the parser (neither deferred
    nor async): those before some of its content, and those after all of it."""
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    body = tree.find(f"{HTML}body")
    children = list(body)
    last_content = max(index for index, child in enumerate(children) if child.tag != f"{HTML}script")
    before, after = [], []
    for element in tree.iter(f"{HTML}script"):
        if element.get("src") is None or element.get("defer") is not None or element.get("async") is not None:
            continue
        at_the_end = any(element is child for child in children[last_content + 1:])
        (after if at_the_end else before).append(element.get("src"))
    return before, after


@pytest.mark.parametrize("path", PAGES)
def test_nothing_but_the_stylesheets_stands_before_the_content(built_site, site_server, chromium, path):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server + path, wait_until="load")
        blocking = page.evaluate("performance.getEntriesByType('resource')"
                                 ".filter(entry => entry.renderBlockingStatus === 'blocking')"
                                 ".map(entry => new URL(entry.name).pathname)")
        names = sorted(Path(address).name.split(".")[0] for address in blocking)
        # Chromium counts the two scripts at the end of the body too (as it does Material's own
        # bundle in the default set-up), though it paints the content above them first.
        assert names == ["bundle", "lazy-search", "main", "palette", "reading"], blocking
        # Print styles are fetched but wait for print.
        assert page.locator("link[rel=stylesheet][href$='print.css']").get_attribute("media") == "print"
    finally:
        context.close()
    before, after = parser_blocking_scripts(built_site / path / "index.html")
    assert before == []
    assert [Path(src).name.split(".")[0] for src in after] == ["lazy-search", "bundle"], after


def test_offline_edition_stands_no_more_before_its_content(offline_edition):
    page = offline_edition / "meetings" / "london-2014" / "report.html"
    before, after = parser_blocking_scripts(page)
    assert before == []
    assert [Path(src).name.split(".")[0] for src in after] == ["file-worker", "bundle"], after
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    stylesheets = [link.get("href").split("/")[-1].split(".")[0] for link in tree.iter(f"{HTML}link")
                   if link.get("rel") == "stylesheet" and link.get("media") != "print"]
    assert sorted(stylesheets) == ["main", "palette", "reading"], stylesheets
