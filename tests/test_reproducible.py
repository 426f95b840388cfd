"""Two builds of the same commit are the same site, byte for byte: every
page, the sitemap and its gzip, the search index, the PDF, the zip and the
drawn images (link-preview cards, app icons) and the feeds.

The second build runs in another process, from another directory, with
another hash seed and time zone, so that nothing the build takes from its
surroundings (set order, the clock, local time, paths) goes unnoticed."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf

from report_site.publish import source_date_epoch
from support import ROOT, tree_digest


def test_two_builds_are_byte_identical(built_site, tmp_path):
    elsewhere = tmp_path / "another" / "checkout-dir"
    elsewhere.mkdir(parents=True)
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Yerevan", "NO_MKDOCS_2_WARNING": "1",
           "LC_ALL": "C.UTF-8"}
    # The date the session's build was made with (conftest): the same commit, the same date.
    env["SOURCE_DATE_EPOCH"] = os.environ["SOURCE_DATE_EPOCH"]
    site = elsewhere / "public"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site-dir", str(site)],
                            cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = tree_digest(built_site), tree_digest(site)
    assert {".pdf", ".zip", ".gz"} <= {Path(name).suffix for name in first}, "the PDF, zip and sitemap are compared too"
    assert "search/search_index.json" in first
    # The drawn images too: the link-preview cards and the web app icons of every edition.
    for prefix in ("", "ru/", "hy/", "az/"):
        assert f"{prefix}assets/previews/meetings/london-2014/report.png" in first
        assert {f"{prefix}manifest.webmanifest", f"{prefix}assets/icons/app-maskable-512.png"} <= set(first)
    assert {"feed.xml", "ru/feed.xml", "hy/feed.xml", "az/feed.xml"} <= set(first), "every edition's feed is compared"
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_dates_come_from_source_date_epoch_not_the_clock(built_site):
    """With SOURCE_DATE_EPOCH set (conftest sets 2015-01-01 for the session), the sitemap's
    dates, the gzip header, the PDFs' dates and the zip's entries are that date: a build made
    years later publishes the same bytes. The session's own build is the one read."""
    assert os.environ["SOURCE_DATE_EPOCH"] == "1420070400"
    site = built_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {"2015-01-01"}
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") in (0, 1420070400), "gzip mtime: none, or the source's date"
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    pdfs = list(site.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        metadata = pypdf.PdfReader(pdf).metadata or {}
        for key in ("/CreationDate", "/ModDate"):
            assert str(metadata.get(key, "")).startswith("D:20150101"), (pdf.name, key, metadata.get(key))
    archives = list(site.rglob("*.zip"))
    assert archives
    for archive in archives:
        with zipfile.ZipFile(archive) as opened:
            stamps = {info.date_time[:3] for info in opened.infolist()}
        assert stamps == {(2015, 1, 1)}, (archive.name, stamps)


def test_the_build_date_is_the_last_commit():
    commit_time = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                                 capture_output=True, text=True).stdout.strip()
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        assert source_date_epoch(ROOT) == (commit_time or "1413849600")
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
