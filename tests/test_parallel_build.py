"""A build on several processes (`--jobs`) makes the very files a build on
one makes: every file, the zip and the .gz copies included; it refuses bad
pages with the same message, and says the same warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

from report_site import parallel
from report_site.build_cache import CardCache, FolderCache, GzipCache, PdfCache
from report_site.css_purge import VocabularyCache
from report_site.publish import BuildResult, build
from report_site.steps import default_steps
from support import DATA, DOCS, ROOT, edit, refused_build, replace_once, tree_digest

RU_REPORT = "ru/meetings/london-2014/report.md"
REPORT = "meetings/london-2014/report.md"
# A sentence of the report that no page quotes, and an edit of it.
SENTENCE = "The aims of the meeting were to discuss key challenges"
EDITED = "The aims of the meeting were to talk over key challenges"


def copy_with_translations(tmp_path: Path) -> Path:
    """The repository's pages and its translations (four editions), which a test may edit."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    return tmp_path / "docs"


def test_a_parallel_build_is_byte_identical_to_the_sequential_one(built: BuildResult, tmp_path):
    """The session's build (conftest's `built`: one process) against a build of the
    same pages on two processes, every step included."""
    parallel = build(site_dir=tmp_path / "site", steps=default_steps(jobs=2), jobs=2)
    assert sorted(path.suffix for path in parallel.site_dir.rglob("*.gz"))  # the steps ran
    assert tree_digest(parallel.site_dir) == tree_digest(built.site_dir)
    assert [(m.language, [p.id for p in m.pages]) for m in parallel.model.editions()] == \
        [(m.language, [p.id for p in m.pages]) for m in built.model.editions()]
    assert said(parallel) == said(built)


def said(result: BuildResult) -> list[str]:
    """The build's summary but for its time and where its site is."""
    return [line for line in result.summary().splitlines()
            if not line.startswith(("Time:", "Site:", "Read it:", "Offline edition"))]


def test_a_translators_edit_indexes_that_edition_alone_for_search(tmp_path):
    """A sentence of the Russian translation changed: the Russian pages alone
    change, so the other editions keep the search index the last build
    wrote (report_site.pagefind_search), and the summary says which."""
    docs = copy_with_translations(tmp_path)
    caches = tmp_path / "cache"

    def steps() -> list:
        return default_steps(jobs=2, pagefind_cache=FolderCache(caches / "pagefind"))

    first = build(docs_dir=docs, site_dir=tmp_path / "first", steps=steps(), jobs=2)
    assert f"Search indexes (Pagefind): 4 indexed (en, ru, hy, az), 0 kept from {caches / 'pagefind'}." in first.notes
    edit(tmp_path / "translations", RU_REPORT, replace_once("собрали ряд ключевых", "собрали ряд важных"))
    rebuilt = build(docs_dir=docs, site_dir=tmp_path / "rebuilt", steps=steps(), jobs=2)
    assert "собрали ряд важных" in (rebuilt.site_dir / "ru/meetings/london-2014/report/index.html").read_text(
        encoding="utf-8")
    assert f"Search indexes (Pagefind): 1 indexed (ru), 3 kept from {caches / 'pagefind'}." in rebuilt.notes, \
        rebuilt.notes


def test_warnings_from_the_workers_reach_the_summary(tmp_path):
    """A draft in a translation (four editions): a build on two processes says
    what a build on one says, and writes the same pages."""
    docs = copy_with_translations(tmp_path)
    shutil.copy(DATA / "drafts" / "qz7-draft-term.md", docs / "glossary" / "qz7-draft-term.md")
    one = build(docs_dir=docs, site_dir=tmp_path / "one", steps=[], jobs=1)
    two = build(docs_dir=docs, site_dir=tmp_path / "two", steps=[], jobs=2)
    assert any("qz7-draft-term" in warning for warning in one.warnings), one.warnings
    assert two.warnings == one.warnings
    assert said(two) == said(one)
    assert len(two.model.other_editions) == 3
    assert tree_digest(two.site_dir) == tree_digest(one.site_dir)


def test_a_refusal_in_a_worker_is_the_same_clear_message(tmp_path, capsys):
    """A broken translation, built on one process and on two: the same
    `path:line:col` message, no traceback, the published site as it was."""
    docs = copy_with_translations(tmp_path)
    edit(tmp_path / "translations", RU_REPORT, replace_once("\n---\n", "\norder: [1\n---\n"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as published before\n", encoding="utf-8")
    args = ["--docs-dir", str(docs), "--html-only"]
    sequential = refused_build([*args, "--jobs", "1"], site, capsys)
    parallel = refused_build([*args, "--jobs", "2"], site, capsys)
    assert "translations/ru/meetings/london-2014/report.md:" in sequential, sequential
    assert parallel == sequential
    assert not list(tmp_path.glob(".*editions-*")), "the editions' scratch folders were left behind"


def _spin(seconds: float) -> float:
    """Busy the processor for `seconds` of this process's CPU time."""
    import time

    started = time.process_time()
    while time.process_time() - started < seconds:
        pass
    return seconds


def test_the_workers_processor_time_and_memory_reach_the_usage_log(tmp_path, monkeypatch):
    # The workers are the fork server's children: without their own count, a parallel
    # build's CPU time would show as almost none (and the bench's CPU/wall ratio as idle).
    log = tmp_path / "usage"
    assert parallel.read_usage_log(log) == parallel.WorkerUsage(0.0, 0.0)
    monkeypatch.setenv(parallel.USAGE_LOG, str(log))
    assert parallel.run_all(_spin, [0.3, 0.3, 0.3], jobs=2) == [0.3, 0.3, 0.3]
    usage = parallel.read_usage_log(log)
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3
    assert usage.cpu_seconds >= 0.9
    assert usage.peak_mib > 10  # a Python interpreter with MkDocs and WeasyPrint loaded


def test_a_rebuild_after_a_one_sentence_edit_reuses_and_is_byte_identical_to_a_cold_sequential_build(tmp_path):
    """The way an author rebuilds: on every core, with the cache the last build
    left, after one sentence of a report changed. Its site is the one a cold
    build on one process without any cache makes of the edited pages, and
    only the edited meeting's PDF and nothing else was made afresh."""
    docs = copy_with_translations(tmp_path)
    caches = tmp_path / "cache"

    def warm_steps() -> list:
        return default_steps(jobs=2, pdf_cache=PdfCache(caches / "pdf"), card_cache=CardCache(caches / "cards"),
                             gzip_cache=GzipCache(caches / "gz"), page_cache=caches / "pages",
                             vocabulary_cache=VocabularyCache(caches / "vocabulary"),
                             pagefind_cache=FolderCache(caches / "pagefind"))

    build(docs_dir=docs, site_dir=tmp_path / "first", steps=warm_steps(), jobs=2, page_cache=caches / "pages")
    edit(docs, REPORT, replace_once(SENTENCE, EDITED))
    rebuilt = build(docs_dir=docs, site_dir=tmp_path / "rebuilt", steps=warm_steps(), jobs=2, page_cache=caches / "pages")
    cold = build(docs_dir=docs, site_dir=tmp_path / "cold", steps=default_steps(jobs=1), jobs=1)
    assert EDITED in (cold.site_dir / "meetings/london-2014/report/index.html").read_text(encoding="utf-8")
    assert tree_digest(rebuilt.site_dir) == tree_digest(cold.site_dir)
    # The English PDF alone was rendered again (the translations' words are their own), and
    # no card drawn again (a card shows a page's title, not its sentences).
    rendered = [line.split(": ", 1)[1] for line in rebuilt.notes if line.startswith("  Rendered: ")]
    assert rendered == ["downloads/london-2014-report.pdf"], rebuilt.notes
    assert any(line.startswith("Preview cards: 0 drawn,") for line in rebuilt.notes), rebuilt.notes
    # The offline edition's pages too were rendered only where the edit shows, and the build says so.
    offline = [line for line in rebuilt.notes if line.startswith("Pages (en-offline-files): ")]
    assert len(offline) == 1 and " kept from " in offline[0] and not offline[0].startswith(
        "Pages (en-offline-files): 0 rendered"), rebuilt.notes
    # Every edition was indexed again: each translation of the edited page now says the English
    # changed after it (test_pagefind_search has an edition kept when its pages are unchanged).
    assert "Search indexes (Pagefind): 4 indexed (en, ru, hy, az), 0 kept from " + str(caches / "pagefind") + "." \
        in rebuilt.notes, rebuilt.notes
    # Every .gz copy published is the one kept for its bytes.
    kept = {path.read_bytes() for path in (caches / "gz").rglob("*.gz")}
    assert all(path.read_bytes() in kept for path in rebuilt.site_dir.rglob("*.gz"))
