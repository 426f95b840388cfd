"""The purged stylesheets style every page, and every state of the
components Material's scripts build, exactly as Material's own do: each
page is opened twice in Chromium, as built and with Material's unpurged
stylesheets in place of the purged ones, and the computed style of every
element (and of its ::before and ::after) is compared, in both palettes,
on a phone and on a desktop, before and after the reader uses the search,
the drawer, a tooltip, the list of editions, the palette toggle and the
back-to-top button."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import material
import pytest

from browser_fixtures import DESKTOP, PHONE, QuietHandler
from report_site import css_purge

pytestmark = pytest.mark.browser

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAGES = {
    "home": "",
    "report": "meetings/london-2014/report/",
    "group": "meetings/london-2014/groups/clu-experts/",
    "message": "meetings/london-2014/messages/people-to-people-contact/",
    "programme": "programmes/clu/",  # an admonition
}

# Every element's computed style (every property but custom properties,
# which the purge drops when nothing reads them), hashed in the page: the
# two pages are compared by hash, and only differences are read out in full.
STYLES = """(wanted) => {
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch (error) { animation.cancel(); }
  }
  const where = (el) => {
    const steps = [];
    for (let e = el; e.parentElement; e = e.parentElement) {
      const classes = e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "";
      steps.unshift(e.tagName.toLowerCase() + classes + ":" + Array.prototype.indexOf.call(e.parentElement.children, e));
    }
    return steps.join(" > ");
  };
  const text = (style) => {
    let all = "";
    for (let i = 0; i < style.length; i++) {
      if (style[i].startsWith("--")) continue;  // custom properties: compared through what they set
      all += style[i] + "\\u001f" + style.getPropertyValue(style[i]) + "\\u001e";
    }
    return all;
  };
  const hash = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  };
  const out = {};
  // Content the browser does not render (content-visibility: hidden: the
  // closed drawer, the closed list of editions) is compared when it is
  // shown, not while hidden: reading the style of skipped content leaves
  // Chromium reporting stale margins for its ancestors (their layout is
  // right, the value getComputedStyle resolves is not).
  const hidden = [];
  for (const el of document.querySelectorAll("body, body *")) {
    if (hidden.some((root) => root.contains(el))) continue;
    const key = where(el);
    const styles = {"": getComputedStyle(el)};
    if (styles[""].contentVisibility === "hidden") hidden.push(el);
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (style.content !== "none" && style.content !== "normal") styles[pseudo] = style;
    }
    for (const [pseudo, style] of Object.entries(styles)) {
      const all = text(style);
      out[key + pseudo] = wanted ? (wanted.includes(key + pseudo) ? all : undefined) : hash(all);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def unpurged_site_server(built_site, tmp_path_factory) -> Iterator[str]:
    """The built site with Material's own stylesheets under the purged names."""
    site = tmp_path_factory.mktemp("unpurged") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.gz", "*.zip", "*.pdf"))
    for name, purged in css_purge.purged_stylesheets(site).items():
        shutil.copyfile(next(MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css")), purged)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def differences(purged, unpurged, what: str) -> list[str]:
    ours, theirs = purged.evaluate(STYLES, None), unpurged.evaluate(STYLES, None)
    assert len(ours) > 150, f"{what}: only {len(ours)} elements: did the page load?"
    if ours == theirs:
        return []
    keys = sorted(key for key in ours.keys() | theirs.keys() if ours.get(key) != theirs.get(key))
    ours_full, theirs_full = purged.evaluate(STYLES, keys[:5]), unpurged.evaluate(STYLES, keys[:5])
    found = []
    for key in keys[:5]:
        a = dict(item.split("\x1f", 1) for item in (ours_full.get(key) or "").split("\x1e") if item)
        b = dict(item.split("\x1f", 1) for item in (theirs_full.get(key) or "").split("\x1e") if item)
        changed = {prop: (a.get(prop), b.get(prop)) for prop in a.keys() | b.keys() if a.get(prop) != b.get(prop)}
        found.append(f"{what}: {key}: purged vs Material's: {dict(list(changed.items())[:6])}")
    return found + ([f"{what}: ... and {len(keys) - 5} more elements"] if len(keys) > 5 else [])


def both(pages, action) -> None:
    for page in pages:
        action(page)
    for page in pages:
        page.wait_for_timeout(700)  # Material's observers settle (debounced)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_purged_stylesheets_style_everything_as_materials_own(site_server, unpurged_site_server, chromium,
                                                               scheme, viewport):
    contexts = [chromium.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
                for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        purged, unpurged = pages
        found: list[str] = []
        for name, path in PAGES.items():
            purged.goto(site_server + path, wait_until="networkidle")
            unpurged.goto(unpurged_site_server + path, wait_until="networkidle")
            found += differences(purged, unpurged, name)

        # Components Material's scripts build or change, on the report page.
        for page, base in ((purged, site_server), (unpurged, unpurged_site_server)):
            page.goto(base + PAGES["report"], wait_until="networkidle")
        # Scrolled down then a little up: the header shows the page title, back-to-top appears.
        both(pages, lambda page: page.mouse.wheel(0, 2500))
        both(pages, lambda page: page.mouse.wheel(0, -400))
        assert purged.locator(".md-top").is_visible(), "back-to-top did not appear"
        found += differences(purged, unpurged, "scrolled (back-to-top)")
        # An abbreviation's tooltip.
        both(pages, lambda page: page.locator("article abbr").first.scroll_into_view_if_needed())
        both(pages, lambda page: page.locator("article abbr").first.hover())
        assert purged.locator(".md-tooltip2--active").count() == 1, "the tooltip did not open"
        found += differences(purged, unpurged, "tooltip")
        # The list of editions, open.
        both(pages, lambda page: page.locator(".md-select button").hover())
        assert purged.locator(".md-select__link[hreflang=ru]").is_visible(), "the list of editions did not open"
        found += differences(purged, unpurged, "list of editions")
        both(pages, lambda page: page.mouse.move(1, 300))
        # The drawer (phone) and the search with results.
        # The header's controls are buttons (overrides/partials/header.html,
        # palette.html; buttons.js connects them to Material's inputs).
        if viewport == PHONE:
            both(pages, lambda page: page.locator("button.report-drawer-button").click())
            assert purged.locator("#__drawer").is_checked(), "the menu button did not open the drawer"
            found += differences(purged, unpurged, "drawer")
            both(pages, lambda page: page.keyboard.press("Escape"))  # buttons.js closes the drawer
            assert not purged.locator("#__drawer").is_checked(), "Escape did not close the drawer"
        both(pages, lambda page: page.keyboard.press("/"))
        both(pages, lambda page: page.keyboard.type("peace"))
        assert purged.locator(".md-search-result__item").count() > 0, "no search results"
        found += differences(purged, unpurged, "search results")
        both(pages, lambda page: page.keyboard.press("Escape"))
        # The other palette, chosen with the toggle.
        scheme_before = purged.get_attribute("body", "data-md-color-scheme")
        both(pages, lambda page: page.locator("[data-md-component=palette] button.report-palette-button:visible").click())
        assert purged.get_attribute("body", "data-md-color-scheme") != scheme_before, "the palette did not change"
        found += differences(purged, unpurged, "palette toggled")
        assert found == []
    finally:
        for context in contexts:
            context.close()
