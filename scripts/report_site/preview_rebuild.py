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
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

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
    return sorted(Path(folder, name).relative_to(translations_root).as_posix()  # os.walk: Path.rglob is much slower
                  for folder, _, names in os.walk(translations_root) for name in names if name.endswith(".md"))


@dataclass
class RecordDigests:
    """Each page record's two digests (_page_hash, _shared_part), worked out
    once per record: a page's record is the same object from one preview
    build to the next while its text is unchanged (site_model.PageMemo)."""

    digests: dict[int, tuple[PageRecord, str, str]] = field(default_factory=dict)  # id of the record -> digests

    def of(self, record: PageRecord) -> tuple[str, str]:
        kept = self.digests.get(id(record))
        if kept is None or kept[0] is not record:
            kept = self.digests[id(record)] = (record, _page_hash(record), _shared_part(record))
        return kept[1], kept[2]

    def keep_only(self, model: SiteModel) -> None:
        """Forget the records the model no longer has (an edited page's old one)."""
        self.digests = {key: kept for key, kept in self.digests.items() if model.by_src.get(kept[0].src_path) is kept[0]}


def _shared_part(record: PageRecord) -> str:
    """What every page may show of this one: its address, fields, anchors and language."""
    return _digest([record.src_path, record.meta, _anchor_lines(record.front.body), record.language])


def fingerprint(model: SiteModel, *, settings_text: str, theme_dirs: Iterable[Path],
                translations_root: Path, memo: RecordDigests | None = None,
                also_shared: Any = None) -> SiteFingerprint:
    """The fingerprint of the build about to render `model`. `settings_text`:
    mkdocs.yml as read, with whatever the build set in it (the edition's language, the address).
    `memo`: the digests of the records of an earlier build of the process;
    `also_shared`: whatever else every page may show (report_site.page_reuse: the code, the packages)."""
    memo = memo or RecordDigests()
    digests = {record.src_path: memo.of(record) for record in model.pages}
    memo.keep_only(model)
    pages = {src_path: page for src_path, (page, _) in digests.items()}
    shared = _digest({
        "pages": [digests[src_path][1] for src_path in sorted(digests)],
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


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by an earlier build of the process:
    MkDocs makes a new Jinja environment for every build, which would compile
    every template again. Jinja keeps each by its name and checks it against
    the hash of the template's source, so a template saved since is compiled
    afresh (and replaces its old code here)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
