"""The online search's engine (report_site.pagefind_search): each edition
keeps a Pagefind bundle, of its own pages and holding only what the site's
search script loads, where its first search is lighter than lunr's, and its
pages then search with it; a reader who keeps the edition offline keeps the
bundle; the offline zip never has it (it searches with lunr). In Chromium:
Pagefind behind Material's search box, the report first for its own words,
snippets that show the match, in light and dark palettes and on a phone."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from browser_fixtures import PHONE, csp_violations, foreign_requests, search_results
from report_site import editions
from report_site.build_cache import FolderCache
from report_site.offline_edition import ZIP_PATH
from report_site.offline_reading import MANIFEST_PATH, page_address
from report_site.pagefind_search import (
    LUNR_MARK,
    OUTPUT_DIR,
    PAGEFIND_MARK,
    edition_pages,
    index_edition,
    lunr_first_search_bytes,
    write_pagefind_indexes,
)
from report_site.search_ranking import BOOST_BY_KIND

REPORT = "meetings/london-2014/report/"

# What a bundle may hold (the .gz copies are write_precompressed's, as for every file).
BUNDLE_FILE = re.compile(r"(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\.(?P<meta>[a-z]+)_[0-9a-f]+\.pf_meta"
                         r"|wasm\.(?P<wasm>[a-z]+)\.pagefind|index/(?P<index>[a-z]+)_[0-9a-f]+\.pf_index"
                         r"|fragment/(?P<fragment>[a-z]+)_[0-9a-f]+\.pf_fragment"
                         r"|filter/(?P<filter>[a-z]+)_[0-9a-f]+\.pf_filter)(\.gz)?")


def edition_folders(site: Path, model) -> dict[str, Path]:
    return {edition.language: site / editions.edition(edition.language).prefix for edition in model.editions()}


def test_a_site_of_one_meeting_keeps_lunr_online_its_first_search_being_lighter(built_site, built_model):
    for language, folder in edition_folders(built_site, built_model).items():
        assert not (folder / OUTPUT_DIR).exists(), language
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert LUNR_MARK in home and PAGEFIND_MARK not in home, language
        # About 22 KiB to 38 KiB an edition, against about 95 KiB before Pagefind's first word.
        assert 0 < lunr_first_search_bytes(folder, language) < 95 * 1024, language


def test_each_edition_has_its_own_pagefind_index_and_nothing_else(pagefind_site, pagefind_edition_build):
    folders = edition_folders(pagefind_site, pagefind_edition_build.model)
    assert len(folders) == 4
    for language, folder in folders.items():
        bundle = folder / OUTPUT_DIR
        files = sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file())
        stray = [name for name in files if not BUNDLE_FILE.fullmatch(name)]
        assert stray == [], (language, stray)
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        # One language, the edition's: its pages alone, not another edition's below it.
        assert list(entry["languages"]) == [language], (language, entry)
        for name in files:
            match = BUNDLE_FILE.fullmatch(name)
            assert match is not None
            named = match.group("meta") or match.group("index") or match.group("fragment") or match.group("filter")
            assert named in (None, language), (language, name)
            # Its own word splitter, or the fallback for a language Pagefind has none for (az).
            assert match.group("wasm") in (None, entry["languages"][language]["wasm"] or "unknown"), (language, name)
        nested = [other for other in folders.values() if other != folder and other.is_relative_to(folder)]
        pages = edition_pages(folder, nested)
        # Every page but the one kept out of search (the whole report, for print) and the lists
        # (lunr's lowest boost; their words are other pages' titles) is indexed.
        lunr = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        lists = {doc["location"].split("#")[0] for doc in lunr["docs"] if doc.get("boost", 1) <= BOOST_BY_KIND["index"]}
        searchable = [page for page in pages if "data-pagefind-body" in page.read_text(encoding="utf-8")]
        assert sorted(page_address(page.relative_to(folder).as_posix()) for page in set(pages) - set(searchable)) == sorted(
            lists | {"meetings/london-2014/print/"}), language
        assert entry["languages"][language]["page_count"] == len(searchable)
        assert len([name for name in files if name.startswith("fragment/") and not name.endswith(".gz")]) == len(searchable)
        # Its pages search with it.
        assert all(PAGEFIND_MARK in page.read_text(encoding="utf-8") for page in searchable), language


def test_a_reader_who_keeps_an_edition_offline_keeps_its_pagefind_index(pagefind_site, pagefind_edition_build):
    """Kept pages search with Pagefind too (the service worker answers from
    what it kept); the offline zip has none of it."""
    for language, folder in edition_folders(pagefind_site, pagefind_edition_build.model).items():
        manifest = json.loads((folder / MANIFEST_PATH).read_text(encoding="utf-8"))
        kept = {file["path"] for file in manifest["files"]}
        bundle = folder / OUTPUT_DIR
        published = {path.relative_to(folder).as_posix() for path in bundle.rglob("*")
                      if path.is_file() and path.suffix != ".gz"}
        assert published and published <= kept, (language, sorted(published - kept))
    with zipfile.ZipFile(pagefind_site / ZIP_PATH) as archive:
        assert [name for name in archive.namelist() if "pagefind" in name] == []


def test_pagefind_indexes_the_same_pages_into_the_same_bytes(pagefind_site, tmp_path):
    """The build stays byte-reproducible (test_reproducible.py builds a site of
    one meeting, which keeps lunr): Pagefind run again over an edition's pages
    writes what the build published, byte for byte."""
    def digests(bundle: Path) -> dict[str, str]:
        return {path.relative_to(bundle).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted(bundle.rglob("*")) if path.is_file() and path.suffix != ".gz"}

    again = tmp_path / "ru"
    shutil.copytree(pagefind_site / "ru", again)
    index_edition(again, [])
    assert digests(again / OUTPUT_DIR) == digests(pagefind_site / "ru" / OUTPUT_DIR)


def bundle_digests(site: Path) -> dict[str, str]:
    """Every file of the site's Pagefind bundles (its own .gz copies aside) -> its SHA-256."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and f"/{OUTPUT_DIR}/" in f"/{path.relative_to(site)}"
            and path.suffix != ".gz"}


def test_the_editions_indexed_at_once_are_the_editions_indexed_one_by_one(pagefind_site, pagefind_edition_build,
                                                                          tmp_path):
    """The step indexes two editions at a time on two cores; each edition's folder (the
    reference's holding the others') then has the bundle the one-process build wrote."""
    again = tmp_path / "site"
    shutil.copytree(pagefind_site, again)
    for bundle in again.rglob(OUTPUT_DIR):
        shutil.rmtree(bundle)
    assert not bundle_digests(again)
    write_pagefind_indexes(pagefind_edition_build.model, again, engine="pagefind", jobs=2)
    assert len({Path(name).parts[0] for name in bundle_digests(again)}) == 4  # en's "pagefind", and ru/, hy/, az/
    assert bundle_digests(again) == bundle_digests(pagefind_site)


def test_an_edition_whose_pages_are_unchanged_keeps_its_index_from_the_cache(pagefind_site, pagefind_edition_build,
                                                                           tmp_path):
    """With a cache, an edition whose pages did not change keeps the index the
    last build wrote, byte for byte Pagefind's; an edited edition alone is
    indexed again, as is one whose kept entry was damaged."""
    model = pagefind_edition_build.model
    again = tmp_path / "site"
    shutil.copytree(pagefind_site, again)
    cache = FolderCache(tmp_path / "cache")
    first = write_pagefind_indexes(model, again, engine="pagefind", jobs=2, cache=cache)
    assert first == {"en": False, "ru": False, "hy": False, "az": False}
    assert bundle_digests(again) == bundle_digests(pagefind_site)

    report = again / "ru" / REPORT / "index.html"
    report.write_text(report.read_text(encoding="utf-8").replace("</h1>", " черновик</h1>", 1), encoding="utf-8")
    second = write_pagefind_indexes(model, again, engine="pagefind", jobs=2, cache=cache)
    assert second == {"en": True, "ru": False, "hy": True, "az": True}
    fresh = tmp_path / "fresh"
    shutil.copytree(again, fresh)
    write_pagefind_indexes(model, fresh, engine="pagefind", jobs=2)
    assert bundle_digests(again) == bundle_digests(fresh) != bundle_digests(pagefind_site)

    for kept in sorted(cache.folder.glob("*/*.tar")):
        data = bytearray(kept.read_bytes())
        data[-600] ^= 0xFF
        kept.write_bytes(bytes(data))
    third = write_pagefind_indexes(model, again, engine="pagefind", jobs=2, cache=cache)
    assert third == {"en": False, "ru": False, "hy": False, "az": False}
    assert bundle_digests(again) == bundle_digests(fresh)


def test_an_editions_pages_leave_out_the_editions_nested_in_it(pagefind_site):
    nested = [pagefind_site / code for code in ("ru", "hy", "az")]
    english = edition_pages(pagefind_site, nested)
    assert pagefind_site / "index.html" in english
    assert not any(page.is_relative_to(folder) for page in english for folder in nested)
    assert not any(OUTPUT_DIR in page.relative_to(pagefind_site).parts for page in english)
    assert pagefind_site / "ru" / "index.html" in edition_pages(pagefind_site / "ru", [])


# --- In the browser ---------------------------------------------------------------------

# Words of the report (test_browser_search.RANKED): the report answers first.
REPORT_WORDS = ["escalation August", "ceasefire", "operational constraints", "belligerent narratives", "peacebuilding",
                "CLU", "(CLU),", "CLU's", "Comparative Learning Unit", "European Partnership", "EPNK", "SCA",
                "Unheard Voices", "Parts of a Circle", "International Alert", "Conciliation Resources", "do no harm",
                "dialogue within societies"]
# (query, a page among the first three): words beyond the report, and a page named by them.
AMONG_FIRST_THREE = [
    ("journalists", "meetings/london-2014/groups/unheard-voices-media-experts/"),
    ("Basque Country", "meetings/london-2014/groups/clu-experts/"),
    ("documentary film", "meetings/london-2014/groups/parts-of-a-circle-partners/"),
    ("CLU", "programmes/clu/"),
    ("International Alert", "organisations/international-alert/"),
    ("karabakh", "glossary/nk/"),
]


@pytest.mark.browser
def test_pagefind_puts_the_report_first_for_its_own_words(pagefind_server, browser_context):
    page = browser_context.new_page()
    page.goto(pagefind_server, wait_until="load")
    problems = []
    for query in REPORT_WORDS:
        results = search_results(page, query)
        if results[:1] != [REPORT]:
            problems.append(f"{query!r}: expected the report first, got {results[:3]}")
    for query, expected in AMONG_FIRST_THREE:
        results = search_results(page, query)
        if expected not in results[:3]:
            problems.append(f"{query!r}: expected {expected} in the first three, got {results[:3]}")
    assert problems == [], "\n".join(problems)
    requests = browser_context.watch.requests
    # Pagefind answered from its bundle; lunr's index and worker were never downloaded.
    assert [url for url in requests if "/pagefind/fragment/" in url]
    assert [url for url in requests if "search_index" in url or "/workers/search." in url] == []
    assert foreign_requests(requests, pagefind_server) == []
    assert csp_violations(page) == [] and browser_context.watch.console_errors == []


@pytest.mark.browser
def test_on_a_slow_connection_the_results_say_they_are_busy_until_answered(pagefind_server, browser_context):
    """A query whose index chunks and fragments take seconds to come: the
    results are marked aria-busy meanwhile (a screen reader waits, and the
    earlier query's "no matching documents" still shown is not this one's
    answer), then the answer shows, the report first, and they are not busy."""
    page = browser_context.new_page()
    page.goto(pagefind_server + "az/", wait_until="load")
    assert search_results(page, "zzyzxq") == []
    page.evaluate("""() => {
      window.__busy = [];
      const results = document.querySelector("[data-md-component=search-result]");
      new MutationObserver(() => window.__busy.push(results.getAttribute("aria-busy")))
        .observe(results, { attributes: true, attributeFilter: ["aria-busy"] });
    }""")
    network = browser_context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1})
    assert search_results(page, "sülh quruculuğu")[:1] == [REPORT]
    assert "true" in page.evaluate("window.__busy"), page.evaluate("window.__busy")
    assert page.get_attribute("[data-md-component=search-result]", "aria-busy") == "false"
    assert browser_context.watch.console_errors == []


@pytest.mark.browser
def test_pagefind_results_show_title_and_a_snippet_with_the_match(pagefind_server, browser_context):
    page = browser_context.new_page()
    page.goto(pagefind_server, wait_until="load")
    search_results(page, "karabakh")
    articles = page.eval_on_selector_all(".md-search-result__item > a .md-search-result__article", """articles =>
        articles.map(article => [(article.querySelector('h1, h2') || {}).textContent || '',
                                 (article.querySelector('p mark') || {}).textContent || ''])""")
    assert articles
    for title, mark in articles:
        assert title.strip() and "¶" not in title, articles
        assert "karabakh" in mark.casefold(), articles
    # A result opens its page with the words highlighted (Material's ?h=).
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_selector("article mark")


@pytest.mark.browser
def test_pagefind_search_helps_when_nothing_matches(pagefind_server, browser_context):
    page = browser_context.new_page()
    page.goto(pagefind_server, wait_until="load")
    assert search_results(page, "zzyzxq") == []
    page.locator(".md-search-result .search-help").wait_for()
    assert "zzyzxq" in page.inner_text(".md-search-result .search-help")


@pytest.mark.browser
@pytest.mark.parametrize(("palette", "viewport"), [("light", None), ("dark", None), ("light", PHONE), ("dark", PHONE)])
def test_pagefind_results_look_as_material_draws_them(pagefind_server, chromium, tmp_path, palette, viewport):
    """Results in Material's own list, readable in each palette and on a phone:
    text and background differ (a screenshot is kept beside the test's files)."""
    options = {"color_scheme": palette} | ({"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {})
    context = chromium.new_context(**options)
    try:
        page = context.new_page()
        page.goto(pagefind_server + "ru/", wait_until="load")
        assert search_results(page, "миростроительство")[:1] == [REPORT]
        colours = page.evaluate("""() => {
            const article = document.querySelector('.md-search-result__article');
            const styled = getComputedStyle(article);
            let node = article;
            let background = 'rgba(0, 0, 0, 0)';
            while (node && background === 'rgba(0, 0, 0, 0)') {
                background = getComputedStyle(node).backgroundColor;
                node = node.parentElement;
            }
            return [styled.color, background, document.body.getAttribute('data-md-color-scheme'),
                    article.getBoundingClientRect().width, window.innerWidth];
        }""")
        text, background, scheme, width, window_width = colours
        assert text != background
        assert (scheme == "slate") == (palette == "dark"), scheme
        assert 0 < width <= window_width
        page.screenshot(path=str(tmp_path / f"pagefind-{palette}-{'phone' if viewport else 'wide'}.png"))
    finally:
        context.close()
