"""The downloads every page offers (each meeting's whole-report PDF, the
offline edition's zip), known in one place: where they are published, how
their sizes are written, and how the sizes reach the pages.

Readers on slow or metered connections should know what a link costs
before they tap it. A size exists only once its file is written, after the
pages are built (the PDF is even made from a built page), so the templates
(overrides/partials/downloads.html, download-offline.html) render an empty
size marker and `size_edits` says how to fill it, applied with every other
change the post-build steps make to the pages in one pass (page_edits.py,
final_page_pass.py), the last step to touch them. A page built without the
steps (`mkdocs serve`, --html-only) just says "Download PDF", without a size.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from . import editions
from .editions import LanguageEdition
from .page_edits import PageEdit
from .site_model import PageRecord
from .strings import strings

DOWNLOADS_DIR = "downloads"
ZIP_PATH = f"{DOWNLOADS_DIR}/meeting-report-offline.zip"

# The empty elements the partials render, by what they are the size of.
ZIP_SIZE_MARKER = '<span class="download-size" data-offline-size></span>'
_MARKER_END = "</span>"


def pdf_path(meeting: PageRecord) -> str:
    """Where the meeting's PDF is published, relative to the site root; the
    downloads partial builds the same path from the meeting's id."""
    return f"{DOWNLOADS_DIR}/{meeting.id}-report.pdf"


def pdf_href(meeting: PageRecord, from_url: str) -> str:
    """The meeting's PDF, linked from the page at `from_url` (relative to the
    site root): a relative address, so the offline edition's links work too."""
    return posixpath.relpath(pdf_path(meeting), from_url or ".")


def pdf_size_marker(path: str) -> str:
    return f'<span class="download-size" data-pdf-size="{path}"></span>'


def human_size(size: int, language: str = "en") -> str:
    """'340 KB', '1.2 MB'; in Russian '1,2 МБ': the edition's units and decimal separator."""
    return strings(language).file_size(size)


def template_globals(edition: LanguageEdition) -> dict[str, str]:
    """What the page templates need to link the downloads. Each edition has
    its own PDFs (under its root); the offline zip, which carries every
    edition, is the site's one, at the site's root."""
    return {"offline_zip_path": editions.root_of(edition, editions.reference()) + ZIP_PATH}


def size_edits(site_dir: Path, edition_dir: Path | None = None, language: str = "en") -> list[PageEdit]:
    """Each download of an edition: its empty size marker filled with its
    size, in the edition's units and words, in every page of the edition
    that links it (applied with the other page edits, page_edits.rewrite_pages).
    PDFs are the edition's own (under edition_dir, site_dir for the
    reference); the offline zip is the site's, at site_dir. A download that
    no page links fails the build: the partials and these paths disagree."""
    edition_dir = edition_dir or site_dir
    unlinked = (f"overrides/partials/: no page of the {language!r} edition has {{}} "
                "(expected every download linked, with its size, from every page)")
    edits = []
    for pdf in sorted((edition_dir / DOWNLOADS_DIR).glob("*.pdf")):
        marker = pdf_size_marker(pdf.relative_to(edition_dir).as_posix())
        edits.append(PageEdit(marker, filled_marker(marker, human_size(pdf.stat().st_size, language)), unlinked.format(marker)))
    archive = site_dir / ZIP_PATH
    if archive.is_file():
        label = strings(language)("size.zip", size=human_size(archive.stat().st_size, language))
        edits.append(PageEdit(ZIP_SIZE_MARKER, filled_marker(ZIP_SIZE_MARKER, label), unlinked.format(ZIP_SIZE_MARKER)))
    return edits


def filled_marker(marker: str, size: str) -> str:
    """An empty size marker with ` (size)` in it."""
    return marker[: -len(_MARKER_END)] + f" ({size}){_MARKER_END}"
