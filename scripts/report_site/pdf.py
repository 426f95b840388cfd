"""The whole-report PDF: one archival PDF/A-3u per meeting, written by
WeasyPrint (no browser) after MkDocs has built the site.

What the PDF says is the built "whole report" page (report_site.whole_report):
its article is lifted out of the built HTML and set in a PDF template with a
cover and a table of contents, so the PDF and the page a reader prints from
the browser can never differ.

Where the PDF is published and how pages show its size:
report_site.downloads.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from . import editions, parallel
from .build_cache import CACHE_FORMAT, PdfCache, digest
from .downloads import pdf_path
from .problems import BuildFailed
from .site_model import PageRecord, SiteModel
from .strings import strings
from .whole_report import anchor_prefix, whole_report_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = ROOT / "overrides" / "pdf"
# Beside the code, not under overrides/: MkDocs would publish a .css file from there.
STYLESHEET = Path(__file__).with_name("pdf.css")
# The fonts pdf.css names. fonts-noto-core (scripts/setup.sh) provides them;
# without them fontconfig would substitute whatever is installed and the
# PDF would depend on the machine that built it.
# Noto Serif and Sans carry Latin (with Azerbaijani ə) and Cyrillic; Armenian has families of its own.
REQUIRED_FONTS = ("Noto Serif", "Noto Sans", "Noto Serif Armenian", "Noto Sans Armenian")

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
BARE_URL_LINK = re.compile(r'<a href="([^"]+)"([^>]*)>\1</a>')


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


class _HeadingCollector(HTMLParser):
    """The h2-h4 headings of an article with their ids and text, skipping
    the permalink anchors the toc extension adds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("h2", "h3", "h4") and values.get("id"):
            self._open, self._text = (int(tag[1]), values["id"] or ""), []
        elif self._open and tag == "a" and "headerlink" in (values.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == "a":
            self._skip -= 1
        elif self._open and tag == f"h{self._open[0]}":
            self.headings.append(Heading(self._open[0], self._open[1], " ".join("".join(self._text).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._text.append(data)


def article_headings(article: str) -> list[Heading]:
    collector = _HeadingCollector()
    collector.feed(article)
    collector.close()
    return collector.headings


def write_report_pdfs(model: SiteModel, site_dir: Path) -> None:
    """The post-build step at its plainest: every PDF written afresh, one
    after another (ReportPdfs is the same step on several cores and with a cache)."""
    ReportPdfs()(model, site_dir)


class ReportPdfs:
    """The post-build step: write each meeting's PDF in every edition, under
    that edition's root (its size reaches the pages later, with the other
    downloads'), rendering on up to `jobs` processes at once. With a cache
    (report_site.build_cache), a PDF whose inputs are all unchanged is
    taken from it rather than rendered again; the summary says which were."""

    def __init__(self, jobs: int = 1, cache: PdfCache | None = None) -> None:
        self.jobs = jobs
        self.cache = cache
        self.rebuilt: list[str] = []
        self.reused: list[str] = []

    def __call__(self, model: SiteModel, site_dir: Path) -> None:
        check_fonts()
        self.rebuilt, self.reused = [], []
        documents = [prepare_document(edition_model, meeting, site_dir / editions.edition(edition_model.language).prefix)
                     for edition_model in model.editions() for meeting in edition_model.of_kind("meeting")]
        environment = render_environment() if self.cache else ""
        keys = [document_key(document, environment) for document in documents]
        made: dict[int, bytes] = {}
        for number, (document, key) in enumerate(zip(documents, keys, strict=True)):
            cached = self.cache.load(key, document.site_dir) if self.cache else None
            if cached is not None:
                made[number] = cached
        missing = [number for number in range(len(documents)) if number not in made]
        rendered = parallel.run_all(render_document, [documents[number] for number in missing], self.jobs)
        for number, result in zip(missing, rendered, strict=True):
            made[number] = result.data
            if self.cache:
                self.cache.store(keys[number], result.data, result.resources)
        if self.cache:
            self.cache.prune(time.time())
        for number, document in enumerate(documents):
            document.target.parent.mkdir(parents=True, exist_ok=True)
            document.target.write_bytes(made[number])
            shown = document.target.relative_to(site_dir).as_posix()
            (self.rebuilt if number in missing else self.reused).append(shown)

    def summary_lines(self) -> list[str]:
        if not self.cache:
            return []
        lines = [f"PDFs: {len(self.rebuilt)} rendered, {len(self.reused)} reused from {self.cache.folder}."]
        lines += [f"  Rendered: {shown}" for shown in self.rebuilt]
        return lines


@dataclass(frozen=True)
class PdfDocument:
    """A PDF as WeasyPrint is asked for it: the document, with what it links to
    and reads from, and where it goes. Small and plain, for a worker process."""

    html: str
    page_url: str
    site_url: str
    site_dir: Path  # the edition's root, which the document's resources come from
    identifier: bytes
    target: Path


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    resources: dict[str, str]  # each file of the site WeasyPrint read (relative to site_dir) -> its SHA-256


def prepare_document(model: SiteModel, meeting: PageRecord, site_dir: Path) -> PdfDocument:
    """The PDF document of a meeting's built whole-report page in an edition
    (site_dir: its root)."""
    page = whole_report_of(model, meeting.id)
    if page is None:
        raise BuildFailed(f"{meeting.src_path}: no whole-report page was generated for meeting {meeting.id!r}")
    built = site_dir / page.url / "index.html"
    if not built.is_file():
        raise BuildFailed(f"{built}: the whole-report page was not built, so there is nothing to make the PDF from")
    return document_of(model, meeting, built.read_text(encoding="utf-8"), site_dir)


def render_pdf(model: SiteModel, meeting: PageRecord, page_html: str, site_dir: Path) -> bytes:
    return render_document(document_of(model, meeting, page_html, site_dir)).data


def document_of(model: SiteModel, meeting: PageRecord, page_html: str, site_dir: Path) -> PdfDocument:
    article = ARTICLE.search(page_html)
    canonical = CANONICAL.search(page_html)
    if not article:
        raise BuildFailed("the whole-report page has no <article class=\"md-content__inner\">: "
                          "the theme changed, update report_site/pdf.py")
    if not canonical:
        raise BuildFailed("mkdocs.yml: site_url: not set (expected the site's address: the PDF's links to other pages need it)")
    page_url = html.unescape(canonical.group(1))
    page = whole_report_of(model, meeting.id)
    site_url = page_url[: len(page_url) - len(page.url)] if page and page_url.endswith(page.url) else page_url
    body = BARE_URL_LINK.sub(r'<a class="bare-url" href="\1"\2>\1</a>', article.group(1))
    document = pdf_template().render(**document_context(model, meeting, body, page_url, site_url))
    return PdfDocument(document, page_url, site_url, site_dir, _identifier(meeting), site_dir / pdf_path(meeting))


# How WeasyPrint is asked for every PDF; part of each PDF's cache key.
PDF_OPTIONS: dict[str, Any] = {
    "pdf_variant": "pdf/a-3u",
    "pdf_tags": True,  # a tagged PDF: screen readers follow its structure, not just its glyphs
}


def render_document(document: PdfDocument) -> RenderedPdf:
    """WeasyPrint on one document (in a worker process, or this one)."""
    import weasyprint  # imported here: loading it costs time that builds without a meeting need not pay

    refused: list[str] = []
    resources: dict[str, str] = {}
    fetcher = _site_fetcher(document.site_dir, document.site_url, refused, resources)
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for PDF/A's output intent and
        # never closes it (weasyprint/pdf/__init__.py): Python closes it at
        # once and says so. Only that notice is silenced; any other stays.
        warnings.filterwarnings("ignore", message=r"unclosed file .*[/\\]sRGB2014\.icc", category=ResourceWarning)
        data: bytes = weasyprint.HTML(string=document.html, base_url=document.page_url, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_identifier=document.identifier, **PDF_OPTIONS)
    if refused:
        raise BuildFailed(f"the PDF asks for {', '.join(refused)}: not files of the built site (expected no outside resources)")
    return RenderedPdf(data, dict(sorted(resources.items())))


def document_key(document: PdfDocument, environment: str) -> str:
    """A PDF's cache key (report_site.build_cache): the document WeasyPrint is
    given (the article, the template's words around it, the metadata and the
    date from SOURCE_DATE_EPOCH), its addresses and identifier, and
    `environment` (render_environment). The files of the site it reads, the
    images, are checked by the cache entry itself: which they are is known
    only once it has been rendered."""
    return digest([CACHE_FORMAT, environment, document.html, document.page_url, document.site_url,
                   document.identifier, os.environ.get("SOURCE_DATE_EPOCH", "")])


def render_environment() -> str:
    """The digest of everything outside the document that shapes every PDF:
    pdf.css, the template, the fonts, WeasyPrint's options, the versions
    of WeasyPrint and of the packages and native libraries it renders with."""
    import weasyprint
    from weasyprint.text.ffi import pango

    parts: list[str | bytes] = [json.dumps(PDF_OPTIONS, sort_keys=True), STYLESHEET.read_bytes(), sys.version]
    for template in sorted(path for path in TEMPLATE_DIR.rglob("*") if path.is_file()):
        parts += [template.relative_to(TEMPLATE_DIR).as_posix(), template.read_bytes()]
    parts += [f"weasyprint {weasyprint.__version__}", f"pango {pango.pango_version()}"]
    for requirement in importlib.metadata.requires("weasyprint") or []:
        if "extra ==" not in requirement:
            name = re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
            parts.append(f"{name} {importlib.metadata.version(name)}")
    parts += _native_libraries()
    required = required_font_files()
    for font in font_files():
        # The named families by content; any other font fontconfig could fall back on, by size and time.
        parts += [str(font), font.read_bytes()] if font in required else \
            [str(font), f"{font.stat().st_size} {font.stat().st_mtime_ns}"]
    return digest(parts)


def _native_libraries() -> list[str]:
    """The text and font libraries loaded into this process, by their real file
    names, which carry their versions (libharfbuzz.so.0.60830.0). Linux only."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8")
    except OSError:
        return []
    libraries = {os.path.realpath(line.split()[-1]) for line in maps.splitlines()
                 if re.search(r"/lib(pango|harfbuzz|fontconfig|freetype|fribidi|cairo|gobject)[^/]*\.so", line)}
    return sorted(libraries)


def font_files() -> list[Path]:
    return sorted({Path(line) for line in _fc_list("%{file}\n").splitlines() if line})


def required_font_files() -> set[Path]:
    files = set()
    for line in _fc_list("%{family}|%{file}\n").splitlines():
        families, _, file = line.rpartition("|")
        if {name.strip() for name in families.split(",")} & set(REQUIRED_FONTS):
            files.add(Path(file))
    return files


def _fc_list(format_: str) -> str:
    try:
        return subprocess.run(["fc-list", "--format", format_], capture_output=True, text=True, timeout=30,
                              check=True).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BuildFailed(f"fc-list: {error} (expected fontconfig, which WeasyPrint needs)") from None


def pdf_template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html")


def document_context(model: SiteModel, meeting: PageRecord, body: str, page_url: str, site_url: str) -> dict[str, Any]:
    """What the PDF template needs: the cover's facts, the document
    metadata (from the front-matter) and the contents."""
    meta = meeting.meta
    organisers = [model.by_id[organiser] for organiser in meta["organisers"]]
    report = model.report_of(meeting.id)
    headings = article_headings(body)
    keywords: list[str] = []
    for page in [meeting, *( [report] if report else []), *model.of_kind("message", meeting.id)]:
        keywords.extend(tag for tag in page.meta.get("tags", []) if tag not in keywords)
    keywords.extend(name for name in [model.by_id[p].meta.get("abbreviation") or model.by_id[p].title
                                      for p in meta.get("programmes", [])] if name not in keywords)
    created = source_date()
    t = strings(model.language)
    # Where the whole report explains the date: the meeting's own section, or
    # the note its at-a-glance block shows (both #date, prefixed when embedded).
    date_anchor = f"{anchor_prefix(meeting.id)}date"
    return {
        "lang": model.language,
        "t": t,
        "title": f"{report.title if report else 'Report'}: {meeting.title}, {t.long_date(meta['date'])}",
        "meeting": meeting,
        "meta": meta,
        "date": t.long_date(meta["date"]),
        "date_note": meta.get("date_note"),
        "date_anchor": date_anchor if f'id="{date_anchor}"' in body else None,
        "organisers": [page.meta.get("name", page.title) for page in organisers],
        "subject": meeting.meta["description"],
        "keywords": keywords,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "edition_date": t.long_date(created.date()),
        "site_url": site_url,
        "page_url": page_url,
        "contents": [heading for heading in headings if heading.level <= 3],
        "body": body,
    }


def source_date() -> datetime.datetime:
    """The PDF's creation date: SOURCE_DATE_EPOCH (publish.build sets it), so
    the same sources make the same bytes."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1413849600"))
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)


def _identifier(meeting: PageRecord) -> bytes:
    # The first half of the PDF's /ID names the document and stays the same
    # across editions; pydyf derives the second half from the content.
    return f"{meeting.id}-report".encode()


def _site_fetcher(site_dir: Path, site_url: str, refused: list[str],
                  read: dict[str, str] | None = None) -> Callable[..., Any]:
    """Resources come from the built site only: an address of the site is
    read from site_dir, anything else is refused and fails the build (the
    PDF must not depend on, or reveal itself to, any other server).
    WeasyPrint turns a fetcher's exception into a warning, hence the list.
    Each file read goes into `read` with its SHA-256: the PDF depends on it."""
    from weasyprint.urls import URLFetcherResponse

    def fetch(url: str, *args: Any, **kwargs: Any) -> URLFetcherResponse:
        if url.startswith(site_url):
            file = (site_dir / unquote(urlsplit(url).path[len(urlsplit(site_url).path):])).resolve()
            if file.is_relative_to(site_dir.resolve()) and file.is_file():
                data = file.read_bytes()
                if read is not None:
                    read[file.relative_to(site_dir.resolve()).as_posix()] = hashlib.sha256(data).hexdigest()
                return URLFetcherResponse(url, data)
        elif url.startswith("file://") and Path(unquote(urlsplit(url).path)).resolve() == STYLESHEET.resolve():
            return URLFetcherResponse(url, STYLESHEET.read_bytes(), {"Content-Type": "text/css"})
        refused.append(url)
        raise ValueError(f"{url}: not a file of the built site")

    return fetch


def check_fonts() -> None:
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BuildFailed(f"fc-list: {error} (expected fontconfig, which WeasyPrint needs)") from None
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = [font for font in REQUIRED_FONTS if font not in families]
    if missing:
        raise BuildFailed(f"fonts not installed: {', '.join(missing)} (expected Debian's fonts-noto-core: run scripts/setup.sh)")
