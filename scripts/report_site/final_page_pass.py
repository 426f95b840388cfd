"""The last post-build step to touch the pages, for the online site and the
offline edition alike: Material's stylesheets purged (css_purge.py, which
renames them by their new content) and every download's size filled in
(downloads.py), and on the online site the size of "Keep this edition
offline" (offline_reading.py), all written into the pages in one pass
(page_edits.py).

It runs after every step that writes a download, so every size is known,
and after every step that reads the pages as MkDocs wrote them.

Each language edition has its own copy of Material's stylesheets and its
own PDFs under its root (ru/, hy/, az/; the English reference's root is the
site's, which holds the others' folders): each is finished against its own
pages only, so a page is still read once and written at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import css_purge, downloads, editions, offline_reading, pagefind_search, parallel
from .build_cache import GzipCache
from .page_edits import rewrite_pages
from .site_model import SiteModel


def finish_pages(site_dir: Path, edition_dirs: dict[str, Path] | None = None,
                 offline_reading_control: bool = False, jobs: int = 1, gzip_cache: GzipCache | None = None,
                 vocabulary_cache: css_purge.VocabularyCache | None = None) -> list[css_purge.PurgedStylesheet]:
    """Purge the stylesheets of each edition (language -> its folder under
    site_dir; by default the reference alone, at site_dir) and rewrite each
    of its pages once: stylesheet links and download sizes. The editions on
    up to `jobs` processes at once (the .gz sizes the "keep offline" control
    sums taken from `gzip_cache`, and what a page shows from `vocabulary_cache`,
    where they have them). Returns what the purges did."""
    edition_dirs = edition_dirs or {editions.reference().code: site_dir}
    # The other editions first (the order the purges are reported in).
    ordered = sorted(edition_dirs.items(), key=lambda item: item[1] == site_dir)
    tasks = [EditionPages(site_dir, language, folder,
                          tuple(other for other in edition_dirs.values() if other != folder and other.is_relative_to(folder)),
                          offline_reading_control, gzip_cache, vocabulary_cache)
             for language, folder in ordered]
    return [purged for edition in parallel.run_all(finish_edition, tasks, jobs) for purged in edition]


@dataclass(frozen=True)
class EditionPages:
    """One edition's pages to finish: its folder, and the other editions' folders
    inside it (the reference's holds theirs), which are theirs to finish."""

    site_dir: Path
    language: str
    folder: Path
    nested: tuple[Path, ...]
    offline_reading_control: bool  # the online site's: its worker, the size of "keep offline", its search engine
    gzip_cache: GzipCache | None = None
    vocabulary_cache: css_purge.VocabularyCache | None = None


def finish_edition(edition: EditionPages) -> list[css_purge.PurgedStylesheet]:
    """One edition's stylesheets purged against its own pages, and each of
    those pages rewritten once. An edition's pages never read another's
    stylesheets, so the others' markup does not count."""
    purged = css_purge.purge_site(edition.folder, leave_out=edition.nested, cache=edition.vocabulary_cache)
    edits = css_purge.link_edits(purged) + downloads.size_edits(edition.site_dir, edition.folder, edition.language)
    if edition.offline_reading_control:  # the online site's: its worker, the size of "keep offline", its search engine
        edits += (offline_reading.prepare_edition(edition.folder, edition.language, list(edition.nested), edition.gzip_cache)
                  + pagefind_search.engine_edits(edition.folder))
    rewrite_pages(edition.folder, edits, leave_out=list(edition.nested))
    return purged


def purge_css_and_fill_in_sizes(model: SiteModel, site_dir: Path, jobs: int = 1, gzip_cache: GzipCache | None = None,
                                vocabulary_cache: css_purge.VocabularyCache | None = None) -> None:
    """Post-build step: finish_pages on the built site, every edition, on up to `jobs` processes."""
    finish_pages(site_dir, {edition_model.language: site_dir / editions.edition(edition_model.language).prefix
                            for edition_model in model.editions()}, offline_reading_control=True, jobs=jobs,
                 gzip_cache=gzip_cache, vocabulary_cache=vocabulary_cache)
