"""The online site's search index: Pagefind's, one per edition.

Material's own search (lunr) downloads the edition's whole index before
the first result, and that index grows with every meeting published.
Pagefind splits its index into small chunks and the page text into one
fragment per page, and a search fetches only the chunks its words are in
and the fragments of the results it shows. The online pages search with it
(overrides/assets/javascripts/report/pagefind-search.js, which answers
Material's search box in place of Material's worker); the offline zip, opened
from file:// where Pagefind cannot load, keeps lunr (offline_edition.py).

Each edition is indexed on its own, into `pagefind/` at its root, from its
own pages only (another edition's folder below it has its own index), so an
edition's reader never downloads another's words. What Pagefind reads of a
page is the article (`data-pagefind-body` in overrides/base.html) without
what is not the page's own text (`data-pagefind-ignore`), words weighted by
the page's search boost (search_ranking.py), so the report comes first for
its own words. Runs after the offline edition is built (the zip must not
carry it) and before the last pass over the pages, whose edition sizes and
offline manifest then count it; that pass changes nothing Pagefind reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import editions
from .site_model import SiteModel

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
    """The edition's pages (every `index.html` under it, other editions' folders left out), in order."""
    return sorted(path for path in edition_dir.rglob("index.html")
                  if not any(path.is_relative_to(folder) for folder in nested)
                  and not path.relative_to(edition_dir).as_posix().startswith(f"{OUTPUT_DIR}/"))


def index_edition(edition_dir: Path, nested: list[Path]) -> None:
    """Writes `pagefind/` in edition_dir: the index of its own pages, nothing else.
    Pagefind reads a folder, so it is given one holding only this edition's pages."""
    output = edition_dir / OUTPUT_DIR
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix="pagefind-edition-") as scratch:
        pages_dir = Path(scratch) / "site"
        for page in edition_pages(edition_dir, nested):
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


def write_pagefind_indexes(model: SiteModel, site_dir: Path) -> None:
    """Post-build step: each edition's Pagefind index (see the module's docstring for its place)."""
    folders = [site_dir / editions.edition(edition_model.language).prefix for edition_model in model.editions()]
    for folder in folders:
        nested = [other for other in folders if other != folder and other.is_relative_to(folder)]
        index_edition(folder, nested)
