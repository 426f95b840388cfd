"""What a Markdown link looks like, known in one place.

The link check (site_model), the safety check (safety), the whole-report
page (whole_report) and the `id:` links of rendered pages (page_rendering)
all read links in the Markdown source, before Python-Markdown renders it.
With a pattern each, a link one of them missed (a title in single quotes,
parentheses in an address, link text over two lines) would be rendered all
the same: published unchecked, or left pointing at the wrong place.

Code is not a link: fenced blocks and code spans are blanked out first, and
`[^note]: ...` is a footnote (the footnotes extension), not a definition.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")

# Link text: one level of brackets inside, lines may break. Runs are
# possessive (++): nothing after them could match a shorter run, and
# without it a long run that fails to match is tried every way it splits.
_TEXT = r"(?:[^\]\[]++|\[[^\]]*\])*"
# [text](target "title"), and ![alt](<target> 'title') when a "!" stands
# before it (looked at separately: a pattern that starts with "[" is found
# four times faster). An address may hold balanced parentheses; with
# unbalanced ones it ends at the first ")", as Python-Markdown reads it.
INLINE_LINK = re.compile(
    rf"\[(?P<text>{_TEXT})\]"
    r"\(\s*<?(?P<target>(?:[^()\s>]++|\([^()\s]*\))+|[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
# [label]: target "title"
REFERENCE_DEFINITION = re.compile(
    r"^\s{0,3}\[(?!\^)(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s+[\"'(].*)?\s*$", re.MULTILINE)
# ![alt][label], and ![alt] whose label is its alt text.
REFERENCE_IMAGE = re.compile(rf"!\[(?P<text>{_TEXT})\](?:\[(?P<label>[^\]]*)\])?")

# Targets that leave the site; everything else is a page or file of docs/.
EXTERNAL_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# `[text](id:page-id#anchor)`: a link to a page by its front-matter id.
ID_SCHEME = "id:"


@dataclass(frozen=True)
class Link:
    target: str
    start: int  # offset of the target in the text
    end: int
    is_image: bool
    label: str | None = None  # set for a reference definition: the name it defines


def without_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked out, every
    offset and line break where it was: Markdown shows code as text."""
    if "`" not in text and "~~~" not in text:
        return text  # most pages: no code at all, and this runs on each of them several times
    lines = text.split("\n")
    fenced = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            lines[index] = " " * len(line)
        elif fenced:
            lines[index] = " " * len(line)
    return CODE_SPAN.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), "\n".join(lines))


def links(text: str, *, code_blanked: bool = False) -> list[Link]:
    """Every inline link, image and reference definition, in the order they
    stand. `code_blanked`: the caller has already applied `without_code`."""
    prose = text if code_blanked else without_code(text)
    found = [Link(m.group("target"), m.start("target"), m.end("target"), _is_image(prose, m))
             for m in INLINE_LINK.finditer(prose)]
    found += [Link(m.group("target"), m.start("target"), m.end("target"), False, m.group("label"))
              for m in REFERENCE_DEFINITION.finditer(prose)]
    return sorted(found, key=lambda link: link.start)


def reference_images(text: str, *, code_blanked: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, label) of every reference-style image, `![alt][label]` or `![alt]`."""
    prose = text if code_blanked else without_code(text)
    inline = {m.start() - 1 for m in INLINE_LINK.finditer(prose) if _is_image(prose, m)}
    for match in REFERENCE_IMAGE.finditer(prose):
        if match.start() not in inline:
            yield match.start(), match.group("label") or match.group("text")


def _is_image(text: str, match: re.Match[str]) -> bool:
    return text[match.start() - 1: match.start()] == "!"


def replace_targets(text: str, replace: Callable[[str], str]) -> str:
    """The text with every link target (outside code) replaced by `replace(target)`."""
    pieces: list[str] = []
    done = 0
    for link in links(text):
        pieces += [text[done:link.start], replace(link.target)]
        done = link.end
    return "".join(pieces) + text[done:]


def text_of_links(text: str) -> str:
    """Inline links reduced to their text, what a reader sees of them, for
    heading slugs and quotations (an image keeps its "!")."""
    return INLINE_LINK.sub(lambda match: match.group("text"), text)


def is_external(target: str) -> bool:
    return target.startswith(EXTERNAL_SCHEMES)


def split_target(target: str) -> tuple[str, str]:
    """`path#anchor` -> (path, anchor); either may be empty."""
    path, _, anchor = target.partition("#")
    return path, anchor


def page_id(path: str) -> str | None:
    """The page id of an `id:` target's path part, else None."""
    return path[len(ID_SCHEME):] if path.startswith(ID_SCHEME) else None


class LineIndex:
    """Offsets of a text -> (line, column), both 1-based: worked out only for
    the few links that have a problem to report."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
