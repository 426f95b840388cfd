"""What the build needs to know of a Markdown body before rendering it:
the anchors it defines, the heading each stands under, and its plain words.
(Its links: report_site.markdown_links.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.extensions.toc import slugify

from .markdown_links import FENCE, text_of_links

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
ATTR_ID = re.compile(r"\{:?[^}]*?#([A-Za-z][\w-]*)[^}]*\}")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
EMPHASIS_AND_CODE = re.compile(r"[*_`]")
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")
LIST_OR_QUOTE_MARK = re.compile(r"^\s*(?:>|[-*+]|\d+\.)\s+", re.MULTILINE)


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) of every line outside fenced code."""
    fenced = False
    for number, line in enumerate(body.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def heading_text(markdown_text: str) -> str:
    """A heading's words as the toc extension sees them: links as their text, no markup."""
    return EMPHASIS_AND_CODE.sub("", text_of_links(markdown_text)).strip()


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
            current = heading_text(heading.group(2))
            explicit = ATTR_ID.search("{" + heading.group(3) + "}") if heading.group(3) else None
            found[explicit.group(1) if explicit else slugify(current, "-")] = current
            continue
        for anchor in [m.group(1) for m in ATTR_ID.finditer(line)] + HTML_ID.findall(line):
            found[anchor] = current
    return found


def plain_text(markdown_text: str) -> str:
    """Words of a Markdown passage with markup and whitespace runs removed,
    to compare quotations with the text they quote."""
    text = ATTR_ID.sub("", markdown_text)
    text = EMPHASIS_AND_CODE.sub("", text_of_links(text))
    text = FOOTNOTE_REFERENCE.sub("", text)
    text = LIST_OR_QUOTE_MARK.sub("", text)
    return " ".join(text.split())


def explicit_anchors(body: str) -> set[str]:
    """The ids an author wrote ({#id} on headings, {: #id } on blocks, id="..."),
    not those the toc extension makes from a heading's words: a translation
    keeps these, while its headings' words (and so their slugs) change."""
    found: set[str] = set()
    for _, line in prose_lines(body):
        heading = HEADING.match(line)
        if heading:
            explicit = ATTR_ID.search("{" + heading.group(3) + "}") if heading.group(3) else None
            if explicit:
                found.add(explicit.group(1))
            continue
        found.update(m.group(1) for m in ATTR_ID.finditer(line))
        found.update(HTML_ID.findall(line))
    return found


# An admonition's first line (`!!! note "Editorial note"`, or collapsible `???`):
# its indented lines are a note set apart from the text around it.
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s")


def section_words(body: str) -> tuple[str, dict[str, str]]:
    """The body's plain words outside admonitions, and each id -> the plain
    words of what it marks: a heading's id, its section (up to the next
    heading of its level or above); a block's id, that block. Admonitions
    are left out: on a report they hold this edition's notes, not the text."""
    marked: dict[str, list[str]] = {}
    whole: list[str] = []
    open_headings: list[tuple[int, str]] = []
    block: list[str] = []
    in_admonition = False

    def end_block() -> None:
        if not block:
            return
        text = "\n".join(block)
        block.clear()
        words = plain_text(text)
        for anchor in [m.group(1) for m in ATTR_ID.finditer(text)] + HTML_ID.findall(text):
            marked.setdefault(anchor, []).append(words)
        for _, anchor in open_headings:
            marked[anchor].append(words)
        whole.append(words)

    for _, line in prose_lines(body):
        if in_admonition:
            if not line.strip() or line.startswith(("    ", "\t")):
                continue
            in_admonition = False
        if ADMONITION.match(line):
            end_block()
            in_admonition = True
            continue
        heading = HEADING.match(line)
        if heading:
            end_block()
            level = len(heading.group(1))
            explicit = ATTR_ID.search("{" + heading.group(3) + "}") if heading.group(3) else None
            anchor = explicit.group(1) if explicit else slugify(heading_text(heading.group(2)), "-")
            while open_headings and open_headings[-1][0] >= level:
                open_headings.pop()
            open_headings.append((level, anchor))
            marked.setdefault(anchor, [])
            continue
        if not line.strip():
            end_block()
            continue
        block.append(line)
    end_block()
    return " ".join(filter(None, whole)), {anchor: " ".join(filter(None, parts)) for anchor, parts in marked.items()}
