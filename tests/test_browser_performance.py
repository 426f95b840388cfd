"""What stands before the first paint: no request blocks it but Material's
stylesheets and our one reading stylesheet (as Chromium reports it). No
script of a file holds up the parser before any of the page's content: in
the head and among the content every one is deferred (the palette's runs
inline, allowed by its hash). Scripts that must run in order before
Material's bundle (the search shim and ranking) stand with it at the very
end of the body, after all the content, where Material's default set-up
has its bundle. (How fast pages are is measured by scripts/bench.py, not
here.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import tinyhtml5

from browser_fixtures import PHONE

pytestmark = pytest.mark.browser

PAGES = ["", "meetings/london-2014/report/", "meetings/london-2014/groups/clu-experts/",
         "meetings/london-2014/messages/people-to-people-contact/"]
HTML = "{http://www.w3.org/1999/xhtml}"


def parser_blocking_scripts(page: Path) -> tuple[list[str], list[str]]:
    """The page's external scripts that hold up the parser (neither deferred
    nor async): those before some of its content, and those after all of it.
    A <template> is no content: nothing of it renders."""
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    body = tree.find(f"{HTML}body")
    children = list(body)
    last_content = max(index for index, child in enumerate(children)
                       if child.tag not in (f"{HTML}script", f"{HTML}template"))
    before, after = [], []
    for element in tree.iter(f"{HTML}script"):
        if element.get("src") is None or element.get("defer") is not None or element.get("async") is not None:
            continue
        at_the_end = any(element is child for child in children[last_content + 1:])
        (after if at_the_end else before).append(element.get("src"))
    return before, after


def name(address: str) -> str:
    """bundle for .../bundle.a5f9d56c.min.js."""
    return Path(address).name.split(".")[0]


def test_the_reader_of_parser_blocking_scripts_tells_before_from_after(tmp_path):
    """The tests below are only as good as this: a script in the head or
    among the content is before it, one after the last content (an inert
    <template> aside) is after, deferred and inline ones are neither."""
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html><head><script src="head.js"></script><script src="d.js" defer></script>'
                    '<script>inline()</script></head><body><p>text</p><script src="middle.js"></script><div>more</div>'
                    '<script src="end.js"></script><template><p>help</p></template>'
                    '<script src="late.js" async></script></body></html>', encoding="utf-8")
    assert parser_blocking_scripts(page) == (["head.js", "middle.js"], ["end.js"])


@pytest.mark.parametrize("path", PAGES)
def test_nothing_but_the_stylesheets_stands_before_the_content(built_site, site_server, chromium, path):
    before, at_the_end = parser_blocking_scripts(built_site / path / "index.html")
    assert before == [], "a script holds up the parser before some of the content"
    assert at_the_end and name(at_the_end[-1]) == "bundle", at_the_end
    url = site_server + path
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        blocking = page.evaluate("performance.getEntriesByType('resource')"
                                 ".filter(entry => entry.renderBlockingStatus === 'blocking')"
                                 ".map(entry => new URL(entry.name).pathname)")
        # Print styles are fetched but wait for print.
        assert page.locator("link[rel=stylesheet][href$='print.css']").get_attribute("media") == "print"
    finally:
        context.close()
    stylesheets = sorted(name(address) for address in blocking if address.endswith(".css"))
    scripts = sorted(address for address in blocking if address.endswith(".js"))
    assert len(stylesheets) + len(scripts) == len(blocking), blocking
    assert stylesheets == ["main", "palette", "reading"], blocking
    # Chromium counts the scripts at the end of the body as blocking too (as it does Material's own
    # bundle in the default set-up), though it paints the content above them first: those, no other.
    assert scripts == sorted(urlsplit(urljoin(url, src)).path for src in at_the_end), blocking


def test_offline_edition_stands_no_more_before_its_content(offline_edition):
    page = offline_edition / "meetings" / "london-2014" / "report.html"
    before, at_the_end = parser_blocking_scripts(page)
    assert before == [], "a script holds up the parser before some of the content"
    assert at_the_end and name(at_the_end[-1]) == "bundle", at_the_end
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    stylesheets = [name(link.get("href")) for link in tree.iter(f"{HTML}link")
                   if link.get("rel") == "stylesheet" and link.get("media") != "print"]
    assert sorted(stylesheets) == ["main", "palette", "reading"], stylesheets
