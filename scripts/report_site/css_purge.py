"""Only the CSS the site uses: drop the rules of Material's stylesheets
that match nothing this site can ever show.

Material's main stylesheet styles every component it offers (content tabs,
code annotations, blog, tags, Mermaid, versions, right-to-left scripts,
twenty colour palettes...); this site shows a few of them, and every reader
downloads the rest before the first paint. After the build, this step reads
what the site can show and keeps only the selectors that can match it:

- every element, class, id and attribute of the built pages (all of them);
- every word of the site's scripts (Material's bundle and search worker,
  ours, the pages' inline scripts): the class names, ids and attributes
  the scripts can add at run time (search results, tooltips, the drawer,
  the palette, dialogs...) are among them. Words the scripts complete at
  run time (`"md-tag--" + name`) count as prefixes.

Matching is conservative: a selector is dropped only when one of the
compound selectors it chains (`.md-typeset .tabbed-set > input`) requires
an element, class, id or attribute value that occurs nowhere above, so it
can match nothing (what `:not()` or `:has()` contain never drops one);
anything the parser does not understand is kept. Material's bundle names
the markup of components this site never mounts (code blocks, content
tabs, versions...): their words count only when a page has the
component's host (SCRIPTED_COMPONENTS). Declarations of custom properties
(`--md-admonition-icon--bug: url(...)`) that nothing uses any more go too,
and so do a few rules on purpose (DROPPED_ON_PURPOSE). Each stylesheet is
written under a new content-hashed name, the old one and its source map
(which no longer matches) removed; every page's link is changed to it with
the other edits of the pages, in one pass (page_edits.py).

CSS is parsed with tinycss2 and its selectors with cssselect2 (both come
with WeasyPrint); pages with Python's HTML parser.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
import tinycss2.ast
from cssselect2 import parser as selectors

from . import build_cache
from .page_edits import PageEdit
from .precompress import gzip_copy
from .problems import BuildFailed

STYLESHEETS = "assets/stylesheets"
# Material's stylesheets, by the names its templates give them (name.<hash>.min.css).
PURGED_STYLESHEETS = ("main", "palette")

# Material rules dropped on purpose, although they can match: each costs
# every page load more than it gives. When the palette component mounts
# (on every page) it marks <body> as switching palettes and reads a
# computed style; these rules, which stop transitions during a switch, make
# that mark restyle the whole page twice: about a tenth of the main
# thread's work at load (measured with Chromium's trace). Without them a
# palette switch fades the few colours that have transitions (0.25 s at
# most) instead of swapping them at once.
DROPPED_ON_PURPOSE = frozenset({
    "[data-md-color-switching] *",
    "[data-md-color-switching] :after",
    "[data-md-color-switching] :before",
})

# Scripts whose words say what can appear at run time. lunr's language
# packs and the search index (a script in the offline edition) are left
# out: they hold words of text, not of markup.
SCRIPT_FOLDERS = ("assets/javascripts",)
SCRIPT_FOLDERS_LEFT_OUT = ("assets/javascripts/lunr",)

# At-rules whose block holds rules, purged like the stylesheet itself.
NESTED_RULE_AT_RULES = {"media", "supports", "layer", "container", "document", "-moz-document"}

# Words as a minified script writes them: identifiers, property names,
# strings' contents, and names with dashes (`md-search-result__item`).
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")


@dataclass
class Vocabulary:
    """What the site can show: in its pages and added by its scripts."""

    elements: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    script_words: set[str] = field(default_factory=set)
    # Words a script completes at run time ("md-tag--" + name).
    script_prefixes: tuple[str, ...] = ()
    # Material's page configuration (<script id="__config">) names a version.
    config_has_version: bool = False

    def add_script(self, text: str) -> None:
        words = set(_SCRIPT_WORD.findall(text))
        self.script_words |= words
        self.script_prefixes = tuple(sorted(set(self.script_prefixes) | {w for w in words if w.endswith(("-", "_"))}))

    def scripted(self, name: str) -> bool:
        return name in self.script_words or name.startswith(self.script_prefixes)

    def has_element(self, name: str) -> bool:
        return name in self.elements or self.scripted(name)

    def has_class(self, name: str) -> bool:
        return name in self.classes or self.scripted(name)

    def has_id(self, name: str) -> bool:
        return name in self.ids or self.scripted(name)

    def has_attribute(self, name: str, operator: str | None, value: str | None) -> bool:
        seen = self.attributes.get(name, set())
        if not seen and not self.scripted(name):
            return False
        if operator is None or value is None:
            return True
        if self.scripted(name):
            # A script may set any value it names, or copy one from the pages
            # (the palette copies its inputs' data-md-color-* to <body>).
            return operator != "=" or value in self.script_words or any(value in values for values in self.attributes.values())
        if operator == "=":
            return value in seen
        if operator == "~=":
            return any(value in v.split() for v in seen)
        return True  # |=, ^=, $=, *=: not worth the risk of a subtle miss


class _PageReader(html.parser.HTMLParser):
    """Collects a page's elements, classes, ids and attributes, and the words
    of its inline scripts and styles."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(convert_charrefs=True)
        self.vocabulary = vocabulary
        self.script: str | None = None  # "code", "config" or "data" inside a <script>
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        v = self.vocabulary
        v.elements.add(tag)
        for name, value in attrs:
            value = value or ""
            v.attributes.setdefault(name, set()).add(value)
            if name == "class":
                v.classes.update(value.split())
            elif name == "id":
                v.ids.add(value)
            elif name == "style":
                v.add_script(value)  # custom properties an inline style uses
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self.script = ("config" if ("id", "__config") in attrs
                           else "code" if kind in ("", "text/javascript", "module") else "data")
            self.script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.script = None

    def handle_data(self, data: str) -> None:
        if self.script:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or not self.script:
            return
        text = "".join(self.script_text)
        if self.script == "config":
            try:
                self.vocabulary.config_has_version |= bool(json.loads(text).get("version"))
            except (ValueError, AttributeError):
                self.vocabulary.config_has_version = True  # cannot tell: keep the version selector's styles
        elif self.script == "code":
            self.vocabulary.add_script(text)  # the pages' inline scripts
        self.script = None


@dataclass(frozen=True)
class ScriptedComponent:
    """Markup Material's bundle builds only when a page has the component's
    host (components/content/_/index.ts and bundle.ts mount them by these)."""

    words: tuple[str, ...]  # prefixes of the class names and properties it adds
    hosted: Callable[[Vocabulary, Path], bool]
    source: str  # where Material mounts it


def _search_documents_have_tags(site_dir: Path) -> bool:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return True  # cannot tell: keep
    return any("tags" in document for document in json.loads(index.read_text(encoding="utf-8")).get("docs", []))


SCRIPTED_COMPONENTS = (
    ScriptedComponent(("md-annotation",), lambda v, _: "annotate" in v.classes,
                      "components/content/annotation: .annotate"),
    ScriptedComponent(("md-code__", "hll"), lambda v, _: "pre" in v.elements,
                      "components/content/code: pre > code"),
    ScriptedComponent(("tabbed-",), lambda v, _: "data-tabs" in v.attributes,
                      "components/content/tabs: [data-tabs]"),
    ScriptedComponent(("mermaid", "md-mermaid"), lambda v, _: "mermaid" in v.classes,
                      "components/content/mermaid: pre.mermaid"),
    ScriptedComponent(("md-source__fact",), lambda v, _: "source" in v.attributes.get("data-md-component", set()),
                      "components/source: [data-md-component=source]"),
    ScriptedComponent(("md-version",), lambda v, _: v.config_has_version,
                      "integrations/version: config.version (extra.version)"),
    ScriptedComponent(("md-tag",), lambda v, site: _search_documents_have_tags(site),
                      "templates/search: tags of a search result"),
)


def page_vocabulary(page: bytes) -> Vocabulary:
    """What one page shows (its HTML, UTF-8)."""
    vocabulary = Vocabulary()
    reader = _PageReader(vocabulary)
    reader.feed(page.decode("utf-8"))
    reader.close()
    return vocabulary


def add_vocabulary(vocabulary: Vocabulary, page: Vocabulary) -> None:
    """vocabulary grows by what a page shows."""
    vocabulary.elements |= page.elements
    vocabulary.classes |= page.classes
    vocabulary.ids |= page.ids
    for name, values in page.attributes.items():
        vocabulary.attributes.setdefault(name, set()).update(values)
    vocabulary.script_words |= page.script_words
    vocabulary.script_prefixes = tuple(sorted(set(vocabulary.script_prefixes) | set(page.script_prefixes)))
    vocabulary.config_has_version |= page.config_has_version


def vocabulary_as_json(vocabulary: Vocabulary) -> str:
    return json.dumps({"elements": sorted(vocabulary.elements), "classes": sorted(vocabulary.classes),
                       "ids": sorted(vocabulary.ids),
                       "attributes": {name: sorted(values) for name, values in sorted(vocabulary.attributes.items())},
                       "script_words": sorted(vocabulary.script_words), "script_prefixes": list(vocabulary.script_prefixes),
                       "config_has_version": vocabulary.config_has_version}, ensure_ascii=False)


def vocabulary_from_json(text: str) -> Vocabulary:
    """vocabulary_as_json's text read back; ValueError if it is not one."""
    data = json.loads(text)
    try:
        return Vocabulary(set(data["elements"]), set(data["classes"]), set(data["ids"]),
                          {name: set(values) for name, values in data["attributes"].items()},
                          set(data["script_words"]), tuple(data["script_prefixes"]), bool(data["config_has_version"]))
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a page's vocabulary: {error}") from None


class VocabularyCache(build_cache.DerivedCache):
    """What each page shows, kept by the SHA-256 of its bytes and of this
    module (which reads them), so that a build reads again only the pages
    that changed (`.cache/vocabulary/`, scripts/build.py). Compressed: a
    page lists every address its navigation links, which the next page
    lists again. An entry that cannot be read back as a vocabulary is made again."""

    suffix = ".json.gz"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.reader = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

    def vocabulary(self, page: bytes, read: Callable[[bytes], Vocabulary]) -> Vocabulary:
        """read(page), or what it gave for the same bytes before."""
        def made() -> tuple[Vocabulary, bytes]:
            vocabulary = read(page)
            return vocabulary, zlib.compress(vocabulary_as_json(vocabulary).encode("utf-8"), 1)

        return self.derived([self.reader, page], lambda kept: vocabulary_from_json(zlib.decompress(kept).decode("utf-8")),
                            made)


def site_vocabulary(site_dir: Path, leave_out: Iterable[Path] = (), cache: VocabularyCache | None = None) -> Vocabulary:
    """Everything the pages under site_dir show and their scripts can add,
    but for the pages under the folders `leave_out` (another edition's, with
    its own stylesheets: report_site.final_page_pass). A page whose bytes
    an earlier build read is not read again if `cache` kept what it shows."""
    vocabulary = Vocabulary()
    left_out = tuple(leave_out)
    for page in sorted(site_dir.rglob("*.html")):
        if any(page.is_relative_to(folder) for folder in left_out):
            continue
        data = page.read_bytes()
        add_vocabulary(vocabulary, cache.vocabulary(data, page_vocabulary) if cache is not None else page_vocabulary(data))
    for folder in SCRIPT_FOLDERS:
        for script in sorted((site_dir / folder).rglob("*.js")):
            if not any(script.is_relative_to(site_dir / left_out) for left_out in SCRIPT_FOLDERS_LEFT_OUT):
                vocabulary.add_script(script.read_text(encoding="utf-8"))
    # The bundle names the markup of every component it has; drop the words
    # of those it never mounts here, so their styles go too.
    absent = tuple(word for component in SCRIPTED_COMPONENTS if not component.hosted(vocabulary, site_dir)
                   for word in component.words)
    vocabulary.script_words = {word for word in vocabulary.script_words if not word.startswith(absent)}
    vocabulary.script_prefixes = tuple(word for word in vocabulary.script_prefixes if not word.startswith(absent))
    return vocabulary


# --------------------------------------------------------------------------
# Selectors

def _can_match_compound(compound: selectors.CompoundSelector, vocabulary: Vocabulary) -> bool:
    for simple in compound.simple_selectors:
        if isinstance(simple, selectors.LocalNameSelector) and not vocabulary.has_element(simple.lower_local_name):
            return False
        if isinstance(simple, selectors.ClassSelector) and not vocabulary.has_class(simple.class_name):
            return False
        if isinstance(simple, selectors.IDSelector) and not vocabulary.has_id(simple.ident):
            return False
        if (isinstance(simple, selectors.AttributeSelector)
                and not vocabulary.has_attribute(simple.lower_name, simple.operator, simple.value)):
            return False
        # :is() / :where() match when one of their selectors can; an argument
        # the parser could not read (it skips those) might.
        if (isinstance(simple, (selectors.MatchesAnySelector, selectors.SpecificityAdjustmentSelector))
                and simple.selector_list
                and not any(_can_match(s.parsed_tree, vocabulary) for s in simple.selector_list)):
            return False
    return True  # :not(), :has(), pseudo-classes: assumed to match


def _can_match(tree: object, vocabulary: Vocabulary) -> bool:
    if isinstance(tree, selectors.CombinedSelector):
        return _can_match(tree.left, vocabulary) and _can_match(tree.right, vocabulary)
    if isinstance(tree, selectors.CompoundSelector):
        return _can_match_compound(tree, vocabulary)
    return True


def _logical_arguments_complete(tokens: list[tinycss2.ast.Node]) -> bool:
    """cssselect2 silently skips :is()/:where() arguments it cannot read;
    only trust its analysis when it read them all."""
    for token in tokens:
        if token.type == "function":
            if token.lower_name in ("is", "where", "matches", "-webkit-any", "-moz-any"):
                written = 1 + sum(1 for t in token.arguments if t.type == "literal" and t.value == ",")
                parsed = list(selectors.parse(token.arguments, forgiving=True))
                if len(parsed) != written:
                    return False
            if not _logical_arguments_complete(token.arguments):
                return False
    return True


def selector_can_match(tokens: list[tinycss2.ast.Node], vocabulary: Vocabulary) -> bool:
    """False only when the selector certainly matches nothing the site can show."""
    try:
        parsed = list(selectors.parse(tokens))
    except (selectors.SelectorError, NotImplementedError, KeyError, AttributeError, TypeError):
        # Often a pseudo-element the parser does not know (::-webkit-scrollbar):
        # it can only exist where the element it belongs to can.
        originating = _before_pseudo_element(tokens)
        if originating is None or originating == tokens:
            return True  # not understood: kept
        return selector_can_match(originating, vocabulary)
    if len(parsed) != 1 or not _logical_arguments_complete(tokens):
        return True
    return _can_match(parsed[0].parsed_tree, vocabulary)


def _before_pseudo_element(tokens: list[tinycss2.ast.Node]) -> list[tinycss2.ast.Node] | None:
    """The selector up to its pseudo-element (`a::-webkit-scrollbar:hover` -> `a`),
    or None when nothing is left of it."""
    for index in range(len(tokens) - 1):
        first, second = tokens[index], tokens[index + 1]
        if first.type == second.type == "literal" and first.value == second.value == ":":
            before = tokens[index - 1] if index else None
            if before is None or before.type == "whitespace" or (before.type == "literal" and before.value in ">+~"):
                return None  # `::x`, `.a ::x`, `.a > ::x`: of any element
            return tokens[:index]
    return tokens


def _split_selector_list(prelude: list[tinycss2.ast.Node]) -> list[list[tinycss2.ast.Node]]:
    parts: list[list[tinycss2.ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _strip(tokens: list[tinycss2.ast.Node]) -> list[tinycss2.ast.Node]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[start:end]


# --------------------------------------------------------------------------
# Stylesheets: parsed once into rules whose blocks hold declarations (or,
# for @media and the like, rules), purged, then written out again.

# At-rules whose block holds declarations.
DECLARATION_AT_RULES = {"font-face", "page", "property", "counter-style", "font-palette-values"}


def parse_css(text: str) -> list[tinycss2.ast.Node]:
    return _parsed(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


def _parsed(rules: Iterable[tinycss2.ast.Node]) -> list[tinycss2.ast.Node]:
    out = []
    for rule in rules:
        if rule.type == "error":
            raise ValueError(f"{rule.source_line}:{rule.source_column}: {rule.message}")
        if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.lower_at_keyword in DECLARATION_AT_RULES
                                             and rule.content is not None):
            rule.content = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            errors = [item for item in rule.content if item.type == "error"]
            if errors:
                raise ValueError(f"{errors[0].source_line}:{errors[0].source_column}: {errors[0].message}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_RULE_AT_RULES and rule.content is not None:
            rule.content = _parsed(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
        out.append(rule)  # @keyframes, @charset, @import...: their tokens as they are
    return out


@dataclass
class PurgeCount:
    selectors_kept: int = 0
    selectors_dropped: int = 0
    declarations_dropped: int = 0
    dropped: list[str] = field(default_factory=list)  # the selectors, for the tests
    dropped_on_purpose: list[str] = field(default_factory=list)


def _purge_rules(rules: list[tinycss2.ast.Node], vocabulary: Vocabulary, count: PurgeCount) -> list[tinycss2.ast.Node]:
    kept: list[tinycss2.ast.Node] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            parts = _split_selector_list(rule.prelude)
            survivors = []
            for part in parts:
                if tinycss2.serialize(_strip(part)) in DROPPED_ON_PURPOSE:
                    count.dropped_on_purpose.append(tinycss2.serialize(_strip(part)))
                elif selector_can_match(_strip(part), vocabulary):
                    survivors.append(part)
                else:
                    count.dropped.append(tinycss2.serialize(_strip(part)))
            count.selectors_kept += len(survivors)
            count.selectors_dropped += len(parts) - len(survivors)
            if survivors:
                prelude: list[tinycss2.ast.Node] = []
                for number, part in enumerate(survivors):
                    if number:
                        prelude.append(tinycss2.ast.LiteralToken(0, 0, ","))
                    prelude.extend(part)
                rule.prelude = prelude
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_RULE_AT_RULES and rule.content is not None:
            rule.content = _purge_rules(rule.content, vocabulary, count)
            if rule.content:
                kept.append(rule)
        else:
            kept.append(rule)
    return kept


# Custom properties nothing uses any more

def _declaration_blocks(rules: Iterable[tinycss2.ast.Node]) -> Iterable[tinycss2.ast.Node]:
    for rule in rules:
        if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.lower_at_keyword in DECLARATION_AT_RULES
                                             and rule.content is not None):
            yield rule
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_RULE_AT_RULES and rule.content is not None:
            yield from _declaration_blocks(rule.content)


def _tokens(nodes: Iterable[tinycss2.ast.Node]) -> Iterable[tinycss2.ast.Node]:
    """Every token of the parsed rules: preludes, declaration values, raw blocks."""
    for node in nodes:
        if node.type == "declaration":
            yield from node.value
        elif node.type in ("qualified-rule", "at-rule"):
            yield from node.prelude
            if node.content is not None:
                yield from _tokens(node.content)
        else:
            yield node


def _var_references(tokens: Iterable[tinycss2.ast.Node], found: set[str]) -> None:
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var":
                name = next((t.value for t in token.arguments if t.type == "ident"), None)
                if name and name.startswith("--"):
                    found.add(name)
            _var_references(token.arguments, found)
        elif token.type in ("() block", "[] block", "{} block"):
            _var_references(token.content, found)


def _prune_custom_properties(sheets: dict[str, list[tinycss2.ast.Node]], other_css: list[list[tinycss2.ast.Node]],
                             vocabulary: Vocabulary, counts: dict[str, PurgeCount]) -> None:
    """Drop `--name: value` where nothing reads var(--name) (nor a script names
    it), until no more go: a dropped value may have been the last to read another."""
    while True:
        used: set[str] = set()
        for rules in list(sheets.values()) + other_css:
            _var_references(_tokens(rules), used)
        removed = 0
        for name, rules in sheets.items():
            for block in _declaration_blocks(rules):
                kept = []
                for item in block.content:
                    if (item.type == "declaration" and item.name.startswith("--") and item.name not in used
                            and not vocabulary.scripted(item.name[2:])):
                        removed += 1
                        counts[name].declarations_dropped += 1
                    else:
                        kept.append(item)
                block.content = kept
        if not removed:
            return


def serialize_css(rules: list[tinycss2.ast.Node]) -> str:
    out = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in NESTED_RULE_AT_RULES and rule.content is not None:
            body = serialize_css(rule.content)
            if body:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.lower_at_keyword in DECLARATION_AT_RULES
                                                             and rule.content is not None):
            body = _serialize_block(rule.content)
            prelude = tinycss2.serialize(rule.prelude)
            if rule.type == "at-rule":
                out.append(f"@{rule.at_keyword}{prelude}{{{body}}}")
            elif body:  # a rule left with no declarations says nothing
                out.append(f"{prelude}{{{body}}}")
        else:
            out.append(rule.serialize())
    return "".join(out)


def _serialize_block(items: list[tinycss2.ast.Node]) -> str:
    parts = []
    for item in items:
        if item.type == "declaration":
            value = tinycss2.serialize(item.value).strip()
            parts.append(f"{item.name}:{value}{'!important' if item.important else ''}")
        else:
            parts.append(serialize_css([item]))  # a nested rule
    return ";".join(parts)


# --------------------------------------------------------------------------
# The site

@dataclass
class PurgedStylesheet:
    old_path: str  # relative to the site, e.g. assets/stylesheets/main.57a0d79d.min.css
    new_path: str
    bytes_before: int
    bytes_after: int
    gzip_before: int
    gzip_after: int
    count: PurgeCount


def _gzip_size(data: bytes) -> int:
    return len(gzip_copy(data))


def purged_stylesheets(site_dir: Path) -> dict[str, Path]:
    """Material's stylesheets in a built site, by name (main, palette)."""
    found: dict[str, Path] = {}
    for name in PURGED_STYLESHEETS:
        matches = sorted((site_dir / STYLESHEETS).glob(f"{name}.*.min.css"))
        if len(matches) > 1:
            raise BuildFailed(f"{site_dir / STYLESHEETS}: {len(matches)} stylesheets named {name}.*.min.css "
                              "(expected Material's one)")
        if matches:
            found[name] = matches[0]
    if "main" not in found:
        raise BuildFailed(f"{site_dir / STYLESHEETS}: no main.*.min.css (expected Material's stylesheet)")
    return found


def _parse_file(path: Path) -> list[tinycss2.ast.Node]:
    try:
        return parse_css(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BuildFailed(f"{path}:{error} (expected CSS that tinycss2 reads without errors)") from None


def purge_site(site_dir: Path, leave_out: Iterable[Path] = (), cache: VocabularyCache | None = None) -> list[PurgedStylesheet]:
    """Purge Material's stylesheets in site_dir against its pages (but those
    under `leave_out`; what a page shows taken from `cache` where it has it)
    and write each under a name of its new content. The
    pages still link the old names: `link_edits` says how to point them at
    the new ones (applied with the other page edits, page_edits.rewrite_pages)."""
    left_out = tuple(leave_out)
    vocabulary = site_vocabulary(site_dir, left_out, cache)
    originals = purged_stylesheets(site_dir)
    sheets = {name: _parse_file(path) for name, path in originals.items()}
    counts = {name: PurgeCount() for name in sheets}
    for name in sheets:
        sheets[name] = _purge_rules(sheets[name], vocabulary, counts[name])
    # Our own stylesheets read Material's custom properties too.
    own_css = [_parse_file(path) for path in sorted(site_dir.rglob("*.css"))
               if path not in originals.values() and not any(path.is_relative_to(folder) for folder in left_out)]
    _prune_custom_properties(sheets, own_css, vocabulary, counts)

    results = []
    for name, path in originals.items():
        before = path.read_bytes()
        after = serialize_css(sheets[name]).encode("utf-8")
        digest = hashlib.sha256(after).hexdigest()[:8]
        target = path.with_name(f"{name}.{digest}.min.css")
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # maps the unpurged file
        target.write_bytes(after)
        results.append(PurgedStylesheet(path.relative_to(site_dir).as_posix(), target.relative_to(site_dir).as_posix(),
                                        len(before), len(after), _gzip_size(before), _gzip_size(after), counts[name]))
    return results


def link_edits(purged: list[PurgedStylesheet]) -> list[PageEdit]:
    """The pages' links to Material's stylesheets, pointed at the purged ones.
    A link's address ends with the file's path (../assets/..., or
    /assets/... on the 404 page), then its closing quote."""
    return [PageEdit(f'{sheet.old_path}"', f'{sheet.new_path}"',
                     f"{sheet.old_path}: no page links it (expected Material's base template to)")
            for sheet in purged]
