"""Each edition's Atom feed (report_site.feeds): one entry per published
meeting, in the edition's words, at absolute addresses under the edition's
site_url, dated by the meetings, never by the clock; every page of every
edition links it in its head; no draft reaches it. The feed is checked
against RFC 4287 (report_site.atom_validation), and that check is shown to
refuse broken feeds."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from mkdocs.config import load_config

from report_site import feeds
from report_site.atom_validation import ATOM, XML_LANG, feed_problems
from report_site.downloads import ZIP_PATH
from report_site.editions import edition
from report_site.offline_reading import NOT_SAVED_PATH
from report_site.preparation import prepare_site
from report_site.problems import BuildFailed
from report_site.publish import build
from report_site.site_model import SiteModel
from report_site.strings import strings
from support import DATA, DOCS, ROOT, publishable_config

SITE_URL = load_config(str(ROOT / "mkdocs.yml")).site_url
FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"')
SECOND_MEETING = "meetings/epnk-exchange-2011"


def atom(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(f"{{{ATOM}}}{name}")


def text(element: etree._Element, name: str) -> str:
    return element.findtext(f"{{{ATOM}}}{name}") or ""


def read_feed(site: Path, model: SiteModel) -> tuple[etree._Element, str]:
    """The edition's parsed feed and its address, having checked it is valid."""
    site_url = SITE_URL + edition(model.language).prefix
    path = site / edition(model.language).prefix / feeds.FEED_FILE
    document = path.read_bytes()
    assert feed_problems(document, site_url) == [], path
    return etree.fromstring(document), site_url


# The build-level checks, on the repository's four editions.

def test_every_edition_has_a_valid_feed_with_one_entry_per_meeting(built):
    models = built.model.editions()
    assert sorted(model.language for model in models) == ["az", "en", "hy", "ru"]
    for model in models:
        feed, site_url = read_feed(built.site_dir, model)
        assert feed.get(XML_LANG) == model.language
        assert text(feed, "title") == strings(model.language)("site.name")
        self_link = [link.get("href") for link in atom(feed, "link") if link.get("rel") == "self"]
        assert self_link == [site_url + "feed.xml"]
        entries = atom(feed, "entry")
        meetings = model.meetings_latest_first()
        assert len(entries) == len(meetings) == 1
        entry, meeting = entries[0], meetings[0]
        report = model.of_kind("report", meeting.id)[0]
        assert text(entry, "title") == meeting.title
        assert [link.get("href") for link in atom(entry, "link")] == [site_url + report.url]
        assert atom(entry, "link")[0].get("rel") == "alternate"
        summary = text(entry, "summary")
        assert meeting.meta["place"] in summary and meeting.meta["description"] in summary
        assert strings(model.language).long_date(meeting.meta["date"]) in summary
        # The repository's editions are translated: the entry is in the edition's language.
        assert meeting.language == model.language and entry.get(XML_LANG) is None
        assert text(entry, "id") == feeds.entry_id(meeting.id, model.language)


def test_feed_dates_are_the_meetings_not_the_clock(built_model, built_site):
    """The session builds with SOURCE_DATE_EPOCH at 2015-01-01 (conftest): the
    feed still says the meeting's day, as every later build of these pages will."""
    for model in built_model.editions():
        feed, _ = read_feed(built_site, model)
        assert text(feed, "updated") == "2014-10-21T00:00:00+00:00"
        for entry in atom(feed, "entry"):
            assert text(entry, "updated") == text(entry, "published") == "2014-10-21T00:00:00+00:00"


def test_entry_ids_stay_when_the_title_is_corrected(built_model):
    model = built_model
    meeting = model.meetings_latest_first()[0]
    before = etree.fromstring(feeds.feed_document(model, SITE_URL))
    saved = meeting.meta["title"]
    meeting.meta["title"] = saved + " (corrected)"
    try:
        after = etree.fromstring(feeds.feed_document(model, SITE_URL))
    finally:
        meeting.meta["title"] = saved
    assert text(atom(after, "entry")[0], "title").endswith("(corrected)")
    assert text(atom(after, "entry")[0], "id") == text(atom(before, "entry")[0], "id")
    # Each edition's entry is its own (its words differ), so its id is too.
    ids = {feeds.entry_id(meeting.id, other.language) for other in model.editions()}
    assert len(ids) == 4


def test_every_page_of_every_edition_links_its_own_editions_feed(built_site, built_model):
    checked = 0
    for model in built_model.editions():
        prefix = edition(model.language).prefix
        others = {edition(other.language).prefix for other in built_model.editions()} - {prefix}
        root = built_site / prefix
        for page in sorted(root.rglob("*.html")):
            relative = page.relative_to(root).as_posix()
            if relative == NOT_SAVED_PATH:
                continue  # the service worker's page for what it did not keep: no head to speak of
            if any(relative.startswith(other) for other in others if other):
                continue  # another edition's page, checked with its own edition
            head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
            assert FEED_LINK.findall(head) == [SITE_URL + prefix + "feed.xml"], page
            checked += 1
    assert checked >= 4 * 30


def test_the_home_page_and_about_page_lead_readers_to_the_feed(built_site, built_model):
    for model in built_model.editions():
        prefix = edition(model.language).prefix
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        follow = strings(model.language)("feed.follow")
        assert f'<a href="{SITE_URL + prefix}feed.xml" type="application/atom+xml"' in home
        assert f">{follow}</a>" in home
        about = (built_site / prefix / "about" / "index.html").read_text(encoding="utf-8")
        assert 'id="feed"' in about and follow in about


def test_the_offline_edition_links_the_online_feed_and_carries_none(built_site):
    """Read from file://, a relative link would lead nowhere; the absolute one
    is what a reader gives a feed reader once connected (the browser fetches
    nothing for it). The zip has no feed.xml: a copy on a disk is followed by no one."""
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        assert not [name for name in names if name.endswith("feed.xml")]
        for prefix in ("", "ru/"):
            page = next(name for name in names if name.endswith(f"/{prefix}about.html"))
            head = archive.read(page).decode("utf-8").split("</head>", 1)[0]
            assert FEED_LINK.findall(head) == [SITE_URL + prefix + "feed.xml"]


def test_an_untranslated_meeting_is_an_english_entry(edition_build):
    """tests/data/translations translates the report, not the meeting page: the
    entry's words are the English ones, marked so, and it links the translated report."""
    for model in edition_build.model.other_editions:
        feed, site_url = read_feed(edition_build.site_dir, model)
        entry = atom(feed, "entry")[0]
        meeting = model.meetings_latest_first()[0]
        assert meeting.language == "en" and feed.get(XML_LANG) == model.language
        assert entry.get(XML_LANG) == "en"
        assert text(entry, "title") == "London joint strategic meeting"
        assert text(entry, "summary").startswith("London, 21 October 2014 (the year is inferred). ")
        link = atom(entry, "link")[0]
        assert (link.get("href"), link.get("hreflang")) == (site_url + "meetings/london-2014/report/", model.language)


def test_a_collection_has_an_entry_per_meeting_the_latest_first(collection_build):
    feed, site_url = read_feed(collection_build.site_dir, collection_build.model)
    entries = atom(feed, "entry")
    assert [text(entry, "title") for entry in entries] == ["London joint strategic meeting",
                                                           "EPNK exchange in the European Parliament"]
    assert [atom(entry, "link")[0].get("href") for entry in entries] == [
        site_url + "meetings/london-2014/report/", site_url + "meetings/epnk-exchange-2011/report/"]
    assert [text(entry, "updated") for entry in entries] == ["2014-10-21T00:00:00+00:00", "2011-10-19T00:00:00+00:00"]
    assert text(feed, "updated") == "2014-10-21T00:00:00+00:00"
    assert [text(atom(entry, "author")[0], "name") for entry in entries] == [
        "European Partnership for the Peaceful Settlement of the Conflict over Nagorno-Karabakh (EPNK)",
        "International Alert"]
    meetings = (collection_build.site_dir / "meetings" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{site_url}feed.xml" type="application/atom+xml"' in meetings


# No draft reaches a feed.

def with_draft_meeting(root: Path) -> Path:
    """The repository's pages and a second meeting whose every page is a
    draft, with the organisation that only it names."""
    docs = root / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting" / "meetings", docs / "meetings", dirs_exist_ok=True)
    shutil.copytree(DATA / "second-meeting" / "organisations", docs / "organisations", dirs_exist_ok=True)
    drafts = [*(docs / SECOND_MEETING).rglob("*.md"), docs / "organisations" / "kvinna-till-kvinna.md"]
    for page in sorted(drafts):
        page.write_text(page.read_text(encoding="utf-8").replace("\nkind: ", "\ndraft: true\nkind: ", 1),
                        encoding="utf-8")
    return docs


def test_a_draft_meeting_is_in_no_feed_even_in_the_preview(tmp_path):
    """`mkdocs serve` shows drafts (include_drafts): its feed still leaves them out."""
    docs = with_draft_meeting(tmp_path)
    prepared = prepare_site(docs, display_root=tmp_path, include_drafts=True)
    assert prepared.problems == []
    preview = prepared.model
    assert "epnk-exchange-2011" in preview.by_id, "the preview has the draft meeting: the check below means something"
    feed = etree.fromstring(feeds.feed_document(preview, SITE_URL))
    assert [text(entry, "title") for entry in atom(feed, "entry")] == ["London joint strategic meeting"]
    assert b"epnk-exchange" not in feeds.feed_document(preview, SITE_URL)


def test_what_hold_back_drafts_holds_back_is_in_no_feed(tmp_path):
    docs = with_draft_meeting(tmp_path)
    config = publishable_config(docs, tmp_path)
    result = build(config_file=config, docs_dir=docs, site_dir=tmp_path / "site", steps=[], publishing=True,
                   hold_back_drafts=True)
    assert any("epnk-exchange-2011" in held for held in result.held_back)
    document = (tmp_path / "site" / "feed.xml").read_bytes()
    assert feed_problems(document, "https://reports.test-archive.net/meeting-reports/") == []
    feed = etree.fromstring(document)
    assert [text(entry, "title") for entry in atom(feed, "entry")] == ["London joint strategic meeting"]
    assert b"epnk-exchange" not in document and b"European Parliament" not in document
    # A named publisher is the feed's author.
    assert text(atom(feed, "author")[0], "name") == "Test Archive of Peace Reports"


# The check itself: it refuses what RFC 4287 (or this site) does not allow.

def broken(document: bytes, old: bytes, new: bytes) -> bytes:
    assert old in document, old
    return document.replace(old, new, 1)


@pytest.fixture(scope="module")
def good_feed(built_model) -> bytes:
    document = feeds.feed_document(built_model, SITE_URL)
    assert feed_problems(document, SITE_URL) == []
    return document


ENTRY_ID = re.compile(rb"<entry>\s*<id>[^<]*</id>")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: broken(d, b"<title>London joint strategic meeting</title>", b""), "entry 1: title: 0 found"),
    (lambda d: ENTRY_ID.sub(b"<entry>", d), "entry 1: id: 0 found"),
    (lambda d: broken(d, b"<id>urn:uuid:", b"<id>not-an-iri "), "entry 1: id: 'not-an-iri "),
    (lambda d: broken(d, b"<updated>2014-10-21T00:00:00+00:00</updated>\n    <author>",
                      b"<updated>2014-10-21</updated>\n    <author>"), "entry 1: updated: '2014-10-21' (expected an RFC 3339"),
    (lambda d: broken(d, b"<published>2014-10-21T00:00:00+00:00", b"<published>2014-02-30T00:00:00Z"),
     "entry 1: published: '2014-02-30T00:00:00Z'"),
    (lambda d: broken(d, b'<updated>2014-10-21T00:00:00+00:00</updated>\n  <link',
                      b'<updated>2026-12-06T23:00:00+00:00</updated>\n  <link'),
     "feed: updated: 2026-12-06T23:00:00+00:00 (expected the latest entry's"),
    (lambda d: broken(d, b'rel="self"', b'rel="related"'), 'feed: link: no rel="self"'),
    (lambda d: broken(d, b'rel="alternate" type="text/html" hreflang="en"/>\n  <rights',
                      b'rel="related" type="text/html" hreflang="en"/>\n  <rights'), 'feed: link: no rel="alternate"'),
    (lambda d: broken(d, b'href="https://meeting-report.example.org/meetings/', b'href="/meetings/'),
     "entry 1: link: '/meetings/london-2014/report/' (expected an absolute address under"),
    (lambda d: broken(d, b' xml:lang="en"', b""), "feed: xml:lang: missing"),
    (lambda d: re.sub(rb"<author>.*?</author>", b"", d, flags=re.S), "entry 1: author: missing"),
    (lambda d: re.sub(rb"<summary>.*?</summary>", b"", d, flags=re.S), "entry 1: summary: missing"),
    (lambda d: broken(d, b"</feed>", re.search(rb"<entry>.*</entry>", d, re.S).group(0) + b"</feed>"),  # type: ignore[union-attr]
     "entry 2: id: 'urn:uuid:"),
    (lambda d: d.replace(b"http://www.w3.org/2005/Atom", b"http://purl.org/rss/1.0/"), "root element"),
    (lambda d: d[:-20], "not well-formed XML"),
])
def test_the_check_refuses_a_broken_feed(good_feed, change, expected):
    problems = feed_problems(change(good_feed), SITE_URL)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_build_that_would_write_a_broken_feed_fails_and_writes_none(built_model, tmp_path, monkeypatch):
    good = feeds.feed_document(built_model, SITE_URL)
    monkeypatch.setattr(feeds, "feed_document", lambda *args, **kwargs: broken(good, b' xml:lang="en"', b""))
    with pytest.raises(BuildFailed, match=r"feed\.xml: feed: xml:lang: missing"):
        feeds.write_feed(built_model, tmp_path, SITE_URL)
    assert not (tmp_path / feeds.FEED_FILE).exists()


def test_no_public_address_means_no_feed(built_model, tmp_path):
    assert feeds.feed_url("") == ""
    assert feeds.write_feed(built_model, tmp_path, "") is None
    assert list(tmp_path.iterdir()) == []
