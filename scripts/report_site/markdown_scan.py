"""What the build needs to know of a Markdown body before rendering it:
the anchors it defines and the links it makes, each with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from markdown.extensions.toc import slugify

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
ATTR_ID = re.compile(r"\{:?[^}]*?#([A-Za-z][\w-]*)[^}]*\}")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
# [text](target "title") and ![alt](target); reference definitions [x]: target
INLINE_LINK = re.compile(r"(!?)\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\".*\")?\s*$")
INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Link:
    target: str
    line: int  # 1-based, within the body
    column: int
    is_image: bool


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) of every line outside fenced code."""
    fenced = False
    for number, line in enumerate(body.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def anchors(body: str) -> set[str]:
    """Ids the rendered page will have: headings (as the toc extension
    slugifies them, or their explicit {#id}), attribute lists and HTML ids."""
    return set(sections(body))


def sections(body: str) -> dict[str, str]:
    """Each id of the page -> the text of the heading it is under (or is)."""
    found: dict[str, str] = {}
    current = ""
    for _, line in prose_lines(body):
        heading = HEADING.match(line)
        if heading:
            current = INLINE_MARKUP.sub(lambda m: m.group(1) or "", heading.group(2)).strip()
            explicit = ATTR_ID.search("{" + heading.group(3) + "}") if heading.group(3) else None
            found[explicit.group(1) if explicit else slugify(current, "-")] = current
            continue
        for anchor in [m.group(1) for m in ATTR_ID.finditer(line)] + HTML_ID.findall(line):
            found[anchor] = current
    return found


def links(body: str) -> Iterator[Link]:
    for number, line in prose_lines(body):
        for match in INLINE_LINK.finditer(line):
            yield Link(match.group(2), number, match.start(2) + 1, bool(match.group(1)))
        definition = REFERENCE_DEF.match(line)
        if definition:
            yield Link(definition.group(1), number, definition.start(1) + 1, False)


def plain_text(markdown_text: str) -> str:
    """Words of a Markdown passage with markup and whitespace runs removed,
    to compare quotations with the text they quote."""
    text = ATTR_ID.sub("", markdown_text)
    text = INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"^\s*(?:>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())
