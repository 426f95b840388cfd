"""Material's bundle and the scripts that run before it come on first use
(overrides/assets/javascripts/report/load-on-use.js): a page that is only
read never fetches them, and what a reader does before they arrive is not
lost. The bundle's response is held back here, as a slow connection would,
so that each test acts while it is still on its way."""

from __future__ import annotations

import pytest

from browser_fixtures import PHONE, csp_violations

pytestmark = pytest.mark.browser

REPORT = "meetings/london-2014/report/"
ON_USE = ("/bundle.", "/search-ranking.js", "/lazy-search.js", "/alternate-links.js")


def held_bundle(context) -> list:
    """Hold every request for Material's bundle until the test lets it go."""
    held: list = []
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    return held


def release(page, held: list) -> None:
    page.wait_for_function("() => document.querySelectorAll('script[src*=\"/bundle.\"]').length === 1")
    page.wait_for_timeout(100)
    assert len(held) == 1, "the bundle was requested once"
    held.pop().continue_()
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def bundle_requested(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in ON_USE)]


def test_a_page_only_read_fetches_neither_the_bundle_nor_search(site_server, chromium):
    context = chromium.new_context(viewport=PHONE)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(site_server + REPORT, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert bundle_requested(requests) == []
        assert page.evaluate("document.documentElement.className.split(' ').sort()") == ["no-js", "report-js"]
        # What works without the bundle is there: the palette's button, search's button, the drawer's.
        assert page.locator(".report-palette-button:visible").count() == 1
        assert page.locator("button.report-search-button").is_visible()
        page.locator("button.report-drawer-button").click()
        assert page.evaluate("document.getElementById('__drawer').checked")
    finally:
        context.close()


def test_words_typed_before_the_bundle_comes_are_searched_and_completed(site_server, browser_context):
    held = held_bundle(browser_context)
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type("peacebuil")
    assert page.evaluate("document.getElementById('__search').checked"), "focusing the field opened search"
    assert page.locator(".md-search-result__item").count() == 0
    release(page, held)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    page.wait_for_function("() => document.querySelector('.md-search__suggest').textContent.trim().length > 0")
    assert page.inner_text(".md-search__suggest").casefold() == "peacebuilding"
    assert csp_violations(page) == []
    assert browser_context.watch.console_errors == [] and browser_context.watch.page_errors == []


def test_search_keys_before_the_bundle_open_search_without_typing_themselves(site_server, browser_context):
    held = held_bundle(browser_context)
    page = browser_context.new_page()
    page.goto(site_server + REPORT, wait_until="load")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.input_value("input.md-search__input") == ""
    page.keyboard.type("ceasefire")
    release(page, held)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert page.evaluate("new URL(document.querySelector('.md-search-result__item a').href).pathname").endswith(REPORT)


def test_next_page_key_before_the_bundle(site_server, browser_context):
    held_bundle(browser_context)  # never let go: the key works without it
    page = browser_context.new_page()
    page.goto(site_server + REPORT, wait_until="load")
    following = page.evaluate("document.querySelector('link[rel=next]').href")
    page.keyboard.press("n")
    page.wait_for_url(following)


def test_palette_switched_before_the_bundle_is_the_one_material_keeps(site_server, browser_context):
    held = held_bundle(browser_context)
    page = browser_context.new_page()
    page.goto(site_server + REPORT, wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator(".report-palette-button:visible").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.locator(".report-palette-button:visible").get_attribute("aria-label") == "Switch to the light palette"
    release(page, held)
    page.wait_for_timeout(300)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate", "Material kept the reader's choice"
    assert page.locator(".report-palette-button:visible").count() == 1
    # The next page paints in it before any script of a file has run.
    browser_context.unroute("**/assets/javascripts/bundle.*.min.js")
    browser_context.route("**/*.js", lambda route: route.abort())
    page.goto(site_server, wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"


def test_dark_system_gets_the_dark_palette_without_the_bundle(site_server, chromium):
    context = chromium.new_context(viewport=PHONE, color_scheme="dark")
    try:
        context.route("**/*.js", lambda route: route.abort())  # only the inline scripts run
        page = context.new_page()
        page.goto(site_server + REPORT, wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert page.locator(".report-palette-button:visible").get_attribute("aria-label") == "Switch to the light palette"
    finally:
        context.close()


def test_an_address_with_a_query_loads_search_at_once(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server + "?q=ceasefire", wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert page.evaluate("document.getElementById('__search').checked")


def test_a_bundle_that_cannot_come_is_said_and_fetched_again_on_the_next_use(site_server, browser_context):
    failures: list[str] = []
    fetched: list[str] = []

    def first_fails(route):
        fetched.append(route.request.url)
        if len(fetched) == 1:
            failures.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    browser_context.route("**/assets/javascripts/bundle.*.min.js", first_fails)
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => /could not load/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert "no-js" in page.evaluate("document.documentElement.className")
    # The scripts that came before the bundle ran once; the next use fetches only the bundle.
    ran_once = page.evaluate("""() => ['lazy-search', 'search-ranking'].map(name =>
        document.querySelectorAll(`body > script[src*="/${name}.js"]`).length)""")
    assert ran_once == [1, 1]
    page.keyboard.type("ceasefire")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert len(fetched) == 2 and len(failures) == 1
    assert page.evaluate("document.querySelectorAll('body > script[src*=\"/search-ranking.js\"]').length") == 1
