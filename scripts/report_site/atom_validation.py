"""What RFC 4287 requires of an Atom feed, and what this site adds, checked
on the bytes a build is about to publish (report_site.feeds) and by the
tests. A feed reader meeting a broken feed shows nothing, or shows every
report again as new: the build refuses instead.

Checked: the feed and each entry have one id (an absolute IRI), one title
and one `updated` (an RFC 3339 date-time); an author, on the feed or on
every entry; a link rel="self" (the feed) and rel="alternate" (feed and
entries), absolute and under the edition's address; no two entries with
one id; the feed's language (xml:lang); a summary on each entry; and the
feed dated by its latest entry, not by the clock.
"""

from __future__ import annotations

import datetime
import re

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# RFC 3339's date-time (section 5.6), as Atom's date constructs require (RFC 4287, 3.3).
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")


def _date(text: str | None) -> datetime.datetime | None:
    if text is None or not RFC3339.match(text):
        return None
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # 2014-02-30
        return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    found: list[etree._Element] = element.findall(f"{{{ATOM}}}{name}")
    return found


def _common(element: etree._Element, where: str, site_url: str) -> list[str]:
    """What the feed and an entry both need: id, title, updated, a rel="alternate" link."""
    problems = []
    for name in ("id", "title", "updated"):
        found = _children(element, name)
        if len(found) != 1 or not (found[0].text or "").strip():
            problems.append(f"{where}: {name}: {len(found)} found (expected exactly one, not empty)")
    ids = _children(element, "id")
    if ids and not ABSOLUTE_IRI.match(ids[0].text or ""):
        problems.append(f"{where}: id: {ids[0].text!r} (expected an absolute IRI)")
    for name in ("updated", "published"):
        for found in _children(element, name):
            if _date(found.text) is None:
                problems.append(f"{where}: {name}: {found.text!r} (expected an RFC 3339 date-time)")
    links = _children(element, "link")
    if not any(link.get("rel", "alternate") == "alternate" for link in links):
        problems.append(f"{where}: link: no rel=\"alternate\" (expected the page it stands for)")
    for link in links:
        href = link.get("href") or ""
        if not href.startswith(site_url):
            problems.append(f"{where}: link: {href!r} (expected an absolute address under {site_url})")
    return problems


def feed_problems(document: bytes, site_url: str) -> list[str]:
    """Every problem of the feed, or [] when it is valid."""
    try:
        feed = etree.fromstring(document, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if feed.tag != f"{{{ATOM}}}feed":
        return [f"root element: {feed.tag} (expected {{{ATOM}}}feed)"]
    problems = _common(feed, "feed", site_url)
    if not feed.get(XML_LANG):
        problems.append("feed: xml:lang: missing (expected the edition's language)")
    if not [link for link in _children(feed, "link") if link.get("rel") == "self"]:
        problems.append("feed: link: no rel=\"self\" (expected the feed's own address)")
    entries = _children(feed, "entry")
    has_author = bool(_children(feed, "author"))
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        problems += _common(entry, where, site_url)
        if not has_author and not _children(entry, "author"):
            problems.append(f"{where}: author: missing (expected one on the entry, or on the feed)")
        for author in _children(entry, "author") + _children(feed, "author"):
            if not (author.findtext(f"{{{ATOM}}}name") or "").strip():
                problems.append(f"{where}: author: no name (expected one)")
        if not (entry.findtext(f"{{{ATOM}}}summary") or "").strip():
            problems.append(f"{where}: summary: missing (expected what the report is about)")
        entry_id = entry.findtext(f"{{{ATOM}}}id") or ""
        if entry_id in seen:
            problems.append(f"{where}: id: {entry_id!r} is entry {seen[entry_id]}'s too (expected a unique id)")
        seen.setdefault(entry_id, number)
    entry_dates = [_date(entry.findtext(f"{{{ATOM}}}updated")) for entry in entries]
    feed_date = _date(feed.findtext(f"{{{ATOM}}}updated"))
    known = [date for date in entry_dates if date is not None]
    if known and feed_date is not None and feed_date != max(known):
        problems.append(f"feed: updated: {feed.findtext(f'{{{ATOM}}}updated')} "
                        f"(expected the latest entry's, {max(known).isoformat()})")
    return problems
