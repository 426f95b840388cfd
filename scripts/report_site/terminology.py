"""Conflict-sensitive terms: the "do no harm" check for words.

In the Nagorno-Karabakh conflict a name takes sides. A reader from one side
who meets the other side's name for the region, or a title that treats a
contested entity as a recognised state, in this edition's own voice stops
reading, and the edition loses the dialogue the report is about.
terminology.yaml lists, for each language the site is or will be published
in (English, Russian, Armenian, Azerbaijani), the terms this edition does
not use, what it says instead, and who advises so. This check finds them,
in any of their forms, in every published page's text and front-matter,
and refuses the page unless it allows a quotation explicitly
(`allow_terms`, with a reason), as `allow_contacts` does for contacts.

The page's language only picks the neutral term the messages suggest. Like
safety.py it works on the source text, before MkDocs renders anything.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from . import schema
from .front_matter import FrontMatter, _field_name
from .inflection import fold
from .problems import Problem
from .terminology_data import load_guide
from .terminology_guide import LANGUAGES, Found, Guide

Path_ = tuple[str | int, ...]


# Quotation marks of the four languages: «...», “...”, „...“ and "...".
QUOTATIONS = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"\n]*\"")
# Kinds whose body is the report's own words: a word of the report stands
# there without quotation marks.
REPORT_KINDS = {"report", "source-text"}


def inside_quotations(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands within one pair of quotation marks."""
    return any(m.start() < start and end < m.end() for m in QUOTATIONS.finditer(text))


# Fields that hold names of things rather than the page's words.
_NOT_PROSE_FIELDS = {"kind", "id", "template", "url", "website", "hide", "search", "allow_contacts", "allow_terms"}


@cache
def _identifier_fields(kind: str) -> frozenset[tuple[str, ...]]:
    """Fields of a kind whose values are ids of pages or anchors, not words."""
    if kind not in schema.kinds():
        return frozenset()
    return frozenset({path for path, _ in schema.reference_fields(kind)} | set(schema.anchor_fields(kind)))


def prose_fields(front: FrontMatter) -> Iterator[tuple[Path_, str]]:
    """Every text value of the front-matter a reader sees as words."""
    kind = front.data.get("kind")
    identifiers = _identifier_fields(kind if isinstance(kind, str) else "")

    def walk(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _NOT_PROSE_FIELDS:
                    yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, path + (index,))
        elif isinstance(value, str) and tuple("*" if isinstance(p, int) else p for p in path) not in identifiers:
            yield path, value

    yield from walk(front.data, ())


def check_page(front: FrontMatter, display: str, guide: Guide, language: str = "en",
               kind: str | None = None) -> list[Problem]:
    """Every refused term the page uses in its own voice, and every fault of
    its allow_terms. `language` is the page's: it picks the neutral term
    that the messages suggest. `kind` is the page's (a translation's is its
    English page's): on the report and its source text the report's own
    words stand without quotation marks."""
    if kind is None:
        kind = front.data.get("kind") if isinstance(front.data.get("kind"), str) else ""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    problems: list[Problem] = []
    allowed: dict[int, int] = {}  # id(term) -> index of its allowance
    raw = front.data.get("allow_terms")
    allowances = raw if isinstance(raw, list) else []
    for index, allowance in enumerate(allowances):
        if not isinstance(allowance, dict) or not isinstance(allowance.get("term"), str):
            continue  # the schema reports it
        line, column = front.position(("allow_terms", index, "term"))
        name = f"allow_terms[{index}].term"
        written = allowance["term"]
        term = guide.citation(written)
        if term is None:
            problems.append(Problem(display, line, column, name, _unknown_allowance(guide, written)))
        elif id(term) in allowed:
            problems.append(Problem(display, line, column, name, f'"{written}" is allowed twice '
                                                                 "(expected each term once, with its reason)"))
        else:
            allowed[id(term)] = index
        if isinstance(allowance.get("reason"), str) and not allowance["reason"].strip():
            line, column = front.position(("allow_terms", index, "reason"))
            problems.append(Problem(display, line, column, f"allow_terms[{index}].reason",
                                    "the reason is empty (expected why the page quotes this term)"))
    used: set[int] = set()

    def report(hits: list[Found], where: Callable[[Found], tuple[int, int, str]], text: str, report_words: bool) -> None:
        for hit in hits:
            entry = hit.term.entry
            if id(hit.term) in allowed and (not entry.only_in_quotations or report_words or
                                            inside_quotations(text, hit.start, hit.end)):
                used.add(id(hit.term))
                continue
            line, column, name = where(hit)
            if id(hit.term) in allowed:
                message = (f'"{hit.text}" is the report\'s word, allowed on this page only inside quotation marks that '
                           f'present the report\'s words (expected "{entry.usages[language].use}" in this edition\'s '
                           "own voice)")
            else:
                message = guide.describe(hit, language)
            problems.append(Problem(display, line, column, name, message))

    prose = list(prose_fields(front))
    for path, value in prose:
        line, column = front.position(path)  # the field's; the value may be folded over several lines
        # report() calls the lambda before the loop moves on, so the loop variables are current.
        report(guide.find(value, prefer=language), lambda hit: (line, column, _field_name(path)), value, False)  # noqa: B023
    body = front.body
    report(guide.find(body, prefer=language), lambda hit: (*_line_column(front, hit.start), "body"), body,
           kind in REPORT_KINDS)
    words = " ".join([body] + [value for _, value in prose])
    for term in (term for term in guide.terms() if id(term) in used and term.entry.only_in_quotations):
        # The note is in the quoted word's language: "линия фронта" with "линия соприкосновения".
        neutral = term.entry.usages[term.language].use
        if kind != "source-text" and fold(neutral, term.language) not in fold(words, term.language):
            index = allowed[id(term)]
            line, column = front.position(("allow_terms", index, "term"))
            problems.append(Problem(display, line, column, f"allow_terms[{index}].term",
                                    f'the page quotes "{term.citation}" but never names "{neutral}" (expected a visible '
                                    "editorial note saying that the word is the report's and that this edition says "
                                    f'"{neutral}" in its own voice)'))
    for term_id, index in allowed.items():
        if term_id not in used:
            line, column = front.position(("allow_terms", index, "term"))
            problems.append(Problem(display, line, column, f"allow_terms[{index}].term",
                                    f'"{allowances[index]["term"]}" is allowed but the page never uses it '
                                    "(expected only terms the page quotes: remove it)"))
    return problems


def _line_column(front: FrontMatter, offset: int) -> tuple[int, int]:
    """Line and column in the page's file of an offset in its body."""
    body = front.body
    return front.body_line + body.count("\n", 0, offset), offset - (body.rfind("\n", 0, offset) + 1) + 1


def _unknown_allowance(guide: Guide, written: str) -> str:
    hits = guide.find(written)
    if len(hits) == 1 and hits[0].text.strip() == written.strip():
        hint = f'; "{written}" is a form of "{hits[0].term.citation}": allow that'
    else:
        close = difflib.get_close_matches(written, [term.citation for term in guide.terms()], n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'"{written}" is not a refused term of {guide.display} (expected a term as the file writes it{hint})'


def check_pages(pages: Iterable[tuple[FrontMatter, str]], language: str = "en") -> list[Problem]:
    """The check over every page of a run, (front-matter, path as shown)
    each; a mistake in the data file is reported once, instead."""
    guide, problems = load_guide()
    if guide is None:
        return problems
    return [problem for front, display in pages for problem in check_page(front, display, guide, language)]
