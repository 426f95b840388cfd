"""A build that keeps its rendered pages (report_site.page_reuse) renders
again only the pages an edit can change, and its site is byte for byte the
site a build without the cache writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report_site import page_reuse
from report_site.publish import build
from support import DOCS, ROOT, edit, tree_digest

GLOSSARY_ENTRY = "glossary/do-no-harm.md"
ADDED = "This sentence was added to test which pages a build renders again."


def kept_pages(cache: Path) -> dict[str, int]:
    """Each kept page (edition folder/path) and when it was last written."""
    return {path.relative_to(cache).as_posix(): path.stat().st_mtime_ns
            for path in cache.glob(f"*/{page_reuse.PAGES_DIR}/**/*.html")}


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, written in after.items() if before.get(page) != written}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """The repository's pages and translations (four editions), to edit."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    return tmp_path / "docs"


def test_an_edit_renders_its_page_and_the_home_page_and_the_site_is_a_full_builds(docs: Path, tmp_path: Path) -> None:
    cache = tmp_path / "pages"
    build(docs_dir=docs, site_dir=tmp_path / "first", page_cache=cache)
    first = kept_pages(cache)
    assert len(first) > 100
    again = build(docs_dir=docs, site_dir=tmp_path / "again", page_cache=cache)
    assert rewritten(first, kept_pages(cache)) == set()  # nothing changed: nothing rendered
    assert tree_digest(again.site_dir) == tree_digest(tmp_path / "first")

    edit(docs, GLOSSARY_ENTRY, lambda text: text + f"\n{ADDED}\n")
    before = kept_pages(cache)
    rebuilt = build(docs_dir=docs, site_dir=tmp_path / "rebuilt", page_cache=cache)
    cold = build(docs_dir=docs, site_dir=tmp_path / "cold")
    assert ADDED in (cold.site_dir / "glossary/do-no-harm/index.html").read_text(encoding="utf-8")
    assert tree_digest(rebuilt.site_dir) == tree_digest(cold.site_dir)
    # The entry and the pages that may show its words (those of its meeting, and the home
    # page, which features a meeting), rendered again; the site's other pages kept.
    after = kept_pages(cache)
    english = {page.removeprefix("en-online-dirs/pages/") for page in rewritten(before, after)
               if page.startswith("en-online-")}
    assert {"glossary/do-no-harm/index.html", "index.html"} <= english
    assert not english & {"about/index.html", "organisations/international-alert/index.html", "glossary/index.html"}
    assert len(english) < len([page for page in after if page.startswith("en-online-")])
    # And the build says so, edition by edition.
    [said] = [note for note in rebuilt.notes if note.startswith("Pages (en-online-dirs): ")]
    assert said.startswith(f"Pages (en-online-dirs): {len(english)} rendered, "
                           f"{len([page for page in after if page.startswith('en-online-')]) - len(english)} kept from ")
    assert len([note for note in rebuilt.notes if note.startswith("Pages (")]) == 4  # one per edition


def test_a_kept_page_gone_missing_renders_every_page(docs: Path, tmp_path: Path) -> None:
    cache = tmp_path / "pages"
    build(docs_dir=docs, site_dir=tmp_path / "first", page_cache=cache)
    (cache / "en-online-dirs" / page_reuse.PAGES_DIR / "about" / "index.html").unlink()
    before = kept_pages(cache)
    edit(docs, GLOSSARY_ENTRY, lambda text: text + f"\n{ADDED}\n")
    rebuilt = build(docs_dir=docs, site_dir=tmp_path / "rebuilt", page_cache=cache)
    cold = build(docs_dir=docs, site_dir=tmp_path / "cold")
    assert tree_digest(rebuilt.site_dir) == tree_digest(cold.site_dir)
    english = {page for page in kept_pages(cache) if page.startswith("en-online-")}
    assert english <= rewritten(before, kept_pages(cache))  # every English page rendered again


def test_a_half_saved_cache_is_not_used(docs: Path, tmp_path: Path) -> None:
    cache = tmp_path / "pages"
    build(docs_dir=docs, site_dir=tmp_path / "first", page_cache=cache)
    store = page_reuse.PageStore(cache / "en-online-dirs")
    assert store.load() is not None
    (store.folder / page_reuse.FINGERPRINT_FILE).unlink()  # as a build stopped while saving leaves it
    assert store.load() is None


def test_what_a_build_renders_with_covers_its_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1413849600")
    first = page_reuse.build_inputs()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1413936000")
    assert page_reuse.build_inputs() != first
    assert any(package.startswith("mkdocs==") for package in first["packages"])
