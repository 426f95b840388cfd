"""Every page in real Chromium: no request to anyone but the site, no console
error, no Content-Security-Policy violation, no finding by any of axe-core's
rules (WCAG 2.2 A to AAA, best practices, experimental rules) in the light
and the dark palette, on a phone and a desktop, also with search, the drawer
and a tooltip open; and what a keyboard reader needs from the buttons that
overrides/partials put where Material has labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_fixtures import DESKTOP, PHONE, csp_violations, foreign_requests, html_pages, page_address
from report_site import editions, security_policy

pytestmark = pytest.mark.browser

# axe-core from npm, pinned in package.json (scripts/setup.sh runs npm ci).
AXE_CORE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
# Pages of each kind on which the states a reader reaches are checked too.
STATE_PAGES = ["index.html", "meetings/london-2014/report/index.html",
               "meetings/london-2014/messages/continue-peacebuilding/index.html"]


@pytest.fixture(scope="session")
def axe_script() -> str:
    assert AXE_CORE.is_file(), f"{AXE_CORE} is missing: run scripts/setup.sh (npm ci)"
    script = AXE_CORE.read_text(encoding="utf-8")
    assert f"axe v{AXE_VERSION}" in script[:100], script[:100]
    return script


def axe_violations(page, axe_script: str, context: object = None, rules: list[str] | None = None) -> list[str]:
    """By default every rule axe-core has, enabled (AAA contrast and the
    experimental rules are off by default); violations as `rule: help at
    [targets]`."""
    # Colours are measured in the state a reader sees, not halfway through a
    # transition (a link's colour fading in as the page settles made
    # color-contrast-enhanced fail once in a CI run, never in the end state).
    page.wait_for_function("() => document.getAnimations().length === 0")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script)
    results = page.evaluate(
        """([context, only]) => {
          const rules = only || axe.getRules().map(rule => rule.ruleId);
          return axe.run(context || document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]})
            .then(results => ({rules: rules.length, violations: results.violations}));
        }""", [context, rules])
    assert rules or results["rules"] > 90, results["rules"]
    return [f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
            for violation in results["violations"]]


def open_search_with_results(page, phone: bool, query: str = "peace") -> None:
    if phone:
        page.click("button.report-search-button")
    else:
        page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    # Material fades the results in, and on a phone slides the search box in
    # over a growing backdrop (a tooltip may fade in under the pointer, too):
    # measure colours once the results are opaque and every transition has
    # ended, not halfway through one.
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'"
                           " && document.getAnimations().length === 0")


def open_drawer(page) -> None:
    page.click("button.report-drawer-button")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    page.wait_for_timeout(300)  # the drawer's slide; no test of time, only of what is then shown


def tab_to(page, selector: str, failure: str, presses: int = 12) -> None:
    """Press Tab until the element matching selector has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(failure)


def test_every_page_loads_nothing_foreign_and_logs_no_error(built_site, site_server, browser_context):
    pages = html_pages(built_site)
    assert len(pages) > 20, pages
    page = browser_context.new_page()
    problems = []
    for path in pages:
        page.goto(site_server + page_address(path), wait_until="load")
        # Search starts its worker and loads its index on first use: open it on every page.
        page.keyboard.press("/")
        page.keyboard.type("peace")
        page.wait_for_selector(".md-search-result__item", state="attached")
        for violation in csp_violations(page):
            problems.append(f"{path}: CSP: {violation}")
    watch = browser_context.watch
    problems += [f"request to another host: {url}" for url in foreign_requests(watch.requests, site_server)]
    problems += [f"console error: {message}" for message in watch.console_errors]
    problems += [f"page error: {error}" for error in watch.page_errors]
    assert any("search_index.json" in url for url in watch.requests), "search never loaded its index"
    assert problems == []


def test_the_site_stylesheets_are_read_as_written(site_server, browser_context):
    """The site's own stylesheets use no CSS nesting: a style rule that holds
    rules is a brace left open, after which Chromium reads every later rule
    as nested in that one selector, where none of them applies (a merge once
    did this to reading.css: the 404 page's search field lost its size)."""
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    sheets, nested = page.evaluate("""() => {
      const own = [...document.styleSheets].filter(sheet => sheet.href && !sheet.href.endsWith('.min.css'));
      const nested = [];
      const visit = (rules, href) => [...rules].forEach(rule => {
        if (rule instanceof CSSStyleRule && rule.cssRules.length) nested.push(`${href}: ${rule.selectorText}`);
        else if (rule.cssRules) visit(rule.cssRules, href);
      });
      own.forEach(sheet => visit(sheet.cssRules, sheet.href));
      return [own.map(sheet => sheet.href.split('/').pop()), nested];
    }""")
    assert "reading.css" in sheets and "print.css" in sheets, sheets
    assert nested == []


def edition_pages(site: Path, code: str) -> list[str]:
    """The HTML pages of one edition of a built site (English: those at the root)."""
    others = tuple(edition.prefix for edition in editions.all_editions() if not edition.reference)
    if code == editions.reference().code:
        return [path for path in html_pages(site) if not path.startswith(others)]
    return [path for path in html_pages(site) if path.startswith(editions.edition(code).prefix)]


@pytest.mark.parametrize("code", editions.codes())
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_passes_every_axe_rule(built_site, site_server, chromium, axe_script, scheme, viewport, code):
    """One browser context per palette, screen and edition, reused over the edition's pages
    (one test per edition, so that the two workers of a run share the work evenly)."""
    context = chromium.new_context(viewport=viewport, color_scheme=scheme)
    phone = viewport == PHONE
    try:
        page = context.new_page()
        violations = []
        expected = "slate" if scheme == "dark" else "default"
        pages = edition_pages(built_site, code)
        assert len(pages) > 10, pages
        for path in pages:
            page.goto(site_server + page_address(path), wait_until="load")
            assert page.get_attribute("body", "data-md-color-scheme") == expected, path
            violations += [f"{path}: {violation}" for violation in axe_violations(page, axe_script)]
        for path in STATE_PAGES if code == editions.reference().code else []:
            page.goto(site_server + page_address(path), wait_until="load")
            open_search_with_results(page, phone)
            violations += [f"{path} (search open, with results): {v}" for v in axe_violations(page, axe_script)]
            page.goto(site_server + page_address(path), wait_until="load")
            if phone:
                open_drawer(page)
                assert page.get_attribute("button.report-drawer-button", "aria-expanded") == "true"
                violations += [f"{path} (drawer open): {v}" for v in axe_violations(page, axe_script)]
            else:
                page.locator("article abbr").first.hover()
                page.wait_for_function("() => document.querySelector('.md-tooltip2--active')"
                                       " && getComputedStyle(document.querySelector('.md-tooltip2--active')).opacity === '1'")
                violations += [f"{path} (tooltip shown): {v}" for v in axe_violations(page, axe_script)]
                # The tooltip is hidden from screen readers (it repeats the
                # abbreviation's description), so axe skips it: its contrast
                # is checked on its own.
                page.evaluate("document.querySelector('.md-tooltip2--active').removeAttribute('aria-hidden')")
                violations += [f"{path} (tooltip's own contrast): {v}" for v in axe_violations(
                    page, axe_script, {"include": [".md-tooltip2--active"]}, ["color-contrast", "color-contrast-enhanced"])]
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


def test_palette_follows_the_system_and_the_toggle_is_a_button(site_server, chromium):
    context = chromium.new_context(viewport=DESKTOP, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        toggle = page.locator("[data-md-component=palette] button:visible")
        assert toggle.count() == 1
        assert toggle.get_attribute("aria-label") == toggle.get_attribute("title") == "Switch to the light palette"
        # Material's radio buttons stay, hidden: one control for a keyboard or screen-reader user.
        assert page.locator("[data-md-component=palette] input:visible").count() == 0
        # Enter switches once (not also through Material's own key handler),
        # and the focus moves to the button now shown.
        toggle.focus()
        page.keyboard.press("Enter")
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to the dark palette"
        page.keyboard.press("Enter")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        page.locator("[data-md-component=palette] button:visible").click()
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        # The choice is remembered on the next page (the inline palette script puts it back before painting).
        page.goto(site_server + "about/", wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
    finally:
        context.close()


def test_pages_declare_their_language_and_the_security_policy(built_site, site_server, browser_context):
    page = browser_context.new_page()
    for path in ["index.html", "meetings/london-2014/report/index.html", "404.html"]:
        page.goto(site_server + page_address(path), wait_until="load")
        assert page.get_attribute("html", "lang") == "en", path
        policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert page.get_attribute("meta[name=referrer]", "content") == "no-referrer", path
        # The only inline scripts are the two that must run before the first paint,
        # each allowed by the hash of its text; they ran (their globals exist) and
        # nothing was refused.
        inline = page.eval_on_selector_all(
            "script:not([src])",
            "scripts => scripts.filter(s => ['', 'text/javascript', 'module'].includes(s.type) && s.textContent.trim())"
            " .map(s => s.textContent)")
        assert sorted(inline) == sorted(security_policy.inline_script(name) for name in security_policy.INLINE_SCRIPTS), path
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src")).split()[1:]
        assert set(script_src) == {"'self'", "'wasm-unsafe-eval'"} | {security_policy.script_hash(text) for text in inline}, path
        assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL"), path
        assert csp_violations(page) == [], path


def test_an_inline_script_the_policy_does_not_name_is_refused(site_server, browser_context):
    """The hashes allow those two scripts and nothing else: an inline script
    slipped into a page does not run, and the browser reports it."""
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__injected") is None
    assert any("script-src" in violation for violation in csp_violations(page))


# Records, on every frame the browser renders until the page has loaded,
# the palette <body> shows (a frame before <body> exists shows no page yet).
RECORD_PALETTE_FRAMES = """
window.__paletteFrames = [];
const record = () => {
  if (document.body) {
    window.__paletteFrames.push(document.body.getAttribute("data-md-color-scheme")
      + (document.querySelector(".md-header") ? "" : " (no header yet)"));
  }
  if (document.readyState !== "complete") requestAnimationFrame(record);
};
requestAnimationFrame(record);
"""


@pytest.mark.parametrize("path", ["", "meetings/london-2014/report/"])
def test_no_frame_shows_the_wrong_palette(site_server, chromium, path):
    """A reader who chose the dark palette on a light system never sees a
    frame of the light one on the next page: the palette is put back by an
    inline script before the browser paints."""
    context = chromium.new_context(viewport=PHONE, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_server + "about/", wait_until="load")
        page.locator("[data-md-component=palette] button.report-palette-button:visible").click()
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        context.add_init_script(RECORD_PALETTE_FRAMES)
        page.goto(site_server + path, wait_until="load")
        frames = page.evaluate("window.__paletteFrames")
        assert frames, "no frame was recorded"
        assert set(frames) == {"slate"}, frames
    finally:
        context.close()


def test_skip_link_comes_first_and_focus_is_visible(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href'),"
                            " outline: getComputedStyle(document.activeElement).outlineStyle,"
                            " width: parseFloat(getComputedStyle(document.activeElement).outlineWidth)})")
    assert focused["text"] == "Skip to content"
    assert focused["href"].startswith("#")
    assert focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == focused["href"]


def test_search_is_reachable_and_usable_by_keyboard(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    # skip link, logo, palette toggle... then the search field
    tab_to(page, "input.md-search__input", "the search field is not reachable with Tab")
    page.keyboard.type("Unheard Voices")
    # The report answers first for words it has (search_ranking.py), then the programme.
    page.wait_for_selector(".md-search-result__item:nth-child(2) a[href*='programmes/unheard-voices/']")
    # Arrow keys walk the results, Enter opens one.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/meetings/london-2014/report/"))


def test_abbreviations_show_their_expansion(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
    titles = page.eval_on_selector_all("article abbr", "nodes => Object.fromEntries(nodes.map(n => [n.textContent, n.title]))")
    assert titles.get("CLU") == "Comparative Learning Unit"
    assert titles.get("EPNK", "").startswith("European Partnership")
    page.locator("article abbr", has_text="CLU").first.hover()
    page.wait_for_selector(".md-tooltip2:has-text('Comparative Learning Unit')", state="visible")


def test_abbreviation_tooltip_on_tap_describes_it_and_goes_with_escape(site_server, chromium):
    """The tooltips are built on first use (content-tooltips.js): a tap shows
    the expansion, the abbreviation is described by it meanwhile and loses its
    title (no second, native tooltip); Escape hides it and gives the title back."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
        assert page.locator(".md-tooltip2").count() == 0, "a tooltip was built before anyone asked"
        abbr = page.locator("article abbr", has_text="CLU").first
        abbr.tap()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text() == "Comparative Learning Unit"
        assert tooltip.get_attribute("role") == "tooltip"
        assert abbr.get_attribute("aria-describedby") == tooltip.get_attribute("id")
        assert abbr.get_attribute("title") is None
        inside = page.evaluate("() => { const r = document.querySelector('.md-tooltip2__inner').getBoundingClientRect();"
                               " return r.left >= 0 && r.right <= innerWidth && r.width > 50; }")
        assert inside, "the tooltip is off the screen"
        page.keyboard.press("Escape")
        assert page.locator(".md-tooltip2").count() == 0
        assert abbr.get_attribute("title") == "Comparative Learning Unit"
        assert abbr.get_attribute("aria-describedby") is None
    finally:
        context.close()


def test_home_page_has_the_meeting_at_a_glance_and_next_link(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    glance = page.locator(".at-a-glance")
    assert glance.is_visible()
    for label in ["When", "Where", "Organised by", "Key messages"]:
        assert glance.locator("dt", has_text=label).count() == 1, label
    assert page.locator(".md-footer__link--next").count() == 1
    page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
    assert page.locator(".md-path").is_visible(), "breadcrumbs"
    assert page.locator(".md-footer__link--prev").count() == 1 and page.locator(".md-footer__link--next").count() == 1
    assert page.locator("nav.md-nav--secondary").first.locator("a").count() >= 3, "table of contents"


def test_headers_file_for_static_hosts(built_site):
    lines = (built_site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    headers = dict(line.strip().split(": ", 1) for line in lines[1:] if line.strip())
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    sources = {token for token in policy.replace(";", " ").split() if "." in token or "://" in token}
    assert sources == set(), f"the policy names other hosts: {sources}"


def test_search_dialog_has_an_accessible_name(site_server, browser_context, axe_script):
    """axe's best-practice rule, which Material's own markup fails: the
    search dialog is named so a screen reader announces what it is."""
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    assert axe_violations(page, axe_script, rules=["aria-dialog-name"]) == []
    assert page.get_attribute('.md-search[role="dialog"]', "aria-label") == "Search"


def test_search_loads_only_when_the_reader_reaches_for_it(site_server, browser_context):
    """The index and the worker cost a first visit nothing; focusing the
    search field fetches them, and a query then finds its page."""
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_server, wait_until="networkidle")
    assert not [url for url in requested if "search_index" in url or "/workers/" in url], requested
    page.keyboard.press("s")  # Material's key for search
    page.keyboard.type("Comparative Learning")
    page.wait_for_selector(".md-search-result__item")
    assert any("search/search_index.json" in url for url in requested)
    assert any("/workers/search" in url for url in requested)
    assert "clu" in page.inner_text(".md-search-result").lower()


def test_search_button_is_reachable_by_keyboard_on_a_phone(site_server, chromium):
    """On narrow screens Material's search button is a <label>, which Tab
    skips; the site's is a button, and so is the arrow that closes search."""
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        tab_to(page, "button.report-search-button", "the search button is not reachable with Tab on a phone")
        assert page.get_attribute("button.report-search-button", "aria-label") == "Search"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("Parts of a Circle")
        page.wait_for_selector(".md-search-result__item")
        assert "parts of a circle" in page.inner_text(".md-search-result").casefold()
        close = page.locator("button.report-search-close")
        assert close.get_attribute("aria-label") == "Close search"
        close.click()
        assert not page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.matches('button.report-search-button')")
    finally:
        context.close()


def test_drawer_opens_and_closes_with_a_button_on_a_phone(site_server, chromium):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
        tab_to(page, "button.report-drawer-button", "the menu button is not reachable with Tab on a phone", presses=3)
        menu = page.locator("button.report-drawer-button")
        assert menu.get_attribute("aria-label") == "Navigation" and menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert menu.get_attribute("aria-expanded") == "true"
        # The drawer opens on the current page's section (named after its meeting),
        # whose back button says where it leads.
        section = page.locator("button[aria-label='Pages in London joint strategic meeting']")
        assert section.get_attribute("aria-expanded") == "true"
        back = page.locator(f"#{section.get_attribute('aria-controls')} > button.md-nav__title")
        assert re.fullmatch(r"Back from\s+London joint strategic meeting", back.text_content().strip())
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.matches('button.report-drawer-button')")
    finally:
        context.close()


def test_drawer_panels_open_and_go_back_by_keyboard_on_a_phone(site_server, chromium):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
        open_drawer(page)
        page.click("#__nav_2_group > button.md-nav__title")  # back from the report's own section
        section = page.locator("button[aria-label='Pages in Participant groups']")
        assert section.get_attribute("aria-expanded") == "false"
        group = section.get_attribute("aria-controls")
        section.focus()
        page.keyboard.press("Enter")
        assert section.get_attribute("aria-expanded") == "true"
        # The panel slides in; the focus goes to its back button, and Enter there comes back.
        assert page.evaluate("id => document.activeElement === document.querySelector(`#${id} > .md-nav__title`)", group)
        assert page.locator(f"#{group}").get_attribute("aria-labelledby")
        page.keyboard.press("Enter")
        assert section.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Pages in Participant groups"
    finally:
        context.close()


def test_side_navigation_expand_buttons_are_named_and_say_whether_open(collection_server, browser_context):
    """On a wide screen the top-level sections are always open; a section
    inside one opens in place with its button. Of the repository's one
    meeting every section is at the top level: a collection's meeting
    holds its participant groups and key messages."""
    page = browser_context.new_page()
    page.goto(collection_server + "meetings/london-2014/", wait_until="load")
    expand = page.locator("button[aria-label='Pages in Participant groups']")
    assert expand.is_visible() and expand.get_attribute("aria-expanded") == "false"
    group = page.locator("#" + expand.get_attribute("aria-controls"))
    assert not group.locator("a").first.is_visible()
    tab_to(page, "button[aria-label='Pages in Participant groups']", "the expand button is not reachable with Tab", presses=40)
    page.keyboard.press("Enter")
    assert expand.get_attribute("aria-expanded") == "true"
    group.locator("a").first.wait_for(state="visible")
    # A wide screen shows top-level sections always open: their buttons are not there.
    assert page.locator("button[aria-label='Pages in London joint strategic meeting']").is_hidden()


def test_back_to_top_and_keyboard_shortcuts_still_work(site_server, built_site, browser_context):
    """Material's own script still finds what it binds to."""
    page = browser_context.new_page()
    page.goto(site_server + "meetings/london-2014/report/", wait_until="load")
    page.mouse.move(700, 500)
    # The first scroll brings Material's bundle (load-on-use.js); the reader scrolls on once it has come.
    page.mouse.wheel(0, 200)
    page.wait_for_function("() => document.documentElement.classList.contains('js')")
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => scrollY > 1000")
    page.mouse.wheel(0, -300)  # Material shows its back-to-top button when the reader scrolls up
    top = page.locator("button.md-top")
    top.wait_for(state="visible")
    top.click()
    page.wait_for_function("() => scrollY === 0")
    here = page.url
    next_page = page.evaluate("document.querySelector('link[rel=next]').href")
    assert next_page != here
    page.keyboard.press("n")
    page.wait_for_url(next_page)
    page.keyboard.press("p")
    page.wait_for_url(here)


def test_the_editions_pages_together_are_the_sites(built_site):
    """The axe test's split by edition leaves no page out and counts none twice."""
    split = [path for code in editions.codes() for path in edition_pages(built_site, code)]
    assert sorted(split) == html_pages(built_site)
    assert all(edition_pages(built_site, code) for code in editions.codes())
