"""What search engines, link previews, citation managers and archives read
from each page: all of it from the front-matter, parsed back and checked."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

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
        assert head.values("og:site_name") and not head.values("og:image")


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
    node = json_ld_of(built_site, report.url)
    assert node["@type"] == "Report"
    assert node["url"] == SITE_URL + report.url
    assert names(node["author"]) == ["International Alert", "Conciliation Resources"]
    assert node["about"]["@type"] == "Event" and node["about"]["startDate"] == meeting.meta["date"]
    assert node["isBasedOn"]["url"] == meeting.meta["source"]["url"]
    assert node["isBasedOn"]["publisher"]["name"] == meeting.meta["source"]["publisher"]


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
    meeting = built_model.by_id[report.meta["meeting"]]
    head = head_of(built_site, report.url)
    assert head.values("citation_title") == [f"{meeting.title}: {report.title}"]
    assert head.values("citation_author") == ["International Alert", "Conciliation Resources"]
    assert head.values("citation_publication_date") == ["2014"]
    assert head.values("citation_public_url") == [SITE_URL + report.url]
    assert head.values("citation_language") == ["en"]
    others = [p for p in built_model.pages if p.kind != "report"]
    assert others and all(not head_of(built_site, p.url).values("citation_title") for p in others)


def test_the_report_says_how_to_cite_it(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    page = (built_site / report.url / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-this-report"' in page
    citation = re.search(r'<p class="citation">(.*?)</p>', page, flags=re.S)
    assert citation
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", citation.group(1))).split())
    assert text.startswith("International Alert and Conciliation Resources. 2014.")
    assert "year is inferred" in text and SITE_URL + report.url in text
    code = re.search(r"<code>(.*?@techreport.*?)</code>", page, flags=re.S)
    assert code, "a BibTeX entry"
    bibtex = html.unescape(re.sub(r"<[^>]+>", "", code.group(1)))
    fields = dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},$", bibtex, flags=re.M))
    assert bibtex.startswith("@techreport{london-2014-report,")
    assert fields["author"] == "{International Alert} and {Conciliation Resources}"
    assert fields["year"] == "2014"
    assert fields["url"] == SITE_URL + report.url
    assert "inferred" in fields["note"]
    assert bibtex.count("{") == bibtex.count("}"), "balanced braces"
