"""What `mkdocs serve --dirty` renders again after a save: the pages whose
HTML the save can have changed, and no others.

A page's HTML is made from its own text, from what every page shows of the
site (the navigation, the titles and front-matter of other pages, the
abbreviations, the theme's templates, mkdocs.yml) and, within a meeting,
from the other pages' words (a group page quotes its section of the
report; a meeting page and the whole report show their pages' text). So:

- when what every page shows changed (any page's front-matter or headings,
  a page added, removed or renamed, a translation added or removed, a
  template or mkdocs.yml), every page is rendered, as by a full build;
- otherwise only the pages whose text changed, every page of their
  meetings and the home page (which features a meeting) are rendered;
  the others keep the HTML of the previous build, which is still theirs.

Generated pages (listings, the whole report) are pages like any other
here: their text is made afresh by every build, and they are rendered
again only when it changed. Engine-free: the plugin hands MkDocs the
answer (report_site.mkdocs_plugin).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .site_model import PageRecord, SiteModel


@dataclass(frozen=True)
class SiteFingerprint:
    """One build's inputs, reduced to hashes: enough to tell which pages a
    later build must render again."""

    pages: dict[str, str]  # src_path -> hash of the page's front-matter and body
    shared: str  # hash of what every page may show of the others, and of the templates and settings


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _page_hash(record: PageRecord) -> str:
    # A translated page also shows how it stands against the English (a stale one says so).
    return _digest([record.meta, record.front.body, record.translation])


def _anchor_lines(body: str) -> list[str]:
    """The lines that may give the page an anchor (a heading, an attribute
    list, an HTML id): more than markdown_scan.anchors finds, and much quicker."""
    return [line for line in body.splitlines() if line.startswith("#") or "{" in line or "id=" in line]


def _theme_state(theme_dirs: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Each template and asset of our theme folder, by its size and modification time
    (the watcher reports a save by the same: reading them all would cost more)."""
    state = []
    for folder in theme_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                state.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return state


def _translated_pages(translations_root: Path) -> list[str]:
    """Which translations exist (each English page links the languages it is translated into)."""
    if not translations_root.is_dir():
        return []
    return sorted(path.relative_to(translations_root).as_posix() for path in translations_root.rglob("*.md"))


def fingerprint(model: SiteModel, *, settings_text: str, theme_dirs: Iterable[Path],
                translations_root: Path, also_shared: Any = None) -> SiteFingerprint:
    """The fingerprint of the build about to render `model`. `settings_text`:
    mkdocs.yml as read, with whatever the build set in it (the edition's language, the address);
    `also_shared`: whatever else every page may show (report_site.page_reuse: the code, the packages)."""
    pages = {record.src_path: _page_hash(record) for record in model.pages}
    shared = _digest({
        "pages": [[record.src_path, record.meta, _anchor_lines(record.front.body), record.language]
                  for record in sorted(model.pages, key=lambda record: record.src_path)],
        "settings": settings_text,
        "theme": _theme_state(theme_dirs),
        "translations": _translated_pages(translations_root),
        "also": also_shared,
    })
    return SiteFingerprint(pages, shared)


def pages_to_render(model: SiteModel, previous: SiteFingerprint | None, current: SiteFingerprint) -> set[str] | None:
    """The src_paths of the pages to render again, or None for every page
    (the first build, or a change that every page may show)."""
    if previous is None or previous.shared != current.shared or previous.pages.keys() != current.pages.keys():
        return None
    changed = {path for path, digest in current.pages.items() if previous.pages[path] != digest}
    if not changed:
        return set()
    meetings = {model.meeting_of(model.by_src[path]) for path in changed} - {None}
    return changed | {record.src_path for record in model.pages
                      if record.kind == "home" or model.meeting_of(record) in meetings}


def merged_search_index(previous: dict[str, Any], rendered: dict[str, Any], rendered_urls: set[str]) -> dict[str, Any]:
    """The search index of the whole site from the previous build's and this
    build's, which indexed only the pages it rendered (`rendered_urls`):
    their entries replace their old ones, in the same place, so the index is
    the one a full build writes."""
    fresh: dict[str, list[dict[str, Any]]] = {}
    for entry in rendered["docs"]:
        fresh.setdefault(_page_of(entry), []).append(entry)
    docs: list[dict[str, Any]] = []
    for entry in previous["docs"]:
        url = _page_of(entry)
        if url not in rendered_urls:
            docs.append(entry)
        elif url in fresh:
            docs.extend(fresh.pop(url))
    for entries in fresh.values():  # a page the previous index did not have (none while the pages are the same)
        docs.extend(entries)
    return {**rendered, "docs": docs}


def _page_of(entry: dict[str, Any]) -> str:
    location: str = entry["location"]
    return location.split("#", 1)[0]
