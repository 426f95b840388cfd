"""The last post-build step to touch the pages, for the online site and the
offline edition alike: Material's stylesheets purged (css_purge.py, which
renames them by their new content) and every download's size filled in
(downloads.py), both written into the pages in one pass (page_edits.py).

It runs after every step that writes a download, so every size is known,
and after every step that reads the pages as MkDocs wrote them.
"""

from __future__ import annotations

from pathlib import Path

from . import css_purge, downloads
from .page_edits import rewrite_pages
from .site_model import SiteModel


def finish_pages(site_dir: Path) -> list[css_purge.PurgedStylesheet]:
    """Purge the stylesheets under site_dir and rewrite each page once: its
    stylesheet links and its download sizes. Returns what the purge did."""
    purged = css_purge.purge_site(site_dir)
    rewrite_pages(site_dir, css_purge.link_edits(purged) + downloads.size_edits(site_dir))
    return purged


def purge_css_and_fill_in_sizes(model: SiteModel, site_dir: Path) -> None:
    """Post-build step: finish_pages on the built site."""
    finish_pages(site_dir)
