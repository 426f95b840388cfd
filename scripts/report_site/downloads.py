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

from . import editions
from .editions import LanguageEdition
from .problems import BuildFailed
from .site_model import PageRecord, SiteModel
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


def written_downloads(site_dir: Path, edition_dir: Path, language: str) -> dict[str, str]:
    """Each download of an edition -> the marker its size fills, with the
    size: {path: filled marker}, keyed by the empty marker. PDFs are the
    edition's own (under edition_dir), the zip is the site's."""
    filled: dict[str, str] = {}
    for pdf in sorted((edition_dir / DOWNLOADS_DIR).glob("*.pdf")):
        marker = pdf_size_marker(pdf.relative_to(edition_dir).as_posix())
        filled[marker] = marker[: -len(_MARKER_END)] + f" ({human_size(pdf.stat().st_size, language)}){_MARKER_END}"
    archive = site_dir / ZIP_PATH
    if archive.is_file():
        size = human_size(archive.stat().st_size, language)
        label = strings(language)("size.zip", size=size)
        filled[ZIP_SIZE_MARKER] = ZIP_SIZE_MARKER[: -len(_MARKER_END)] + f" ({label}){_MARKER_END}"
    return filled


def fill_in_sizes(site_dir: Path, edition_dirs: dict[str, Path] | None = None) -> None:
    """Write the size of every download into the markers of every page of
    every edition (language -> its folder under site_dir; the reference's is
    site_dir itself), each page read and written once. A download that no
    page links is a build error: the partials and these paths disagree."""
    edition_dirs = edition_dirs or {editions.reference().code: site_dir}
    others = [folder for folder in edition_dirs.values() if folder != site_dir]
    for language, folder in edition_dirs.items():
        filled = written_downloads(site_dir, folder, language)
        linked = dict.fromkeys(filled, 0)
        for file in sorted(folder.rglob("*.html")):
            if folder == site_dir and any(file.is_relative_to(other) for other in others):
                continue  # another edition's page: filled in with that edition's sizes
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
            raise BuildFailed(f"overrides/partials/: no page of the {language!r} edition has {', '.join(unlinked)} "
                              "(expected every download linked, with its size, from every page)")


def write_download_sizes(model: SiteModel, site_dir: Path) -> None:
    """Post-build step, after every step that writes a download."""
    fill_in_sizes(site_dir, {edition_model.language: site_dir / editions.edition(edition_model.language).prefix
                             for edition_model in model.editions()})
