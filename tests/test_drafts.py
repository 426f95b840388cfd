"""A draft never leaves the author's machine: after a real build with every
post-build step, its marker is in no file of site/, not inside the offline
zip, not in the PDF's text. `mkdocs serve` shows it, marked as a draft."""

from __future__ import annotations

import gzip
import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import build as build_script  # scripts/build.py
from report_site.publish import build
from report_site.steps import default_steps
from support import DATA, ROOT, edit, run_build

MARKER = "qz7draftmarker"
DRAFT_PAGE = "qz7-internal-notes"
DRAFT_ABBREVIATION_EXPANSION = "Qz7draftmarker expansion"
GROUP = "meetings/london-2014/groups/clu-experts.md"


def add_drafts(docs: Path) -> None:
    shutil.copy(DATA / "drafts" / f"{DRAFT_PAGE}.md", docs / f"{DRAFT_PAGE}.md")
    shutil.copy(DATA / "drafts" / "qz7-draft-term.md", docs / "glossary" / "qz7-draft-term.md")
    # A published page uses the draft term's abbreviation: had the draft
    # leaked into the site's abbreviations, its expansion would be a tooltip here.
    edit(docs, GROUP, lambda text: text.rstrip("\n") + "\n\nThe QZXW group was not there.\n")


def published_texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(name, text) of a published file, and of everything packed inside it."""
    yield name, data.decode("utf-8", errors="replace")
    if name.endswith(".gz"):
        yield from published_texts(name[:-3], gzip.decompress(data))
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield name + "!/" + member, member  # the member's own name is published too
                yield from published_texts(name + "!/" + member, archive.read(member))
    elif name.endswith(".pdf"):
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        assert len(reader.pages) == 0 or text.strip(), f"{name}: no text extracted, the check would be empty"
        yield name + " (text)", text
        yield name + " (metadata)", str(reader.metadata)


@pytest.fixture(scope="module")
def site_with_drafts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    docs = folder / "docs"
    shutil.copytree(Path(__file__).resolve().parents[1] / "docs", docs)
    add_drafts(docs)
    site = folder / "site"
    build(docs_dir=docs, site_dir=site, steps=default_steps())
    return site


def test_the_build_has_every_kind_of_output(site_with_drafts):
    """The leak check below is only as good as what it looks into."""
    names = {path.name for path in site_with_drafts.rglob("*")}
    assert {"sitemap.xml", "sitemap.xml.gz", "metadata.json", "search_index.json", "index.html"} <= names
    suffixes = {path.suffix for path in site_with_drafts.rglob("*")}
    assert ".zip" in suffixes and ".pdf" in suffixes
    assert "QZXW" in (site_with_drafts / "meetings/london-2014/groups/clu-experts/index.html").read_text(encoding="utf-8")


def test_no_file_of_the_site_mentions_a_draft(site_with_drafts):
    leaks = []
    checked = 0
    for path in sorted(site_with_drafts.rglob("*")):
        relative = path.relative_to(site_with_drafts).as_posix()
        if MARKER in relative.casefold() or DRAFT_PAGE in relative:
            leaks.append(f"{relative}: the file's own name")
        if not path.is_file():
            continue
        for name, text in published_texts(relative, path.read_bytes()):
            checked += 1
            for needle in (MARKER, DRAFT_PAGE, "term-qz7"):
                if needle in text.casefold():
                    leaks.append(f"{name}: {needle}")
    assert checked > 100
    assert leaks == []


def test_a_published_page_cannot_link_to_a_draft(docs_copy, published_site, capsys):
    add_drafts(docs_copy)
    edit(docs_copy, GROUP, lambda text: text + f"\nSee [the notes](id:{DRAFT_PAGE}).\n")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert f"unknown id '{DRAFT_PAGE}': that page is a draft" in err


def test_a_draft_is_still_checked_when_served(docs_copy, tmp_path):
    """What an author previews is held to the same rules as what is published."""
    add_drafts(docs_copy)
    edit(docs_copy, f"{DRAFT_PAGE}.md", lambda text: text + "\nCall +44 20 7946 0000.\n")
    from report_site.site_model import load_site
    _, problems = load_site(docs_copy, include_drafts=True)
    assert any("phone number" in problem.message for problem in problems)
    _, problems = load_site(docs_copy, include_drafts=False)
    assert problems == []


def test_serve_shows_drafts_marked_as_drafts(docs_copy, tmp_path):
    add_drafts(docs_copy)
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs_copy), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        # What `mkdocs serve` builds: with a serve URL, drafts are included.
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    page = (tmp_path / "served" / DRAFT_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Qz7draftmarker internal notes" in page
    assert "This page is a draft" in page


def test_a_file_only_a_draft_uses_is_refused(docs_copy, published_site, capsys):
    """MkDocs publishes every file of docs/: a draft's photo would go out alone."""
    add_drafts(docs_copy)
    (docs_copy / "qz7-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(docs_copy, f"{DRAFT_PAGE}.md", lambda text: text + "\n![A participant](qz7-photo.png)\n")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert "docs/qz7-photo.png:1:1: file: no published page uses this file" in err


def test_a_file_a_published_page_shows_is_published(docs_copy, tmp_path, capsys):
    (docs_copy / "meetings" / "london-2014" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(docs_copy, "meetings/london-2014/index.md", lambda text: text + "\n![Map of the venue](map.png)\n")
    site = tmp_path / "new-site"
    status = build_script.main(["--docs-dir", str(docs_copy), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr().err
    assert (site / "meetings" / "london-2014" / "map.png").is_file()
