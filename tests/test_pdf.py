"""The whole-report PDF and the whole-report page it is made from: the
session build's real PDF (WeasyPrint), read back with pypdf and poppler."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from report_site import downloads
from report_site import pdf as report_pdf
from report_site.whole_report import whole_report_of
from support import SOURCE_REPORT


@pytest.fixture(scope="session")
def meeting(built_model):
    return built_model.by_id["london-2014"]


@pytest.fixture(scope="session")
def pdf_file(built_site, meeting) -> Path:
    return built_site / downloads.pdf_path(meeting)


@pytest.fixture(scope="session")
def reader(pdf_file) -> pypdf.PdfReader:
    return pypdf.PdfReader(pdf_file)


def pdf_text(pdf_file: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(pdf_file), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def test_pdf_has_a_stable_name_in_downloads(built_site):
    assert sorted(p.name for p in (built_site / "downloads").glob("*.pdf")) == ["london-2014-report.pdf"]


def test_every_sentence_of_the_source_is_in_the_pdf_as_corrected_and_as_published(pdf_file, built_model):
    text = pdf_text(pdf_file)
    source = SOURCE_REPORT.read_text(encoding="utf-8")
    corrected = source
    for correction in built_model.report_of("london-2014").meta["corrections"]:
        corrected = corrected.replace(correction["original"], correction["corrected"])
    assert corrected != source  # the report page corrects the source: both versions must be there
    missing = [s for s in sentences(corrected) + sentences(source) if s not in text]
    assert not missing


def test_no_page_is_empty(pdf_file, reader):
    assert len(reader.pages) >= 8
    for number in range(1, len(reader.pages) + 1):
        assert len(pdf_text(pdf_file, number)) > 40, f"page {number} is (almost) empty"


def test_outline_matches_the_headings(reader, built_site, built_model):
    page = whole_report_of(built_model, "london-2014")
    article = (built_site / page.url / "index.html").read_text(encoding="utf-8")
    headings = [h for h in report_pdf.article_headings(report_pdf.ARTICLE.search(article).group(1)) if h.level <= 4]

    def walk(items, depth=1):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title
    outline = list(walk(reader.outline))
    assert outline[0] == (1, "Contents")
    assert outline[1:] == [(h.level - 1, h.text) for h in headings]
    assert [title for depth, title in outline if depth == 1][1:6] == [
        "London joint strategic meeting", "Report of the meeting", "Participant groups", "Key messages", "Glossary"]


def test_metadata_comes_from_the_front_matter(reader, meeting, built_model):
    info = reader.metadata
    assert meeting.title in info.title
    assert "Report of the meeting" in info.title
    assert info.author == ", ".join(built_model.by_id[o].meta["name"] for o in meeting.meta["organisers"])
    assert info.subject == meeting.meta["description"]
    keywords = info["/Keywords"].split(", ")
    assert "peacebuilding" in keywords and "EPNK" in keywords
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_dates_follow_source_date_epoch(reader):
    expected = report_pdf.source_date().strftime("D:%Y%m%d%H%M%S")
    assert reader.metadata["/CreationDate"].startswith(expected)
    assert reader.metadata["/ModDate"].startswith(expected)


def test_every_font_is_embedded_and_is_noto(reader):
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            seen.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert seen and all(name.startswith("Noto-") for name in seen), seen


def test_is_tagged_for_screen_readers(reader):
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_declares_pdf_a_3u(reader):
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part="3"|<pdfaid:part>3<', xmp)
    assert re.search(r'pdfaid:conformance="U"|<pdfaid:conformance>U<', xmp)
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"


def test_links_work_inside_and_out(reader, meeting):
    names = reader.named_destinations
    internal, external = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object()
            if "/Dest" in action:
                internal.append(str(action["/Dest"]))
            elif "/A" in action and "/URI" in action["/A"]:
                external.append(str(action["/A"]["/URI"]))
    assert len(internal) > 30  # the contents, the cross references
    assert not [dest for dest in internal if dest not in names]
    assert "london-2014-report--key-messages" in internal
    assert meeting.meta["source"]["url"] in external
    # Links to pages of the site that the PDF does not contain go to the site.
    assert any(url.startswith("https://meeting-report.example.org/organisations/") for url in external)


def test_contents_give_page_numbers(pdf_file):
    contents = pdf_text(pdf_file, 2)
    assert re.search(r"Report of the meeting[ .]+\d+", contents)
    assert re.search(r"Glossary[ .]+\d+", contents)


def test_running_header_and_page_numbers(pdf_file, reader, meeting):
    total = len(reader.pages)
    for number in (2, 3, total):
        text = pdf_text(pdf_file, number)
        assert f"{number} / {total}" in text
        assert meeting.title in text
    assert f"1 / {total}" not in pdf_text(pdf_file, 1)  # the cover carries no page furniture


def test_cover_names_date_place_organisers_and_source(pdf_file, meeting):
    cover = pdf_text(pdf_file, 1)
    assert meeting.title in cover
    assert "21 October 2014 · London" in cover
    assert "International Alert and Conciliation Resources" in cover
    assert meeting.meta["source"]["publisher"] in cover
    assert meeting.meta["source"]["title"] in cover


def test_same_sources_give_the_same_bytes(pdf_file, built_model, built_site, meeting):
    page = whole_report_of(built_model, meeting.id)
    again = report_pdf.render_pdf(built_model, meeting, (built_site / page.url / "index.html").read_text(encoding="utf-8"), built_site)
    assert again == pdf_file.read_bytes()


def test_every_page_links_the_pdf_with_its_size(built_site, pdf_file):
    size = downloads.human_size(pdf_file.stat().st_size)
    # The English edition's pages (each other language links its own PDF: test_editions.py).
    # Not the not-found page, nor the service worker's page for what it did not keep (offline.html).
    pages = [p for p in built_site.rglob("*.html") if p.name not in ("404.html", "offline.html")
             and "assets" not in p.parts and "offline" not in p.parts
             and p.relative_to(built_site).parts[0] not in ("ru", "hy", "az")]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<a href="([^"]+london-2014-report\.pdf)"[^>]*>Download PDF<span[^>]*> \(([^)]+)\)</span></a>', html)
        assert match, f"{page}: no 'Download PDF' link with a size"
        assert match.group(2) == size
        assert (page.parent / match.group(1)).resolve() == pdf_file.resolve()


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._tag: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._tag = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._tag:
            self._tag = None

    def handle_data(self, data):
        if self._tag and data != "¶":
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def test_whole_report_page_has_everything_in_reading_order(built_site, built_model, meeting):
    page = whole_report_of(built_model, meeting.id)
    html = (built_site / page.url / "index.html").read_text(encoding="utf-8")
    parser = _Structure()
    parser.feed(report_pdf.ARTICLE.search(html).group(1))
    parts = [text for tag, text in parser.headings if tag == "h2"]
    assert parts == [meeting.title, "Report of the meeting", "Participant groups", "Key messages", "Glossary",
                     "Appendix: source text", "Sources"]
    h3 = [text for tag, text in parser.headings if tag == "h3"]
    for kind in ("group", "message", "term"):
        titles = [p.title for p in built_model.of_kind(kind, meeting.id if kind != "term" else None)]
        positions = [h3.index(title) for title in titles]
        assert positions == sorted(positions), kind
    # Links between the embedded pages stay inside the page.
    assert 'href="#london-2014-report--participants"' in html
    assert 'id="london-2014-report--participants"' in html


def test_whole_report_page_is_not_a_search_result(built_site):
    import json
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("meetings/london-2014/print/")]


def test_embedding_a_page_moves_headings_prefixes_ids_and_points_links_inside(built_model):
    from report_site.whole_report import rewrite

    page = built_model.by_id["london-2014-report"]
    text = "\n".join([
        "## Context {#context}",
        "### Plain heading",
        "A paragraph.",
        "{: #msg-x }",
        "See [the aims](#aims), [a group](id:clu-experts), [its passage](id:london-2014-report#participants),",
        "[a programme](id:clu), [elsewhere](https://example.org/#x) and a note[^1].",
        "```",
        "## not a heading {#kept}",
        "```",
    ])
    out = rewrite(text, page, 2, built_model, {"london-2014-report", "clu-experts"}, {}, "meetings/london-2014/print.md").splitlines()
    assert out[0] == "### Context {: #london-2014-report--context }"
    assert out[1] == "#### Plain heading {: #london-2014-report--plain-heading }"
    assert out[3] == "{: #london-2014-report--msg-x }"
    assert "[the aims](#london-2014-report--aims)" in out[4]
    assert "[a group](#clu-experts)" in out[4]
    assert "[its passage](#london-2014-report--participants)" in out[4]
    assert "[a programme](id:clu)" in out[5]  # not in the document: page_rendering.link_ids points it at the page
    assert "(https://example.org/#x)" in out[5] and "[^london-2014-report-1]" in out[5]
    assert out[7] == "## not a heading {#kept}"
