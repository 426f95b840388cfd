"""Reading and searching each language edition in Chromium, online and from
the unpacked offline zip: readers' queries in Russian, Armenian and
Azerbaijani find the right pages in the first three results, the report
first for its own words on every engine (lunr and Pagefind online, lunr
offline), a query in another alphabet is offered the edition written in
it, and the switcher leads to the same page in the other language."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser_fixtures import csp_violations, foreign_requests, search_results

pytestmark = pytest.mark.browser

REPORT = "meetings/london-2014/report/"
CONTACT = "meetings/london-2014/messages/people-to-people-contact/"
DIALOGUE = "meetings/london-2014/messages/dialogue-within-societies/"

# (edition, what a reader types, a page the first three results must hold)
QUERIES = [
    ("ru", "миростроительство", REPORT),  # the report has "миростроительства", "миростроительству"
    ("ru", "контакты между людьми", CONTACT),
    ("ru", "линия фронта", REPORT),  # "на линии фронта"
    # The edition writes its tags in its own words: "dialogue" is a tag of the two messages on it,
    # which the word names (ranking key 3), found whole there and only with its article in the report.
    ("hy", "երկխոսություն", DIALOGUE),
    ("hy", "արժեք", REPORT),  # "արժեքներ"
    ("hy", "շփումը կենսական է", CONTACT),
    ("hy", "հրադադարից", REPORT),
    ("az", "sülh quruculuğu", REPORT),  # "sülh quruculuğunun", "sülh quruculuğu"
    ("az", "insanlar arasında əlaqə", CONTACT),
    ("az", "atəşkəs", REPORT),  # "atəşkəsdən"
    ("en", "ceasefire", REPORT),
]


def offline_address(path: str) -> str:
    """A page's file in the offline edition: `meetings/x/` -> `meetings/x.html`."""
    return path[:-1] + ".html" if path.endswith("/") else path + "index.html"


@pytest.mark.parametrize(("edition", "query", "expected"), QUERIES)
def test_a_readers_query_finds_the_page_online(browser_context, edition_server, edition, query, expected):
    page = browser_context.new_page()
    prefix = "" if edition == "en" else edition + "/"
    page.goto(edition_server + prefix)
    results = search_results(page, query)
    assert expected in results[:3], results
    # Each edition searches its own pages: every result is under its root.
    assert not any(address.startswith(("../", "http", "ru/", "hy/", "az/")) for address in results), results
    assert csp_violations(page) == [] and foreign_requests(browser_context.watch.requests, edition_server) == []


# Words of the report, in each language: the report comes first for them.
REPORT_WORDS = [(edition, query) for edition, query, expected in QUERIES if expected == REPORT]


@pytest.mark.parametrize("engine", ["online lunr", "online Pagefind", "offline zip lunr"])
@pytest.mark.parametrize(("edition", "query"), REPORT_WORDS)
def test_the_report_comes_first_for_its_own_words_on_every_engine(request, browser_context, engine, edition, query):
    """Online, an edition searches with lunr or Pagefind, whichever the build
    found lighter (report_site.pagefind_search; lunr on a site this small, so
    Pagefind's own build is made to choose it); the offline zip with lunr."""
    page = browser_context.new_page()
    prefix = "" if edition == "en" else edition + "/"
    if engine == "online lunr":
        page.goto(request.getfixturevalue("edition_server") + prefix)
        expected = REPORT
    elif engine == "online Pagefind":
        page.goto(request.getfixturevalue("pagefind_server") + prefix)
        expected = REPORT
    else:
        page.goto((request.getfixturevalue("edition_offline") / prefix / "index.html").as_uri())
        expected = offline_address(REPORT)
    assert search_results(page, query)[:1] == [expected]
    searched = [url for url in browser_context.watch.requests if "/pagefind/" in url or "search_index" in url]
    # Each engine is the one it says: Pagefind's bundle, or lunr's index.
    assert searched and all(("/pagefind/" in url) == (engine == "online Pagefind") for url in searched), searched
    assert csp_violations(page) == [] and browser_context.watch.console_errors == []


def test_a_result_from_a_page_not_translated_yet_is_marked_english(browser_context, edition_server):
    """About is not translated into Russian in this suite's fixtures: its
    results' titles and snippets are English, marked lang="en" as the page
    is; a result from the translated report is not marked."""
    page = browser_context.new_page()
    page.goto(edition_server + "ru/")
    results = search_results(page, "Editorial policy")
    assert results and results[0] == "about/", results
    first = page.locator(".md-search-result__item").first
    assert first.locator('h1 > span[lang="en"], h2 > span[lang="en"]').first.inner_text().strip() == "About this edition"
    languages = page.eval_on_selector_all(
        ".md-search-result__item:first-child article",
        "articles => articles.map(a => (a.querySelector('span[lang]') || {}).lang || '')")
    assert set(languages) == {"en"}, languages
    search_results(page, "миростроительство")
    report = page.locator(".md-search-result__item").first
    assert report.locator("a").first.get_attribute("href").split("?")[0].split("#")[0].endswith(REPORT)
    assert report.locator("span[lang]").count() == 0


@pytest.mark.parametrize(("edition", "query", "expected"), [q for q in QUERIES if q[0] != "en"])
def test_a_readers_query_finds_the_page_offline(browser_context, edition_offline, edition, query, expected):
    page = browser_context.new_page()
    page.goto((edition_offline / edition / "index.html").as_uri())
    results = search_results(page, query)
    assert offline_address(expected) in results[:3], results
    assert csp_violations(page) == [] and foreign_requests(browser_context.watch.requests, edition_offline.as_uri()) == []


def test_a_query_in_another_alphabet_is_offered_the_edition_written_in_it(browser_context, edition_server):
    page = browser_context.new_page()
    page.goto(edition_server + "ru/")
    assert search_results(page, "Երկխոսություն ներսում") == []
    offer = page.locator(".search-help__other-script")
    offer.wait_for(state="visible")
    shown = page.locator(".search-help__edition:not([hidden])")
    assert shown.all_inner_texts() == ["Հայերեն"]
    # The same words, searched in the Armenian edition.
    assert shown.first.get_attribute("href") == "../hy/?q=" + quote("Երկխոսություն ներսում")
    # In the English edition, Cyrillic is offered the Russian edition.
    page.goto(edition_server)
    assert search_results(page, "Карабах переговоры") == []
    page.locator(".search-help__other-script").wait_for(state="visible")
    assert page.locator(".search-help__edition:not([hidden])").all_inner_texts() == ["Русский"]


@pytest.mark.parametrize("phone", [False, True])
def test_the_switcher_leads_to_the_same_page_in_another_language(chromium, edition_server, phone):
    context = chromium.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(edition_server + "ru/" + REPORT)
    page.locator(".md-header__option .md-select button").click()
    page.locator(".md-select__link[hreflang=hy]").click()
    page.wait_for_url(edition_server + "hy/" + REPORT)
    assert page.locator("html").get_attribute("lang") == "hy"
    assert page.locator("h1").first.inner_text().startswith("Հանդիպման հաշվետվությունը")
    context.close()
