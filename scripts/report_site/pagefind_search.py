"""The online site's search engine, per edition: Pagefind or lunr, whichever
makes a reader's first search download less.

Material's own search (lunr) downloads the edition's whole index, with its
worker, at the first search: on a site of one meeting that is little (about
22-38 KiB an edition), but it grows with every meeting published. Pagefind
starts with a fixed cost (its scripts and its WebAssembly word splitter,
about 95 KiB), then fetches only the chunks of its index that hold the
typed words and one small fragment per result shown, however large the site
(its word index cut again into small chunks after it writes it, so that a
typed word costs a few KiB: report_site.pagefind_chunks).
So each edition is indexed with Pagefind, the two first searches are
weighed (`first_search_bytes`), and the edition keeps Pagefind only when it
is the lighter; otherwise its bundle is removed and the pages stay with
lunr. The pages learn the choice in the last pass over them
(`engine_edits`, from final_page_pass): the script before Material's bundle
becomes overrides/assets/javascripts/report/pagefind-search.js, which
answers Material's search box in place of Material's worker, instead of
lazy-search.js, so a page downloads one of the two. The offline zip, opened from file:// where Pagefind cannot
load, always keeps lunr (offline_edition.py).

Each edition is indexed on its own, into `pagefind/` at its root, from its
own pages only (another edition's folder below it has its own index), so an
edition's reader never downloads another's words. What Pagefind reads of a
page is the article (`data-pagefind-body` in overrides/base.html) without
what is not the page's own text (`data-pagefind-ignore`), with the page's
kind as a filter (report pages only: one value keeps the output reproducible),
so the report comes first for its own words. An edition step
(report_site.steps): it reads only its edition's pages, so a split build
runs it in each edition's part. The offline edition, rendered apart, never
carries it; the last pass over the pages, whose edition sizes and offline
manifest then count it, changes nothing Pagefind reads.

With a cache (report_site.build_cache), an edition whose pages are all
unchanged keeps the index the last build wrote for them, byte for byte what
Pagefind would write again (its output depends on the pages and its version
alone): an edit of one edition's pages indexes that edition only.
"""

from __future__ import annotations

import concurrent.futures
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Literal

from . import editions, offline_reading, pagefind_chunks
from .build_cache import FolderCache
from .page_edits import PageEdit
from .precompress import gzip_copy
from .site_model import SiteModel

# "lighter": the engine whose first search downloads less; or one of the two, always.
Engine = Literal["lighter", "pagefind", "lunr"]
# What the template writes, and what the last pass makes of it in an edition that keeps Pagefind.
LUNR_MARK = 'lazy-search.js" data-search-engine="lunr"'
PAGEFIND_MARK = 'pagefind-search.js" data-search-engine="pagefind"'
# Results whose fragments a search fetches (pagefind-search.js's SHOWN).
SHOWN_RESULTS = 10

OUTPUT_DIR = "pagefind"

# What Pagefind leaves out of the pages besides what the templates mark
# data-pagefind-ignore: the "¶" links the Markdown writes after each heading,
# which would end every result's title.
UNREAD_SELECTORS = ".headerlink"
ENTRY = "pagefind-entry.json"  # its languages, each with its index and word splitter (wasm)
# What Pagefind writes that the site's own script never loads: its ready-made
# interfaces and their styles, its highlighter (Material highlights). Also left
# out: its own .gz copies (write_precompressed makes the site's), and the word
# splitters (wasm.<language>.pagefind) of languages the edition has no pages in:
# Pagefind writes English's and the fallback (`unknown`, for a language it has
# none for, such as Azerbaijani) into every bundle.
UNUSED_PREFIXES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class PagefindError(RuntimeError):
    pass


def edition_pages(edition_dir: Path, nested: list[Path]) -> list[Path]:
    """The edition's pages (every `index.html` under it, other editions' folders left out), in order.
    Those folders are not even entered: their editions may be indexed at the same time."""
    left_out = {folder.resolve() for folder in nested} | {(edition_dir / OUTPUT_DIR).resolve()}
    pages = []
    for folder, subfolders, files in os.walk(edition_dir):
        subfolders[:] = [name for name in subfolders if (Path(folder) / name).resolve() not in left_out]
        pages += [Path(folder) / name for name in files if name == "index.html"]
    return sorted(pages)


def index_edition(edition_dir: Path, nested: list[Path], cache: FolderCache | None = None) -> bool:
    """Writes `pagefind/` in edition_dir: the index of its own pages, nothing
    else; from `cache` where it has the index of these very pages (True)."""
    pages = edition_pages(edition_dir, nested)
    output = edition_dir / OUTPUT_DIR

    def make(target: Path) -> None:
        run_pagefind(edition_dir, pages, target)

    if cache is None:
        make(output)
        return False
    return cache.restore_or_make(index_inputs(edition_dir, pages), output, make)


def index_inputs(edition_dir: Path, pages: list[Path]) -> list[str | bytes]:
    """Everything an edition's index is made from: Pagefind's version and
    options, what is left of its output, how it is cut again (the code and
    its CBOR library), and each page read, with its address."""
    inputs: list[str | bytes] = ["pagefind", *pagefind_versions(), UNREAD_SELECTORS, *UNUSED_PREFIXES,
                                 Path(pagefind_chunks.__file__).read_bytes(), f"cbor2 {importlib.metadata.version('cbor2')}"]
    for page in pages:
        inputs += [page.relative_to(edition_dir).as_posix(), page.read_bytes()]
    return inputs


def pagefind_versions() -> list[str]:
    """The Pagefind package and its binary, as installed."""
    return [f"{name} {importlib.metadata.version(name)}" for name in ("pagefind", "pagefind_bin_extended")]


def run_pagefind(edition_dir: Path, pages: list[Path], output: Path) -> None:
    """Pagefind's index of `pages` (of edition_dir), in output, without the files
    the site's script never loads, its words cut into small chunks
    (report_site.pagefind_chunks). Pagefind reads a folder, so it is given
    one holding only these pages."""
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix="pagefind-edition-") as scratch:
        pages_dir = Path(scratch) / "site"
        for page in pages:
            target = pages_dir / page.relative_to(edition_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
        completed = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(pages_dir), "--output-path", str(output.resolve()),
             "--exclude-selectors", UNREAD_SELECTORS, "--silent"],
            capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise PagefindError(f"{edition_dir}: pagefind: {completed.stderr.strip() or completed.stdout.strip()}")
    entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
    wasm_used = {f"wasm.{language['wasm'] or 'unknown'}.pagefind" for language in entry["languages"].values()}
    for path in sorted(output.iterdir()):
        if (path.name.startswith(UNUSED_PREFIXES) or path.suffix == ".gz"
                or (path.name.startswith("wasm.") and path.name not in wasm_used)):
            path.unlink()
    pagefind_chunks.rechunk_bundle(output)


def gzip_bytes(path: Path) -> int:
    return len(gzip_copy(path.read_bytes()))


def lunr_first_search_bytes(edition_dir: Path, language: str) -> int:
    """What Material's search downloads at an edition's first search (gzip, as
    the host sends it): the whole index, the worker, lunr's files for the language."""
    needed = [edition_dir / "search" / "search_index.json",
              *sorted((edition_dir / "assets" / "javascripts" / "workers").glob("search.*.js"))]
    lunr_dir = edition_dir / offline_reading.LUNR_DIR
    languages = editions.edition(language).search_lang
    needed += [path for path in sorted(lunr_dir.rglob("*.js")) if offline_reading.search_needs(path.name, languages)]
    return sum(gzip_bytes(path) for path in needed if path.is_file())


def pagefind_first_search_bytes(bundle: Path) -> int:
    """What Pagefind downloads at a first search, at most for a word: its
    scripts (gzip), word splitter and metadata (compressed already), the
    largest chunk of its index, and the fragments of the results shown, the
    largest ones."""
    scripts = sum(gzip_bytes(bundle / name) for name in ("pagefind.js", "pagefind-worker.js"))
    fixed = sum(path.stat().st_size for path in bundle.glob("*.pagefind")) + sum(
        path.stat().st_size for path in bundle.glob("*.pf_meta"))
    chunks = [path.stat().st_size for path in (bundle / "index").glob("*.pf_index")]
    fragments = sorted((path.stat().st_size for path in (bundle / "fragment").glob("*.pf_fragment")), reverse=True)
    return scripts + fixed + max(chunks, default=0) + sum(fragments[:SHOWN_RESULTS])


def write_pagefind_indexes(model: SiteModel, site_dir: Path, engine: Engine = "lighter", jobs: int = 1,
                           cache: FolderCache | None = None) -> dict[str, bool]:
    """Post-build step: each edition's Pagefind index, kept where Pagefind is
    the engine (see the module's docstring for its place); for each edition,
    whether its index came from `cache`. The editions are indexed `jobs` at
    a time: Pagefind keeps to about one core (4.2 s of CPU in 4.2 s for an
    edition of a hundred meetings), and each run waits on its own process,
    so threads suffice."""
    folders = {edition_model.language: site_dir / editions.edition(edition_model.language).prefix
               for edition_model in model.editions()}

    def index(folder: Path) -> bool:
        return index_edition(folder, [other for other in folders.values() if other != folder and other.is_relative_to(folder)],
                             cache)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(jobs, len(folders)))) as pool:
        kept = dict(zip(folders, pool.map(index, folders.values()), strict=True))  # the first failure, in order, is raised
    if cache is not None:
        cache.prune(time.time())
    for language, folder in folders.items():
        bundle = folder / OUTPUT_DIR
        keep = engine == "pagefind" or (
            engine == "lighter" and pagefind_first_search_bytes(bundle) < lunr_first_search_bytes(folder, language))
        if not keep:
            shutil.rmtree(bundle)
    return kept


class PagefindIndexes:
    """The post-build step (write_pagefind_indexes), saying in the build's
    summary which editions were indexed and which kept their index."""

    def __init__(self, jobs: int = 1, cache: FolderCache | None = None, engine: Engine = "lighter") -> None:
        self.jobs = jobs
        self.cache = cache
        self.engine = engine
        self.kept: dict[str, bool] = {}

    def __call__(self, model: SiteModel, site_dir: Path) -> None:
        self.kept = write_pagefind_indexes(model, site_dir, engine=self.engine, jobs=self.jobs, cache=self.cache)

    def summary_lines(self) -> list[str]:
        if not self.cache:
            return []
        indexed = [language for language, kept in self.kept.items() if not kept]
        return [f"Search indexes (Pagefind): {len(indexed)} indexed ({', '.join(indexed) or 'none'}), "
                f"{len(self.kept) - len(indexed)} kept from {self.cache.folder}."]


def searches_with_pagefind(edition_dir: Path) -> bool:
    return (edition_dir / OUTPUT_DIR / ENTRY).is_file()


def engine_edits(edition_dir: Path) -> list[PageEdit]:
    """For the last pass over an edition's pages: where it keeps its Pagefind
    index, the pages search with it."""
    if not searches_with_pagefind(edition_dir):
        return []
    return [PageEdit(LUNR_MARK, PAGEFIND_MARK,
                     f"{edition_dir}: no page names its search engine ({LUNR_MARK}, overrides/main.html)")]
