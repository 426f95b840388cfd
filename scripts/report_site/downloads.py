"""The downloads every page offers (each meeting's whole-report PDF, the
offline edition's zip), known in one place: where they are published, how
their sizes are written, and how the sizes reach the pages.

Readers on slow or metered connections should know what a link costs
before they tap it. A size exists only once its file is written, after the
pages are built (the PDF is even made from a built page), so the templates
(overrides/partials/downloads.html, download-offline.html) render an empty
size marker and `fill_in_sizes` writes every size into every page in one
pass, the last step to touch the pages. A page built without the steps
(`mkdocs serve`, --html-only) just says "Download PDF", without a size.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .problems import BuildFailed
from .site_model import PageRecord, SiteModel

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


def human_size(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


def template_globals() -> dict[str, str]:
    """What the page templates need to link the downloads."""
    return {"offline_zip_path": ZIP_PATH}


def written_downloads(site_dir: Path) -> dict[str, str]:
    """Each download written under site_dir -> the marker its size fills,
    with the size: {path: filled marker}, keyed by the empty marker."""
    filled: dict[str, str] = {}
    for pdf in sorted((site_dir / DOWNLOADS_DIR).glob("*.pdf")):
        marker = pdf_size_marker(pdf.relative_to(site_dir).as_posix())
        filled[marker] = marker[: -len(_MARKER_END)] + f" ({human_size(pdf.stat().st_size)}){_MARKER_END}"
    archive = site_dir / ZIP_PATH
    if archive.is_file():
        filled[ZIP_SIZE_MARKER] = ZIP_SIZE_MARKER[: -len(_MARKER_END)] + f" (zip, {human_size(archive.stat().st_size)}){_MARKER_END}"
    return filled


def fill_in_sizes(site_dir: Path) -> None:
    """Write the size of every download under site_dir into the markers of
    every page, each page read and written once. A download that no page
    links is a build error: the partials and these paths disagree."""
    filled = written_downloads(site_dir)
    linked = dict.fromkeys(filled, 0)
    for file in sorted(site_dir.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        changed = text
        for marker, with_size in filled.items():
            if marker in changed:
                linked[marker] += 1
                changed = changed.replace(marker, with_size)
        if changed != text:
            file.write_text(changed, encoding="utf-8")
    unlinked = [marker for marker, count in linked.items() if count == 0]
    if unlinked:
        raise BuildFailed(f"overrides/partials/: no page has {', '.join(unlinked)} "
                          "(expected every download linked, with its size, from every page)")


def write_download_sizes(model: SiteModel, site_dir: Path) -> None:
    """Post-build step, after every step that writes a download."""
    fill_in_sizes(site_dir)
