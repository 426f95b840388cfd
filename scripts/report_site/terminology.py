"""Conflict-sensitive terms: the "do no harm" check for words.

In the Nagorno-Karabakh conflict a name takes sides. A reader from one side
who meets the other side's name for the region, or a title that treats a
contested entity as a recognised state, in this edition's own voice stops
reading, and the edition loses the dialogue the report is about.
`terminology.yaml`, beside this module, lists for each language the site is
or will be published in (English, Russian, Armenian, Azerbaijani) the terms
this edition does not use, what it says instead, and who advises so. This
module finds those terms in any of their inflected forms (Russian and
Armenian case endings, Azerbaijani suffixes with vowel harmony) on every
published page, in its text and its front-matter, and refuses the page,
unless the page allows a quotation explicitly (`allow_terms`, with a reason),
as `allow_contacts` does for contacts.

Every page is checked against the terms of all four languages (a Russian
name quoted on an English page is still that name); the page's language
only picks which neutral term the message suggests. Like safety.py it works
on the source text, before MkDocs renders anything.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema
from .front_matter import FrontMatter, _field_name
from .problems import Problem

DATA_FILE = Path(__file__).with_name("terminology.yaml")
ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "ru", "hy", "az")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "hy": "Armenian", "az": "Azerbaijani"}

Path_ = tuple[str | int, ...]

# --- letters ---------------------------------------------------------------

def _hyphens(text: str) -> str:
    """Hyphens that look like "-" as "-" (one character for one, so that an
    offset in the folded text is the same offset in the page)."""
    return text.replace("\u2010", "-").replace("\u2011", "-")


def fold(text: str, language: str) -> str:
    """The text in lower case as the language pairs its letters, with
    Russian ё read as е, and as many characters as the text."""
    # Azerbaijani (like Turkish) pairs İ with i and I with ı; elsewhere İ is
    # an i (str.lower would make it two characters, i and a combining dot).
    text = _hyphens(text).replace("İ", "i")
    if language == "az":
        text = text.replace("I", "ı")
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer: keep it as it is
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return folded.replace("ё", "е") if language == "ru" else folded


def _is_capitals(word: str) -> bool:
    """An abbreviation such as NKR or ԼՂՀ: matched only in capitals."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --- Azerbaijani suffixes ----------------------------------------------------

_BACK, _FRONT = set("aıou"), set("əeiöü")
_VOWELS = _BACK | _FRONT
_TEMPLATE = re.compile(r"^(?:\([AIa-zçəğıöşü]\)|[AIa-zçəğıöşü])+$")


def _last_vowel(word: str, otherwise: str = "e") -> str:
    return next((c for c in reversed(word) if c in _VOWELS), otherwise)  # no vowel (an abbreviation): front


def _harmonise(last_vowel: str, archiphoneme: str) -> str:
    """A or I as the word's last vowel wants it."""
    if archiphoneme == "A":
        return "a" if last_vowel in _BACK else "ə"
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(last_vowel, "i")


@cache
def _suffix(last_vowel: str, ends_in_vowel: bool, template: str) -> str:
    """A suffix template, e.g. "(s)I", written out after a word that has
    this last vowel and ends (or not) in a vowel: nothing else of the word
    matters, so each is worked out once."""
    suffix = ""
    for part in re.findall(r"\([^)]\)|.", template):
        if part.startswith("("):
            part = part[1]
            is_vowel = part in "AI" or part in _VOWELS
            if is_vowel == (suffix[-1] in _VOWELS if suffix else ends_in_vowel):
                continue  # a buffer vowel only after a consonant, a buffer consonant only after a vowel
        suffix += _harmonise(_last_vowel(suffix, last_vowel), part) if part in "AI" else part
    return suffix


def _attach(word: str, template: str) -> str:
    """The word with one suffix."""
    suffix = _suffix(_last_vowel(word), word[-1] in _VOWELS, template)
    if suffix and suffix[0] in _VOWELS and sum(c in _VOWELS for c in word) > 1:
        if word.endswith("q"):
            word = word[:-1] + "ğ"  # torpaq, torpağı
        elif word.endswith("k") and word[-2:-1] in _VOWELS:
            word = word[:-1] + "y"  # çörək, çörəyi
    return word + suffix


@cache
def _azerbaijani_forms(stem: str, slots: tuple[tuple[str, ...], ...], third_person: str,
                       after_third_person: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Every form of a stem: each slot's suffix or none, in the slots' order."""
    pronominal = dict(after_third_person)
    forms = {(stem, "")}  # (form, the last suffix template)
    for slot in slots:
        added = set()
        for form, last in forms:
            for template in slot:
                if last == third_person:
                    template = pronominal.get(template, template)
                added.add((_attach(form, template), template))
        forms |= added
    return frozenset(form for form, _ in forms)


# --- the data ---------------------------------------------------------------

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
# Between the words of a term: spaces, a line break, or a hyphen.
_BETWEEN_WORDS = r"(?:\s*-\s*|\s+)"


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


@dataclass
class Guide:
    """The compiled data: every refused term of every language."""

    entries: list[Entry]
    display: str  # the data file, as messages name it

    def terms(self) -> Iterator[Term]:
        for entry in self.entries:
            for usage in entry.usages.values():
                yield from usage.terms

    def __post_init__(self) -> None:
        # One search tells whether a text can hold any term at all; most
        # texts (a title, a date, a paragraph) hold none.
        anchors = [anchor for term in self.terms() if not term.case_sensitive for anchor in term.anchors]
        capitals = [anchor for term in self.terms() if term.case_sensitive for anchor in term.anchors]
        everything = any(not term.anchors for term in self.terms())
        self._anchors = tuple(sorted(set(anchors))) if not everything else ("",)
        self._capital_anchors = tuple(sorted(set(capitals)))

    def _may_hold(self, text: str) -> bool:
        """Whether the text holds the beginning of any term: a substring test
        per term, much faster than one regex of them all."""
        if any(anchor in text for anchor in self._capital_anchors):
            return True
        generic = fold(text, "en")
        folded = [generic] + ([fold(text, "ru")] if "ё" in generic else []) + \
            ([fold(text, "az")] if "I" in text else [])  # Russian reads ё as е, Azerbaijani I as ı
        return any(anchor in version for version in folded for anchor in self._anchors)

    def find(self, text: str, languages: Iterable[str] = LANGUAGES, prefer: str = "en") -> list[Found]:
        """Every refused term in the text, the longest where two overlap (and
        the `prefer` language's where two languages spell a term alike)."""
        if not self._may_hold(text):
            return []
        masked = _NOT_PROSE.sub(_blank, text)
        plain = _hyphens(masked)
        generic = fold(masked, "en")
        folded = {"en": generic, "hy": generic, "ru": fold(masked, "ru") if "ё" in generic else generic,
                  "az": fold(masked, "az") if "I" in masked else generic}
        found: list[Found] = []
        for entry in self.entries:
            hits: list[Found] = []
            for language in languages:
                for term in entry.usages[language].terms:
                    haystack = plain if term.case_sensitive else folded[language]
                    if term.anchors and not any(anchor in haystack for anchor in term.anchors):
                        continue
                    hits += [Found(m.start(), m.end(), text[m.start():m.end()], term) for m in term.matches(haystack)]
            if hits:
                # What one language spares (both names together, an organisation's
                # name) is spared in all: "Stepanakert" is spelt alike in two.
                spared = [span for language in languages for span in _spared(entry.usages[language], folded[language])]
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
        term, entry = found.term, found.term.entry
        shown = re.sub(r"\s+", " ", found.text)
        form = "" if fold(shown, term.language) == fold(term.citation, term.language) else f' (a form of "{term.citation}")'
        also = "" if term.language == language else \
            f'; in {LANGUAGE_NAMES[term.language]}, "{entry.usages[term.language].use}"'
        guidance = "; ".join(f"{source.title}, {source.url}" for source in entry.sources)
        return (f'"{shown}"{form} is {entry.category} (expected "{entry.usages[language].use}" in this edition\'s '
                f"own voice{also}; to quote it, allow it in allow_terms with the reason; guidance: {guidance})")


def _spared(usage: Usage, folded: str) -> list[tuple[int, int]]:
    spans = []
    for phrase in usage.exceptions:
        start = folded.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = folded.find(phrase, start + 1)
    if usage.together is not None:
        spans += [m.span() for m in usage.together.finditer(folded)]
    return spans


# --- reading the data file ----------------------------------------------------

class _Reader:
    """Reads the composed YAML of the data file: every value with where it
    stands, every mistake as a Problem."""

    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []
        self.positions: dict[Path_, tuple[int, int]] = {}  # where each value starts
        self.key_positions: dict[Path_, tuple[int, int]] = {}

    def problem(self, path: Path_, message: str, *, key: bool = False) -> None:
        line, column = self.key_positions[path] if key and path in self.key_positions else self.where(path)
        self.problems.append(Problem(self.display, line, column, _field_name(path) or "file", message))

    def where(self, path: Path_) -> tuple[int, int]:
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def construct(self, node: Node, path: Path_ = ()) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else "?"
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in mapping or key == "?":
                    first = self.positions.get(path + (key,), where)[0]
                    self.positions[path + (key,)] = where
                    self.problem(path + (key,), f"duplicate key: already set on line {first} (expected each key once)"
                                 if key in mapping else "a key that is not plain text (expected a name)")
                    continue
                self.key_positions[path + (key,)] = where
                mapping[key] = self.construct(value_node, path + (key,))
            return mapping
        if isinstance(node, SequenceNode):
            return [self.construct(item, path + (index,)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value  # text as written: "no" and "on" stay words, not true/false

    def mapping(self, data: Any, path: Path_, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.problem(path, f"expected a mapping with {', '.join(required)}")
            return None
        for key in required:
            if key not in data:
                self.problem(path, f"missing {key!r} (expected {', '.join(required)})")
        for key in data:
            if key not in required + optional:
                close = difflib.get_close_matches(key, required + optional, n=1)
                self.problem(path + (key,), f"unknown key {key!r} (" +
                             (f"did you mean {close[0]!r}?)" if close else f"expected {', '.join(required + optional)})"),
                             key=True)
        return data

    def text(self, data: dict[str, Any], key: str, path: Path_) -> str | None:
        value = data.get(key)
        if key in data and (not isinstance(value, str) or not value.strip()):
            self.problem(path + (key,), "expected text")
            return None
        return value

    def items(self, data: Any, path: Path_, what: str) -> list[Any]:
        if not isinstance(data, list) or not data:
            self.problem(path, f"expected a list of {what}")
            return []
        return data


def _read_sources(reader: _Reader, data: Any) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    if not isinstance(data, dict) or not data:
        reader.problem(("sources",), "expected a mapping of source ids to their title and url")
        return sources
    for source_id, spec in data.items():
        path: Path_ = ("sources", source_id)
        spec = reader.mapping(spec, path, ("title", "url"), ("about",))
        if spec is None:
            continue
        title, url = reader.text(spec, "title", path), reader.text(spec, "url", path)
        if url and not re.fullmatch(r"https?://\S+", url):
            reader.problem(path + ("url",), f"{url!r} is not a web address (expected https://...)")
        elif title and url:
            sources[source_id] = Source(source_id, title, url)
    return sources


def _read_inflection(reader: _Reader, data: Any) -> dict[str, dict[str, Any]]:
    classes: dict[str, dict[str, Any]] = {language: {} for language in LANGUAGES}
    if not isinstance(data, dict):
        reader.problem(("inflection",), "expected a mapping of languages to their inflection classes")
        return classes
    for language, defined in data.items():
        path: Path_ = ("inflection", language)
        if language not in LANGUAGES:
            reader.problem(path, f"unknown language {language!r} (expected one of {', '.join(LANGUAGES)})")
            continue
        if not isinstance(defined, dict):
            reader.problem(path, "expected a mapping of class names to endings")
            continue
        for name, spec in defined.items():
            where = path + (name,)
            if isinstance(spec, list):
                endings = [e for e in spec if isinstance(e, str)]
                for index, ending in enumerate(spec):
                    if not isinstance(ending, str) or re.search(r"[\s<>|]", ending):
                        reader.problem(where + (index,), "expected an ending: letters only (\"\" for none)")
                if len(endings) == len(spec):
                    classes[language][name] = {"endings": endings}
            elif isinstance(spec, dict) and language == "az":
                if _read_suffix_class(reader, spec, where):
                    classes[language][name] = spec
            else:
                reader.problem(where, "expected a list of endings" +
                               (" or a mapping of suffix slots" if language == "az" else ""))
    return classes


def _read_suffix_class(reader: _Reader, spec: dict[str, Any], path: Path_) -> bool:
    if reader.mapping(spec, path, ("slots",), ("third_person", "after_third_person")) is None:
        return False
    ok = True
    templates: list[tuple[Path_, Any]] = []
    for index, slot in enumerate(reader.items(spec.get("slots"), path + ("slots",), "slots, each a list of suffixes")):
        templates += [(path + ("slots", index, i), t) for i, t in enumerate(reader.items(slot, path + ("slots", index), "suffixes"))]
    if "third_person" in spec:
        templates.append((path + ("third_person",), spec["third_person"]))
    after = spec.get("after_third_person", {})
    if not isinstance(after, dict):
        reader.problem(path + ("after_third_person",), "expected a mapping of case suffixes to their form after (s)I")
        return False
    templates += [(path + ("after_third_person", key), key) for key in after]
    templates += [(path + ("after_third_person", key), value) for key, value in after.items()]
    for where, template in templates:
        if not isinstance(template, str) or not _TEMPLATE.match(template):
            reader.problem(where, f"{template!r} is not a suffix template (expected lower-case letters, A for a/ə, "
                                  "I for ı/i/u/ü, and one letter in brackets for a buffer letter, e.g. (s)I)")
            ok = False
    return ok and bool(spec.get("slots"))


_WORD_PART = re.compile(r"^([^<>|\s]+)(?:<([^<>|\s]+)>)?$")


# A word of a term is found by its beginning, then its whole form is looked
# up among the forms its class allows: Azerbaijani nouns have hundreds of
# forms, and one regex alternative per form would take long to compile.
_REST_OF_WORD = r"\w*(?:['’]\w+)?"


def _slot_regex(alternatives: list[list[str]]) -> str:
    """A capturing group for one word: any word that begins as one of its forms."""
    beginnings = sorted({os.path.commonprefix(forms) for forms in alternatives}, key=lambda b: (-len(b), b))
    return f"((?:{'|'.join(_escape(b) for b in beginnings)}){_REST_OF_WORD})"


def _as_form(word: str) -> str:
    """A word as found, written as its forms are: a hyphen for a space or hyphen."""
    return re.sub(r"\s*-\s*|\s+", "-", word)


def _escape(text: str) -> str:
    return "".join(r"(?:-|\s+)" if c == "-" else re.escape(c) for c in text)


def _compile_term(reader: _Reader, spec: dict[str, Any], path: Path_, language: str, entry: Entry,
                  classes: dict[str, dict[str, Any]], neutral: str) -> Term | None:
    citation = spec["term"]
    written = spec.get("match", citation)
    words = written.split()
    case_sensitive = all(_is_capitals(alt.split("<")[0]) for word in words for alt in word.split("|"))
    slots: list[list[list[str]]] = []
    for word in words:
        alternatives = []
        for alternative in word.split("|"):
            parsed = _WORD_PART.match(alternative)
            if not parsed:
                reader.problem(path + ("match" if "match" in spec else "term",),
                               f"{alternative!r} is not a word (expected a word, or a stem followed by <class>)")
                return None
            stem, name = parsed.groups()
            stem = stem if case_sensitive else fold(stem, language)
            if name is None:
                alternatives.append([stem])
            elif name not in classes[language]:
                known = sorted(classes[language])
                close = difflib.get_close_matches(name, known, n=1)
                reader.problem(path + ("match",), f"unknown inflection class <{name}> for {LANGUAGE_NAMES[language]} (" +
                               (f"did you mean <{close[0]}>?)" if close else f"expected one of: {', '.join(known) or 'none declared'})"))
                return None
            elif "endings" in classes[language][name]:
                alternatives.append([stem + ending for ending in classes[language][name]["endings"]])
            else:
                suffixes = classes[language][name]
                alternatives.append(sorted(_azerbaijani_forms(
                    stem, tuple(tuple(slot) for slot in suffixes["slots"]), suffixes.get("third_person", ""),
                    tuple(sorted(suffixes.get("after_third_person", {}).items())))))
        slots.append(alternatives)
    body = _BETWEEN_WORDS.join(_slot_regex(alternatives) for alternatives in slots)
    term = Term(citation, language, entry, re.compile(rf"(?<!\w){body}(?!\w)"), re.sub(r"(?<!\\)\((?!\?)", "(?:", body),
                [frozenset(form for forms in alternatives for form in forms) for alternatives in slots],
                case_sensitive, _anchors(slots, fold(neutral, language)), reader.where(path)[0])
    probe = _hyphens(citation) if case_sensitive else fold(citation, language)
    if [m.span() for m in term.matches(probe)] != [(0, len(probe))]:
        reader.problem(path + ("term",), f"{citation!r} is not matched by its own match {written!r} "
                                         "(expected the term to be one of the forms its match finds)")
        return None
    return term


def _anchors(slots: list[list[list[str]]], neutral: str) -> tuple[str, ...]:
    """What any text holding the term holds: one beginning per alternative
    of one word, cut at a hyphen (which the text may write as a space). The
    word is the rarest: not in the neutral term (pages are full of
    "Nagorno-Karabakh"), with the longest beginnings. None if empty."""
    def beginnings(alternatives: list[list[str]]) -> tuple[str, ...]:
        return tuple(max(os.path.commonprefix(forms).split("-"), key=len) for forms in alternatives)
    anchors = max((beginnings(alternatives) for alternatives in slots),
                  key=lambda a: (not any(anchor in neutral for anchor in a), min(map(len, a))))
    return anchors if all(anchors) else ()


def _read_entry(reader: _Reader, data: Any, index: int, sources: dict[str, Source],
                classes: dict[str, dict[str, Any]], cited: dict[tuple[str, str], Term]) -> Entry | None:
    path: Path_ = ("terms", index)
    spec = reader.mapping(data, path, ("id", "category", "why", "sources", "languages"), ("both_names",))
    if spec is None:
        return None
    texts = {key: reader.text(spec, key, path) for key in ("id", "category", "why")}
    both = spec.get("both_names", "false")
    if both not in ("true", "false"):
        reader.problem(path + ("both_names",), "expected true or false")
    entry_sources = []
    for i, source_id in enumerate(reader.items(spec.get("sources"), path + ("sources",), "source ids")):
        if source_id in sources:
            entry_sources.append(sources[source_id])
        else:
            reader.problem(path + ("sources", i), f"unknown source {source_id!r} (expected one of: {', '.join(sources)})")
    if None in texts.values() or "languages" not in spec or not entry_sources:
        return None
    entry = Entry(texts["id"], texts["category"], " ".join(texts["why"].split()), entry_sources, both == "true")
    languages = spec["languages"]
    if reader.mapping(languages, path + ("languages",), LANGUAGES) is None:
        return None
    for language in (language for language in LANGUAGES if language in languages):
        where = path + ("languages", language)
        usage_spec = reader.mapping(languages.get(language), where, ("use", "avoid"), ("except",))
        if usage_spec is None or reader.text(usage_spec, "use", where) is None:
            continue
        usage = Usage(" ".join(usage_spec["use"].split()))
        for i, term_spec in enumerate(reader.items(usage_spec.get("avoid"), where + ("avoid",), "refused terms")):
            term_path = where + ("avoid", i)
            term_spec = reader.mapping(term_spec, term_path, ("term",), ("match",))
            if term_spec is None or reader.text(term_spec, "term", term_path) is None or \
                    ("match" in term_spec and reader.text(term_spec, "match", term_path) is None):
                continue
            term = _compile_term(reader, term_spec, term_path, language, entry, classes, usage.use)
            if term is None:
                continue
            key = (language, fold(term.citation, language))
            if key in cited:
                reader.problem(term_path + ("term",), f"{term.citation!r} is listed already, on line {cited[key].line} "
                                                      "(expected each term once per language)")
                continue
            cited[key] = term
            usage.terms.append(term)
        for i, exception in enumerate(usage_spec.get("except") or []):
            exception = reader.mapping(exception, where + ("except", i), ("phrase", "reason"))
            if exception and reader.text(exception, "phrase", where + ("except", i)) and \
                    reader.text(exception, "reason", where + ("except", i)):
                usage.exceptions.append(fold(" ".join(exception["phrase"].split()), language))
        if entry.both_names and usage.terms:
            names = "|".join(term.body for term in usage.terms)
            usage.together = re.compile(rf"(?<!\w)(?:{names})(?:\s*/\s*|\s+\(\s*)(?:{names})(?!\w)")
        entry.usages[language] = usage
    return entry if len(entry.usages) == len(LANGUAGES) else None


def parse_guide(text: str, display: str) -> tuple[Guide | None, list[Problem]]:
    """The compiled data, or every mistake in it with its line."""
    reader = _Reader(display)
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, column, "file", f"malformed YAML: {error.problem or error} "
                                                              "(expected the layout the file's header describes)")]
    except yaml.YAMLError as error:
        return None, [Problem(display, 1, 1, "file", f"malformed YAML: {error}")]
    data = reader.construct(root) if root is not None else None
    if reader.mapping(data, (), ("sources", "inflection", "terms")) is None or reader.problems:
        return None, reader.problems
    sources = _read_sources(reader, data["sources"])
    classes = _read_inflection(reader, data["inflection"])
    cited: dict[tuple[str, str], Term] = {}
    entries = [_read_entry(reader, item, i, sources, classes, cited)
               for i, item in enumerate(reader.items(data["terms"], ("terms",), "terms"))]
    ids = [e.id for e in entries if e]
    for i, entry in enumerate(entries):
        if entry and ids.count(entry.id) > 1:
            reader.problem(("terms", i, "id"), f"duplicate id {entry.id!r} (expected each entry's id once)")
    if reader.problems:
        return None, reader.problems
    guide = Guide([e for e in entries if e], display)
    _check_consistency(reader, guide)
    return (None, reader.problems) if reader.problems else (guide, [])


def _check_consistency(reader: _Reader, guide: Guide) -> None:
    """What the data advises must pass its own check, and what it exempts
    must be something it would refuse."""
    for index, entry in enumerate(guide.entries):
        for language, usage in entry.usages.items():
            where: Path_ = ("terms", index, "languages", language)
            for hit in guide.find(usage.use, [language]):
                reader.problem(where + ("use",), f"the neutral term {usage.use!r} contains {hit.text!r}, refused by "
                                                 f"the entry {hit.term.entry.id!r} (expected a term this edition can use)")
            for i, phrase in enumerate(usage.exceptions):
                if not any(next(term.matches(phrase), None) for term in usage.terms):
                    reader.problem(where + ("except", i, "phrase"), "none of this entry's terms is in the phrase "
                                                                   "(expected a longer name containing one of them)")


_CACHE: dict[tuple[str, int, int], tuple[Guide | None, list[Problem]]] = {}


def load_guide(path: Path | None = None) -> tuple[Guide | None, list[Problem]]:
    """The data file compiled once per version of the file, or its mistakes."""
    path = (path or DATA_FILE).resolve()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        try:
            display = path.relative_to(ROOT).as_posix()
        except ValueError:
            display = path.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            _CACHE[key] = (None, [Problem(display, 1, 1, "file", f"not UTF-8: {error.reason} (expected a UTF-8 text file)")])
        else:
            _CACHE[key] = parse_guide(text, display)
    return _CACHE[key]


# --- the check on a page -------------------------------------------------------

# Fields that hold names of things rather than the page's words.
_NOT_PROSE_FIELDS = {"kind", "id", "template", "url", "website", "hide", "search", "allow_contacts", "allow_terms"}


@cache
def _identifier_fields(kind: str) -> frozenset[tuple[str, ...]]:
    """Fields of a kind whose values are ids of pages or anchors, not words."""
    if kind not in schema.kinds():
        return frozenset()
    return frozenset({path for path, _ in schema.reference_fields(kind)} | set(schema.anchor_fields(kind)))


def _prose(front: FrontMatter) -> Iterator[tuple[Path_, str]]:
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


def check_page(front: FrontMatter, display: str, guide: Guide, language: str = "en") -> list[Problem]:
    """Every refused term the page uses in its own voice, and every fault of
    its allow_terms. `language` is the page's: it picks the neutral term
    that the messages suggest (the site is English only for now)."""
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

    def report(hits: list[Found], where) -> None:
        for hit in hits:
            if id(hit.term) in allowed:
                used.add(id(hit.term))
                continue
            line, column, name = where(hit)
            problems.append(Problem(display, line, column, name, guide.describe(hit, language)))

    for path, value in _prose(front):
        line, column = front.position(path)
        report(guide.find(value, prefer=language), lambda hit: (line, column, _field_name(path)))
    body = front.body
    report(guide.find(body, prefer=language), lambda hit: (front.body_line + body.count("\n", 0, hit.start),
                                          hit.start - (body.rfind("\n", 0, hit.start) + 1) + 1, "body"))
    for term_id, index in allowed.items():
        if term_id not in used:
            line, column = front.position(("allow_terms", index, "term"))
            problems.append(Problem(display, line, column, f"allow_terms[{index}].term",
                                    f'"{allowances[index]["term"]}" is allowed but the page never uses it '
                                    "(expected only terms the page quotes: remove it)"))
    return problems


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
