"""Reading after the connection is cut (report_site/offline_reading.py and
overrides/offline/service-worker.js), in a real Chromium, with the network
really cut: the test's server stops answering (it closes every connection
without a word, as a dead link does) and the browser is set offline, so
neither the page nor its service worker reaches anything.

Each test serves its own copy of a built site on its own origin, so what one
test's worker keeps cannot help another's."""

from __future__ import annotations

import datetime
import functools
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_fixtures import DESKTOP, QuietHandler, search_results
from browser_fixtures import served as served_by
from report_site import publish, steps
from report_site.strings import strings
from support import ROOT, once_per_run

pytestmark = pytest.mark.browser

REPORT = "meetings/london-2014/report/"
CHANGED_PAGE = "about/"
OLD_SENTENCE = "The report itself is short."
NEW_SENTENCE = "The report itself is brief."


@dataclass
class CuttableSite:
    """A site served on a fixed port whose folder can be swapped (a new build
    published) and whose connection can be cut."""

    folder: Path
    cut: bool = False


class _Handler(QuietHandler):
    def __init__(self, *args, site: CuttableSite, **kwargs) -> None:
        self.site = site
        super().__init__(*args, directory=str(site.folder), **kwargs)

    def end_headers(self) -> None:
        # As static hosts answer (Netlify, GitHub Pages: revalidate, or keep for minutes):
        # every request asks the server, so what the browser shows offline is the worker's.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def handle(self) -> None:
        if self.site.cut:
            self.close_connection = True  # no answer at all: the browser sees the network fail
            return
        super().handle()


def served(site: CuttableSite):
    """The site on a free port, answered by _Handler (which the test can cut)."""
    return served_by(site.folder, functools.partial(_Handler, site=site))


@pytest.fixture()
def reader(chromium):
    """A browser context that lets service workers run, as a reader's does."""
    context = chromium.new_context(viewport=DESKTOP, service_workers="allow")
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    context.errors = errors
    try:
        yield context
    finally:
        context.close()


def cut(site: CuttableSite, context) -> None:
    site.cut = True
    context.set_offline(True)


def restore(site: CuttableSite, context) -> None:
    site.cut = False
    context.set_offline(False)


def copy_of(site: Path, tmp_path: Path) -> CuttableSite:
    folder = tmp_path / "site"
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("*.gz", "*.zip"))
    return CuttableSite(folder)


KEPT = """async (scope) => {
  const names = await caches.keys();
  const state = names.find(name => name.endsWith(" " + scope + " state"));
  if (!state) return null;
  const record = await (await caches.open(state)).match(scope + "offline-state.json");
  if (!record) return null;
  const current = (await record.json()).cache;
  if (!current) return null;
  const cache = await caches.open(current);
  const kept = {};
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const address = request.url.slice(scope.length);
    const isText = /\\.(html|json)$|\\/$|^$/.test(address);
    kept[address] = {sha256: response.headers.get("x-report-sha256"), text: isText ? await response.text() : ""};
  }
  return {cache: current, names: names, kept: kept};
}"""


def kept(page, scope: str) -> dict | None:
    """What the edition's worker keeps on this device: {cache, names, kept: {address: {sha256, text}}}."""
    return page.evaluate(KEPT, scope)


def wait_until_kept(page, scope: str, *addresses: str, containing: str = "") -> dict:
    """What is kept, once it holds every one of `addresses` (the first containing `containing`)."""
    deadline = time.monotonic() + 30
    while True:
        found = kept(page, scope)
        if found and all(address in found["kept"] for address in addresses) \
                and containing in found["kept"][addresses[0]]["text"]:
            return found
        assert time.monotonic() < deadline, f"not kept within 30 s: {addresses} (kept: {found and sorted(found['kept'])})"
        time.sleep(0.2)


def manifest_of(edition_root: Path) -> dict:
    return json.loads((edition_root / "offline-manifest.json").read_text(encoding="utf-8"))


def title_of(edition_root: Path, address: str) -> str:
    text = (edition_root / address / "index.html").read_text(encoding="utf-8")
    return text.split("<title>", 1)[1].split("</title>", 1)[0]


EDITIONS = [pytest.param("en", "", id="en"), pytest.param("ru", "ru/", id="ru")]


@pytest.mark.parametrize(("language", "prefix"), EDITIONS)
def test_a_page_read_online_opens_offline_saying_when_it_was_kept(built_site, reader, tmp_path, language, prefix):
    site = copy_of(built_site, tmp_path)
    t = strings(language)
    with served(site) as base:
        scope = base + prefix
        page = reader.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.split("#")[0].split("?")[0]))
        assert page.goto(scope + REPORT).ok
        found = wait_until_kept(page, scope, REPORT, "offline.html")
        # Nothing kept but the page read, what it loaded, and the page shown for what is not kept.
        loaded = {url[len(scope):] for url in requested if url.startswith(scope)}
        assert set(found["kept"]) <= loaded | {REPORT, "offline.html"}, set(found["kept"]) - loaded
        pages = {entry["path"] for entry in manifest_of(site.folder / prefix)["pages"]}
        assert {address for address in found["kept"] if address in pages} == {REPORT}
        assert "offline.html" in found["kept"]
        # Added to the home screen, the edition opens at its home page: that is kept then.
        page.evaluate("window.dispatchEvent(new Event('appinstalled'))")
        wait_until_kept(page, scope, "")

        cut(site, reader)
        response = page.goto(scope + REPORT)
        assert response is not None and response.ok
        assert page.title() == title_of(site.folder / prefix, REPORT)
        notice = page.locator(".saved-copy")
        notice.wait_for(state="visible")
        expected_start = t("offline.saved_copy").split("{date}")[0]
        assert notice.inner_text().startswith(expected_start.strip())
        assert str(datetime.date.today().year) in notice.inner_text()

        # A page never opened is not there: the edition's own page says so, in its language.
        response = page.goto(scope + "glossary/")
        assert response is not None and response.status == 503
        assert page.locator("h1").inner_text() == t("offline.not_saved_title")
        assert page.get_attribute("html", "lang") == language
        assert not reader.errors


SEARCH = {"en": ("ceasefire", REPORT), "ru": ("эскалации", REPORT)}


@pytest.mark.parametrize(("language", "prefix"), EDITIONS)
def test_keeping_the_edition_offline_keeps_every_page_and_its_search(built_site, reader, tmp_path, language, prefix):
    site = copy_of(built_site, tmp_path)
    t = strings(language)
    manifest = manifest_of(site.folder / prefix)
    with served(site) as base:
        scope = base + prefix
        page = reader.new_page()
        assert page.goto(scope).ok
        button = page.get_by_role("button", name=t("keep.button"))
        button.wait_for(state="visible")
        if language == "en":
            assert "offline" in button.inner_text()
        # The size the build measured is in the button's name (measured before the pages had their
        # size texts, a few bytes each: within 1 % of the manifest's).
        total = manifest["edition_transfer_bytes"]
        assert any(f"({t.file_size(round(total * (1 + step / 1000)))})" in button.inner_text() for step in range(-10, 11))
        before = kept(page, scope)
        before_pages = {a for a in (before or {"kept": {}})["kept"] if a in {p["path"] for p in manifest["pages"]}}
        assert before_pages <= {""}, "nothing but the page read is kept before the reader asks"

        # The PDFs come too only when asked: here in Russian, not in English.
        with_pdfs = language == "ru"
        if with_pdfs:
            page.get_by_label(t("keep.pdfs"), exact=False).check()
        button.click()
        done_start = t("keep.done").split("(")[0].strip()
        page.wait_for_function("([text]) => document.querySelector('.keep-offline__status').textContent.startsWith(text)",
                               arg=[done_start], timeout=60000)
        assert page.get_by_role("button", name=t("keep.remove")).is_visible()
        found = kept(page, scope)
        wanted = {entry["path"] for entry in manifest["pages"] + manifest["files"]}
        assert wanted <= set(found["kept"]), sorted(wanted - set(found["kept"]))[:5]
        pdfs = {entry["path"] for entry in manifest["pdfs"]}
        assert pdfs and ({address for address in found["kept"] if address.endswith(".pdf")} == (pdfs if with_pdfs else set()))
        assert not any(address.startswith(folder) for address in found["kept"] for folder in manifest["other_editions"])
        listed = {entry["path"]: entry["sha256"] for entry in manifest["pages"] + manifest["files"]}
        assert all(found["kept"][address]["sha256"] == listed[address] for address in wanted)

        cut(site, reader)
        for entry in manifest["pages"]:
            response = page.goto(scope + entry["path"])
            assert response is not None and response.ok, entry["path"]
            assert page.title() == title_of(site.folder / prefix, entry["path"])
        page.goto(scope + REPORT)
        query, first = SEARCH[language]
        results = search_results(page, query)
        assert results and results[0] == first, results

        # Removing: online again, one press, and nothing of the edition is kept.
        restore(site, reader)
        assert page.goto(scope).ok
        page.get_by_role("button", name=t("keep.remove")).click()
        page.wait_for_function("([text]) => document.querySelector('.keep-offline__status').textContent === text",
                               arg=[t("keep.removed")])
        assert [name for name in page.evaluate("caches.keys()") if f" {scope} " in name] == [
            f"report-offline/1 {scope} state"], "only the note to keep nothing more"
        # And nothing more is kept as the reader goes on reading.
        assert page.goto(scope + REPORT).ok
        page.mouse.wheel(0, 400)
        time.sleep(2)
        assert kept(page, scope) is None
        assert not reader.errors


@pytest.fixture(scope="module")
def rebuilt_site(tmp_path_factory) -> Path:
    """The repository's site built again with one sentence of the About page changed."""

    def make(root: Path) -> publish.BuildResult:
        docs = root / "docs"
        shutil.copytree(ROOT / "docs", docs)
        about = docs / "about.md"
        text = about.read_text(encoding="utf-8")
        assert OLD_SENTENCE in text
        about.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
        return publish.build(docs_dir=docs, site_dir=root / "site", steps=steps.default_steps())

    return once_per_run(tmp_path_factory, "rebuilt-about-sentence", make).site_dir


def test_after_a_new_build_the_next_visit_shows_the_new_sentence_online_and_then_offline(
        built_site, rebuilt_site, reader, tmp_path):
    site = copy_of(built_site, tmp_path)
    new_manifest = manifest_of(rebuilt_site)
    with served(site) as scope:
        page = reader.new_page()
        assert page.goto(scope).ok
        page.get_by_role("button", name=strings("en")("keep.button")).click()
        page.wait_for_function("() => document.querySelector('.keep-offline__status').textContent.startsWith('This edition is kept')",
                               timeout=60000)
        old_cache = kept(page, scope)["cache"]

        # A new build is published: the same address now serves the rebuilt site.
        shutil.rmtree(site.folder)
        shutil.copytree(rebuilt_site, site.folder, ignore=shutil.ignore_patterns("*.gz", "*.zip"))
        assert page.goto(scope + CHANGED_PAGE).ok
        assert NEW_SENTENCE in page.inner_text("article")  # online: the new build at once
        found = wait_until_kept(page, scope, CHANGED_PAGE, containing=NEW_SENTENCE)
        # What is kept moved to the new build as a whole: every kept file is the new
        # build's, and the old build's store is gone.
        listed = {entry["path"]: entry["sha256"]
                  for entry in new_manifest["pages"] + new_manifest["files"]}
        assert set(listed) <= set(found["kept"])
        assert all(found["kept"][address]["sha256"] == listed[address] for address in listed)
        assert found["cache"] != old_cache and old_cache not in found["names"]

        cut(site, reader)
        assert page.goto(scope + CHANGED_PAGE).ok
        text = page.inner_text("article")
        assert NEW_SENTENCE in text and OLD_SENTENCE not in text
        assert page.goto(scope + REPORT).ok
        assert not reader.errors


def test_a_worker_cannot_keep_a_reader_on_an_old_page_once_online(built_site, rebuilt_site, reader, tmp_path):
    site = copy_of(built_site, tmp_path)
    with served(site) as scope:
        page = reader.new_page()
        assert page.goto(scope + CHANGED_PAGE).ok
        wait_until_kept(page, scope, CHANGED_PAGE, containing=OLD_SENTENCE)
        shutil.rmtree(site.folder)
        shutil.copytree(rebuilt_site, site.folder, ignore=shutil.ignore_patterns("*.gz", "*.zip"))
        page.reload()
        assert NEW_SENTENCE in page.inner_text("article")
        restore(site, reader)
