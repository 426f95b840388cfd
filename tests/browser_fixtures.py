"""Fixtures for the browser tests: Debian's Chromium driven by Playwright,
the built site served by a real HTTP server on 127.0.0.1, and the offline
edition unpacked from its zip. No browser is ever downloaded.

Registered as a pytest plugin by conftest.py."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# Listens before any page script runs: a violation of the Content-Security-Policy
# is an event in the page, not always a console message.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} in ${event.sourceFile}:${event.lineNumber}`);
});
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """As a static host does: an address the site lacks gets the site's 404.html, status 404."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def served(site: Path, handler: Callable[..., http.server.BaseHTTPRequestHandler] | None = None) -> Iterator[str]:
    """A built site on a free port of 127.0.0.1 (answered by `handler`, by default
    QuietHandler over `site`); yields its base URL."""
    handler = handler or functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built site, served; its base URL."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def collection_server(collection_build) -> Iterator[str]:
    """A collection of two meetings (conftest.collection_build), served: the
    navigation a collection has, where a meeting's section holds sections of its own."""
    with served(collection_build.site_dir) as url:
        yield url


def unpacked(site: Path, target: Path) -> Path:
    """A site's offline edition, unpacked from its zip as a reader would; the folder."""
    from report_site.downloads import ZIP_PATH
    from report_site.offline_edition import ZIP_FOLDER

    with zipfile.ZipFile(site / ZIP_PATH) as archive:
        archive.extractall(target)
    return target / ZIP_FOLDER


@pytest.fixture(scope="session")
def offline_edition(built_site: Path, tmp_path_factory) -> Path:
    """The offline edition, unpacked from the site's zip as a reader would; the folder."""
    return unpacked(built_site, tmp_path_factory.mktemp("unpacked"))


@pytest.fixture(scope="session")
def edition_server(edition_site: Path) -> Iterator[str]:
    """The four language editions (conftest.edition_build) served; the base URL."""
    with served(edition_site) as url:
        yield url


@pytest.fixture(scope="session")
def pagefind_server(pagefind_site: Path) -> Iterator[str]:
    """The four editions searching with Pagefind online (conftest.pagefind_edition_build), served."""
    with served(pagefind_site) as url:
        yield url


@pytest.fixture(scope="session")
def edition_offline(edition_site: Path, tmp_path_factory) -> Path:
    """The four language editions' offline zip, unpacked; the folder."""
    return unpacked(edition_site, tmp_path_factory.mktemp("unpacked-editions"))


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """Everything a page did that a test may object to."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture()
def browser_context(chromium):
    """A fresh context (no stored palette, no cache) that records every request and error."""
    context = chromium.new_context(viewport=DESKTOP, service_workers="block")
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    watch = PageWatch()
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("console", lambda message: message.type == "error" and watch.console_errors.append(
        f"{message.text} ({message.location.get('url')})"))
    context.on("weberror", lambda error: watch.page_errors.append(str(error.error)))
    context.watch = watch
    try:
        yield context
    finally:
        context.close()


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def foreign_requests(requests: list[str], own_origin: str) -> list[str]:
    """Requests to anywhere but the site itself (data: is not a request to anyone)."""
    own = urlsplit(own_origin)
    foreign = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        if own.scheme == "file":
            if parts.scheme != "file":
                foreign.append(url)
        elif (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            foreign.append(url)
    return foreign


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root (not the page the
    service worker shows for an address it did not keep: report_site.offline_reading)."""
    from report_site.offline_reading import NOT_SAVED_PATH

    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if "assets/" not in path.relative_to(site).as_posix() and path.name != NOT_SAVED_PATH)


def page_address(path: str) -> str:
    """A page's clean URL path: `about/index.html` -> `about/`."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def search_results(page, query: str) -> list[str]:
    """Type a query into the site's search as a reader does (key by key: Material
    reacts to key presses) and return the result pages' addresses, best first,
    relative to the site root, without anchors."""
    field = page.locator("input.md-search__input")
    opener = page.locator("button.report-search-button")
    if not page.evaluate("document.getElementById('__search').checked"):
        # On a phone the field hides behind the header's search button.
        (opener if opener.is_visible() else field).click()
    field.focus()
    field.press("Control+a")
    field.press("Backspace")
    # The previous query's results must go first, or they could be read as this one's.
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    page.evaluate("window.__lastResults = undefined")
    page.keyboard.type(query)
    # Results appear after a short debounce; wait until they stop changing.
    page.wait_for_function(
        """() => {
          const meta = document.querySelector(".md-search-result__meta");
          const items = document.querySelectorAll(".md-search-result__item");
          const shown = meta ? meta.textContent + "|" + items.length + "|" + (items[0] ? items[0].textContent : "") : "";
          // "No matching documents" in the edition's language (Material's own words, in its config).
          const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
          // Pagefind marks the results busy while the latest query is looked up (pagefind-search.js):
          // what shows meanwhile is an earlier query's answer.
          const busy = document.querySelector("[data-md-component=search-result][aria-busy=true]") !== null;
          const ready = !busy && (items.length > 0 || (meta !== null && meta.textContent.includes(none)));
          const stable = ready && window.__lastResults === shown;
          window.__lastResults = shown;
          return stable;
        }""",
        polling=250,
    )
    base = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location).href")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(link => link.href)")
    results: list[str] = []
    for href in hrefs:
        address = href.split("#", 1)[0].split("?", 1)[0]  # no anchor, no highlight terms (?h=)
        if address.startswith(base):
            address = address[len(base):]
        if address not in results:
            results.append(address)
    return results
