"""Each edition's Atom feed, `feed.xml` at the edition's root: one entry per
published meeting, so that readers on cut connections learn of a new report
without coming back to look (their feed reader fetches the file when it can).

Every value comes from the model: the meeting's title, place, date and
description in the edition's words (English, marked xml:lang="en", for a
meeting not translated yet), its report's address under the edition's
`site_url`. No date is the clock's: an entry is dated by its meeting's
`date`, and the feed by its latest entry. feedgen writes the XML; what it
would add of its own (the time of the build, its name and version) is set
here, so the same pages give the same bytes. The feed is checked
(report_site.atom_validation) before it is written: a build never
publishes a feed a reader's software could refuse.
"""

from __future__ import annotations

import datetime
import os
import uuid
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator

from . import atom_validation
from .problems import BuildFailed
from .site_model import PageRecord, SiteModel
from .strings import strings

FEED_FILE = "feed.xml"  # at each edition's root: site/feed.xml, site/ru/feed.xml, ...
FEED_TYPE = "application/atom+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# What entry ids are made from, with the meeting's id and the edition's language.
# Never change it: a feed reader takes an entry with a new id for a new report. An
# id made of the meeting's id rather than its address or title stays the same when
# the title is corrected or the site moves (RFC 4287, 4.2.6).
ENTRY_ID_NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c61-9a8e-2f4b7d3c9e15")


def feed_url(site_url: str) -> str:
    """The edition's feed, absolute: "" when the site has no public address
    (a feed reader needs one, so there is then no feed)."""
    return site_url + FEED_FILE if site_url else ""


def entry_id(meeting_id: str, language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ENTRY_ID_NAMESPACE, f'meeting/{meeting_id}/{language}')}"


def meeting_time(meeting: PageRecord) -> datetime.datetime:
    """The meeting's day, as the date-time Atom wants (midnight UTC)."""
    day = datetime.date.fromisoformat(str(meeting.meta["date"]))
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


class _EntryAttributes(BaseEntryExtension):
    """What feedgen 1.0.0 leaves out of an entry: xml:lang on an entry whose
    words are not the edition's (it sets the feed's only), and the link's
    rel, type and hreflang (its entry writer reads them back from the new
    element, where they are not yet, so it writes the address alone)."""

    def __init__(self) -> None:
        self.language = ""
        self.link: dict[str, str] = {}

    def extend_atom(self, entry: Any) -> Any:
        if self.language:
            entry.set(XML_LANG, self.language)
        # feedgen's elements have no namespace: the root's xmlns attribute gives them Atom's when read.
        for link in entry.iterfind("link"):
            if link.get("href") == self.link.get("href"):
                for name in ("rel", "type", "hreflang"):
                    link.set(name, self.link[name])
        return entry


def _entry(model: SiteModel, meeting: PageRecord, site_url: str) -> FeedEntry:
    """The meeting's entry: its report (its page when it has none), in the
    meeting's words, which are English when it is not translated yet."""
    t = strings(meeting.language)
    reports = [report for report in model.of_kind("report", meeting.id) if not report.is_draft]
    target = reports[0] if reports else meeting
    source = meeting.meta["source"]
    date = t.long_date(meeting.meta["date"])
    if meeting.meta.get("year_inferred"):
        date += f" ({t('date.year_inferred')})"
    entry = FeedEntry()
    entry.register_extension("site", _EntryAttributes, atom=True, rss=False)
    if meeting.language != model.language:
        entry.site.language = meeting.language
    entry.id(entry_id(meeting.id, model.language))
    entry.title(meeting.title)
    link = {"href": site_url + target.url, "rel": "alternate", "type": "text/html", "hreflang": target.language}
    entry.link(**link)
    entry.site.link = link
    entry.summary(t("feed.entry_summary", place=meeting.meta["place"], date=date,
                    description=meeting.meta["description"]))
    # Who wrote the report: the original publication's author, as its citation gives it.
    entry.author(name=source.get("author") or t.named(source["publisher"]))
    entry.published(meeting_time(meeting))
    entry.updated(meeting_time(meeting))
    return entry


def feed_document(model: SiteModel, site_url: str, publisher: str | None = None) -> bytes:
    """The edition's feed: its meetings, the latest first."""
    t = strings(model.language)
    feed = FeedGenerator()
    feed.id(feed_url(site_url))
    feed.title(t("site.name"))
    feed.subtitle(t("site.description"))
    feed.language(model.language)
    feed.link(href=feed_url(site_url), rel="self", type=FEED_TYPE)
    feed.link(href=site_url, rel="alternate", type="text/html", hreflang=model.language)
    feed.rights(t("site.copyright"))
    if publisher:
        feed.author(name=publisher)
    feed.generator("")  # feedgen names itself and its version otherwise
    meetings = [meeting for meeting in model.meetings_latest_first() if not meeting.is_draft]
    for meeting in meetings:
        feed.add_entry(_entry(model, meeting, site_url), order="append")
    # The latest entry's date; a site with no meeting yet has none, and takes
    # SOURCE_DATE_EPOCH (set by publish.build), the date every other output takes.
    latest = max((meeting_time(meeting) for meeting in meetings), default=None)
    feed.updated(latest or datetime.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or 0),
                                                           tz=datetime.UTC))
    document: bytes = feed.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return document


def write_feed(model: SiteModel, site_dir: Path, site_url: str, publisher: str | None = None) -> Path | None:
    """Write the edition's feed.xml into site_dir after checking it; None
    (no feed) when the site has no public address."""
    if not site_url:
        return None
    document = feed_document(model, site_url, publisher)
    target = site_dir / FEED_FILE
    problems = atom_validation.feed_problems(document, site_url)
    if problems:
        raise BuildFailed("\n".join(f"{target}: {problem}" for problem in problems)
                          + "\n(expected a valid Atom 1.0 feed, RFC 4287; this is a fault of the build, not of the pages)")
    target.write_bytes(document)
    return target
