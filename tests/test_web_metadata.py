"""What search engines, link previews, citation managers and archives read
from each page: all of it from the front-matter, parsed back and checked."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from report_site.preview_cards import card_path
from support import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


class HeadMetadata(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.links: list[tuple[str, str]] = []  # (rel, href)
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("name") or attributes.get("property")):
            self.meta.append((attributes.get("name") or attributes.get("property"), attributes.get("content") or ""))
        elif tag == "link":
            self.links.append((attributes.get("rel") or "", attributes.get("href") or ""))
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def values(self, name: str) -> list[str]:
        return [content for key, content in self.meta if key == name]


def head_of(site: Path, url: str) -> HeadMetadata:
    parser = HeadMetadata()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def json_ld_of(site: Path, url: str) -> dict:
    found = head_of(site, url).json_ld
    assert len(found) == 1, f"{url}: expected one JSON-LD block, found {len(found)}"
    return json.loads(found[0])


def test_every_page_has_description_canonical_and_open_graph(built_site, built_model):
    for page in built_model.pages:
        head = head_of(built_site, page.url)
        canonical = SITE_URL + page.url
        assert head.values("description") == [page.meta["description"]], page.src_path
        assert [href for rel, href in head.links if rel == "canonical"] == [canonical], page.src_path
        assert head.values("og:title") == [page.title]
        assert head.values("og:description") == [page.meta["description"]]
        assert head.values("og:url") == [canonical]
        assert head.values("og:type") in (["article"], ["website"])
        assert head.values("og:site_name")
        # The page's own preview card (tests/test_preview_cards.py checks the file).
        assert head.values("og:image") == [SITE_URL + card_path(page.url)]


def test_every_json_ld_block_is_valid_json_that_cannot_break_out(built_site):
    blocks = 0
    for path in built_site.rglob("*.html"):
        parser = HeadMetadata()
        parser.feed(path.read_text(encoding="utf-8"))
        for block in parser.json_ld:
            blocks += 1
            document = json.loads(block)
            assert document["@context"] == "https://schema.org"
            assert "<" not in block and ">" not in block, f"{path}: JSON-LD must escape angle brackets"
    assert blocks >= 10


def names(nodes: list[dict]) -> list[str]:
    return [node["name"] for node in nodes]


def test_the_meeting_is_an_event(built_site, built_model):
    meeting = built_model.by_id["london-2014"]
    event = json_ld_of(built_site, meeting.url)
    assert event["@type"] == "Event"
    assert event["name"] == meeting.title
    assert event["startDate"] == meeting.meta["date"] == "2014-10-21"
    assert event["location"]["@type"] == "Place" and event["location"]["name"] == meeting.meta["place"]
    organisers = [built_model.by_id[o] for o in meeting.meta["organisers"]]
    assert names(event["organizer"]) == [o.meta["name"] for o in organisers]
    assert [node["url"] for node in event["organizer"]] == [o.meta["website"] for o in organisers]
    assert "inferred" in event["disambiguatingDescription"], "the metadata says the year is inferred"
    assert event["subjectOf"]["@type"] == "Report"


def test_the_report_is_a_report(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    meeting = built_model.by_id[report.meta["meeting"]]
    source = meeting.meta["source"]
    node = json_ld_of(built_site, report.url)
    assert node["@type"] == "Report"
    assert node["url"] == SITE_URL + report.url
    # The text is the original publication's: its author is the source's
    # publisher (it names no person), not the meeting's organisers.
    publisher = {"@type": "Organization", "name": source["publisher"]}
    assert node["author"] == publisher
    assert node["about"]["@type"] == "Event" and node["about"]["startDate"] == meeting.meta["date"]
    assert node["isBasedOn"] == {"@type": "CreativeWork", "name": source["title"], "url": source["url"],
                                 "author": publisher, "publisher": publisher, "genre": source["genre"]}


def test_each_organiser_is_an_organization(built_site, built_model):
    organisations = built_model.of_kind("organisation")
    assert len(organisations) >= 2
    for organisation in organisations:
        node = json_ld_of(built_site, organisation.url)
        assert node["@type"] == "Organization"
        assert node["name"] == organisation.meta["name"]
        assert node["url"] == organisation.meta["website"]
        assert node.get("alternateName") == organisation.meta.get("abbreviation")
    # The same node ids link the meeting's organisers to their own pages.
    meeting = json_ld_of(built_site, built_model.by_id["london-2014"].url)
    own_ids = {json_ld_of(built_site, o.url)["@id"] for o in organisations}
    assert {node["@id"] for node in meeting["organizer"]} <= own_ids


def test_each_glossary_term_is_a_defined_term(built_site, built_model):
    terms = built_model.of_kind("term")
    assert len(terms) >= 4
    glossary = json_ld_of(built_site, built_model.by_id["glossary"].url)
    assert glossary["@type"] == "DefinedTermSet"
    assert sorted(names(glossary["hasDefinedTerm"])) == sorted(t.meta["term"] for t in terms)
    for term in terms:
        node = json_ld_of(built_site, term.url)
        assert node["@type"] == "DefinedTerm"
        assert node["name"] == term.meta["term"]
        assert node["inDefinedTermSet"]["@id"] == glossary["@id"]
        if term.meta.get("abbreviation"):
            assert node["alternateName"] == term.meta["abbreviation"]


def test_the_report_has_highwire_citation_tags(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    source = built_model.by_id[report.meta["meeting"]].meta["source"]
    head = head_of(built_site, report.url)
    # What is cited is the original item, read at this edition's address.
    assert head.values("citation_title") == [source["title"]]
    assert head.values("citation_author") == [source["publisher"]]
    assert head.values("citation_publisher") == [source["publisher"]]
    assert head.values("citation_public_url") == [SITE_URL + report.url]
    assert head.values("citation_language") == ["en"]
    # The item's publication date is unknown; the meeting's (inferred) year is not it.
    assert head.values("citation_publication_date") == [] and head.values("citation_date") == []
    assert head.values("citation_technical_report_institution") == []
    others = [p for p in built_model.pages if p.kind != "report"]
    assert others and all(not head_of(built_site, p.url).values("citation_title") for p in others)


def citation_texts(document: str) -> list[str]:
    """The text of every <p class="citation"> of a page, as a reader sees it."""
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", found)).split())
            for found in re.findall(r'<p class="citation">(.*?)</p>', document, flags=re.S)]


def bibtex_of(document: str) -> str:
    code = re.search(r"<code>(.*?@misc.*?)</code>", document, flags=re.S)
    assert code, "a BibTeX entry"
    return html.unescape(re.sub(r"<[^>]+>", "", code.group(1))).strip()


def test_the_report_says_how_to_cite_it(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    meeting = built_model.by_id[report.meta["meeting"]]
    source = meeting.meta["source"]
    page = (built_site / report.url / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-this-report"' in page
    [text] = citation_texts(page)
    # The original item first (EPNK's, under its own title), then this edition.
    assert text.startswith(f"{source['publisher']}. “{source['title']}”. {source['genre']}. {source['url']}. ")
    assert "Meeting held in London on 21 October 2014 (the year is inferred)." in text
    assert text.endswith(f"Read in this edition: {SITE_URL + report.url}.")
    assert "International Alert and Conciliation Resources." not in text, "the organisers are not its authors"
    bibtex = bibtex_of(page)
    fields = dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},$", bibtex, flags=re.M))
    assert bibtex.startswith("@misc{london-2014-report,")
    assert fields["author"] == "{" + source["publisher"] + "}", "a corporate author, braced whole"
    assert fields["title"] == "{" + source["title"] + "}"
    assert fields["url"] == source["url"]
    assert "the year is inferred" in fields["note"] and SITE_URL + report.url in fields["note"]
    assert "year" not in fields, "the publication year is not known"
    assert bibtex.count("{") == bibtex.count("}"), "balanced braces"


def test_one_citation_on_the_report_page_the_about_page_and_in_metadata_json(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    report_page = (built_site / report.url / "index.html").read_text(encoding="utf-8")
    about_page = (built_site / built_model.by_id["about"].url / "index.html").read_text(encoding="utf-8")
    exported = json.loads((built_site / "metadata.json").read_text(encoding="utf-8"))
    [entry] = [page for page in exported["pages"] if page["id"] == report.id]
    assert citation_texts(report_page) == citation_texts(about_page) == [entry["citation"]["text"]]
    assert bibtex_of(report_page) == entry["citation"]["bibtex"]
    assert 'id="cite"' in about_page
    assert "EPNK website" not in about_page, "no second, hand-written way to cite"
