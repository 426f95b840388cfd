"""A collection of two real meetings: London (2014, year inferred, five key
messages) and a second one built from a cited source, the EPNK exchange in
the European Parliament of 19 October 2011 (tests/data/second-meeting: its
date is certain, it has no key messages, its groups belong to no
organisation of the site, and an organisation there has no website).

Each meeting's pages, PDF and citation say only what is true of that
meeting; the home page and the meetings index present both; optional parts
leave no empty row, section or navigation entry behind."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from report_site import downloads
from report_site.publish import BuildResult, build
from support import DATA, DOCS

pytestmark = pytest.mark.pdf

BRUSSELS = "epnk-exchange-2011"
BRUSSELS_URL = f"meetings/{BRUSSELS}/"
# Words true only of London (or of its glossary): none may appear on the
# second meeting's pages or in its PDF, whose own data says none of them.
LONDON_ONLY = ["2014", "London", "inferred", "SCA", "do no harm", "Do no harm", "21 October",
               "Comparative Learning", "Unheard Voices", "Parts of a Circle", "key message", "Key message"]


@pytest.fixture(scope="module")
def collection(collection_build) -> BuildResult:
    return collection_build


@pytest.fixture(scope="module")
def two_meetings(collection) -> Path:
    return collection.site_dir


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_of(document: str) -> str:
    return re.search(r"<article\b.*?</article>", document, flags=re.S).group(0)


def listed_links(document: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', article_of(document)))


def text_of(html: str) -> str:
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([.,;:])", r"\1", text)  # a link's closing tag is no space before the full stop


def article_text(document: str) -> str:
    return text_of(article_of(document))


def nav_of(document: str) -> str:
    return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', document, flags=re.S).group(0)


def nav_labels(document: str) -> list[str]:
    labels = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span class="md-ellipsis">)?\s*([^<]+?)\s*<', nav_of(document))
    return [label for label in labels if label.strip()]


def breadcrumbs(document: str) -> list[str]:
    path = re.search(r'<nav class="md-path".*?</nav>', document, flags=re.S).group(0)
    return [text_of(item) for item in re.findall(r'<li class="md-path__item">(.*?)</li>', path, flags=re.S)]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def brussels_pages(site: Path) -> list[Path]:
    pages = sorted((site / BRUSSELS_URL).rglob("index.html"))
    assert len(pages) >= 6  # the meeting, its account, the print page, the groups' list and two groups
    return pages


# --- Home and index for a collection -------------------------------------------------

def meeting_entries(document: str) -> list[str]:
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", article_of(document), flags=re.S)
            if "meeting-pdf" in item]


@pytest.mark.parametrize("url", ["", "meetings/"])
def test_home_and_meetings_index_present_each_meeting_latest_first_with_its_pdf(two_meetings, collection, url):
    document = read(two_meetings, url)
    entries = meeting_entries(document)
    assert len(entries) == 2
    london, brussels = entries  # 2014 before 2011: the latest first
    assert london.startswith("London joint strategic meeting 21 October 2014 (the year is inferred), London International Alert")
    assert brussels.startswith("EPNK exchange in the European Parliament 19 October 2011, the European Parliament An exchange")
    assert collection.model.by_id[BRUSSELS].meta["description"].split()[0] in brussels
    for meeting_id, entry in (("london-2014", london), (BRUSSELS, brussels)):
        pdf = two_meetings / f"downloads/{meeting_id}-report.pdf"
        assert f"Download PDF ({downloads.human_size(pdf.stat().st_size)})" in entry
    hrefs = re.findall(r'<a class="meeting-pdf" href="([^"]+)"', document)
    page_folder = (two_meetings / url)
    assert [(page_folder / href).resolve() for href in hrefs] == [
        (two_meetings / f"downloads/{meeting_id}-report.pdf").resolve() for meeting_id in ("london-2014", BRUSSELS)]
    assert "at-a-glance" not in document, "no one meeting at a glance on a page about several"


def test_home_of_one_meeting_stays_as_it_is(built_site):
    document = read(built_site, "")
    assert "at-a-glance" in document and "meeting-pdf" not in document


def test_meetings_index_names_no_meeting_by_a_bare_label(two_meetings):
    for url in ("", "meetings/", BRUSSELS_URL, "meetings/london-2014/report/", "about/"):
        labels = nav_labels(read(two_meetings, url))
        assert not {"The meeting", "The exchange"} & set(labels), (url, labels)


# --- Navigation per meeting ----------------------------------------------------------------

def test_each_meeting_has_its_own_navigation_named_after_it(two_meetings):
    home = nav_of(read(two_meetings, ""))
    assert 'href="meetings/"' in home
    assert "groups/clu-experts/" not in home and "eeas-diplomats" not in home
    brussels = read(two_meetings, f"{BRUSSELS_URL}report/")
    labels = nav_labels(brussels)
    assert "EPNK exchange, 2011" in labels and "Account" in labels and "EEAS diplomats" in labels
    assert "Key messages" not in labels, "a meeting without messages has no entry for them"
    assert 'href="../groups/eeas-diplomats/"' in nav_of(brussels)
    assert "clu-experts" not in nav_of(brussels)
    london = read(two_meetings, "meetings/london-2014/report/")
    assert "London joint strategic meeting" in nav_labels(london) and "Key messages" in nav_labels(london)
    assert "eeas-diplomats" not in nav_of(london)
    # Background: each index is listed, none taken for the section's own index and hidden.
    for label in ("Organisations", "Programmes", "Glossary", "Tags", "About"):
        assert label in nav_labels(read(two_meetings, "about/")), label


def test_breadcrumbs_name_the_meeting(two_meetings):
    assert breadcrumbs(read(two_meetings, f"{BRUSSELS_URL}groups/eeas-diplomats/")) == [
        "Home", "EPNK exchange, 2011", "Participant groups"]
    assert breadcrumbs(read(two_meetings, "meetings/london-2014/messages/people-to-people-contact/")) == [
        "Home", "London joint strategic meeting", "Key messages"]


def test_previous_and_next_stay_inside_the_meeting(two_meetings):
    report = read(two_meetings, f"{BRUSSELS_URL}report/")
    footer = re.search(r'<nav class="md-footer__inner.*?</nav>', report, flags=re.S).group(0)
    assert "london-2014" not in footer
    assert 'href="../"' in footer  # previous: the meeting's overview


# --- Every meeting correct on its own ---------------------------------------------------------

def test_no_fact_of_another_meeting_on_the_second_meetings_pages(two_meetings):
    for page in brussels_pages(two_meetings):
        document = page.read_text(encoding="utf-8")
        for words in LONDON_ONLY:
            assert words not in document, (page, words)
    meeting = article_text(read(two_meetings, BRUSSELS_URL))
    assert "19 October 2011" in meeting and "the European Parliament" in meeting


def test_no_fact_of_another_meeting_in_the_second_meetings_pdf(two_meetings):
    text = pdf_text(two_meetings / f"downloads/{BRUSSELS}-report.pdf")
    assert "EPNK exchange in the European Parliament" in text
    assert "19 October 2011 · the European Parliament" in text
    for words in LONDON_ONLY + ["Glossary"]:
        assert words not in text, words


def test_each_pdf_has_the_glossary_of_its_own_pages(two_meetings, collection):
    london = pdf_text(two_meetings / "downloads/london-2014-report.pdf")
    body = london[: london.index("Appendix: source text", london.index("Contents") + 300)]
    glossary = body[body.rindex("Glossary"):]
    for term in collection.model.of_kind("term"):
        assert term.title in glossary, term.id  # every entry London's pages use: NK, SCA, do no harm, ...
    assert "Kvinna" not in london


def test_each_pdf_cover_states_its_own_dates_certainty(two_meetings, collection):
    london = pdf_text(two_meetings / "downloads/london-2014-report.pdf")
    note = " ".join(collection.model.by_id["london-2014"].meta["date_note"].split())
    assert note in london
    assert re.search(re.escape(note) + r" \(See page \d+\.\)", london)
    brussels = pdf_text(two_meetings / f"downloads/{BRUSSELS}-report.pdf")
    assert "See page" not in brussels.split("Contents")[0]


def test_citation_states_the_years_certainty_from_the_meetings_own_front_matter(two_meetings):
    pages = {page["id"]: page for page in json.loads((two_meetings / "metadata.json").read_text(encoding="utf-8"))["pages"]}
    brussels = pages[f"{BRUSSELS}-report"]["citation"]
    assert brussels["text"].startswith(
        "International Alert. “The European Partnership for the Peaceful Settlement of the Conflict over "
        "Nagorno-Karabakh”. News item. https://www.international-alert.org/news/")
    assert "Meeting held in the European Parliament on 19 October 2011." in brussels["text"]
    assert "inferred" not in brussels["text"] and "inferred" not in brussels["bibtex"]
    assert "(the year is inferred)" in pages["london-2014-report"]["citation"]["text"]
    report = article_text(read(two_meetings, f"{BRUSSELS_URL}report/"))
    assert "Meeting held in the European Parliament on 19 October 2011." in report and "inferred" not in report
    assert "date_note" not in pages[BRUSSELS] and "year_inferred" not in pages[BRUSSELS]


def test_the_source_is_credited_near_the_text(two_meetings):
    report = article_text(read(two_meetings, f"{BRUSSELS_URL}report/"))
    assert report.index("Source: The European Partnership for the Peaceful Settlement") < report.index("The subject")
    london = article_text(read(two_meetings, "meetings/london-2014/report/"))
    assert "Source: Partners of International Alert and Conciliation Resources meet in London" in london
    footer = re.search(r'<div class="md-copyright">.*?</div>\s*</div>', read(two_meetings, BRUSSELS_URL), flags=re.S).group(0)
    assert "EPNK" not in footer and "European Partnership" not in footer


def test_downloads_on_a_page_are_its_meetings(two_meetings):
    def pdfs(url: str) -> set[str]:
        block = re.search(r'<ul class="downloads"[^>]*>.*?</ul>', read(two_meetings, url), flags=re.S).group(0)
        return set(re.findall(r"downloads/([\w-]+)-report\.pdf", block))
    assert pdfs(BRUSSELS_URL) == pdfs(f"{BRUSSELS_URL}groups/members-of-parliament/") == {BRUSSELS}
    assert pdfs("meetings/london-2014/messages/people-to-people-contact/") == {"london-2014"}
    # A page of no meeting offers the meetings index, which offers each meeting's PDF.
    about = re.search(r'<ul class="downloads"[^>]*>.*?</ul>', read(two_meetings, "about/"), flags=re.S).group(0)
    assert pdfs("about/") == set() and 'href="../meetings/"' in about
    assert "print-header" not in read(two_meetings, "about/"), "a page of no meeting names none when printed"


def test_site_wide_texts_name_no_meeting(two_meetings):
    for url in ("", BRUSSELS_URL):
        document = read(two_meetings, url)
        site_name = re.search(r'<meta property="og:site_name" content="([^"]+)"', document).group(1)
        assert "London" not in site_name and "2014" not in site_name
        assert "London" not in re.search(r"<title>(.*?)</title>", read(two_meetings, BRUSSELS_URL)).group(1)


# --- Optional parts --------------------------------------------------------------------------

def test_a_meeting_without_messages_has_no_trace_of_them(two_meetings):
    assert not (two_meetings / BRUSSELS_URL / "messages").exists()
    meeting = article_text(read(two_meetings, BRUSSELS_URL))
    assert "Key messages" not in meeting
    for page in two_meetings.rglob("*.html"):
        assert "No pages yet" not in page.read_text(encoding="utf-8"), page


def test_a_group_without_organisations_has_no_empty_row(two_meetings):
    group = article_of(read(two_meetings, f"{BRUSSELS_URL}groups/eeas-diplomats/"))
    facts = re.search(r'<div class="facts">.*?</div>', group, flags=re.S).group(0)
    terms = [text_of(term) for term in re.findall(r"<dt>(.*?)</dt>", facts)]
    assert terms == ["In the report", "Meeting"]
    assert all(text_of(value) for value in re.findall(r"<dd>(.*?)</dd>", facts, flags=re.S))


def test_an_organisation_without_a_website_shows_none(two_meetings):
    document = read(two_meetings, "organisations/kvinna-till-kvinna/")
    facts = re.search(r'<div class="facts">.*?</div>', article_of(document), flags=re.S).group(0)
    assert [text_of(term) for term in re.findall(r"<dt>(.*?)</dt>", facts)] == ["Name"]
    node = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', document, flags=re.S).group(1))
    assert node["@type"] == "Organization" and "url" not in node


def test_a_certain_date_has_no_note_and_no_inferred_year(two_meetings):
    document = read(two_meetings, BRUSSELS_URL)
    glance = text_of(re.search(r'<div class="at-a-glance">.*?</div>', document, flags=re.S).group(0))
    assert glance.startswith("When 19 October 2011 Where the European Parliament")
    event = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', document, flags=re.S)]
    assert event[0]["@type"] == "Event" and "disambiguatingDescription" not in event[0]


# --- What the collection shares ----------------------------------------------------------------

def test_each_meeting_lists_only_its_own_groups_and_messages(two_meetings):
    london_groups = listed_links(read(two_meetings, "meetings/london-2014/groups/"))
    brussels_groups = listed_links(read(two_meetings, f"{BRUSSELS_URL}groups/"))
    assert {"eeas-diplomats/", "members-of-parliament/"} <= brussels_groups
    assert not any("eeas" in link for link in london_groups)
    assert not any("clu-experts" in link for link in brussels_groups)
    london_messages = listed_links(read(two_meetings, "meetings/london-2014/messages/"))
    assert len(london_messages) >= 5


def test_index_pages_of_a_meeting_name_it(two_meetings):
    title = re.search(r"<title>(.*?)</title>", read(two_meetings, f"{BRUSSELS_URL}groups/")).group(1)
    assert title.startswith("Participant groups: EPNK exchange, 2011")


def test_tags_and_organisations_include_the_second_meeting(two_meetings):
    tags = read(two_meetings, "tags/")
    assert 'id="tag-european-union"' in tags
    assert f"{BRUSSELS_URL}report/" in tags
    organisation = read(two_meetings, "organisations/international-alert/")
    assert BRUSSELS_URL in organisation and "meetings/london-2014/" in organisation


def test_metadata_json_has_both_meetings(two_meetings):
    pages = json.loads((two_meetings / "metadata.json").read_text(encoding="utf-8"))["pages"]
    by_id = {page["id"]: page for page in pages}
    assert by_id["eeas-diplomats"]["meeting"]["url"] == BRUSSELS_URL
    assert by_id["eeas-diplomats"]["organisations"] == []
    assert by_id["kvinna-till-kvinna"]["website"] is None
    assert by_id["clu-experts"]["meeting"]["url"] == "meetings/london-2014/"
    assert by_id[f"{BRUSSELS}-groups"]["kind"] == "index"
    assert f"{BRUSSELS}-messages" not in by_id


def test_message_context_counts_each_meetings_messages(two_meetings):
    five = article_text(read(two_meetings, "meetings/london-2014/messages/people-to-people-contact/"))
    assert "One of 5 key messages that this edition draws from the report of the London joint strategic meeting." in five
    assert "emerged from the discussions" in five, "London's own words on where its messages came from"
    assert "agreed" not in five and "one of 1 " not in five.lower()


def test_every_internal_link_of_the_collection_resolves(two_meetings):
    """Links the collection adds (each meeting's PDF from the home page and the
    index, the meetings index from background pages) lead to files of the site."""
    checked = 0
    for page in two_meetings.rglob("*.html"):
        if "assets" in page.parts or page.name == "404.html":
            continue
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:", "tel:", "data:")):
                continue
            target = (page.parent / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (page, href)
            checked += 1
    assert checked > 500


def test_a_meeting_without_groups_has_no_trace_of_them(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    shutil.rmtree(docs / BRUSSELS_URL / "groups")
    site = build(docs_dir=docs, site_dir=tmp_path / "site", steps=[]).site_dir
    assert not (site / BRUSSELS_URL / "groups").exists()
    meeting = read(site, BRUSSELS_URL)
    assert "Who took part" not in article_text(meeting)
    assert "Participant groups" not in nav_labels(meeting) and "Participant groups" in nav_labels(read(site, "meetings/london-2014/"))
    whole = article_text(read(site, f"{BRUSSELS_URL}print/"))
    assert ("everything this edition publishes about the EPNK exchange in the European Parliament: "
            "the meeting and its report, in reading order.") in whole
