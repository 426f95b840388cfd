"""An edition's own words, checked where a machine can see them.

The terminology guard (terminology.py) refuses the words that take a side.
This module checks what makes a translation read as one text: each
recurring term, organisation and programme is said with the one word the
termbase (`termbase` in terminology.yaml) approves; Armenian ends its
sentences with ։ and writes the article ն after a vowel and before one; and
no English is left in the visible text except the names the termbase keeps
in Latin letters and quotations of the English original. It reads the
translated pages (their body and the words of their front-matter) and the
interface strings (strings/LANG.yaml), from which the generated pages and
the PDF are made, and reports `path:line: what, use what instead`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from .front_matter import FrontMatter, _field_name
from .problems import Problem
from .strings import table_path
from .terminology import QUOTATIONS, prose_fields
from .terminology_guide import LANGUAGE_NAMES, Guide

# What a reader never sees as words: link targets, addresses, attribute
# lists, code, HTML tags and entities, an admonition's marker, a string's
# {placeholder}. Masked with spaces, so offsets stay those of the text.
_HIDDEN = [
    r"(?<=\])\([^)\n]*\)",
    r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+",
    r"<?\b(?:https?|ftp)://[^\s<>()\]]+>?",
    r"\bwww\.[\w.-]+\.[a-z]{2,}\b",
    r"\{:?[ \t]*[#.][^{}\n]*\}",
    r"\{[a-z_]+\}",
    r"`[^`\n]*`",
    r"<[^>\n]*>",
    r"&\w+;",
    r"^[ ]{0,3}(?:!!!|\?\?\?\+?)[ ]+\w+",
]
_NOT_WORDS = re.compile("|".join(_HIDDEN + [r"\{:[^{}\n]*\}"]), re.MULTILINE)
# Words marked as English for the reader's browser: an emphasis or a link
# followed by the attribute list { lang="en" } (Markdown's attr_list).
_MARKED_ENGLISH = re.compile(r"(?:\*[^*\n]+\*|_[^_\n]+_|\[[^\]\n]+\]\([^)\n]*\))\{:?[ \t]*lang=\"?en\"?[ \t]*\}")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def visible(text: str) -> str:
    """The text as a reader sees its words, as long as the text."""
    return _NOT_WORDS.sub(_blank, text)


@dataclass(frozen=True)
class Finding:
    start: int  # offset in the text
    message: str


# --- one concept, one word ----------------------------------------------------

# A gloss that gives the English original's word says so first: (англ.
# people-to-people contact), (անգլերեն՝ ...), (ingiliscə ...).
_ENGLISH_GLOSS = re.compile(
    r"(?:\bангл\.|\bв английском оригинале\s*—|\bанглийское|անգլերեն(?:\s+բնագրում)?՝?|\bingiliscə(?:\s+orijinalda)?\s*[–-]?)"
    r"\s*((?:[A-Za-z][\w’'-]*(?:\s+|(?=[),;.:]|$)))+)", re.IGNORECASE)


def _english_glosses(text: str) -> list[tuple[int, int]]:
    return [match.span(1) for match in _ENGLISH_GLOSS.finditer(text)]


def termbase_findings(text: str, language: str, guide: Guide) -> Iterator[Finding]:
    """Words the termbase does not approve for a concept, outside quotations
    (a quotation gives another text's words) and glosses of the English
    original's words."""
    shown = visible(text)
    quoted = [m.span() for m in QUOTATIONS.finditer(shown)] + _english_glosses(shown)
    for hit in guide.find(shown, [language], prefer=language, entries=guide.termbase):
        if not hit.term.also_quoted and any(start <= hit.start and hit.end <= end for start, end in quoted):
            continue
        usage = hit.term.entry.usages[language]
        source = f", as the organisation writes it: {usage.source}" if usage.source else ""
        expected = " or ".join(f'"{name}"' for name in usage.use.split(" / "))
        yield Finding(hit.start, f'"{hit.text}" is not this edition\'s word for {hit.term.entry.why} '
                                 f"(expected {expected}{source}; termbase entry {hit.term.entry.id!r})")


# --- Armenian punctuation and articles ------------------------------------------

_HY_LETTER = "\u0531-\u0556\u0561-\u0587"
_HY_CAPITAL = "\u0531-\u0556"
_HY_VOWELS = "աեէըիոօ"
# A Latin colon after Armenian words: Armenian writes ։ (full stop) or ․ (միջակետ).
_HY_COLON = re.compile(rf"(?<=[{_HY_LETTER}])[»”)]*(:)")
# A Latin full stop that ends an Armenian sentence: the text, its paragraph,
# or a new sentence (a capital) follows.
_HY_FULL_STOP = re.compile(rf"(?<=[{_HY_LETTER}])[»”)]*(\.)(?=\s*$|[ \t]*\n[ \t]*\n|\s+[{_HY_CAPITAL}])")
# The article ը after a word that ends in a vowel: Armenian writes ն.
_HY_AFTER_VOWEL = re.compile(rf"(?<![\w-])([{_HY_LETTER}]*[{_HY_VOWELS}ւ])ը(?!\w)", re.IGNORECASE)
# The article ը before a word that begins with a vowel (ու, և too): Armenian writes ն.
# (Before և the rule is left to the reviewer: usage varies.)
_HY_BEFORE_VOWEL = re.compile(rf"(?<=\w)(ը)(?=(?:[ \t]+|[ \t]*\n[ \t]*)[{_HY_VOWELS}]\w*)", re.IGNORECASE)


def armenian_findings(text: str) -> Iterator[Finding]:
    shown = visible(text)
    for match in _HY_COLON.finditer(shown):
        yield Finding(match.start(1), "a Latin colon in Armenian text (expected ։ at the end of a sentence, "
                                      "or the միջակետ ․ before what follows)")
    for match in _HY_FULL_STOP.finditer(shown):
        yield Finding(match.start(1), "a Latin full stop ends an Armenian sentence (expected ։)")
    for match in _HY_AFTER_VOWEL.finditer(shown):
        word = match.group(1)
        yield Finding(match.start(), f'"{word}ը": after a vowel the article is ն (expected "{word}ն")')
    for match in _HY_BEFORE_VOWEL.finditer(shown):
        start = shown.rfind(" ", 0, match.start()) + 1
        word = re.split(r"\s", shown[start:match.start()])[-1]
        following = re.match(r"\s*(\w*)", shown[match.end():]).group(1)  # type: ignore[union-attr]
        yield Finding(match.start(), f'"{word}ը {following}": before a word that begins with a vowel the article '
                                     f'is ն (expected "{word}ն {following}")')


# --- English left in the text ------------------------------------------------------

_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z’'.]*(?:[ \t]+[A-Za-z][A-Za-z’'.]*)*")
_LATIN_WORD = re.compile(r"[A-Za-zÇçƏəĞğİıÖöŞşÜü]+(?:[’'][A-Za-z]+)?")
_AZERBAIJANI_LETTERS = set("ÇçƏəĞğİıÖöŞşÜü")
# Spellings English has and Azerbaijani does not: an Azerbaijani text in
# Latin letters shows its English words by them.
_ENGLISH_SPELLING = re.compile(r"w|th|sh|ch|ph|ck|gh|ee|oo|ou|ea", re.IGNORECASE)


def latin_names(guide: Guide, language: str) -> list[str]:
    """The names this edition keeps in Latin letters (a termbase `use`
    lists several with " / "), longest first."""
    names = {name.strip() for entry in guide.termbase if language in entry.usages
             for name in entry.usages[language].use.split(" / ") if re.search(r"[A-Za-z]", name)}
    return sorted(names, key=lambda name: (-len(name), name))


def _without_names(text: str, names: list[str]) -> str:
    """The text with every name it keeps in Latin letters blanked."""
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", _blank, text)
    return text


def _english_words(guide: Guide) -> set[str]:
    """Words of the termbase's English terms that no Azerbaijani word shares."""
    english = {word.casefold() for entry in guide.termbase if "en" in entry.usages
               for word in re.findall(r"[A-Za-z]+", entry.usages["en"].use)}
    azerbaijani = {word.casefold() for name in latin_names(guide, "az") for word in re.findall(r"\w+", name)}
    return english - azerbaijani


def english_findings(text: str, language: str, guide: Guide) -> Iterator[Finding]:
    """English words outside quotations and outside the names the termbase
    keeps in Latin letters. Russian and Armenian show them by their letters;
    Azerbaijani, written in Latin letters, by English spellings and by the
    words of the termbase's English names."""
    shown = visible(_MARKED_ENGLISH.sub(_blank, text))
    for start, end in _english_glosses(shown):
        shown = shown[:start] + " " * (end - start) + shown[end:]
    shown = _without_names(QUOTATIONS.sub(_blank, shown), latin_names(guide, language))
    language_name = LANGUAGE_NAMES[language]
    if language in ("ru", "hy"):
        for run in _LATIN_RUN.finditer(shown):
            if len(run.group(0).strip(".")) > 1:
                yield Finding(run.start(), f'"{run.group(0).strip(".")}": English in the {language_name} text '
                                           f"(expected {language_name}, a name the termbase keeps in Latin letters, "
                                           "or a quotation of the original in quotation marks)")
        return
    english = _english_words(guide)
    for match in _LATIN_WORD.finditer(shown):
        word = match.group(0)
        if match.start() and shown[match.start() - 1] == "-":
            continue  # a suffix after a hyphen: Alert-in
        folded = word.casefold()
        if set(word) & _AZERBAIJANI_LETTERS or len(word) < 2:
            continue
        if folded in english or _ENGLISH_SPELLING.search(word):
            yield Finding(match.start(), f'"{word}": English in the {language_name} text (expected {language_name}, '
                                         "a name the termbase keeps in Latin letters, or a quotation of the original "
                                         "in quotation marks)")


# --- quotation marks ----------------------------------------------------------------

# Russian, Armenian and Azerbaijani pages quote «so», and „so“ inside: an
# English ” (or a “ that closes no „) is another text's punctuation.
_INNER_QUOTES = re.compile(r"„[^„“”\n]*“")


def quotation_findings(text: str, language: str) -> Iterator[Finding]:
    shown = _INNER_QUOTES.sub(_blank, visible(text))
    for match in re.finditer(r"[“”]", shown):
        yield Finding(match.start(), f"English quotation marks in the {LANGUAGE_NAMES[language]} text "
                                     "(expected «…», and „…“ inside them, as the edition's pages quote)")



def findings(text: str, language: str, guide: Guide, english: bool = True) -> list[Finding]:
    """Everything this module finds in one text of an edition."""
    found = list(termbase_findings(text, language, guide))
    if language == "hy":
        found += armenian_findings(text)
    if language != "en":
        found += quotation_findings(text, language)
    if language != "en" and english:
        found += english_findings(text, language, guide)
    return sorted(found, key=lambda f: f.start)


# --- where the texts are ------------------------------------------------------------

# Front-matter fields about the translation itself, not its words.
ABOUT_THE_TRANSLATION = {"translation_of", "lang", "status", "source_hash"}
# Fields that name people and publishers as they name themselves.
NAMES_OF_PEOPLE = {"author", "publisher"}
# Fields that give the report's own words, its wording kept (an English
# name it gets wrong, "Comparative Learning Group", stays as it wrote it).
THE_REPORTS_WORDS = {"report_name", "quote", "original"}

def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_translation(front: FrontMatter, display: str, guide: Guide | None, language: str) -> list[Problem]:
    """A translated page: its body and the words of its front-matter."""
    if guide is None or language == "en":
        return []
    problems = []
    for path, value in prose_fields(front):
        if path[0] in ABOUT_THE_TRANSLATION or str(path[0]).startswith("review") or path[-1] in NAMES_OF_PEOPLE:
            continue
        line, column = front.position(path)
        for finding in findings(value, language, guide, english=path[-1] not in THE_REPORTS_WORDS):
            problems.append(Problem(display, line, column, _field_name(path), finding.message))
    for finding in findings(front.body, language, guide):
        line, column = _line_column(front.body, finding.start)
        problems.append(Problem(display, front.body_line + line - 1, column, "body", finding.message))
    return problems


def _string_values(node: Node, key: str = "") -> Iterator[tuple[str, str, int]]:
    """(key, value, line) of every string of a table, plural forms too."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            name = f"{key}.{key_node.value}" if key else str(key_node.value)
            yield from _string_values(value_node, name)
    elif isinstance(node, ScalarNode) and isinstance(node.value, str):
        yield key, node.value, node.start_mark.line + 1


def check_strings(language: str, guide: Guide | None, path: Path | None = None) -> list[Problem]:
    """The interface strings of an edition: the words of every generated page and of the PDF."""
    if guide is None or language == "en":
        return []
    path = path or table_path(language)
    display = f"scripts/report_site/strings/{path.name}"
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    problems = []
    for key, value, line in _string_values(root) if root is not None else ():
        for finding in findings(value, language, guide):
            problems.append(Problem(display, line, 1, key, finding.message))
    return problems

