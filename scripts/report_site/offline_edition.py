"""The offline edition: the whole site as a zip that works when unpacked and
opened from the file system (file://), search included, with no network.

Readers pass the report around on USB sticks and in messaging apps where
connections are cut. Opened from the file system, a site needs links that
name their file (`report.html`, not `report/`), and its search cannot load
its index or start a Web Worker the usual way. So the edition is a second
MkDocs build of the same pages with file URLs; its search index is written
as a script, and a small shim of the site's own runs the search worker in a
hidden frame (overrides/assets/javascripts/report/file-worker.js). Nothing
is fetched from anywhere, at build time or when reading.

One zip carries every language, each edition in its folder as online
(English at the top, then ru/, hy/, az/): the zip is passed from hand to
hand between communities, and whoever receives it should find their own
language in it; the language switcher and each translation's link to the
English reference then work offline too. The languages share little
(Material's assets are copied once per edition), so the zip is about four
times one edition's; BENCHMARKS.md gives its size.

It runs the engine a second time, so it belongs with the engine-facing
modules (publish, mkdocs_plugin): that second build has its own plugin
state and cannot touch the first one's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import tempfile
import time
from pathlib import Path

from . import downloads, editions, final_page_pass, offline_reading, publish, security_policy
from .build_cache import GzipCache
from .css_purge import VocabularyCache
from .downloads import ZIP_PATH
from .mkdocs_plugin import TRANSLATIONS_CHECKED
from .precompress import DeflatedFile, spooled_deflate_streams
from .site_model import SiteModel

# The folder the zip unpacks into (where it is published: downloads.ZIP_PATH).
ZIP_FOLDER = "meeting-report-offline"

WORKER_FRAME_TEMPLATE = "offline/worker-frame.html"
WORKER_FRAME_PATH = "assets/javascripts/report/worker-frame.html"

# Files of the online site that mean nothing on a reader's disk: the host's
# headers, the sitemaps of the online addresses, the not-found page (it links
# by absolute paths, for a web server) and source maps for developers.
LEFT_OUT_SUFFIXES = (".map",)
LEFT_OUT_NAMES = {security_policy.HEADERS_FILE, "sitemap.xml", "sitemap.xml.gz", "404.html",
                  # the online search (Pagefind), which cannot load from file://: the zip keeps lunr's
                  "pagefind-search.js"}

ZIP_EPOCH_FLOOR = 315532800  # 1980-01-01: zip cannot record an earlier time


class OfflineEdition:
    """The post-build step: build_offline_edition, saying in the build's summary
    how many of each edition's offline pages it rendered and kept (with a page cache)."""

    def __init__(self, jobs: int = 1, page_cache: Path | None = None, vocabulary_cache: VocabularyCache | None = None,
                 gzip_cache: GzipCache | None = None) -> None:
        self.jobs = jobs
        self.page_cache = page_cache
        self.vocabulary_cache = vocabulary_cache
        self.gzip_cache = gzip_cache
        self.notes: list[str] = []

    def __call__(self, model: SiteModel, site_dir: Path) -> None:
        self.notes = build_offline_edition(model, site_dir, jobs=self.jobs, page_cache=self.page_cache,
                                           vocabulary_cache=self.vocabulary_cache, gzip_cache=self.gzip_cache)

    def summary_lines(self) -> list[str]:
        return self.notes


def build_offline_edition(model: SiteModel, site_dir: Path, jobs: int = 1, page_cache: Path | None = None,
                          vocabulary_cache: VocabularyCache | None = None, gzip_cache: GzipCache | None = None) -> list[str]:
    """Post-build step: build the offline edition and publish its zip at
    ZIP_PATH (its size reaches the pages with the other downloads'); its
    editions built on up to `jobs` processes at once, each rendering only
    the pages changed since the pages kept in `page_cache` (none: every page),
    and its stylesheets purged with `vocabulary_cache` (final_page_pass);
    its files deflated into the zip as their .gz copies are, with `gzip_cache`.
    What the page cache says of its editions' pages (a split build's parts
    said it of theirs)."""
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".offline-edition-", dir=site_dir.parent) as scratch:
        edition = Path(scratch) / ZIP_FOLDER
        if model.prerendered_offline is not None:  # a split build's parts rendered them (language_task)
            shutil.move(model.prerendered_offline, edition)
            folders = finish_rendering(edition, [edition_model.language for edition_model in model.editions()])
        else:
            folders, notes = render_edition(model.docs_dir, edition, jobs=jobs, page_cache=page_cache)
        for folder in folders.values():
            copy_downloads(site_dir / folder.relative_to(edition), folder)
        # The edition's pages were rendered afresh: their stylesheets purged against
        # them and their PDF links given the size, as the online site's.
        final_page_pass.finish_pages(edition, folders, jobs=jobs, vocabulary_cache=vocabulary_cache)
        target = site_dir / ZIP_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        write_zip(edition, target, jobs=jobs, cache=gzip_cache)
    return notes


def render_edition(docs_dir: Path, edition: Path, config_file: Path | None = None, jobs: int = 1,
                   page_cache: Path | None = None) -> tuple[dict[str, Path], list[str]]:
    """Build the pages of docs_dir, in every language, into `edition` as the
    offline edition: each language's folder in it, and what the page cache
    says of them. For pages the online build of the same run has checked:
    the translations' words are not checked again."""
    config_file = config_file or publish.ROOT / "mkdocs.yml"
    try:
        rendered = publish.run_editions(config_file, edition, extra=offline_extra(page_cache), docs_dir=str(docs_dir),
                                        use_directory_urls=False, jobs=jobs)
    except publish.BuildFailed as error:
        raise publish.BuildFailed(f"offline edition: {error}") from None
    return finish_rendering(edition, [m.language for m in rendered.model.editions()]), rendered.notes


def offline_extra(page_cache: Path | None) -> dict[str, object]:
    """What the offline edition's builds tell the plugin: the online build of the same
    run has checked these pages' words, every edition's."""
    return {"offline_edition": True, TRANSLATIONS_CHECKED: True, **publish.page_cache_extra(page_cache)}


def language_task(config_file: Path, docs_dir: Path, language: editions.LanguageEdition, edition: Path,
                  page_cache: Path | None = None) -> publish.EditionTask:
    """One language's offline pages, into its folder of `edition`, as render_edition
    builds them: a split build's part renders its own language's beside its online
    pages, and the join finishes them all (build_offline_edition)."""
    extra = {**offline_extra(page_cache), **({} if language.reference else publish.checked_elsewhere(language))}
    return publish.EditionTask(config_file, edition / language.prefix, extra, False, False,
                               {"docs_dir": str(docs_dir), "use_directory_urls": False})


def finish_rendering(edition: Path, languages: list[str]) -> dict[str, Path]:
    """The rendered pages of `languages` made to work from file:// (each
    language's search index as a script, its worker frame, only its lunr
    languages) and cleared of what means nothing on a disk; each language's folder."""
    folders = {code: edition / editions.edition(code).prefix for code in languages}
    for code, folder in folders.items():
        write_search_index_script(folder)
        write_worker_frame(folder, code)
        keep_search_languages(folder, editions.edition(code).search_lang)
    for path in sorted(edition.rglob("*")):
        if path.is_file() and (path.suffix in LEFT_OUT_SUFFIXES or path.name in LEFT_OUT_NAMES):
            path.unlink()
    return folders


def keep_search_languages(folder: Path, languages: tuple[str, ...]) -> None:
    """Leave out the lunr languages the edition never loads (offline_reading.search_needs)."""
    lunr = folder / "assets" / "javascripts" / "lunr"
    if list(languages) == ["en"]:
        shutil.rmtree(lunr, ignore_errors=True)
        return
    for path in sorted(lunr.rglob("*")):
        if path.is_file() and not offline_reading.search_needs(path.name, languages):
            path.unlink()


def write_search_index_script(edition: Path) -> None:
    """Material's search, opened from file://, loads its index as a script
    defining `__index` (a page from the file system cannot fetch JSON)."""
    index = edition / "search" / "search_index.json"
    if not index.is_file():
        raise publish.BuildFailed(f"offline edition: no search index at {index} (expected the search plugin to write one)")
    (edition / "search" / "search_index.js").write_text(
        "var __index = " + index.read_text(encoding="utf-8") + ";\n", encoding="utf-8")


def write_worker_frame(edition: Path, language: str = "en") -> None:
    target = edition / WORKER_FRAME_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(offline_reading.standalone_page(WORKER_FRAME_TEMPLATE, language), encoding="utf-8")


def copy_downloads(site_dir: Path, edition: Path) -> None:
    """The other downloads of the site (the PDF) travel with the edition, so
    its download links work offline too; the zip itself does not."""
    folder = site_dir / downloads.DOWNLOADS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(site_dir)
        if path.is_file() and relative.as_posix() != ZIP_PATH:
            target = edition / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The same time for every entry, from SOURCE_DATE_EPOCH (set by
    publish.build), so the same sources give the same bytes."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH") or publish.source_date_epoch()), ZIP_EPOCH_FLOOR)
    return time.gmtime(epoch)[:6]


def write_zip(edition: Path, target: Path, jobs: int = 1, cache: GzipCache | None = None) -> None:
    """Zip `edition` under its folder name, in a fixed order, with fixed
    times and permissions. Each file is deflated as its .gz copy is (gzip
    holds a deflate stream and its CRC-32, which is what a zip entry holds):
    on up to `jobs` processes, and taken from `cache` when an earlier build
    deflated the same bytes, so a rebuild deflates only the files that changed."""
    files = [path for path in sorted(edition.rglob("*"), key=lambda p: p.relative_to(edition).as_posix()) if path.is_file()]
    too_large = [f"{path}: {size:,} bytes" for path in files if (size := path.stat().st_size) > ZIP_LIMIT]

    def refuse() -> None:
        raise publish.BuildFailed(f"offline edition: {len(files):,} files{', ' + too_large[0] if too_large else ''}: "
                                  f"more than a zip without zip64 holds (expected at most {ZIP_ENTRIES:,} files "
                                  f"and {ZIP_LIMIT:,} bytes)")

    if len(files) > ZIP_ENTRIES or too_large:
        refuse()  # known before anything is deflated
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.streams-", dir=target.parent) as streams:
        deflated = spooled_deflate_streams(files, jobs, cache, Path(streams))
        if sum(entry.length for entry in deflated.values()) > ZIP_LIMIT:
            refuse()
        write_entries(edition, files, deflated, target)


def write_entries(edition: Path, files: list[Path], deflated: dict[Path, DeflatedFile], target: Path) -> None:
    """The zip of `files`, each entry's stream read from where it was spooled."""
    stamp = zip_timestamp()
    dos_time = (stamp[3] << 11) | (stamp[4] << 5) | (stamp[5] // 2)
    dos_date = ((stamp[0] - 1980) << 9) | (stamp[1] << 5) | stamp[2]
    partial = target.with_name(f".{target.name}.partial")
    directory = bytearray()
    with contextlib.ExitStack() as opened:
        spools = {spool: opened.enter_context(spool.open("rb")) for spool in {entry.spool for entry in deflated.values()}}
        archive = opened.enter_context(partial.open("wb"))
        for path in files:
            name = f"{edition.name}/{path.relative_to(edition).as_posix()}".encode()
            entry = deflated[path]
            spool = spools[entry.spool]
            spool.seek(entry.offset)
            flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
            fields = (ZIP_VERSION, flags, DEFLATED, dos_time, dos_date, entry.crc, entry.length, entry.size, len(name))
            offset = archive.tell()
            archive.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name)
            archive.write(spool.read(entry.length))
            directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, UNIX << 8 | ZIP_VERSION, *fields,
                                     0, 0, 0, 0, 0o100644 << 16, offset) + name
        start = archive.tell()
        archive.write(bytes(directory))
        archive.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(directory), start, 0))
    partial.replace(target)


# A zip entry as Python's zipfile writes one: deflated (method 8), needing
# version 2.0 to extract, made on Unix (so its permissions are read back).
ZIP_VERSION = 20
DEFLATED = 8
UNIX = 3
# Without zip64 (which write_zip does not write), a zip holds this many entries, and
# no entry nor the whole may pass 4 GiB.
ZIP_ENTRIES = 0xFFFF
ZIP_LIMIT = 0xFFFFFFFF
