"""The build's side of reading after one visit (report_site/offline_reading.py):
the manifest a service worker trusts, and what the offline zip leaves out."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest

from report_site import offline_reading
from report_site.downloads import ZIP_PATH
from report_site.strings import strings

EDITION_ROOTS = {"en": "", "ru": "ru/", "hy": "hy/", "az": "az/"}


def test_page_address_is_what_the_browser_asks_for():
    assert offline_reading.page_address("index.html") == ""
    assert offline_reading.page_address("about/index.html") == "about/"
    assert offline_reading.page_address("meetings/london-2014/report/index.html") == "meetings/london-2014/report/"


def test_an_edition_loads_only_its_own_search_languages():
    assert not offline_reading.search_needs("lunr.ru.min.js", ("en",))
    assert offline_reading.search_needs("lunr.ru.min.js", ("ru", "en"))
    assert offline_reading.search_needs("lunr.multi.min.js", ("ru", "en"))
    assert not offline_reading.search_needs("lunr.th.min.js", ("ru", "en"))


def test_the_manifest_lists_pages_files_and_pdfs_apart_and_leaves_the_rest_out(tmp_path):
    root = tmp_path / "site"
    for name, text in {"index.html": "home", "about/index.html": "about", "assets/reading.css": "css",
                       "assets/reading.css.gz": "gz", "assets/bundle.js.map": "map", "sitemap.xml": "x",
                       "downloads/m-report.pdf": "pdf", "downloads/offline.zip": "zip",
                       "ru/index.html": "other edition", "assets/previews/card.png": "card"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    manifest = offline_reading.edition_manifest(root, "en", [root / "ru"])
    assert [kept.path for kept in manifest.pages] == ["about/", ""]
    assert [kept.path for kept in manifest.files] == ["assets/reading.css"]
    assert [kept.path for kept in manifest.pdfs] == ["downloads/m-report.pdf"]
    assert manifest.other_editions == ["ru/"]
    assert manifest.pages[1].sha256 == hashlib.sha256(b"home").hexdigest()
    before = manifest.version
    (root / "about/index.html").write_text("about, changed", encoding="utf-8")
    assert offline_reading.edition_manifest(root, "en", [root / "ru"]).version != before


@pytest.mark.parametrize("language", EDITION_ROOTS)
def test_the_manifest_matches_the_published_files(built_site: Path, language):
    root = built_site / EDITION_ROOTS[language]
    manifest = json.loads((root / offline_reading.MANIFEST_PATH).read_text(encoding="utf-8"))
    assert manifest["language"] == language
    for entry in manifest["pages"] + manifest["files"] + manifest["pdfs"]:
        path = root / entry["path"] / "index.html" if entry["path"].endswith("/") or not entry["path"] \
            else root / entry["path"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert len(data) == entry["bytes"]
    pages = {entry["path"] for entry in manifest["pages"]}
    published = {offline_reading.page_address(path.relative_to(root).as_posix())
                 for path in root.rglob("index.html")
                 if not any(path.is_relative_to(root / other) for other in manifest["other_editions"])}
    assert pages == published
    assert all(entry["path"].startswith("downloads/") for entry in manifest["pdfs"]) and manifest["pdfs"]
    assert (root / offline_reading.WORKER_PATH).read_bytes() == offline_reading.WORKER_SOURCE.read_bytes()
    # The size the control shows is the manifest's, in the edition's words.
    # Measured just before the pages gained their size texts (a few bytes each): within 1 %.
    t = strings(language)
    home = (root / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'data-keep-offline-size> \((.+?)\)</span>', home)
    assert shown, "the control's size is filled in"
    total = manifest["edition_transfer_bytes"]
    assert shown.group(1) in {t.file_size(round(total * (1 + step / 1000))) for step in range(-10, 11)}
    assert f"({t.file_size(manifest['pdf_bytes'])})</span>" in home


def test_the_first_view_asks_for_nothing_new_and_the_offline_zip_has_no_worker(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    # offline-reading.js is named for load-on-use.js to fetch after load, never linked to load with the page.
    assert 'data-after-load="assets/javascripts/report/offline-reading.js"' in home
    assert '<script src="assets/javascripts/report/offline-reading.js"' not in home
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        pages = [name for name in names if name.endswith(".html")]
        assert not [name for name in names if name.endswith(("/sw.js", "offline-manifest.json", "/offline.html"))]
        for name in pages:
            text = archive.read(name).decode("utf-8")
            assert "data-after-load" not in text and "keep-offline" not in text, name
