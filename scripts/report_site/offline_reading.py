"""Reading the published site without a connection, after one visit.

A reader in a village near the line of contact opens the report on a phone
today and finds the connection cut tomorrow. The offline zip
(offline_edition.py) serves whoever planned ahead; this serves whoever did
not. Each edition gets a service worker (overrides/offline/service-worker.js,
published as `sw.js` at the edition's root, so its scope is the edition)
that keeps every page the reader opens, with what it needs to show it, and
shows the kept copy when the network fails. The whole edition is kept only
when the reader asks ("Keep this edition offline", on the home, About and
meeting pages): a reader on a metered connection decides what it costs.

The worker must know what a build published, to replace what changed and
drop what is gone after a new build, and never show a page of one build
with a script or stylesheet of another. So each edition has a manifest,
`offline-manifest.json`: every file a reader's device may keep, with its
SHA-256 and size, and a version that changes when any of them does. The
worker stores a response only when its bytes have the hash the current
manifest gives, and moves its store from one build to the next as a whole.

What the build writes, per edition: the worker, the page shown for an
address that was not kept (`offline.html`) and the size of the edition in
the "keep offline" control with the last pass over the pages
(`prepare_edition`, from final_page_pass); the manifest after it, before
the compressed copies (`write_offline_reading`). The offline zip has none of it:
browsers run no service worker from file://.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import jinja2

from . import downloads, editions, security_policy
from .build_cache import GzipCache
from .page_edits import PageEdit
from .precompress import COMPRESSIBLE, gzipped
from .site_model import SiteModel
from .strings import strings

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
WORKER_SOURCE = OVERRIDES / "offline" / "service-worker.js"
NOT_SAVED_TEMPLATE = "offline/not-saved.html"

# Published at each edition's root (the worker's scope is the folder it is served from).
WORKER_PATH = "sw.js"
MANIFEST_PATH = "offline-manifest.json"
NOT_SAVED_PATH = "offline.html"

# The empty elements overrides/partials/keep-offline.html renders, filled with sizes here.
EDITION_SIZE_MARKER = '<span class="keep-offline__size" data-keep-offline-size></span>'
PDF_SIZE_MARKER = '<span class="keep-offline__size" data-keep-offline-pdf-size></span>'

# What a reader's device never needs to read the edition: the host's headers,
# what serves search engines, feed readers, link previews and other systems,
# developers' source maps, the compressed copies (the host sends those in place
# of the originals), the worker and its manifest themselves.
LEFT_OUT_NAMES = {security_policy.HEADERS_FILE, "sitemap.xml", "404.html", "metadata.json",
                  "metadata.schema.json", "feed.xml", WORKER_PATH, MANIFEST_PATH}
LEFT_OUT_SUFFIXES = (".gz", ".map")
LEFT_OUT_FOLDERS = ("assets/previews/",)
# The scripts only the offline zip runs (search from file://, offline_edition.py).
FILE_SYSTEM_ONLY = {"assets/javascripts/report/file-worker.js", "assets/javascripts/report/worker-frame.js"}
LUNR_DIR = "assets/javascripts/lunr/"
# lunr's files every language but English needs (Material loads them with the language's own).
LUNR_SUPPORT = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


def search_needs(lunr_file: str, languages: tuple[str, ...]) -> bool:
    """Whether an edition searching in `languages` loads this file of lunr's
    (Material ships some thirty languages, and a word splitter for Thai alone
    is 680 KB): none for English, its own and the support files for the others."""
    if list(languages) == ["en"]:
        return False
    return lunr_file in LUNR_SUPPORT | {f"lunr.{code}.min.js" for code in languages}


@dataclass(frozen=True)
class KeptFile:
    """One file a reader's device may keep. `path` is relative to the edition's
    root and is the address the worker sees: a page is its folder (`about/`)."""

    path: str
    sha256: str
    bytes: int
    # What it costs to download when the host compresses it as the site's .gz
    # copies do (gzip -9); the control shows the edition's size in these.
    transfer_bytes: int


@dataclass(frozen=True)
class EditionManifest:
    language: str
    pages: list[KeptFile]
    files: list[KeptFile]  # what the pages load: stylesheets, scripts, search index, images, the not-saved page
    pdfs: list[KeptFile]  # kept only if the reader asks for them too
    other_editions: list[str]  # folders under this root that are other editions, with workers of their own

    @property
    def version(self) -> str:
        listing = json.dumps([asdict(kept) for kept in self.pages + self.files + self.pdfs], sort_keys=True)
        return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:20]

    @property
    def edition_transfer_bytes(self) -> int:
        return sum(kept.transfer_bytes for kept in self.pages + self.files)

    @property
    def pdf_bytes(self) -> int:
        return sum(kept.bytes for kept in self.pdfs)

    def as_json(self) -> str:
        data = {"version": self.version, "language": self.language, "other_editions": self.other_editions,
                "edition_transfer_bytes": self.edition_transfer_bytes, "pdf_bytes": self.pdf_bytes,
                "pages": [asdict(kept) for kept in self.pages], "files": [asdict(kept) for kept in self.files],
                "pdfs": [asdict(kept) for kept in self.pdfs]}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def kept_file(path: str, data: bytes, suffix: str, cache: GzipCache | None = None) -> KeptFile:
    """A file as the manifest lists it; its transfer size is its .gz copy's
    (taken from `cache` if an earlier build compressed the same bytes)."""
    transfer = len(data)
    if suffix in COMPRESSIBLE:
        transfer = min(transfer, len(gzipped(data, cache)))
    return KeptFile(path, hashlib.sha256(data).hexdigest(), len(data), transfer)


def page_address(relative: str) -> str:
    """The address a reader's browser asks for: `about/index.html` -> `about/`, `index.html` -> ``."""
    if relative == "index.html":
        return ""
    return relative.removesuffix("index.html")


def edition_manifest(edition_dir: Path, language: str, nested: list[Path],
                     cache: GzipCache | None = None) -> EditionManifest:
    """Every file of the edition at edition_dir a reader's device may keep
    (other editions' folders, `nested`, left out: each has its own)."""
    pages: list[KeptFile] = []
    files: list[KeptFile] = []
    pdfs: list[KeptFile] = []
    for path in sorted(edition_dir.rglob("*")):
        if not path.is_file() or any(path.is_relative_to(folder) for folder in nested):
            continue
        relative = path.relative_to(edition_dir).as_posix()
        if (path.name in LEFT_OUT_NAMES or relative.endswith(LEFT_OUT_SUFFIXES)
                or relative.startswith(LEFT_OUT_FOLDERS) or relative in FILE_SYSTEM_ONLY):
            continue
        if relative.startswith(LUNR_DIR) and not search_needs(path.name, editions.edition(language).search_lang):
            continue
        if relative.startswith(f"{downloads.DOWNLOADS_DIR}/"):
            # The offline zip is for the file system; a PDF only if the reader asks.
            if path.suffix == ".pdf":
                pdfs.append(kept_file(relative, path.read_bytes(), path.suffix, cache))
            continue
        data = path.read_bytes()
        if path.name == "index.html":
            pages.append(kept_file(page_address(relative), data, path.suffix, cache))
        else:
            files.append(kept_file(relative, data, path.suffix, cache))
    return EditionManifest(language, pages, files, pdfs,
                           sorted(folder.relative_to(edition_dir).as_posix() + "/" for folder in nested))


def standalone_page(template: str, language: str) -> str:
    """A page of overrides/ rendered outside MkDocs (the not-saved page, the
    offline edition's search frame): the edition's words and the site's policy."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template(template).render(**security_policy.template_globals(), t=strings(language),
                                             language=language)


def write_not_saved_page(edition_dir: Path, language: str) -> None:
    """The page the worker shows for an address this device has not kept,
    when the network fails: in the edition's language, linking its home."""
    (edition_dir / NOT_SAVED_PATH).write_text(standalone_page(NOT_SAVED_TEMPLATE, language), encoding="utf-8")


def size_edits(manifest: EditionManifest) -> list[PageEdit]:
    """The sizes the "keep offline" control shows, filled into its markers."""
    t = strings(manifest.language)
    unmatched = (f"overrides/partials/keep-offline.html: no page of the {manifest.language!r} edition has {{}} "
                 "(expected the control on the home, About and meeting pages)")
    edits = [PageEdit(EDITION_SIZE_MARKER, downloads.filled_marker(EDITION_SIZE_MARKER, t.file_size(manifest.edition_transfer_bytes)),
                      unmatched.format(EDITION_SIZE_MARKER))]
    if manifest.pdfs:
        edits.append(PageEdit(PDF_SIZE_MARKER, downloads.filled_marker(PDF_SIZE_MARKER, t.file_size(manifest.pdf_bytes)),
                              unmatched.format(PDF_SIZE_MARKER)))
    return edits


def prepare_edition(edition_dir: Path, language: str, nested: list[Path],
                    cache: GzipCache | None = None) -> list[PageEdit]:
    """Before the last pass over the pages (final_page_pass, which applies the
    returned edits with its own, so each page is still written once): the
    worker and the not-saved page written, and the "keep offline" control's
    sizes measured. The pages then gain their size texts and new stylesheet
    names, a few bytes each: the control says "about", and the figure is rounded."""
    shutil.copyfile(WORKER_SOURCE, edition_dir / WORKER_PATH)
    write_not_saved_page(edition_dir, language)
    return size_edits(edition_manifest(edition_dir, language, nested, cache))


def write_offline_reading(model: SiteModel, site_dir: Path, cache: GzipCache | None = None) -> None:
    """Post-build step, after the last one that changes the pages: each
    edition's manifest (the files' .gz sizes taken from `cache` where it has them)."""
    folders = {edition_model.language: site_dir / editions.edition(edition_model.language).prefix
               for edition_model in model.editions()}
    for language, folder in folders.items():
        nested = [other for other in folders.values() if other != folder and other.is_relative_to(folder)]
        manifest = edition_manifest(folder, language, nested, cache)
        (folder / MANIFEST_PATH).write_text(manifest.as_json(), encoding="utf-8")
