"""The site's navigation, from the metadata, in the shape of mkdocs.yml's
`nav:` (a list of {title: path or [children]}), so nothing about the nav is
kept by hand and the engine only turns it into its own objects.

With one meeting, its sections (the meeting, participants, messages) sit in
the nav beside the background pages. With several (a collection), the
site-wide nav holds only the meetings index and the background, and each
meeting's pages get a nav of their own (`meeting_navigation`): a page's
navigation then grows with its own meeting, not with the whole collection,
which keeps the build linear in the number of pages.
"""

from __future__ import annotations

import posixpath
from typing import Any

from .listings import MEETING_LISTINGS, SITE_LISTINGS
from .site_model import PageRecord, SiteModel

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
        nav.append({"Meetings": "meetings/index.md"})
    background = _background(model)
    if background:
        nav.append({"Background": background})
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
    """The background pages. In a collection only their index pages: every
    page of every meeting renders this part of the nav, so it stays short."""
    collection = is_collection(model)
    background: list[NavItem] = []
    for kind, name, title in SITE_LISTINGS:
        pages = model.of_kind(kind)
        if pages and collection:
            # A section of its index page alone: as a bare item, the theme
            # (navigation.indexes) would take any index page for the index of
            # "Background" itself and leave it out of the list.
            background.append({title: [f"{name}/index.md"]})
        elif pages:
            background.append({title: [f"{name}/index.md"] + [{p.nav_title: p.src_path} for p in pages]})
    if model.tags():
        background.append({"Tags": ["tags/index.md"]})
    background.extend({p.nav_title: p.src_path} for p in model.of_kind("page") if not p.meta.get("meeting"))
    return background


def _meeting_sections(model: SiteModel, meeting: PageRecord) -> list[NavItem]:
    """The meeting's own pages, in a section named after the meeting (never a
    bare "The meeting"), then a section for each list it has: a meeting
    without messages has no "Key messages" entry leading nowhere."""
    folder = posixpath.dirname(meeting.src_path)
    meeting_pages: list[NavItem] = [meeting.src_path]
    for kind in ("report", "source-text", "page"):
        meeting_pages.extend({p.nav_title: p.src_path} for p in model.of_kind(kind, meeting.id))
    sections: list[NavItem] = [{meeting.nav_title: meeting_pages}]
    for kind, name, title in MEETING_LISTINGS:
        pages = model.of_kind(kind, meeting.id)
        if pages:
            sections.append({title: [posixpath.join(folder, name, "index.md")] + [{p.nav_title: p.src_path} for p in pages]})
    return sections
