"""Navigation that says where it leads, read from every built page: each
label in the side navigation, the breadcrumbs and the previous/next links
opens the page it names, every section opens its own index page, and
About is at the top level."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report_site.site_model import PageRecord, SiteModel


@dataclass
class Link:
    where: str  # "sidebar", "section" (a section's own link), "breadcrumb", "previous/next"
    href: str
    label: str
    depth: int = 0  # in the side navigation: 1 for the top level


@dataclass
class NavReader(HTMLParser):
    """The links of Material's side navigation, breadcrumbs and footer, with
    their labels (the text of their `md-ellipsis` element: "Previous" and
    icons are not), and the sections that have no page of their own."""

    links: list[Link] = field(default_factory=list)
    sections_without_index: list[str] = field(default_factory=list)
    _navs: list[str] = field(default_factory=list)  # classes of the open <nav> elements
    _depth: int = 0
    _open: Link | None = None
    _inside: list[bool] = field(default_factory=list)  # elements open in the link: is it the label?
    _text: list[str] = field(default_factory=list)
    _section_pending: bool = False  # a nested <li>: its own link, or a bare label, comes next
    _in_container: bool = False
    _section_label: list[str] | None = None  # the text of a section's bare label, while inside it
    _section_tag: tuple[str, int] = ("", 0)  # the bare label's element, and how deep inside it

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _in_primary(self) -> bool:
        return any("md-nav--primary" in classes for classes in self._navs) and \
            not any("md-nav--secondary" in classes for classes in self._navs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if self._open is not None:
            if tag not in {"svg", "path", "br", "img"}:
                self._inside.append("md-ellipsis" in classes)
            return
        if self._section_label is not None:
            if tag == self._section_tag[0]:
                self._section_tag = (tag, self._section_tag[1] + 1)
            return
        if tag == "nav":
            self._navs.append(" ".join(classes))
        elif tag == "ul" and "md-nav__list" in classes and self._in_primary():
            self._depth += 1
        elif tag == "li" and "md-nav__item--nested" in classes and self._in_primary():
            self._section_pending = True
        elif tag == "div" and "md-nav__container" in classes and self._section_pending:
            self._section_pending, self._in_container = False, True
        elif tag != "a" and self._section_pending and "md-nav__link" in classes:
            # A section's label that is no link (a <label>, <span> or <button>): it opens no page.
            self._section_pending, self._section_label, self._section_tag = False, [], (tag, 1)
        elif tag == "a" and "href" in values:
            where = None
            if "md-nav__link" in classes and self._in_primary() and not values["href"].startswith("#"):
                where = "section" if self._in_container else "sidebar"
                self._in_container = False
            elif "md-path__link" in classes:
                where = "breadcrumb"
            elif "md-footer__link" in classes:
                where = "previous/next"
            if where:
                self._open, self._inside, self._text = Link(where, values["href"], "", self._depth), [], []

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None:
            if tag == "a":
                self._open.label = " ".join("".join(self._text).split())
                self.links.append(self._open)
                self._open = None
            elif tag not in {"svg", "path", "br", "img"} and self._inside:
                self._inside.pop()
            return
        if self._section_label is not None:
            if tag == self._section_tag[0]:
                self._section_tag = (tag, self._section_tag[1] - 1)
            if self._section_tag[1] == 0:
                self.sections_without_index.append(" ".join("".join(self._section_label).split()))
                self._section_label = None
            return
        if tag == "nav" and self._navs:
            self._navs.pop()
        elif tag == "ul" and self._in_primary() and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open is not None and any(self._inside):
            self._text.append(data)
        if self._section_label is not None:
            self._section_label.append(data)


def read_nav(site: Path, page: PageRecord) -> NavReader:
    reader = NavReader()
    reader.feed((site / page.url / "index.html").read_text(encoding="utf-8"))
    reader.close()
    return reader


def target_of(model: SiteModel, page: PageRecord, href: str) -> PageRecord | None:
    path = posixpath.normpath(posixpath.join("/" + page.url, html.unescape(href).split("#")[0]))
    url = path.strip("/") + "/" if path.strip("/") else ""
    return next((candidate for candidate in model.pages if candidate.url == url), None)


def leads_where_it_says(label: str, target: PageRecord) -> bool:
    return label == target.nav_title


@pytest.fixture(scope="module")
def navs(built_site, built_model) -> dict[str, NavReader]:
    return {page.url: read_nav(built_site, page) for page in built_model.pages}


def test_every_label_leads_to_the_page_it_names(built_model, navs):
    wrong = []
    for page in built_model.pages:
        for link in navs[page.url].links:
            target = target_of(built_model, page, link.href)
            if target is None or not leads_where_it_says(link.label, target):
                wrong.append(f"/{page.url}: {link.where} “{link.label}” opens "
                             f"{'/' + target.url if target else link.href} ({target.nav_title if target else 'no page'})")
    assert not wrong, "\n".join(wrong)


def test_every_part_of_the_navigation_was_read(built_model, navs):
    """The reader above really sees each kind of link (else the test before proves nothing)."""
    report = navs[built_model.by_id["london-2014-report"].url]
    kinds = {link.where for link in report.links}
    assert kinds == {"sidebar", "section", "breadcrumb", "previous/next"}
    assert len([link for link in report.links if link.where == "sidebar"]) > 20


def test_every_section_opens_its_own_index_page(built_model, navs):
    for page in built_model.pages:
        nav = navs[page.url]
        assert not nav.sections_without_index, f"/{page.url}: sections that open no page: {nav.sections_without_index}"
        for link in nav.links:
            if link.where == "section":
                target = target_of(built_model, page, link.href)
                assert target is not None and target.kind in {"index", "meeting"}, link


def test_about_and_the_background_lists_are_at_the_top_level(built_model, navs):
    home = built_model.by_id["home"]
    top = {link.label: target_of(built_model, home, link.href)
           for link in navs[home.url].links if link.where in {"sidebar", "section"} and link.depth == 1}
    assert top["About"] is built_model.by_id["about"]
    for listing in ("organisations", "programmes", "glossary", "tags"):
        index = built_model.by_id[listing]
        assert top[index.nav_title] is index
    assert "Background" not in top


def test_breadcrumbs_follow_the_side_navigation(built_model, navs):
    """A page's breadcrumbs are the sections the side navigation puts it in:
    on a programme's page, Home then Programmes, each opening its own page."""
    programme = built_model.by_id["clu"]
    crumbs = [(link.label, target_of(built_model, programme, link.href))
              for link in navs[programme.url].links if link.where == "breadcrumb"]
    assert crumbs == [("Home", built_model.by_id["home"]), ("Programmes", built_model.by_id["programmes"])]


@pytest.mark.parametrize("bare_label", [
    '<label class="md-nav__link" for="__nav_5"><span class="md-ellipsis">Background</span></label>',
    '<span class="md-nav__link report-nav-heading"><span class="md-ellipsis">Background</span></span>',
    '<button type="button" class="md-nav__link report-nav-toggle"><span class="md-ellipsis">Background</span></button>',
])
def test_the_reader_sees_a_section_that_opens_no_page(bare_label):
    """However the theme draws a section's label, one that is no link is seen."""
    reader = NavReader()
    reader.feed(f'<nav class="md-nav md-nav--primary"><ul class="md-nav__list">'
                f'<li class="md-nav__item md-nav__item--nested">{bare_label}'
                f'<nav class="md-nav"><ul class="md-nav__list"><li class="md-nav__item">'
                f'<a href="tags/" class="md-nav__link"><span class="md-ellipsis">Tags</span></a></li></ul></nav>'
                f'</li></ul></nav>')
    assert reader.sections_without_index == ["Background"]
    assert [(link.where, link.label, link.depth) for link in reader.links] == [("sidebar", "Tags", 2)]
