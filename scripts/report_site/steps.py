"""The post-build steps `scripts/build.py` runs, in order, on the freshly
built site before it is published. Each takes (model, site_dir).

Two lists, run one after the other: the edition steps, whose output in an
edition's folder depends on that edition alone (run on the model of one
edition, as a part of a split build does, they write exactly what they
write for it in a whole build), then the site steps, which read or write
across the editions (the offline zip carries them all, an edition's
offline-reading manifest lists the editions nested in it) or rewrite what
the edition steps wrote. A split build (report_site.split_build) runs the
first list in each edition's part and the second once, in the join.

Engine-facing only because the offline edition runs the engine again."""

from __future__ import annotations

import functools
from pathlib import Path

from . import pagefind_search
from .build_cache import CardCache, FolderCache, GzipCache, PdfCache
from .css_purge import VocabularyCache
from .final_page_pass import purge_css_and_fill_in_sizes
from .offline_edition import OfflineEdition
from .offline_reading import write_offline_reading
from .pdf import ReportPdfs
from .precompress import write_precompressed
from .preview_cards import PreviewCards
from .publish import PostBuildStep
from .security_policy import write_static_host_headers
from .web_app_manifest import write_web_app_manifests


def default_steps(jobs: int = 1, pdf_cache: PdfCache | None = None, card_cache: CardCache | None = None,
                  gzip_cache: GzipCache | None = None, page_cache: Path | None = None,
                  vocabulary_cache: VocabularyCache | None = None,
                  pagefind_cache: FolderCache | None = None) -> list[PostBuildStep]:
    """Every step, the edition steps first: those that can spread their work
    over `jobs` processes told so; PDFs, preview cards, .gz copies, the
    offline edition's pages and the editions' search indexes whose inputs are
    unchanged taken from `pdf_cache`, `card_cache`, `gzip_cache`,
    `page_cache` and `pagefind_cache`, and what each
    page shows (for the stylesheets' purge) from `vocabulary_cache` (none:
    every one made afresh)."""
    return [*edition_steps(jobs=jobs, pdf_cache=pdf_cache, card_cache=card_cache, pagefind_cache=pagefind_cache),
            *site_steps(jobs=jobs, gzip_cache=gzip_cache, page_cache=page_cache, vocabulary_cache=vocabulary_cache)]


def edition_steps(jobs: int = 1, pdf_cache: PdfCache | None = None, card_cache: CardCache | None = None,
                  pagefind_cache: FolderCache | None = None) -> list[PostBuildStep]:
    """The steps each edition's output of which depends on that edition alone
    (its model and its folder): each goes through `model.editions()`. An
    edition's unchanged PDFs, cards and search index come from the caches."""
    return [
        ReportPdfs(jobs=jobs, cache=pdf_cache),
        # The online site's alone, so not in the offline zip (built by the site steps, from the pages).
        PreviewCards(jobs=jobs, cache=card_cache),
        write_web_app_manifests,
        # Each edition's index from its own pages (Pagefind where lighter), so a split build
        # indexes in the parts, not in the join: the pages Pagefind reads are final here (the
        # site steps change only what it leaves out: the stylesheets' links, the sizes).
        pagefind_search.PagefindIndexes(jobs=jobs, cache=pagefind_cache),
    ]


def site_steps(jobs: int = 1, gzip_cache: GzipCache | None = None, page_cache: Path | None = None,
               vocabulary_cache: VocabularyCache | None = None) -> list[PostBuildStep]:
    """The steps that span the editions, after the edition steps; the .gz
    copies (and the sizes measured on them) from `gzip_cache` where it has
    them, the offline edition's unchanged pages from `page_cache`, what a
    page shows (the purge reads it) from `vocabulary_cache`."""
    return [
        # The host's headers, one file for the whole site (written after the edition steps rather
        # than between them, as before the split: no step reads it, and it changes no other file).
        write_static_host_headers,
        # After every step that writes into downloads/: the edition packs those files too.
        OfflineEdition(jobs=jobs, page_cache=page_cache, vocabulary_cache=vocabulary_cache, gzip_cache=gzip_cache),
        # After every download is written, the one step that rewrites the pages: Material's
        # stylesheets cut to what the pages use (renamed) and every download's size, in one pass.
        functools.partial(purge_css_and_fill_in_sizes, jobs=jobs, gzip_cache=gzip_cache, vocabulary_cache=vocabulary_cache),
        # After the last step that changes the pages: the manifest lists their hashes.
        functools.partial(write_offline_reading, cache=gzip_cache),
        # Last: compresses what the steps above wrote (the zip leaves out these .gz copies).
        functools.partial(write_precompressed, jobs=jobs, cache=gzip_cache),
    ]
