"""The site's editions: English, the reference, at the site's root, and one
edition per other language under /<code>/ (declared in editions.yaml).

An edition is one MkDocs build of the same pages (docs/), in which each page
that has a translation in translations/<code>/ is shown translated and every
other page in English, inside that edition's navigation and interface
(report_site.translations makes the edition's model). So every page exists in
every edition, at the same relative address: /ru/ + the English page's.

Engine-free: publish.py runs the builds, mkdocs_plugin reads which edition
a build is from mkdocs.yml's `extra: edition:`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

EDITIONS_FILE = Path(__file__).with_name("editions.yaml")
TRANSLATIONS_FOLDER = "translations"  # beside docs/: translations/<code>/<the English page's path>


@dataclass(frozen=True)
class LanguageEdition:
    code: str  # BCP 47: en, ru, hy, az
    name: str  # the language named in itself
    locale: str  # CLDR, for Babel and og:locale
    search_lang: tuple[str, ...]
    search_pipeline: tuple[str, ...] | None
    script: str  # ISO 15924
    reference: bool

    @property
    def prefix(self) -> str:
        """Where the edition is published, relative to the site's root: '' or 'ru/'."""
        return "" if self.reference else f"{self.code}/"


@cache
def _declared() -> tuple[str, dict[str, LanguageEdition]]:
    with EDITIONS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    reference = data["reference"]
    editions = {
        code: LanguageEdition(code, entry["name"], entry["locale"], tuple(entry["search"]["lang"]),
                      tuple(entry["search"]["pipeline"]) if entry["search"].get("pipeline") is not None else None,
                      entry["script"], code == reference)
        for code, entry in data["editions"].items()
    }
    return reference, editions


def all_editions() -> list[LanguageEdition]:
    """Every declared edition, the reference first."""
    reference, editions = _declared()
    return [editions[reference]] + [edition for code, edition in editions.items() if code != reference]


def reference() -> LanguageEdition:
    reference_code, editions = _declared()
    return editions[reference_code]


def codes() -> list[str]:
    return [edition.code for edition in all_editions()]


def edition(code: str) -> LanguageEdition:
    """The declared edition; KeyError names the ones there are."""
    _, editions = _declared()
    if code not in editions:
        raise KeyError(f"no edition {code!r} (expected one of: {', '.join(editions)}; see {EDITIONS_FILE.name})")
    return editions[code]


def translations_dir(docs_dir: Path) -> Path:
    """Translations live beside docs/ (not in it: MkDocs would publish them as English pages)."""
    return docs_dir.resolve().parent / TRANSLATIONS_FOLDER


def built_editions(docs_dir: Path) -> list[LanguageEdition]:
    """The editions a build of docs_dir makes: the reference, and each declared
    language whose translations folder exists (an empty one gives an edition
    of English pages in that language's interface)."""
    folder = translations_dir(docs_dir)
    return [e for e in all_editions() if e.reference or (folder / e.code).is_dir()]


def root_of(current: LanguageEdition, other: LanguageEdition) -> str:
    """The other edition's root relative to the current edition's root: 'ru/',
    '../', '../hy/' or ''."""
    if current.code == other.code:
        return ""
    up = "" if current.reference else "../"
    return up + other.prefix
