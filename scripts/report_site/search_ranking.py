"""How search finds and ranks pages: the rule, and what the index carries for it.

A reader who types words into the search box gets pages (each with the
sections that matched) in this order, one key after another:

1. Pages that have every typed word come before pages that lack some: the
   fewer words missing, the higher.
2. Then pages that have each word as a whole word before pages that have it
   only as the start of a longer one ("clu" in "Club").
3. Then the report, before anything else; then the page that a query names
   (an organisation, programme, glossary term, message or group whose
   abbreviation, name or tags hold every word: "CLU", "International
   Alert", "do no harm"); then a page whose title holds every word. List
   pages (tags, indexes) are never promoted by their name or title.
4. Then the page's kind: its boost below (messages and groups, then
   programmes, organisations and glossary terms, then the meeting, the home
   page and About, then the source text, then lists).
5. Then pages with the words together in the order typed (a phrase).
6. Then lunr's relevance (Material's score).

So the report and its sections answer first for words and phrases that are
in the report; a list page never outranks a page that has the words.

Who does what: MkDocs' Material search indexes each page's sections with
its `tags` and `search: boost`, filled in here from the page's kind and
front-matter; Material's lunr search finds the matching pages;
overrides/assets/javascripts/report/search-ranking.js orders them by the
keys above (a page's kind reaches it as the boost: the highest boost is the
report's, the lowest the lists'). Words are what mkdocs.yml's search
`separator` makes of the text: brackets, punctuation, quotes, apostrophes
and hyphens end a word, so "CLU", "(CLU)," and "CLU's" are the same word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Kind -> search boost. The order is the rule's key 4 (key 3 for the
# report, the highest); equal boosts rank equal. Material multiplies lunr's
# score by it too, which does not change the order within one kind.
BOOST_BY_KIND: dict[str, float] = {
    "report": 10.0,
    "message": 6.0,
    "group": 6.0,
    "programme": 4.0,
    "organisation": 4.0,
    "term": 4.0,
    "meeting": 3.0,
    "home": 2.0,
    "page": 2.0,
    "source-text": 1.0,
    "index": 0.5,
}


def search_boost(kind: str) -> float:
    return BOOST_BY_KIND.get(kind, BOOST_BY_KIND["page"])


def with_search_boost(meta: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The page's `search` settings with a boost for its kind (an author's own boost wins)."""
    search = dict(meta.get("search") or {})
    search.setdefault("boost", search_boost(kind))
    return search


# Front-matter fields that name what a page is about.
NAMING_FIELDS = ("abbreviation", "name", "expansion")


def search_tags(meta: Mapping[str, Any]) -> list[str]:
    """The page's tags, then its abbreviation, name and expansion, once each:
    the words that name the page (rule key 3). Material's search also weighs
    this field far above the body text."""
    found: list[str] = []
    for value in [*meta.get("tags", []), *(meta.get(name) for name in NAMING_FIELDS)]:
        if isinstance(value, str) and value and value not in found:
            found.append(value)
    return found


def mark_word_languages(index: dict[str, Any], languages: Mapping[str, str]) -> dict[str, Any]:
    """The search index with `lang` on each entry of a page whose words are
    in another language than the edition's (a page not translated yet:
    `languages` maps its URL to "en"), so that search-ranking.js marks its
    results as the page itself is marked. Material's search ignores the key."""
    for doc in index.get("docs", []):
        language = languages.get(str(doc.get("location", "")).split("#")[0])
        if language:
            doc["lang"] = language
        else:
            doc.pop("lang", None)
    return index
