"""How search ranks pages: what the meeting produced (its advocacy messages
and the groups that took part) comes before pages that only mention a word
in passing. Material's search multiplies a page's score by its `search:
boost:` front-matter value; this fills it in from the page's kind, unless
the author set one.
"""

from __future__ import annotations

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


def with_search_boost(meta: dict[str, Any], kind: str) -> dict[str, Any]:
    """The page's `search` settings with a boost for its kind (an author's own boost wins)."""
    search = dict(meta.get("search") or {})
    search.setdefault("boost", search_boost(kind))
    return search
