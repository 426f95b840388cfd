"""Search as readers use it, typed key by key in real Chromium: on the
served site and in the offline edition opened from the file system. Each
query's expected page must be among the first three results."""

from __future__ import annotations

import pytest

from browser_fixtures import PHONE, foreign_requests, search_results

pytestmark = pytest.mark.browser

# (what a reader types, the page that must come in the first three: its clean URL)
QUERIES = [
    ("European Partnership", "programmes/epnk/"),           # an expansion finds its abbreviation
    ("CLU", "programmes/clu/"),                             # an abbreviation finds what it stands for
    ("Comparative Learning Unit", "programmes/clu/"),
    ("EPNK", "programmes/epnk/"),
    ("SCA", "meetings/london-2014/groups/epnk-sca/"),
    ("Unheard Voices", "programmes/unheard-voices/"),        # programme names from the metadata
    ("Parts of a Circle", "programmes/parts-of-a-circle/"),
    ("journalists", "meetings/london-2014/groups/unheard-voices-media-experts/"),  # a participant group by what it is
    ("International Alert", "organisations/international-alert/"),  # organisation names
    ("Conciliation Resources", "organisations/conciliation-resources/"),
    ("people-to-people contact", "meetings/london-2014/messages/people-to-people-contact/"),  # messages above passing mentions
    ("do no harm", "meetings/london-2014/messages/flexibility-do-no-harm/"),
    ("dialogue within societies", "meetings/london-2014/messages/dialogue-within-societies/"),
    ("mitigate tension", "meetings/london-2014/messages/maintain-contact-mitigate-tension/"),
    ("Nagorno-Karabakh", "glossary/nk/"),
    ("Basque Country", "programmes/clu/"),                  # words in a page's body
    ("documentary film", "programmes/parts-of-a-circle/"),
    ("operational constraints", "meetings/london-2014/"),
]


def offline_address(edition, clean: str) -> str:
    """The offline edition names files: `programmes/clu/` -> `programmes/clu.html`,
    `meetings/london-2014/` (a folder's index page) -> `meetings/london-2014/index.html`."""
    if (edition / clean / "index.html").is_file():
        return clean + "index.html"
    return clean[:-1] + ".html"


def check_queries(page, expected_address) -> list[str]:
    misses = []
    for query, expected in QUERIES:
        top = search_results(page, query)[:3]
        if expected_address(expected) not in top:
            misses.append(f"{query!r}: expected {expected_address(expected)} in the first three, got {top}")
    return misses


def test_search_finds_what_readers_type(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    assert check_queries(page, lambda clean: clean) == []
    assert foreign_requests(browser_context.watch.requests, site_server) == []
    assert browser_context.watch.console_errors == []


def test_search_highlights_the_query_on_the_result_page(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    search_results(page, "Basque Country")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_selector("article mark")
    assert "basque" in page.inner_text("article mark").casefold()


def test_search_suggests_a_completion(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type("peacebuil")
    page.wait_for_function("() => document.querySelector('.md-search__suggest').textContent.trim().length > 0")
    assert page.inner_text(".md-search__suggest").casefold().startswith("peacebuil")


def test_search_works_on_a_phone(site_server, chromium):
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        assert "programmes/clu/" in search_results(page, "CLU")[:3]
    finally:
        context.close()


def test_offline_edition_search_from_the_file_system(offline_edition, browser_context):
    start = offline_edition / "index.html"
    page = browser_context.new_page()
    page.goto(start.as_uri(), wait_until="load")
    assert check_queries(page, lambda clean: offline_address(offline_edition, clean)) == []
    watch = browser_context.watch
    assert [url for url in watch.requests if not url.startswith("file://")] == []
    assert watch.console_errors == [] and watch.page_errors == []
    assert page.evaluate("window.__cspViolations") == []
