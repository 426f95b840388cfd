"""The compiled terminology guide: every refused term of every language, and
finding them in a text.

terminology_data.py builds it from terminology.yaml; terminology.py runs it
over each page. Every text is searched for the terms of all four languages
(a Russian name quoted on an English page is still that name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .inflection import fold, normalise_hyphens

LANGUAGES = ("en", "ru", "hy", "az")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "hy": "Armenian", "az": "Azerbaijani"}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(eq=False)
class Term:
    """One refused term of one language, compiled."""

    citation: str  # as the data writes it: messages and allow_terms name it so
    language: str
    entry: Entry
    pattern: re.Pattern[str]  # finds candidates: each word by its beginning, in a group
    body: str  # the pattern without its boundaries and groups, to build "A/B" from
    forms: list[frozenset[str]]  # each word's forms, as `fold` writes them
    case_sensitive: bool
    anchors: tuple[str, ...]  # one of these is in any text the term matches: a cheap test first
    line: int
    also_quoted: bool = False  # termbase: refused inside quotation marks too (a gloss of this edition's own)

    def matches(self, haystack: str) -> Iterator[re.Match[str]]:
        """Where the term stands: candidates whose every word is one of its forms."""
        position = 0
        while (match := self.pattern.search(haystack, position)) is not None:
            if all(_as_form(match.group(i + 1)) in forms for i, forms in enumerate(self.forms)):
                yield match
                position = match.end()
            else:
                position = match.start() + 1


@dataclass(eq=False)
class Usage:
    """What one entry says for one language."""

    use: str
    terms: list[Term] = field(default_factory=list)
    source: str | None = None  # termbase: where the organisation publishes this name in the language
    exceptions: list[str] = field(default_factory=list)  # folded phrases, not this edition's voice
    together: re.Pattern[str] | None = None  # both names of a place, side by side


@dataclass(eq=False)
class Entry:
    id: str
    category: str
    why: str
    sources: list[Source]
    both_names: bool
    usages: dict[str, Usage] = field(default_factory=dict)
    # The report's own word (frontline): allowed on a page that allows it, and
    # then only inside quotation marks that present the report's words.
    only_in_quotations: bool = False


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    term: Term


# A link's target, a reference definition, a web address, an attribute list
# ({#anchor}) or an HTML link: none of them is read as the page's words.
_NOT_PROSE = re.compile(
    r"(?<=\])\([^)\n]*\)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+"
    r"|<?\b(?:https?|ftp)://[^\s<>()\]]+>?"
    r"|\{:?[ \t]*[#.][^{}\n]*\}"
    r"|\b(?:href|src)\s*=\s*(?:\"[^\"]*\"|'[^']*')",
    re.MULTILINE | re.IGNORECASE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _as_form(word: str) -> str:
    """A word as found, written as its forms are: a hyphen for a space or hyphen."""
    return re.sub(r"\s*-\s*|\s+", "-", word)


@dataclass
class Guide:
    """The compiled data: every refused term of every language."""

    entries: list[Entry]
    display: str  # the data file, as messages name it
    # The termbase: for each recurring term, organisation and programme, the
    # one word each language uses (Usage.use) and the words it does not
    # (Usage.terms): a concept has one word in an edition.
    termbase: list[Entry] = field(default_factory=list)
    _anchors: tuple[str, ...] = field(init=False, repr=False)
    _capital_anchors: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # A few substring tests tell whether a text can hold any term at
        # all; most texts (a title, a date, a paragraph) hold none.
        anchors = [anchor for term in self.terms() if not term.case_sensitive for anchor in term.anchors]
        capitals = [anchor for term in self.terms() if term.case_sensitive for anchor in term.anchors]
        everything = any(not term.anchors for term in self.terms())
        self._anchors = tuple(sorted(set(anchors))) if not everything else ("",)
        self._capital_anchors = tuple(sorted(set(capitals)))

    def english_name(self, text: str, language: str) -> str:
        """The edition's word for an English name or term the termbase lists
        (a source's publisher, its genre, a tag), or the text as it is; a
        name followed by its abbreviation in brackets keeps the abbreviation."""
        named = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", text.strip())
        if named and (rendered := self._rendering(named.group(1), language)) is not None:
            return f"{rendered} ({named.group(2)})"
        rendered = self._rendering(text, language)
        if rendered is None:
            return text
        return rendered[:1].upper() + rendered[1:] if text[:1].isupper() else rendered

    def _rendering(self, text: str, language: str) -> str | None:
        """A `use` may list names with " / " (Conciliation Resources / CR):
        each English name gives the name in the same place."""
        for entry in self.termbase:
            english = entry.usages.get("en")
            if not english or language not in entry.usages:
                continue
            names, renderings = english.use.split(" / "), entry.usages[language].use.split(" / ")
            for index, name in enumerate(names):
                if fold(text.strip(), "en") == fold(name, "en"):
                    return renderings[index] if len(renderings) == len(names) else text
        return None

    def terms(self) -> Iterator[Term]:
        for entry in self.entries:
            for usage in entry.usages.values():
                yield from usage.terms

    def _may_hold(self, text: str) -> bool:
        """Whether the text holds the beginning of any term: a substring test
        per term, much faster than one regex of them all."""
        if any(anchor in text for anchor in self._capital_anchors):
            return True
        generic = fold(text, "en")
        folded = [generic] + ([fold(text, "ru")] if "ё" in generic else []) + \
            ([fold(text, "az")] if "I" in text else [])  # Russian reads ё as е, Azerbaijani I as ı
        return any(anchor in version for version in folded for anchor in self._anchors)

    def find(self, text: str, languages: Iterable[str] = LANGUAGES, prefer: str = "en",
             entries: list[Entry] | None = None) -> list[Found]:
        """Every refused term in the text, the longest where two overlap (and
        the `prefer` language's where two languages spell a term alike);
        `entries` (the termbase's) instead of the refused terms."""
        if entries is None and not self._may_hold(text):
            return []
        masked = _NOT_PROSE.sub(_blank, text)
        plain = normalise_hyphens(masked)
        generic = fold(masked, "en")
        folded = {"en": generic, "hy": generic, "ru": fold(masked, "ru") if "ё" in generic else generic,
                  "az": fold(masked, "az") if "I" in masked else generic}
        found: list[Found] = []
        for entry in self.entries if entries is None else entries:
            hits: list[Found] = []
            for language in languages:
                for term in entry.usages[language].terms if language in entry.usages else ():
                    haystack = plain if term.case_sensitive else folded[language]
                    if term.anchors and not any(anchor in haystack for anchor in term.anchors):
                        continue
                    hits += [Found(m.start(), m.end(), text[m.start():m.end()], term) for m in term.matches(haystack)]
            if hits:
                # What one language spares (both names together, an organisation's
                # name) is spared in all: "Stepanakert" is spelt alike in two.
                spared = [span for language in languages if language in entry.usages
                          for span in _spared(entry.usages[language], folded[language])]
                found += [hit for hit in hits if not any(s <= hit.start and hit.end <= e for s, e in spared)]
        found.sort(key=lambda f: (f.start, f.start - f.end, f.term.language != prefer))
        kept: list[Found] = []
        for hit in found:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return kept

    def citation(self, text: str) -> Term | None:
        """The term an allowance names, written as the data writes it."""
        for term in self.terms():
            if fold(text.strip(), term.language) == fold(term.citation, term.language):
                return term
        return None

    def describe(self, found: Found, language: str) -> str:
        """What is wrong and what to write instead, for a page in `language`."""
        term, entry = found.term, found.term.entry
        shown = re.sub(r"\s+", " ", found.text)
        form = "" if fold(shown, term.language) == fold(term.citation, term.language) else f' (a form of "{term.citation}")'
        also = "" if term.language == language else \
            f'; in {LANGUAGE_NAMES[term.language]}, "{entry.usages[term.language].use}"'
        guidance = "; ".join(f"{source.title}, {source.url}" for source in entry.sources)
        return (f'"{shown}"{form} is {entry.category} (expected "{entry.usages[language].use}" in this edition\'s '
                f"own voice{also}; to quote it, allow it in allow_terms with the reason; guidance: {guidance})")


def _spared(usage: Usage, folded: str) -> list[tuple[int, int]]:
    """Where the usage's terms stand but are not refused: within an
    organisation's name it lists, or beside the place's other name."""
    spans = []
    for phrase in usage.exceptions:
        start = folded.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = folded.find(phrase, start + 1)
    if usage.together is not None:
        spans += [m.span() for m in usage.together.finditer(folded)]
    return spans
