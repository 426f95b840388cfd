"""The not-found page, served as a static host serves it (the site's
404.html, status 404) for a missing address at any depth: it says what
happened, its styles load, its links lead home, and it offers search."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from browser_fixtures import PHONE, foreign_requests, search_results

pytestmark = pytest.mark.browser

DEEP_MISSING = ["missing", "a/b/c/missing", "meetings/london-2014/report/no-such-section/"]
REPORT = "meetings/london-2014/report/"


def open_missing(context, site_server: str, path: str):
    """The page a reader sees at a missing address, and every response it caused."""
    page = context.new_page()
    responses: list[tuple[str, int]] = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    document = page.goto(site_server + path, wait_until="networkidle")
    return page, document, responses


@pytest.mark.parametrize("path", DEEP_MISSING)
def test_missing_address_says_not_found_with_its_styles(site_server, browser_context, path):
    page, document, responses = open_missing(browser_context, site_server, path)
    assert document.status == 404
    assert page.title().startswith("Page not found")
    assert page.inner_text("article h1") == "Page not found"
    assert "no page at this address" in page.inner_text("article")
    # Every stylesheet and script the page asks for arrives, from any depth.
    assets = [(url, status) for url, status in responses if url != site_server + path]
    assert assets and all(status == 200 for _, status in assets), assets
    assert any(url.endswith(".css") for url, _ in assets)
    # Material's stylesheet is applied: the header is laid out, not a plain list.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary') || document.body).display") != "inline"
    assert foreign_requests(browser_context.watch.requests, site_server) == []
    assert browser_context.watch.page_errors == []


@pytest.mark.parametrize("path", DEEP_MISSING)
def test_every_link_of_the_not_found_page_leads_somewhere(site_server, browser_context, path):
    page, _, _ = open_missing(browser_context, site_server, path)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    targets = {urljoin(site_server + path, href).split("#")[0] for href in hrefs}
    targets = {target for target in targets if target.startswith(site_server)}
    assert site_server in targets
    broken = [target for target in sorted(targets) if page.request.get(target).status != 200]
    assert broken == []


def test_home_link_goes_home(site_server, browser_context):
    page, _, _ = open_missing(browser_context, site_server, "a/b/c/missing")
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(site_server)
    assert page.locator(".md-content h1").count() == 1 and "Page not found" not in page.title()


def test_not_found_page_offers_search(site_server, browser_context):
    page, _, _ = open_missing(browser_context, site_server, "a/b/c/missing")
    page.get_by_label("Search this site").fill("ceasefire")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(re.escape(site_server) + r"\?q=ceasefire$"))
    page.wait_for_selector(".md-search-result__item")
    first = page.eval_on_selector(".md-search-result__item a", "link => link.href")
    assert first.startswith(site_server + REPORT)


def test_header_search_works_from_a_deep_missing_address(site_server, browser_context):
    page, _, _ = open_missing(browser_context, site_server, "a/b/c/missing")
    assert search_results(page, "CLU")[:2] == [REPORT, "programmes/clu/"]
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(re.escape(site_server + REPORT)))


def test_not_found_page_on_a_phone(site_server, chromium):
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        document = page.goto(site_server + "a/b/c/missing", wait_until="networkidle")
        assert document.status == 404
        assert page.get_by_role("link", name="Go to the home page").is_visible()
        field = page.get_by_label("Search this site")
        assert field.is_visible() and field.bounding_box()["height"] >= 44
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_offline_edition_leaves_the_not_found_page_out(offline_edition):
    assert not (offline_edition / "404.html").exists()
    assert (offline_edition / "index.html").is_file()
