"""Downloads and their sizes: one module knows where they live and how a
size is written, and every page is rewritten at most once after the build
(the sizes go in with the other page edits, page_edits.rewrite_pages)."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from report_site import downloads
from report_site.page_edits import rewrite_pages
from report_site.problems import BuildFailed
from report_site.publish import build
from report_site.steps import default_steps

PDF = "downloads/london-2014-report.pdf"


def page_with(*markers: str) -> str:
    return "<html><body><ul>" + "".join(f"<li><a>Download{marker}</a></li>" for marker in markers) + "</ul></body></html>"


def test_sizes_are_written_once_into_every_marker(tmp_path):
    (tmp_path / "downloads").mkdir()
    (tmp_path / PDF).write_bytes(b"%" * 2048)
    (tmp_path / downloads.ZIP_PATH).write_bytes(b"z" * (3 * 1024 * 1024))
    page = page_with(downloads.pdf_size_marker(PDF), downloads.ZIP_SIZE_MARKER)
    for name in ("index.html", "about/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(page, encoding="utf-8")
    rewrite_pages(tmp_path, downloads.size_edits(tmp_path))
    for name in ("index.html", "about/index.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert f'data-pdf-size="{PDF}"> (2 KB)</span>' in text
        assert "data-offline-size> (zip, 3.0 MB)</span>" in text


def test_a_download_no_page_links_fails_the_build(tmp_path):
    (tmp_path / "downloads").mkdir()
    (tmp_path / PDF).write_bytes(b"%PDF")
    (tmp_path / "index.html").write_text(page_with(downloads.ZIP_SIZE_MARKER), encoding="utf-8")
    with pytest.raises(BuildFailed, match="overrides/partials/: no page of the .en. edition has .*london-2014-report.pdf"):
        rewrite_pages(tmp_path, downloads.size_edits(tmp_path))


@pytest.mark.parametrize(("size", "shown"), [(1, "1 KB"), (1536, "2 KB"), (1024 * 1024 - 1, "1024 KB"),
                                             (1024 * 1024, "1.0 MB"), (int(2.25 * 1024 * 1024), "2.2 MB")])
def test_sizes_are_written_as_readers_read_them(size, shown):
    assert downloads.human_size(size) == shown


@pytest.mark.pdf
def test_the_post_build_steps_rewrite_each_page_at_most_once(tmp_path, monkeypatch):
    site = tmp_path / "site"
    result = build(site_dir=site, steps=[])
    writes: collections.Counter[str] = collections.Counter()
    write_text, write_bytes = Path.write_text, Path.write_bytes

    def counted_text(self: Path, *args, **kwargs):
        writes[str(self)] += 1
        return write_text(self, *args, **kwargs)

    def counted_bytes(self: Path, *args, **kwargs):
        writes[str(self)] += 1
        return write_bytes(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", counted_text)
    monkeypatch.setattr(Path, "write_bytes", counted_bytes)
    for step in default_steps():
        step(result.model, site)
    monkeypatch.undo()
    pages = sorted(site.rglob("*.html"))
    rewritten = {path: writes[str(path)] for path in pages if writes[str(path)]}
    assert len(rewritten) > 20, "the sizes were not filled in: the count would be empty"
    assert max(rewritten.values()) == 1, [str(path) for path, count in rewritten.items() if count > 1]
