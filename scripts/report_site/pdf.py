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
import html
import os
import re
import subprocess
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from . import editions
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
    """The post-build step: write each meeting's PDF in every edition, under
    that edition's root (its size reaches the pages later, with the other
    downloads')."""
    check_fonts()
    for edition_model in model.editions():
        write_edition_pdfs(edition_model, site_dir / editions.edition(edition_model.language).prefix)


def write_edition_pdfs(model: SiteModel, site_dir: Path) -> None:
    for meeting in model.of_kind("meeting"):
        page = whole_report_of(model, meeting.id)
        if page is None:
            raise BuildFailed(f"{meeting.src_path}: no whole-report page was generated for meeting {meeting.id!r}")
        built = site_dir / page.url / "index.html"
        if not built.is_file():
            raise BuildFailed(f"{built}: the whole-report page was not built, so there is nothing to make the PDF from")
        data = render_pdf(model, meeting, built.read_text(encoding="utf-8"), site_dir)
        target = site_dir / pdf_path(meeting)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def render_pdf(model: SiteModel, meeting: PageRecord, page_html: str, site_dir: Path) -> bytes:
    import weasyprint  # imported here: loading it costs time that builds without a meeting need not pay

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
    refused: list[str] = []
    fetcher = _site_fetcher(site_dir, site_url, refused)
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for PDF/A's output intent and
        # never closes it (weasyprint/pdf/__init__.py): Python closes it at
        # once and says so. Only that notice is silenced; any other stays.
        warnings.filterwarnings("ignore", message=r"unclosed file .*[/\\]sRGB2014\.icc", category=ResourceWarning)
        data: bytes = weasyprint.HTML(string=document, base_url=page_url, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_variant="pdf/a-3u", pdf_identifier=_identifier(meeting),
            pdf_tags=True)  # a tagged PDF: screen readers follow its structure, not just its glyphs
    if refused:
        raise BuildFailed(f"the PDF asks for {', '.join(refused)}: not files of the built site (expected no outside resources)")
    return data


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


def _site_fetcher(site_dir: Path, site_url: str, refused: list[str]) -> Callable[..., Any]:
    """Resources come from the built site only: an address of the site is
    read from site_dir, anything else is refused and fails the build (the
    PDF must not depend on, or reveal itself to, any other server).
    WeasyPrint turns a fetcher's exception into a warning, hence the list."""
    from weasyprint.urls import URLFetcherResponse

    def fetch(url: str, *args: Any, **kwargs: Any) -> URLFetcherResponse:
        if url.startswith(site_url):
            file = (site_dir / unquote(urlsplit(url).path[len(urlsplit(site_url).path):])).resolve()
            if file.is_relative_to(site_dir.resolve()) and file.is_file():
                return URLFetcherResponse(url, file.read_bytes())
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
