"""What stands before the first paint: no request blocks it but Material's
stylesheets and our one reading stylesheet (as Chromium reports it). No
script of a file holds up the parser before any of the page's content: in
the head and among the content every one is deferred (the palette's runs
inline, allowed by its hash). Material's bundle, and the scripts that must
run in order before it (the search shim and ranking), wait in a <template>
until the reader first uses the page (load-on-use.js): a page that is only
read never fetches them. What is out of sight at load (the closed drawer,
the closed list of editions) is not laid out until shown. (How fast pages
are is measured by scripts/bench.py, not here.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import tinyhtml5

from browser_fixtures import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = ["", "meetings/london-2014/report/", "meetings/london-2014/groups/clu-experts/",
         "meetings/london-2014/messages/people-to-people-contact/"]
HTML = "{http://www.w3.org/1999/xhtml}"


def parser_blocking_scripts(page: Path) -> tuple[list[str], list[str]]:
    """The page's external scripts that hold up the parser (neither deferred
    nor async): those before some of its content, and those after all of it.
    A <template> is no content: nothing of it renders, or runs."""
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    body = tree.find(f"{HTML}body")
    children = list(body)
    last_content = max(index for index, child in enumerate(children)
                       if child.tag not in (f"{HTML}script", f"{HTML}template"))
    inert = {id(script) for template in tree.iter(f"{HTML}template") for script in template.iter(f"{HTML}script")}
    before, after = [], []
    for element in tree.iter(f"{HTML}script"):
        if id(element) in inert or element.get("src") is None or element.get("defer") is not None or element.get("async") is not None:
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
                    '<script src="end.js"></script><template><p>help</p><script src="inert.js"></script></template>'
                    '<script src="late.js" async></script></body></html>', encoding="utf-8")
    assert parser_blocking_scripts(page) == (["head.js", "middle.js"], ["end.js"])


def scripts_loaded_on_use(page: Path) -> list[str]:
    """The scripts listed in the page's <template id="report-load-on-use">,
    in order: what load-on-use.js copies into the page on first use."""
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    lists = [element for element in tree.iter(f"{HTML}template") if element.get("id") == "report-load-on-use"]
    assert len(lists) == 1, "one list of scripts loaded on first use"
    return [script.get("src") for script in lists[0].iter(f"{HTML}script")]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_but_the_stylesheets_stands_before_the_content(built_site, site_server, chromium, path):
    before, at_the_end = parser_blocking_scripts(built_site / path / "index.html")
    assert before == [], "a script holds up the parser before some of the content"
    assert at_the_end == [], "a script holds up the parser after the content"
    on_use = scripts_loaded_on_use(built_site / path / "index.html")
    assert on_use and name(on_use[-1]) == "bundle", on_use
    url = site_server + path
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(200)
        resources = page.evaluate("performance.getEntriesByType('resource')"
                                  ".map(entry => [new URL(entry.name).pathname, entry.renderBlockingStatus])")
        # Print styles are fetched but wait for print.
        assert page.locator("link[rel=stylesheet][href$='print.css']").get_attribute("media") == "print"
        assert "no-js" in page.evaluate("document.documentElement.className")
        # The first scroll brings Material's bundle, which takes "no-js" off the page.
        page.mouse.wheel(0, 300)
        page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
        later = page.evaluate("performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname)")
    finally:
        context.close()
    blocking = [address for address, status in resources if status == "blocking"]
    stylesheets = sorted(name(address) for address in blocking if address.endswith(".css"))
    assert len(stylesheets) == len(blocking), blocking
    assert stylesheets == ["main", "palette", "reading"], blocking
    # A page that is only read never fetches Material's bundle or the search scripts; the first scroll does.
    loaded = {address for address, _ in resources}
    listed = {urlsplit(urljoin(url, src)).path for src in on_use}
    assert not loaded & listed, sorted(loaded & listed)
    assert listed <= set(later), sorted(listed - set(later))


def test_offline_edition_stands_no_more_before_its_content(offline_edition):
    page = offline_edition / "meetings" / "london-2014" / "report.html"
    before, at_the_end = parser_blocking_scripts(page)
    assert before == [] and at_the_end == [], "a script holds up the parser"
    on_use = scripts_loaded_on_use(page)
    assert on_use and name(on_use[-1]) == "bundle", on_use
    assert "file-worker" in [name(src) for src in on_use]
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    stylesheets = [name(link.get("href")) for link in tree.iter(f"{HTML}link")
                   if link.get("rel") == "stylesheet" and link.get("media") != "print"]
    assert sorted(stylesheets) == ["main", "palette", "reading"], stylesheets


def layout_objects(page) -> int:
    """How many boxes Chromium has laid out on the page (DevTools' metric)."""
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable")
    metrics = {metric["name"]: metric["value"] for metric in session.send("Performance.getMetrics")["metrics"]}
    session.detach()
    return int(metrics["LayoutObjects"])


def rendered(page, selector: str) -> bool:
    """Whether the first match is rendered: false inside content-visibility: hidden."""
    return page.evaluate("selector => document.querySelector(selector).checkVisibility()", selector)


def test_the_closed_drawer_and_list_of_editions_are_not_laid_out_until_shown(site_server, chromium):
    """On a phone the closed drawer and the closed list of editions cost no
    style or layout at load (content-visibility), and come whole when opened;
    on a desktop, where the navigation is a sidebar, it is laid out at once."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
        links = page.locator(".md-nav--primary a.md-nav__link").count()
        assert links > 20, links
        assert not rendered(page, ".md-nav--primary a.md-nav__link")
        assert not rendered(page, ".md-select__link")
        closed = layout_objects(page)
        # Keyboard users do not wander through links that are off screen.
        page.keyboard.press("Tab")
        for _ in range(12):
            assert not page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
            page.keyboard.press("Tab")
        page.locator("button.report-drawer-button").click()
        page.wait_for_timeout(300)  # the slide: no test of time, only of what is then shown
        assert page.locator(".md-nav--primary a[href='../source-text/']").first.is_visible()
        opened = layout_objects(page)
        assert opened - closed >= links, (closed, opened, links)
        # Closing (Escape and the menu button untick the drawer's checkbox), the
        # drawer's content stays while it slides out, then goes. Looked at in
        # the same task as the closing: a busy machine cannot make it late.
        assert page.evaluate("""() => {
            document.getElementById('__drawer').click();
            return document.querySelector('.md-nav--primary a.md-nav__link').checkVisibility();
        }""")
        page.wait_for_function("() => !document.querySelector('.md-nav--primary a.md-nav__link').checkVisibility()")
        page.locator(".md-select button").click()
        assert page.locator(".md-select__link[hreflang=ru]").is_visible()
    finally:
        context.close()
    context = chromium.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
        assert page.locator(".md-nav--primary a[href='../source-text/']").first.is_visible()
        assert not rendered(page, ".md-select__link")
        page.locator(".md-select button").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('.md-select__link[hreflang=en]')")
        assert page.locator(".md-select__link[hreflang=az]").is_visible()
    finally:
        context.close()
