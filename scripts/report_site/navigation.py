"""The site's navigation, from the metadata, in the shape of mkdocs.yml's
`nav:` (a list of {title: path or [children]}), so nothing about the nav is
kept by hand and the engine only turns it into its own objects.

With one meeting, its sections (the meeting, participants, messages) sit in
the nav beside the background pages. With several (a collection), the
site-wide nav holds only the meetings index and the background, and each
meeting's pages get a nav of their own (`meeting_navigation`): a page's
navigation then grows with its own meeting, not with the whole collection,
which keeps the build linear in the number of pages.

Every label says where it leads. The theme opens a section at its first
index page (navigation.indexes) and the breadcrumbs at its first page
(navigation.path), so each section's first item is the index page of the
same name, and the background sections (organisations, programmes, the
glossary), the tags and About stand at the top level rather than inside a
"Background" section that has no page of its own to lead to.
"""

from __future__ import annotations

import posixpath
from typing import Any

from .listings import MEETING_LISTINGS, SITE_LISTINGS
from .site_model import PageRecord, SiteModel
from .strings import page_label, strings

# One nav item: {title: src_path} or {title: [items]}, or a bare src_path.
NavItem = Any


def is_collection(model: SiteModel) -> bool:
    """More than one meeting: each meeting then gets a navigation of its own."""
    return model.count("meeting") > 1


def site_navigation(model: SiteModel) -> list[NavItem]:
    """The site-wide nav, as mkdocs.yml's `nav:` would write it."""
    nav: list[NavItem] = [{home.nav_title: home.src_path} for home in model.of_kind("home")]
    meetings = model.of_kind("meeting")
    if len(meetings) == 1:
        nav.extend(_meeting_sections(model, meetings[0]))
    elif meetings:
        nav.append({strings(model.language)("listing.meetings"): "meetings/index.md"})
    nav.extend(_background(model))
    return nav


def meeting_navigation(model: SiteModel, meeting: PageRecord) -> list[NavItem]:
    """The section one meeting adds to the nav on its own pages (collections
    only): named after the meeting, its pages, then its groups and messages,
    so that breadcrumbs read "EPNK exchange, 2011 › Participant groups"."""
    own_pages, *lists = _meeting_sections(model, meeting)
    return [{meeting.nav_title: own_pages[meeting.nav_title] + lists}]


def in_site_nav(model: SiteModel, page: PageRecord) -> bool:
    """Whether the site-wide nav lists the page (else it is reached from its index)."""
    if not is_collection(model):
        return True
    return model.meeting_of(page) is None and page.kind not in {kind for kind, _, _ in SITE_LISTINGS}


def _background(model: SiteModel) -> list[NavItem]:
    """The background pages, each section labelled with its index page's own
    name. In a collection only their index pages: every page of every
    meeting renders this part of the nav, so it stays short."""
    collection = is_collection(model)
    background: list[NavItem] = []
    for kind, name, _ in SITE_LISTINGS:
        pages = model.of_kind(kind)
        index = model.by_src.get(f"{name}/index.md")
        if not pages or index is None:
            continue
        if collection:
            background.append({index.nav_title: index.src_path})
        else:
            background.append({index.nav_title: [index.src_path] + [{p.nav_title: p.src_path} for p in pages]})
    tags = model.by_src.get("tags/index.md")
    if model.tags() and tags is not None:
        background.append({tags.nav_title: tags.src_path})
    background.extend({p.nav_title: p.src_path} for p in model.of_kind("page") if not p.meta.get("meeting"))
    return background


def _meeting_sections(model: SiteModel, meeting: PageRecord) -> list[NavItem]:
    """The meeting's own pages, in a section named after the meeting (never a
    bare "The meeting"), then a section for each list it has: a meeting
    without messages has no "Key messages" entry leading nowhere."""
    folder = posixpath.dirname(meeting.src_path)
    meeting_pages: list[NavItem] = [meeting.src_path]
    for kind in ("report", "source-text", "page"):
        meeting_pages.extend({page_label(model.language, p.kind, p.nav_title): p.src_path} for p in model.of_kind(kind, meeting.id))
    sections: list[NavItem] = [{meeting.nav_title: meeting_pages}]
    for kind, name, key in MEETING_LISTINGS:
        pages = model.of_kind(kind, meeting.id)
        title = strings(model.language)(key)
        if pages:
            sections.append({title: [posixpath.join(folder, name, "index.md")] + [{p.nav_title: p.src_path} for p in pages]})
    return sections
