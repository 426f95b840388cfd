"""PDFs kept between builds (report_site.build_cache, report_site.pdf): a
PDF is rendered again only when something it is made from changed, a build
after a one-sentence edit makes the very files a cold build makes, and
nothing half-written or mislabelled in the cache is ever published."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from report_site import pdf
from report_site.build_cache import PdfCache
from report_site.pdf import PdfDocument, ReportPdfs, document_key, render_environment
from report_site.publish import build
from support import DATA, DOCS, edit, replace_once, tree_digest

KEY = "ab" * 32
OTHER_KEY = "cd" * 32
SECOND_REPORT = "meetings/epnk-exchange-2011/report.md"
SENTENCE = "The exchange was about the conflict over Nagorno-Karabakh"


def entry_files(cache: PdfCache, key: str) -> tuple[Path, Path]:
    folder = cache.folder / key[:2]
    return folder / f"{key}.pdf", folder / f"{key}.json"


@pytest.fixture()
def stored(tmp_path) -> tuple[PdfCache, Path]:
    """A cache holding one PDF made from one file of a site."""
    site = tmp_path / "site"
    (site / "images").mkdir(parents=True)
    (site / "images" / "logo.png").write_bytes(b"logo")
    cache = PdfCache(tmp_path / "cache")
    cache.store(KEY, b"%PDF-1.7 the document", {"images/logo.png": hashlib.sha256(b"logo").hexdigest()})
    return cache, site


def test_a_stored_pdf_is_found_under_its_key(stored):
    cache, site = stored
    assert cache.load(KEY, site) == b"%PDF-1.7 the document"
    assert cache.load(OTHER_KEY, site) is None
    assert not list(cache.folder.rglob("*.partial")), "a temporary file was left behind"


@pytest.mark.parametrize("damage", ["truncated", "same size, other bytes", "no manifest", "manifest unreadable"])
def test_a_damaged_entry_is_never_used(stored, damage):
    cache, site = stored
    data, manifest = entry_files(cache, KEY)
    if damage == "truncated":
        data.write_bytes(data.read_bytes()[:5])
    elif damage == "same size, other bytes":
        data.write_bytes(data.read_bytes().replace(b"the", b"THE"))
    elif damage == "no manifest":  # a build stopped between the two files
        manifest.unlink()
    else:
        manifest.write_text(manifest.read_text(encoding="utf-8")[:20], encoding="utf-8")
    assert cache.load(KEY, site) is None


def test_an_entry_filed_under_another_key_is_not_used(stored):
    cache, site = stored
    data, manifest = entry_files(cache, KEY)
    moved_data, moved_manifest = entry_files(cache, OTHER_KEY)
    moved_data.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(data, moved_data)
    shutil.copy(manifest, moved_manifest)
    assert cache.load(OTHER_KEY, site) is None


@pytest.mark.parametrize("change", ["changed", "removed"])
def test_a_pdf_whose_image_changed_is_not_used(stored, change):
    cache, site = stored
    image = site / "images" / "logo.png"
    if change == "changed":
        image.write_bytes(b"another logo")
    else:
        image.unlink()
    assert cache.load(KEY, site) is None


def test_entries_unused_for_a_month_are_removed_and_used_ones_kept(stored):
    cache, site = stored
    cache.store(OTHER_KEY, b"%PDF-1.7 another", {})
    leftover = cache.folder / "ab" / f".{KEY}.pdf.x.partial"  # from a build killed while writing
    leftover.write_bytes(b"%PDF-1")
    month_ago = time.time() - 31 * 24 * 3600
    for path in cache.folder.rglob("*"):
        if path.is_file():
            os.utime(path, (month_ago, month_ago))
    assert cache.load(KEY, site) is not None  # used today
    removed = cache.prune(time.time())
    assert sorted(path.name for path in removed) == sorted([leftover.name, f"{OTHER_KEY}.json", f"{OTHER_KEY}.pdf"])
    assert cache.load(KEY, site) == b"%PDF-1.7 the document"


def test_the_key_covers_the_document_and_the_date(tmp_path, monkeypatch):
    document = PdfDocument("<p>One sentence.</p>", "https://example.org/r/", "https://example.org/", tmp_path,
                           b"id", tmp_path / "r.pdf")
    key = document_key(document, "environment")
    assert document_key(document, "environment") == key
    assert document_key(document, "another environment") != key
    assert document_key(PdfDocument("<p>One sentence!</p>", *list(vars(document).values())[1:]), "environment") != key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    assert document_key(document, "environment") != key


def test_the_environment_covers_the_stylesheet_and_the_template(tmp_path, monkeypatch):
    before = render_environment()
    stylesheet = tmp_path / "pdf.css"
    stylesheet.write_text(pdf.STYLESHEET.read_text(encoding="utf-8") + "\np { orphans: 3; }\n", encoding="utf-8")
    monkeypatch.setattr(pdf, "STYLESHEET", stylesheet)
    with_stylesheet = render_environment()
    assert with_stylesheet != before
    templates = tmp_path / "templates"
    shutil.copytree(pdf.TEMPLATE_DIR, templates)
    edit(templates, "report.html", lambda text: text + "\n")
    monkeypatch.setattr(pdf, "TEMPLATE_DIR", templates)
    assert render_environment() not in (before, with_stylesheet)


def test_a_one_sentence_edit_renders_one_pdf_and_builds_what_a_cold_build_does(tmp_path):
    """Two meetings: a build with a warm cache after a sentence of one meeting's
    report changed renders that meeting's PDF alone, and its files are those of
    a build without any cache. A damaged entry is rendered again, not published."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    cache = PdfCache(tmp_path / "cache")

    def pdf_build(name: str, with_cache: PdfCache | None) -> tuple[ReportPdfs, Path]:
        step = ReportPdfs(jobs=2, cache=with_cache)
        result = build(docs_dir=docs, site_dir=tmp_path / name, steps=[step], jobs=2)
        assert result.notes == step.summary_lines()
        return step, result.site_dir

    first, _ = pdf_build("first", cache)
    assert len(first.rebuilt) == 2 and not first.reused
    edit(docs, SECOND_REPORT, replace_once(SENTENCE, SENTENCE.replace("exchange", "meeting")))
    warm, warm_site = pdf_build("warm", cache)
    assert warm.rebuilt == ["downloads/epnk-exchange-2011-report.pdf"]
    assert warm.reused == ["downloads/london-2014-report.pdf"]
    assert "PDFs: 1 rendered, 1 reused" in warm.summary_lines()[0]
    _, cold_site = pdf_build("cold", None)
    assert tree_digest(warm_site) == tree_digest(cold_site)

    for entry in cache.folder.rglob("*.pdf"):
        entry.write_bytes(entry.read_bytes().replace(b"%PDF", b"%XYZ", 1))
    again = ReportPdfs(jobs=1, cache=cache)
    build(docs_dir=docs, site_dir=tmp_path / "again", steps=[again], jobs=1)
    assert sorted(again.rebuilt) == sorted(warm.rebuilt + warm.reused) and not again.reused
    assert tree_digest(tmp_path / "again") == tree_digest(cold_site)
