"""How search finds and ranks pages.

Ranking: what the meeting produced (its advocacy messages and the groups
that took part) comes before pages that only mention a word in passing.
Material's search multiplies a page's score by its `search: boost:` value;
this fills it in from the page's kind, unless the author set one.

Finding: a reader types an abbreviation ("CLU") or the name it stands for
("European Partnership"). Every page mentions the abbreviations, so the
page that *is* the programme must win: its abbreviation, name and expansion
go into the search index's `tags` field with its own tags, which Material's
search weighs far above the body text. (Without the tags plugin, Material
uses page tags for nothing else.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Kind -> boost. 1 is Material's default; index pages list everything and
# would otherwise win every query with the words of all the pages they list.
BOOST_BY_KIND: dict[str, float] = {
    "message": 3.0,
    "group": 2.5,
    "programme": 2.0,
    "organisation": 2.0,
    "term": 2.0,
    "report": 1.5,
    "meeting": 1.2,
    "home": 0.6,
    "source-text": 0.5,
    "index": 0.3,
}


def search_boost(kind: str) -> float:
    return BOOST_BY_KIND.get(kind, 1.0)


def with_search_boost(meta: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The page's `search` settings with a boost for its kind (an author's own boost wins)."""
    search = dict(meta.get("search") or {})
    search.setdefault("boost", search_boost(kind))
    return search


# Front-matter fields that name what a page is about.
NAMING_FIELDS = ("abbreviation", "name", "expansion")


def search_tags(meta: Mapping[str, Any]) -> list[str]:
    """The page's tags, then its abbreviation, name and expansion, once each."""
    found: list[str] = []
    for value in [*meta.get("tags", []), *(meta.get(name) for name in NAMING_FIELDS)]:
        if isinstance(value, str) and value and value not in found:
            found.append(value)
    return found
