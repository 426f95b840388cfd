"""Reading terminology.yaml: the refused terms, compiled once per version of
the file, and every mistake in it reported with its line, as a page's are.

A `match` such as `оккупированн<adjective> территори<noun-ija>` becomes a
regex that finds each word by its beginning, and the set of that word's
forms (a stem with each ending of its class, or an Azerbaijani stem with
its suffixes): a candidate counts only if every word is one of its forms.
The file is also checked against itself: each term is one of the forms its
own match finds, and no neutral term is refused.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .front_matter import _field_name
from .inflection import SUFFIX_TEMPLATE, azerbaijani_forms, fold, is_capitals, normalise_hyphens, with_ending
from .problems import Problem
from .terminology_guide import LANGUAGE_NAMES, LANGUAGES, Entry, Guide, Source, Term, Usage

DATA_FILE = Path(__file__).with_name("terminology.yaml")
ROOT = Path(__file__).resolve().parents[2]

Path_ = tuple[str | int, ...]
# Between the words of a term: spaces, a line break, or a hyphen.
_BETWEEN_WORDS = r"(?:\s*-\s*|\s+)"
# Where a match writes "...": up to two words may stand between ("occupied
# Azerbaijani territories", «оккупированные Арменией территории»).
INSERTED = "..."
_INSERTED_WORDS = rf"{_BETWEEN_WORDS}(?:[\w’'-]+{_BETWEEN_WORDS}){{0,2}}"


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


def _by_language(reader: _Reader, data: Any, section: str, expected: str) -> Iterator[tuple[str, Any, Path_]]:
    """A section keyed by language (inflection, spellings): each known language's value and path;
    a section that is not a mapping, and an unknown language, are problems of the data."""
    if not isinstance(data, dict):
        reader.problem((section,), f"expected a mapping of languages to {expected}")
        return
    for language, value in data.items():
        path: Path_ = (section, language)
        if language not in LANGUAGES:
            reader.problem(path, f"unknown language {language!r} (expected one of {', '.join(LANGUAGES)})")
            continue
        yield language, value, path


def _read_inflection(reader: _Reader, data: Any) -> dict[str, dict[str, Any]]:
    classes: dict[str, dict[str, Any]] = {language: {} for language in LANGUAGES}
    for language, defined, path in _by_language(reader, data, "inflection", "their inflection classes"):
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
        if not isinstance(template, str) or not SUFFIX_TEMPLATE.match(template):
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


def _escape(text: str) -> str:
    return "".join(r"(?:-|\s+)" if c == "-" else re.escape(c) for c in text)


def _compile_term(reader: _Reader, spec: dict[str, Any], path: Path_, language: str, entry: Entry,
                  classes: dict[str, dict[str, Any]], neutral: str,
                  spellings: dict[str, list[list[str]]] | None = None) -> Term | None:
    citation = spec["term"]
    written = spec.get("match", citation)
    where = path + ("match" if "match" in spec else "term",)
    words = written.split()
    if words and INSERTED in (words[0], words[-1]) or any(a == b == INSERTED for a, b in itertools.pairwise(words)):
        reader.problem(where, f'"{INSERTED}" stands between two words (expected words on both sides of it)')
        return None
    inserted = [i for i, word in enumerate(w for w in words if w != INSERTED) if i and _inserted_before(words, i)]
    words = [word for word in words if word != INSERTED]
    case_sensitive = all(is_capitals(alt.split("<")[0]) for word in words for alt in word.split("|"))
    last = words[-1] if words else ""
    for alternative in last.split("|"):
        if alternative[:1].isupper() and "<" not in alternative and not is_capitals(alternative):
            reader.problem(where, f"{alternative!r} is a name without an inflection class (expected <class> after its "
                                  "stem: a name takes the language's endings; a class with the ending \"\" alone if it takes none)")
            return None
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
                alternatives.append([with_ending(stem, ending, language) for ending in classes[language][name]["endings"]])
            else:
                suffixes = classes[language][name]
                alternatives.append(sorted(azerbaijani_forms(
                    stem, tuple(tuple(slot) for slot in suffixes["slots"]), suffixes.get("third_person", ""),
                    tuple(sorted(suffixes.get("after_third_person", {}).items())))))
        slots.append(_respelt(alternatives, (spellings or {}).get(language, [])))
    body = "".join((_INSERTED_WORDS if i in inserted else _BETWEEN_WORDS if i else "") + _slot_regex(alternatives)
                   for i, alternatives in enumerate(slots))
    term = Term(citation, language, entry, re.compile(rf"(?<!\w){body}(?!\w)"), re.sub(r"(?<!\\)\((?!\?)", "(?:", body),
                [frozenset(form for forms in alternatives for form in forms) for alternatives in slots],
                case_sensitive, _anchors(slots, fold(neutral, language)), reader.where(path)[0])
    probe = normalise_hyphens(citation) if case_sensitive else fold(citation, language)
    if [m.span() for m in term.matches(probe)] != [(0, len(probe))]:
        reader.problem(path + ("term",), f"{citation!r} is not matched by its own match {written!r} "
                                         "(expected the term to be one of the forms its match finds)")
        return None
    return term


def _inserted_before(words: list[str], index: int) -> bool:
    """Whether "..." stands before the index-th word (not counting the "..."s)."""
    seen = -1
    for position, word in enumerate(words):
        if word != INSERTED:
            seen += 1
            if seen == index:
                return words[position - 1] == INSERTED
    return False


def _respelt(alternatives: list[list[str]], spellings: list[list[str]]) -> list[list[str]]:
    """The word's alternatives and, for each spelling of a name the data
    gives (Nagorno, Nagorny), the same forms so spelt: one spelling in the
    data finds them all. Each is an alternative of its own, found by its
    own beginning."""
    result = [list(forms) for forms in alternatives]
    for variants in spellings:
        for forms in list(result):
            for variant in variants:
                if any(variant in form for form in forms):
                    result += [[form.replace(variant, other) for form in forms] for other in variants if other != variant]
                    break
    unique: list[list[str]] = []
    for forms in result:
        if forms not in unique:
            unique.append(forms)
    return unique


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
                classes: dict[str, dict[str, Any]], cited: dict[tuple[str, str], Term],
                spellings: dict[str, list[list[str]]]) -> Entry | None:
    path: Path_ = ("terms", index)
    spec = reader.mapping(data, path, ("id", "category", "why", "sources", "languages"),
                          ("both_names", "only_in_quotations"))
    if spec is None:
        return None
    texts = {key: reader.text(spec, key, path) for key in ("id", "category", "why")}
    both = spec.get("both_names", "false")
    if both not in ("true", "false"):
        reader.problem(path + ("both_names",), "expected true or false")
    quoted = spec.get("only_in_quotations", "false")
    if quoted not in ("true", "false"):
        reader.problem(path + ("only_in_quotations",), "expected true or false")
    entry_sources = []
    for i, source_id in enumerate(reader.items(spec.get("sources"), path + ("sources",), "source ids")):
        if source_id in sources:
            entry_sources.append(sources[source_id])
        else:
            reader.problem(path + ("sources", i), f"unknown source {source_id!r} (expected one of: {', '.join(sources)})")
    term_id, category, why = texts["id"], texts["category"], texts["why"]
    if term_id is None or category is None or why is None or "languages" not in spec or not entry_sources:
        return None
    entry = Entry(term_id, category, " ".join(why.split()), entry_sources, both == "true",
                  only_in_quotations=quoted == "true")
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
            term = _compile_term(reader, term_spec, term_path, language, entry, classes, usage.use, spellings)
            if term is None:
                continue
            key = (language, fold(term.citation, language))
            if key in cited:
                reader.problem(term_path + ("term",), f"{term.citation!r} is listed already, on line {cited[key].line} "
                                                      "(expected each term once per language)")
                continue
            cited[key] = term
            usage.terms.append(term)
        usage.exceptions.extend(_read_exceptions(reader, usage_spec, where, language))
        if entry.both_names and usage.terms:
            names = "|".join(term.body for term in usage.terms)
            usage.together = re.compile(rf"(?<!\w)(?:{names})(?:\s*/\s*|\s+\(\s*)(?:{names})(?!\w)")
        entry.usages[language] = usage
    return entry if len(entry.usages) == len(LANGUAGES) else None


def _read_exceptions(reader: _Reader, usage_spec: dict[str, Any], where: Path_, language: str) -> Iterator[str]:
    """A usage's `except` phrases (each with its reason), folded as the text is."""
    for i, exception in enumerate(usage_spec.get("except") or []):
        exception = reader.mapping(exception, where + ("except", i), ("phrase", "reason"))
        if exception and reader.text(exception, "phrase", where + ("except", i)) and \
                reader.text(exception, "reason", where + ("except", i)):
            yield fold(" ".join(exception["phrase"].split()), language)


def _read_spellings(reader: _Reader, data: Any) -> dict[str, list[list[str]]]:
    """Per language, the spellings of one name that the text may use for
    one another (Nagorno, Nagorny), folded as the text is."""
    spellings: dict[str, list[list[str]]] = {}
    for language, groups, path in _by_language(reader, data, "spellings", "lists of spellings of one name"):
        for index, group in enumerate(reader.items(groups, path, "lists of spellings")):
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(s, str) and s.strip() for s in group):
                reader.problem(path + (index,), "expected two or more spellings of one name")
                continue
            spellings.setdefault(language, []).append([fold(s, language) for s in group])
    return spellings


TERMBASE_LANGUAGES = ("en", "ru", "hy", "az")


def _read_termbase_entry(reader: _Reader, data: Any, index: int, classes: dict[str, dict[str, Any]],
                         spellings: dict[str, list[list[str]]]) -> Entry | None:
    """One concept: its one word in each language, the words it is not, and
    where an organisation publishes its own name in a language."""
    path: Path_ = ("termbase", index)
    spec = reader.mapping(data, path, ("id", "concept", "languages"))
    if spec is None or reader.text(spec, "id", path) is None or reader.text(spec, "concept", path) is None:
        return None
    concept = " ".join(spec["concept"].split())
    entry = Entry(spec["id"], f"not this edition's word for {concept}", concept, [], False)
    languages = reader.mapping(spec["languages"], path + ("languages",), TERMBASE_LANGUAGES)
    if languages is None:
        return None
    for language in (language for language in TERMBASE_LANGUAGES if language in languages):
        where = path + ("languages", language)
        usage_spec = reader.mapping(languages[language], where, ("use",), ("avoid", "source", "except"))
        if usage_spec is None or reader.text(usage_spec, "use", where) is None:
            continue
        source = usage_spec.get("source")
        if source is not None and not (isinstance(source, str) and re.fullmatch(r"https?://\S+", source)):
            reader.problem(where + ("source",), f"{source!r} is not a web address (expected where the organisation "
                                                "publishes this name, https://...)")
        usage = Usage(" ".join(usage_spec["use"].split()), source=source)
        for i, term_spec in enumerate(usage_spec.get("avoid") or []):
            term_path = where + ("avoid", i)
            term_spec = reader.mapping(term_spec, term_path, ("term",), ("match", "also_quoted"))
            if term_spec is None or reader.text(term_spec, "term", term_path) is None:
                continue
            if term_spec.get("also_quoted", "false") not in ("true", "false"):
                reader.problem(term_path + ("also_quoted",), "expected true or false")
            term = _compile_term(reader, term_spec, term_path, language, entry, classes, usage.use, spellings)
            if term is not None:
                term.also_quoted = term_spec.get("also_quoted") == "true"
                if next(term.matches(fold(usage.use, language)), None):
                    reader.problem(term_path + ("term",), f"{usage.use!r}, the word this edition uses, holds "
                                                          f"{term.citation!r} (expected a word that is not the one used)")
                usage.terms.append(term)
        usage.exceptions.extend(_read_exceptions(reader, usage_spec, where, language))
        entry.usages[language] = usage
    return entry


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
    if data is None or reader.mapping(data, (), ("sources", "inflection", "terms"), ("spellings", "termbase")) is None \
            or reader.problems:
        return None, reader.problems
    sources = _read_sources(reader, data["sources"])
    classes = _read_inflection(reader, data["inflection"])
    spellings = _read_spellings(reader, data.get("spellings", {}))
    cited: dict[tuple[str, str], Term] = {}
    entries = [_read_entry(reader, item, i, sources, classes, cited, spellings)
               for i, item in enumerate(reader.items(data["terms"], ("terms",), "terms"))]
    termbase = [_read_termbase_entry(reader, item, i, classes, spellings)
                for i, item in enumerate(reader.items(data["termbase"], ("termbase",), "termbase entries"))] \
        if "termbase" in data else []
    ids = [e.id for e in entries if e]
    for i, entry in enumerate(entries):
        if entry and ids.count(entry.id) > 1:
            reader.problem(("terms", i, "id"), f"duplicate id {entry.id!r} (expected each entry's id once)")
    if reader.problems:
        return None, reader.problems
    tb_ids = [e.id for e in termbase if e]
    for i, tb_entry in enumerate(termbase):
        if tb_entry and tb_ids.count(tb_entry.id) > 1:
            reader.problem(("termbase", i, "id"), f"duplicate id {tb_entry.id!r} (expected each entry's id once)")
    if reader.problems:
        return None, reader.problems
    guide = Guide([e for e in entries if e], display, [e for e in termbase if e])
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


def load_guide(path: Path | None = None) -> tuple[Guide | None, list[Problem]]:
    """The data file compiled once per version of the file, or its mistakes."""
    path = (path or DATA_FILE).resolve()
    stat = path.stat()
    return _compiled_guide(str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _compiled_guide(path_name: str, mtime_ns: int, size: int) -> tuple[Guide | None, list[Problem]]:
    """Keyed by the file's time and size too, so an edited file is compiled afresh (`mkdocs serve`)."""
    path = Path(path_name)
    try:
        display = path.relative_to(ROOT).as_posix()
    except ValueError:
        display = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(display, 1, 1, "file", f"not UTF-8: {error.reason} (expected a UTF-8 text file)")]
    return parse_guide(text, display)
