"""Split a Markdown file into its YAML front-matter and body, strictly.

MkDocs swallows a malformed front-matter block and publishes it as page
text. Here every departure from a plain YAML mapping is a Problem with the
line and column where it happens: tabs, duplicate keys (PyYAML would keep
the last one silently), aliases (which can expand exponentially), tags
that construct Python objects, and dates (kept as text so that the schema,
not the YAML parser, decides what an impossible date is).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.cyaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

# The same delimiters MkDocs accepts, so both read the same block.
OPENING = re.compile(r"\A---[ \t]*\r?\n")
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)

Path_ = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """A page's metadata, where each value stands in the file, and its body."""

    data: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the file where the body starts
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a field, or of its closest enclosing field."""
        table = self.key_positions if key else self.value_positions
        while path:
            if path in table:
                return table[path]
            if path in self.key_positions:
                return self.key_positions[path]
            path = path[:-1]
        return self.value_positions.get((), (2, 1))


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _StrictComposer(Composer):
    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _StrictLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                    _StrictComposer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _StrictComposer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


if yaml.__with_libyaml__:
    class _FastLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml parses and composes (several times faster than PyYAML's
        Python parser); aliases are then refused by `_construct`, which sees
        an aliased node a second time."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _Loader: Any = _FastLoader  # a PyYAML loader class (PyYAML has no type information)
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _StrictLoader

# Dates stay strings: "2014-02-30" must reach the schema as text to be
# reported as an impossible date rather than as a YAML error.
_Loader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying where it stops being UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, column, "file",
                              f"byte 0x{raw[error.start]:02x} is not UTF-8 (expected a UTF-8 text file)")]


def split_front_matter(text: str, display: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the front-matter of one page; all problems found, or the result."""
    if not text.strip():
        return None, [Problem(display, 1, 1, "file", "the file is empty (expected front-matter between '---' lines, then Markdown)")]
    opening = OPENING.match(text)
    if not opening:
        return None, [Problem(display, 1, 1, "front-matter",
                              "the file does not start with front-matter (expected a first line of '---')")]
    closing = CLOSING.search(text, opening.end())
    if not closing:
        return None, [Problem(display, 1, 1, "front-matter",
                              "the front-matter is never closed (expected a line of '---' after the fields)")]
    block = text[opening.end():closing.start()]
    block_first_line = 2
    body_line = text.count("\n", 0, closing.end()) + 2
    # The closing line's own newline ends the block; the body is the rest.
    body = text[closing.end():].removeprefix("\r").removeprefix("\n")

    problems = _tab_problems(block, block_first_line, display)
    if problems:
        return None, problems
    try:
        loader = _Loader(block)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _AliasRefused as error:
        return None, [Problem(display, error.mark.line + block_first_line, error.mark.column + 1, "front-matter",
                              "YAML aliases are not allowed (expected each value written out in full)")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + block_first_line
        column = (mark.column if mark else 0) + 1
        what = error.problem or "malformed YAML"
        lines = block.splitlines()
        at = line - block_first_line
        expected = _quoting_hint(lines[at] if mark and 0 <= at < len(lines) else "") or "expected 'field: value' lines"
        return None, [Problem(display, line, column, "front-matter", f"malformed YAML: {what} ({expected})")]
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        return None, [Problem(display, block_first_line, 1, "front-matter", f"malformed YAML: {error}")]

    if root is None or not isinstance(root, MappingNode):
        line = root.start_mark.line + block_first_line if root is not None else block_first_line
        found = "nothing" if root is None else ("a list" if isinstance(root, SequenceNode) else "a single value")
        return None, [Problem(display, line, 1, "front-matter",
                              f"front-matter is {found} (expected a mapping of 'field: value' lines)")]

    result = FrontMatter(data={}, body=body, body_line=body_line)
    problems = []
    try:
        result.data = _construct(root, (), result, problems, display, block_first_line, loader, set())
    except _AliasRefused as error:
        return None, [Problem(display, error.mark.line + block_first_line, error.mark.column + 1, "front-matter",
                              "YAML aliases are not allowed (expected each value written out in full)")]
    return (None, problems) if problems else (result, [])


# `title: EPNK: progress` — a value holding ": " that YAML reads as a second mapping.
_UNQUOTED_COLON = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[\w-]+):[ \t]+(?P<value>[^'\"\[{|>#].*?:(?:[ \t].*)?)\s*$")


def _quoting_hint(line: str) -> str:
    """For a value that contains ": ", what to write instead: the value in quotes."""
    found = _UNQUOTED_COLON.match(line)
    if not found:
        return ""
    value = found.group("value")
    quoted = "'" + value.replace("'", "''") + "'" if '"' in value else '"' + value.replace("\\", "\\\\") + '"'
    return (f"expected a value that contains ': ' in quotes: {found.group('key')}: {quoted}")


# A page's id, kind and meeting, read line by line from front-matter that YAML
# cannot parse: enough to know which page it is (report_site.site_model.Claim).
_LENIENT_FIELD = re.compile(r"^(id|kind|meeting):[ \t]*(['\"]?)([\w.-]+)\2[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def lenient_fields(text: str) -> dict[str, str]:
    """The top-level `id`, `kind` and `meeting` of a page, however broken the
    rest of its front-matter is; only those written as plain one-line values."""
    opening = OPENING.match(text)
    if not opening:
        return {}
    closing = CLOSING.search(text, opening.end())
    block = text[opening.end(): closing.start() if closing else len(text)]
    found: dict[str, str] = {}
    for match in _LENIENT_FIELD.finditer(block):
        found.setdefault(match.group(1), match.group(3))
    return found


def _tab_problems(block: str, first_line: int, display: str) -> list[Problem]:
    problems = []
    for offset, line in enumerate(block.splitlines()):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Problem(display, first_line + offset, line.index("\t") + 1, "front-matter",
                                    "a tab is used for indentation (expected spaces: YAML does not allow tabs)"))
    return problems


def _construct(node: Node, path: Path_, result: FrontMatter, problems: list[Problem],
               display: str, first_line: int, loader: Any, seen: set[int]) -> Any:
    if id(node) in seen:
        # The same node twice: an alias. Refused before any expansion happens.
        raise _AliasRefused(yaml.Mark("", 0, *_key_mark(result, path, first_line), None, None))
    seen.add(id(node))
    where = (node.start_mark.line + first_line, node.start_mark.column + 1)
    result.value_positions[path] = where
    name = _field_name(path)
    if isinstance(node, MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = (key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(Problem(display, *key_at, name or "front-matter",
                                        f"the key {key_node.value!r} is not a plain name (expected a word such as 'title')"))
                continue
            key = key_node.value
            if key in mapping:
                first = result.key_positions[path + (key,)]
                problems.append(Problem(display, *key_at, _field_name(path + (key,)),
                                        f"duplicate key: already set on line {first[0]} (expected each field once)"))
                continue
            result.key_positions[path + (key,)] = key_at
            mapping[key] = _construct(value_node, path + (key,), result, problems, display, first_line, loader, seen)
        return mapping
    if isinstance(node, SequenceNode):
        return [_construct(item, path + (index,), result, problems, display, first_line, loader, seen)
                for index, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(display, *where, name or "front-matter",
                                f"the YAML tag {node.tag!r} is not allowed (expected plain text, numbers, true/false or lists)"))
        return None
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError) as error:
        problems.append(Problem(display, *where, name or "front-matter", f"unreadable value: {error}"))
        return None


def _key_mark(result: FrontMatter, path: Path_, first_line: int) -> tuple[int, int]:
    """0-based (line, column) of the block where a path's key stands, for yaml.Mark."""
    line, column = result.key_positions.get(path, (first_line, 1))
    return line - first_line, column - 1


def string_values(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text in a front-matter value, nested lists and mappings included, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_values(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_values(item, path + (index,))


def _field_name(path: Path_) -> str:
    """`passages[0].anchor` for ("passages", 0, "anchor")."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name
