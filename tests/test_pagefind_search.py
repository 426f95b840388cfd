"""The online search's index (report_site.pagefind_search): each edition has
its own Pagefind bundle, of its own pages, holding only what the site's
search script loads, kept by a reader who keeps the edition offline, and
never in the offline zip (which searches with lunr)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from report_site import editions
from report_site.offline_edition import ZIP_PATH
from report_site.offline_reading import MANIFEST_PATH
from report_site.pagefind_search import OUTPUT_DIR, edition_pages

# What a bundle may hold (the .gz copies are write_precompressed's, as for every file).
BUNDLE_FILE = re.compile(r"(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\.(?P<meta>[a-z]+)_[0-9a-f]+\.pf_meta"
                         r"|wasm\.(?P<wasm>[a-z]+)\.pagefind|index/(?P<index>[a-z]+)_[0-9a-f]+\.pf_index"
                         r"|fragment/(?P<fragment>[a-z]+)_[0-9a-f]+\.pf_fragment|filter/(?P<filter>[a-z]+)_[0-9a-f]+\.pf_filter)(\.gz)?")


def edition_folders(site: Path, model) -> dict[str, Path]:
    return {edition.language: site / editions.edition(edition.language).prefix for edition in model.editions()}


def test_each_edition_has_its_own_pagefind_index_and_nothing_else(built_site, built_model):
    folders = edition_folders(built_site, built_model)
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
        # Every page but the one kept out of search (the whole report, for print) is indexed.
        searchable = [page for page in edition_pages(folder, nested) if "data-pagefind-body" in page.read_text(encoding="utf-8")]
        assert len(searchable) == len(edition_pages(folder, nested)) - 1
        assert entry["languages"][language]["page_count"] == len(searchable)
        assert len([name for name in files if name.startswith("fragment/") and not name.endswith(".gz")]) == len(searchable)


def test_a_reader_who_keeps_an_edition_offline_keeps_its_pagefind_index(built_site, built_model):
    """Kept pages search with Pagefind too (the service worker answers from
    what it kept); the offline zip has none of it."""
    for language, folder in edition_folders(built_site, built_model).items():
        manifest = json.loads((folder / MANIFEST_PATH).read_text(encoding="utf-8"))
        kept = {file["path"] for file in manifest["files"]}
        bundle = folder / OUTPUT_DIR
        published = {path.relative_to(folder).as_posix() for path in bundle.rglob("*")
                      if path.is_file() and path.suffix != ".gz"}
        assert published and published <= kept, (language, sorted(published - kept))
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        assert [name for name in archive.namelist() if "pagefind" in name] == []
