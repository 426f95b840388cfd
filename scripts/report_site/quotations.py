"""Words the site shows as the report's, held against the report.

The front-matter schema marks each field shown as the report's words
`x-report-words: true` (a group's `report_name`, shown in quotation marks
under "In the report"; a message's `passages[].quote`, shown as a block
quotation credited to the section of its `anchor`). Their words must be the
report's, after the same normalisation of markup and spaces
(markdown_scan.plain_text), and, where the field's object cites a section
with an `x-anchor` field, in that section. Free text marked
`x-quotes-report: true` (a description, a date note) may quote the report
in quotation marks: on an English page, the words quoted must be the
report's too, each part of a quotation with an elision (…) on its own. The report's words are its text as this edition gives it or as
its source published it (its `corrections` undone), and never its
editorial notes (admonitions), which are this edition's words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import markdown_scan


@dataclass(frozen=True)
class ReportWords:
    """A report's words: the whole text, and each anchor's section, each in
    its edited form and (if it differs) as the source gave it."""

    whole: tuple[str, ...]
    sections: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, body: str, corrections: Iterable[Mapping[str, str]] = ()) -> ReportWords:
        undo = [(c["corrected"], c["original"]) for c in corrections if c.get("corrected") and c.get("original")]

        def forms(text: str) -> tuple[str, ...]:
            original = text
            for corrected, source_words in undo:
                original = original.replace(corrected, source_words)
            return (text,) if original == text else (text, original)

        whole, sections = markdown_scan.section_words(body)
        return cls(forms(whole), {anchor: forms(text) for anchor, text in sections.items()})

    def contains(self, quote: str) -> bool:
        return any(quote in text for text in self.whole)

    def in_section(self, quote: str, anchor: str) -> bool:
        return any(quote in text for text in self.sections.get(anchor, ()))

    def sections_with(self, quote: str) -> list[str]:
        """The anchors whose section has the words, the narrowest first (a paragraph's before its heading's)."""
        found = [anchor for anchor, texts in self.sections.items() if any(quote in text for text in texts)]
        return sorted(found, key=lambda anchor: len(self.sections[anchor][0]))

    def closest(self, quote: str, anchor: str | None = None) -> str:
        """The passage most like the quote: in the cited section if there is one, else anywhere."""
        return closest_passage(quote, self.sections[anchor][0] if anchor in self.sections else self.whole[0])


@dataclass(frozen=True)
class NotInReport:
    closest: str  # the passage most like it, or "" when none is close


@dataclass(frozen=True)
class OtherSection:
    anchors: list[str]  # the sections that have the words, the narrowest first


def check_quotation(quote: str, anchor: str | None, words: ReportWords) -> NotInReport | OtherSection | None:
    """What is wrong with words shown as the report's, citing `anchor` (or no
    section); None when they are the report's, in that section."""
    plain = markdown_scan.plain_text(quote)
    if not words.contains(plain):
        return NotInReport(words.closest(plain, anchor) or words.closest(plain))
    if anchor is not None and not words.in_section(plain, anchor):
        return OtherSection(words.sections_with(plain))
    return None


# A quotation in running text: “…” in English, «…» in the editions that use
# guillemets; the other marks of a language („…“, ‘…’) only nest inside these.
QUOTED = re.compile(r"“([^“”]+)”|«([^«»]+)»")
# An elision inside a quotation: …, (…), […] or three dots.
ELISION = re.compile(r"\s*(?:\(…\)|\[…\]|…|\.\.\.)\s*")


def quoted_parts(text: str) -> list[tuple[str, str]]:
    """(quotation as written, one part of it between elisions) for every
    quotation of a text, without the punctuation that closes a sentence."""
    parts = []
    for match in QUOTED.finditer(text):
        quotation = match.group(1) or match.group(2)
        for part in ELISION.split(quotation):
            part = part.strip().rstrip(".,;:!?")
            if part:
                parts.append((quotation, part))
    return parts


def misquoted_in(text: str, words: ReportWords) -> list[tuple[str, str]]:
    """(quotation, closest passage or "") for each quotation in the text that is not the report's words."""
    found: list[tuple[str, str]] = []
    for quotation, part in quoted_parts(text):
        plain = markdown_scan.plain_text(part)
        if not words.contains(plain) and all(quotation != seen for seen, _ in found):
            found.append((quotation, words.closest(plain)))
    return found


def closest_passage(quote: str, text: str) -> str:
    """The run of words of `text`, as many as the quote has, most like it:
    what the author probably meant to quote. Empty when nothing is close."""
    words, length = text.split(), len(quote.split())
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote.casefold())  # the fixed side: SequenceMatcher caches what it knows of seq2
    best, best_ratio = "", 0.5  # below half alike, a passage is no hint
    for start in range(max(1, len(words) - length + 1)):
        candidate = " ".join(words[start:start + length])
        matcher.set_seq1(candidate.casefold())
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best
