"""Every link of the built site holds: each internal href and src of every
HTML page resolves to a file of site/, each #anchor exists on its target,
and every link to another site carries rel="noopener noreferrer"."""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

# Attributes whose value is an address the browser follows or fetches.
URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction"}
NOT_FETCHED_SCHEMES = ("mailto:", "tel:", "data:")


class PageLinks(HTMLParser):
    """Ids, links and fetched files of one HTML document, with where each is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (element, attribute, value)
        self.anchors: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attributes[key])
        if tag == "link" and {"canonical", "alternate"} & set((attributes.get("rel") or "").split()):
            return  # an address of the published site, not a file of this build
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.references.append((tag, name, value))
            if name == "srcset" and value:
                for candidate in value.split(","):
                    self.references.append((tag, name, candidate.strip().split()[0]))
        if tag == "a":
            self.anchors.append(attributes)


@functools.cache
def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html"))


def target_file(site: Path, page: Path, address: str) -> Path:
    """The file an internal address of a page refers to (directory URLs end in index.html)."""
    page_dir = posixpath.dirname(page.relative_to(site).as_posix())
    path = unquote(urlsplit(address).path)
    if not path:
        return page
    joined = posixpath.normpath(posixpath.join(page_dir, path)) if not path.startswith("/") else path.lstrip("/")
    target = site / joined
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def is_external(address: str) -> bool:
    return urlsplit(address).scheme in ("http", "https") or address.startswith("//")


def test_the_site_has_pages_and_links(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 30
    assert sum(len(parse(page).references) for page in pages) > 1000


def test_every_internal_address_resolves_to_a_file(built_site):
    broken = []
    for page in html_pages(built_site):
        for element, attribute, value in parse(page).references:
            if is_external(value) or value.startswith(NOT_FETCHED_SCHEMES) or value.startswith("#"):
                continue
            target = target_file(built_site, page, value)
            if not target.is_file():
                shown = target.relative_to(built_site) if target.is_relative_to(built_site) else target
                broken.append(f"{page.relative_to(built_site)}: <{element} {attribute}={value!r}>: no file {shown}")
    assert broken == []


def test_every_anchor_exists_on_its_target(built_site):
    broken = []
    checked = 0
    for page in html_pages(built_site):
        for _element, _attribute, value in parse(page).references:
            if is_external(value) or value.startswith(NOT_FETCHED_SCHEMES) or "#" not in value:
                continue
            fragment = unquote(value.split("#", 1)[1])
            if not fragment:
                continue
            target = target_file(built_site, page, value)
            if not target.is_file() or target.suffix != ".html":
                continue  # a missing file is the other test's failure
            checked += 1
            if fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(built_site)}: {value!r}: no id {fragment!r} on {target.relative_to(built_site)}")
    assert checked > 100
    assert broken == []


def test_external_links_carry_noopener_noreferrer(built_site):
    missing = []
    external = 0
    for page in html_pages(built_site):
        for anchor in parse(page).anchors:
            href = anchor.get("href") or ""
            if not is_external(href):
                continue
            external += 1
            rel = set((anchor.get("rel") or "").split())
            if not {"noopener", "noreferrer"} <= rel:
                missing.append(f"{page.relative_to(built_site)}: {href}")
    assert external > 20
    assert missing == []


def test_the_site_fetches_nothing_from_elsewhere(built_site):
    """No script, style sheet, image or font comes from another server."""
    fetched_elsewhere = []
    for page in html_pages(built_site):
        for element, attribute, value in parse(page).references:
            if element != "a" and is_external(value):
                fetched_elsewhere.append(f"{page.relative_to(built_site)}: <{element} {attribute}={value!r}>")
    assert fetched_elsewhere == []


@pytest.mark.parametrize("address,expected", [
    ("../report/", "meetings/london-2014/report/index.html"),
    ("../report/#context", "meetings/london-2014/report/index.html"),
    ("../../../assets/x.css", "assets/x.css"),
    ("", "meetings/london-2014/groups/index.html"),
])
def test_addresses_resolve_as_a_browser_would(tmp_path, address, expected):
    page = tmp_path / "meetings/london-2014/groups/index.html"
    (tmp_path / "meetings/london-2014/report").mkdir(parents=True)
    page.parent.mkdir(parents=True, exist_ok=True)
    assert target_file(tmp_path, page, address) == tmp_path / expected
