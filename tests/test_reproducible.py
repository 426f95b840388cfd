"""Two builds of the same commit are the same site, byte for byte: every
page, the sitemap and its gzip, the search index, the PDF and the zip.

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

from report_site.publish import build, source_date_epoch
from report_site.steps import default_steps
from support import ROOT, tree_digest


def test_two_builds_are_byte_identical(built_site, tmp_path):
    elsewhere = tmp_path / "another" / "checkout-dir"
    elsewhere.mkdir(parents=True)
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Yerevan", "NO_MKDOCS_2_WARNING": "1",
           "LC_ALL": "C.UTF-8"}
    # The commit the first build was made from: others may commit in between,
    # and a new commit is a new build date.
    env["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(ROOT)
    site = elsewhere / "public"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site-dir", str(site)],
                            cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = tree_digest(built_site), tree_digest(site)
    assert {".pdf", ".zip", ".gz"} <= {Path(name).suffix for name in first}, "the PDF, zip and sitemap are compared too"
    assert "search/search_index.json" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_dates_come_from_the_commit_not_the_clock(tmp_path, monkeypatch):
    """With SOURCE_DATE_EPOCH set, the sitemap's dates and the gzip header
    are that date: a build made years later publishes the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1413849600")  # 2014-10-21
    site = tmp_path / "site"
    build(site_dir=site, steps=default_steps())
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {"2014-10-21"}
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") in (0, 1413849600), "gzip mtime: none, or the source's date"
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    for pdf in site.rglob("*.pdf"):
        metadata = pypdf.PdfReader(pdf).metadata or {}
        for key in ("/CreationDate", "/ModDate"):
            assert str(metadata.get(key, "D:20141021")).startswith("D:20141021"), (pdf.name, key, metadata.get(key))
    archives = list(site.rglob("*.zip"))
    assert archives
    for archive in archives:
        with zipfile.ZipFile(archive) as opened:
            stamps = {info.date_time[:3] for info in opened.infolist()}
        assert stamps <= {(2014, 10, 21), (1980, 1, 1)}, (archive.name, stamps)


def test_the_build_date_is_the_last_commit():
    commit_time = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                                 capture_output=True, text=True).stdout.strip()
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        assert source_date_epoch(ROOT) == (commit_time or "1413849600")
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
