"""Rendered pages kept between builds, so that a build renders again only
the pages an edit can have changed (`scripts/build.py`, with its cache).

`mkdocs serve --dirty` already decides which pages a save can change
(preview_rebuild): it compares the fingerprint of the previous build with
this one's, and keeps the HTML of the others in its site folder. A build
starts from an empty scratch folder in a new process, so here the same
decision is made against what the previous build left in the cache: its
fingerprint, its search index (of every page) and each page's HTML as the
engine wrote it, before any post-build step rewrote it. The pages the
fingerprint says are unchanged are copied into the scratch folder and not
rendered; the others are rendered and their HTML kept for the next build.

One folder per edition and kind of build (the online site's pages and the
offline edition's, whose links name their files). Unlike serve, whose
process keeps the code it started with, a build may run other code or
other packages than the last: the fingerprint's shared part here also
covers our code, the theme's files by content, every installed package's
version and SOURCE_DATE_EPOCH. A change to any of them renders every page.

The fingerprint is written last and removed first: a build stopped while
it saved leaves a folder without one, which the next build ignores (and
renders every page). A page missing from the folder does the same.
Engine-free: the plugin (report_site.mkdocs_plugin) hands the engine the
answer.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .preview_rebuild import SiteFingerprint

FORMAT = "1"  # bumped when what is kept, or how, changes
CODE_DIR = Path(__file__).resolve().parent
FINGERPRINT_FILE = "fingerprint.json"
SEARCH_INDEX_FILE = "search_index.json"
PAGES_DIR = "pages"


def folder_name(language: str, *, directory_urls: bool, offline_edition: bool) -> str:
    """The cache's subfolder for one edition's pages of one kind of build."""
    return f"{language}-{'offline' if offline_edition else 'online'}-{'dirs' if directory_urls else 'files'}"


def build_inputs() -> dict[str, Any]:
    """What a build may render with beyond the pages, the settings and the
    theme: our code, the installed packages and the build's date."""
    code = hashlib.sha256()
    for path in sorted(CODE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            code.update(path.relative_to(CODE_DIR).as_posix().encode("utf-8") + b"\0")
            code.update(hashlib.sha256(path.read_bytes()).digest())
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    return {"format": FORMAT, "code": code.hexdigest(), "packages": packages,
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "")}


def theme_contents(theme_dirs: Iterable[Path]) -> list[tuple[str, str]]:
    """Each file of our theme folder by its content (serve compares times: a
    build in another checkout has other times for the same files)."""
    return [(path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
            for folder in theme_dirs for path in sorted(folder.rglob("*")) if path.is_file()]


@dataclass(frozen=True)
class KeptBuild:
    """What the previous build of this edition and kind left."""

    fingerprint: SiteFingerprint
    search_index: dict[str, Any]


class PageStore:
    """The rendered pages of one edition and kind of build, kept in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self) -> KeptBuild | None:
        """The previous build's fingerprint and search index, if it saved them whole."""
        try:
            data = json.loads((self.folder / FINGERPRINT_FILE).read_text(encoding="utf-8"))
            index = json.loads((self.folder / SEARCH_INDEX_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict) \
                or not isinstance(data.get("shared"), str) or not isinstance(index, dict):
            return None
        return KeptBuild(SiteFingerprint(dict(data["pages"]), data["shared"]), index)

    def restore(self, site_dir: Path, pages: Iterable[str]) -> bool:
        """Copy the kept HTML of `pages` (their paths in the site) into
        site_dir; False, having copied what it could, if one is missing."""
        for page in pages:
            kept = self.folder / PAGES_DIR / page
            target = site_dir / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(kept, target)
            except OSError:
                return False
        return True

    def save(self, site_dir: Path, fingerprint: SiteFingerprint, search_index: dict[str, Any],
             rendered: Iterable[str], every_page: bool) -> None:
        """Keep this build's pages that it rendered (their paths in site_dir)
        with its fingerprint and search index; `every_page`: the build
        rendered every page, and pages kept before that are not its own go."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / FINGERPRINT_FILE).unlink(missing_ok=True)  # invalid until saved whole
        pages_dir = self.folder / PAGES_DIR
        if every_page and pages_dir.exists():
            shutil.rmtree(pages_dir)
        for page in rendered:
            target = pages_dir / page
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site_dir / page, target)
        _write(self.folder / SEARCH_INDEX_FILE, json.dumps(search_index, separators=(",", ":")))
        _write(self.folder / FINGERPRINT_FILE, json.dumps(
            {"format": FORMAT, "pages": fingerprint.pages, "shared": fingerprint.shared}, sort_keys=True))


def _write(target: Path, text: str) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
