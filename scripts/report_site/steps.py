"""The post-build steps `scripts/build.py` runs, in order, on the freshly
built site before it is published. Each takes (model, site_dir).

Engine-facing only because the offline edition runs the engine again."""

from __future__ import annotations

import functools

from . import pagefind_search
from .build_cache import PdfCache
from .final_page_pass import purge_css_and_fill_in_sizes
from .offline_edition import build_offline_edition
from .offline_reading import write_offline_reading
from .pdf import ReportPdfs
from .precompress import write_precompressed
from .preview_cards import write_preview_cards
from .publish import PostBuildStep
from .security_policy import write_static_host_headers
from .web_app_manifest import write_web_app_manifests


def default_steps(jobs: int = 1, pdf_cache: PdfCache | None = None) -> list[PostBuildStep]:
    """The steps, those that can spread their work over `jobs` processes told
    so; PDFs whose inputs are unchanged taken from `pdf_cache` (none: every
    PDF rendered)."""
    return [
        ReportPdfs(jobs=jobs, cache=pdf_cache),
        write_static_host_headers,
        # The online site's alone, so not in the offline zip (built by the next step, from the pages).
        write_preview_cards,
        write_web_app_manifests,
        # After every step that writes into downloads/: the edition packs those files too.
        functools.partial(build_offline_edition, jobs=jobs),
        pagefind_search.write_pagefind_indexes,  # Pagefind where lighter: after the zip, before the last pass
        # After every download is written, the one step that rewrites the pages: Material's
        # stylesheets cut to what the pages use (renamed) and every download's size, in one pass.
        purge_css_and_fill_in_sizes,
        # After the last step that changes the pages: the manifest lists their hashes.
        write_offline_reading,
        # Last: compresses what the steps above wrote (the zip leaves out these .gz copies).
        functools.partial(write_precompressed, jobs=jobs),
    ]
