"""Synthetic collections of meetings, for the benchmark, whose meetings differ
in their words as real reports do.

Each synthetic meeting keeps the real meeting's pages (the same files and
front-matter fields, in every edition: docs/ and translations/<code>/), with
its ids and titles renamed, a date and place of its own, and its prose
replaced: every plain paragraph of its pages becomes sentences drawn, by a
random generator seeded from `seed` and the meeting's number, from the pool
of that language's sentences across every page of the site. Copies of one
report compress far better than distinct reports, so an index built from
copies understates what a real archive weighs; drawn sentences do not repeat
one meeting's text.

What the build checks of a meeting still holds, by construction:
- the words a page shows as the report's (a message's `passages[].quote`,
  a quotation in an English page's description or date note) are made to be
  words of that meeting's own report, in the section they cite: the quote
  becomes the sentence drawn into the paragraph of its anchor;
- the paragraphs that carry what cannot be redrawn (a group's
  `report_name`, the words an editorial correction changes, links, anchors,
  quotation marks) are kept as they are;
- a drawn sentence has no quotation marks and no markup, so it neither
  brings in a term the terminology check allows only inside quotations nor
  a broken link;
- the date note names the meeting's own year (meeting_dates);
- each translation's `source_hash` is recomputed from its synthetic English
  page, so that no translation is stale.

The same (meetings, seed) gives the same bytes. The first meeting is the
real one, unchanged.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from . import editions, markdown_scan, quotations, translations
from .site_model import load_site

MEETING_FOLDER = "meetings/london-2014"
REAL_YEAR = "2014"

# Places a meeting of these programmes could have been held, in the English
# `place` field (the only place the build reads as data).
PLACES = ("Tbilisi", "Istanbul", "Vienna", "Brussels", "Geneva", "Berlin", "Yerevan", "Baku", "Oslo", "The Hague",
          "Stockholm", "Kyiv", "Chisinau", "Prague")

# A sentence ends with a full stop, question or exclamation mark, or the
# Armenian full stop (U+0589), followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?\u0589])\s+(?=\S)")
# What a drawn sentence may not hold: markup (links, attribute lists, code,
# emphasis, HTML) and quotation marks (the terminology check allows a
# report's own words only inside them; the quotation check reads them).
_NOT_PLAIN = re.compile(r"[\[\]{}<>`*_|#\"“”«»‘’„‹›]|https?:|\bid:")
_YEAR_IN_PROSE = re.compile(r"(?<![-\w])" + REAL_YEAR + r"(?!\d)")
_QUOTED = re.compile(r"“([^”]+)”")
_NOT_QUOTING = ("sources:", "source:", "allow_terms:", "title:", "nav_title:", "corrections:",
                "---")


def _split_page(text: str) -> tuple[str, str]:
    """The front-matter block (with its --- lines) and the body."""
    end = text.index("\n---", 3) + len("\n---\n")
    return text[:end], text[end:]


def _front(text: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_split_page(text)[0].strip().strip("-"))
    return data


def _blocks(body: str) -> list[str]:
    return body.split("\n\n")


def _is_prose(block: str) -> bool:
    """A plain paragraph (perhaps followed by its attribute list), with no
    markup, link or quotation that the checks would hold against something."""
    lines = [line for line in block.strip("\n").split("\n") if line.strip()]
    if lines and lines[-1].startswith("{:"):
        lines = lines[:-1]
    if not lines:
        return False
    first = lines[0]
    if first.startswith(("#", "!!!", " ", "\t", "-", "*", ">", "|", "+", "---", "<", "{:")) or re.match(r"\d+\.", first):
        return False
    return not _NOT_PLAIN.search(" ".join(lines))


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def sentence_pool(folder: Path) -> list[str]:
    """Every plain sentence of the pages under folder (one language), each
    once, in a fixed order: the material synthetic reports are drawn from."""
    found: dict[str, None] = {}
    for path in sorted(folder.rglob("*.md")):
        front_text, body = _split_page(path.read_text(encoding="utf-8"))
        allowed = [str(entry["term"]) for entry in _front(front_text).get("allow_terms") or []]
        for block in _blocks(body):
            if not _is_prose(block):
                continue
            paragraph = "\n".join(line for line in block.split("\n") if not line.startswith("{:"))
            for sentence in _sentences(paragraph):
                if (30 <= len(sentence) <= 400 and sentence[-1] in ".!?\u0589" and not _NOT_PLAIN.search(sentence)
                        and not any(_may_use(sentence, term) for term in allowed)):
                    found.setdefault(sentence, None)
    return list(found)


def _may_use(sentence: str, term: str) -> bool:
    """Whether a sentence may hold a term its page allows (the terminology
    check refuses it on any other page): every word's first four letters are
    in it, which finds the term's inflected forms too (линии фронта, cəbhə
    xəttində), and sometimes more, which only leaves a sentence out."""
    text = sentence.casefold()
    return all(word[:4].casefold() in text for word in term.split())


def _ids_in(folder: Path) -> list[str]:
    ids = [_front(path.read_text(encoding="utf-8"))["id"] for path in folder.rglob("*.md")]
    return sorted(ids, key=len, reverse=True)


def _kept_words(meeting: Path) -> list[str]:
    """Words a paragraph of the report must keep, because they cannot be
    redrawn: each group's `report_name`, and the words the report's
    corrections change."""
    kept = []
    for path in meeting.rglob("*.md"):
        front = _front(path.read_text(encoding="utf-8"))
        if front.get("report_name"):
            kept.append(str(front["report_name"]))
        for correction in front.get("corrections") or []:
            kept.extend(str(correction[key]) for key in ("original", "corrected") if correction.get(key))
    return kept


def _quote_of(sentence: str) -> str:
    """The words of a sentence a page quotes: the sentence without its final
    stop (the quotation's own punctuation is the page's)."""
    return sentence.rstrip(".!?\u0589").strip()


class _Meeting:
    """One synthetic meeting, in one language: its pages' text, rewritten."""

    def __init__(self, rng: random.Random, pool: list[str], kept: list[str]) -> None:
        self.rng = rng
        self.pool = pool
        self.kept = kept
        self.anchor_quotes: dict[str, str] = {}  # a report paragraph's anchor: the sentence drawn into it
        self.report_sentences: list[str] = []

    def _draw(self, count: int) -> list[str]:
        return [self.pool[self.rng.randrange(len(self.pool))] for _ in range(count)]

    def rewrite_body(self, body: str, *, report: bool) -> str:
        out = []
        for block in _blocks(body):
            if not _is_prose(block) or (report and any(words in block for words in self.kept)):
                out.append(block)
                continue
            lines = block.split("\n")
            attributes = [line for line in lines if line.startswith("{:")]
            paragraph = " ".join(line for line in lines if line and not line.startswith("{:"))
            drawn = self._draw(max(2, len(_sentences(paragraph))))
            if report:
                self.report_sentences.extend(drawn)
                for attribute in attributes:
                    anchor = re.search(r"#([\w-]+)", attribute)
                    if anchor:
                        self.anchor_quotes[anchor.group(1)] = drawn[0]
            # The blank lines around the paragraph stay as they were.
            lead = block[:len(block) - len(block.lstrip("\n"))]
            trail = block[len(block.rstrip("\n")):]
            out.append(lead + "\n".join([" ".join(drawn), *attributes]) + trail)
        return "\n\n".join(out)


def _requote_front(front_text: str, meeting: _Meeting, *, anchors: list[str], english: bool,
                   report_text: str) -> str:
    """The front-matter with each quotation of the report made one of this
    meeting's report: a passage's quote becomes the sentence drawn into its
    anchor's paragraph (`anchors`: the English page's passages' anchors, in
    order, which a translation takes from it); on an English page, words in
    “…” that are no longer the report's become the opening words of one of
    its sentences."""
    lines = front_text.split("\n")
    passages = iter(anchors)
    for number, line in enumerate(lines):
        quote = re.match(r"(\s*-?\s*quote:\s*)(.*)$", line)
        if not quote:
            continue
        anchor = next(passages, None)
        if anchor in meeting.anchor_quotes:
            lines[number] = quote.group(1) + yaml.safe_dump(_quote_of(meeting.anchor_quotes[anchor]),
                                                              allow_unicode=True, width=10_000).split("\n")[0]
    text = "\n".join(lines)
    if english and meeting.report_sentences:
        # The report's words as the quotation check reads them (its editorial notes are not).
        report_words = quotations.ReportWords.of(report_text)

        def requote(match: re.Match[str]) -> str:
            if report_words.contains(markdown_scan.plain_text(" ".join(match.group(1).split()))):
                return match.group(0)
            sentence = meeting.report_sentences[meeting.rng.randrange(len(meeting.report_sentences))]
            return "“" + " ".join(_quote_of(sentence).split()[:8]) + "”"

        # Only the fields that may quote the report: a source's title or an
        # allowance's reason quotes other texts, and keeps its words.
        entries = re.split(r"(?m)^(?=[a-z_]+:)", text)
        text = "".join(entry if entry.startswith(_NOT_QUOTING) else _QUOTED.sub(requote, entry) for entry in entries)
    return text


def _languages(project: Path) -> list[tuple[str, Path]]:
    """Each language's folder: English's docs/, then translations/<code>/."""
    found = [("en", project / "docs")]
    folder = editions.translations_dir(project / "docs")
    for edition in editions.all_editions():
        if not edition.reference and (folder / edition.code).is_dir():
            found.append((edition.code, folder / edition.code))
    return found


def _date(rng: random.Random) -> datetime.date:
    start = datetime.date(2010, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(365 * 10))


def make_collection(docs_dir: Path, target: Path, meetings: int, *, seed: int = 0) -> Path:
    """A docs tree at `target` with `meetings` meetings (the first is the real
    one) and, beside it in target/../translations/, every edition's
    translations, so that the collection builds in all editions. Returns target."""
    project = docs_dir.resolve().parent
    translations_target = editions.translations_dir(target)
    for folder in (target, translations_target):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(docs_dir, target)
    source_translations = editions.translations_dir(docs_dir)
    if source_translations.is_dir():
        shutil.copytree(source_translations, translations_target)
    languages = _languages(project)
    pools = {code: sentence_pool(folder) for code, folder in languages}
    source = docs_dir / MEETING_FOLDER
    ids = _ids_in(source)
    id_pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    kept = {code: _kept_words(folder / MEETING_FOLDER) for code, folder in languages}

    def write_meeting(number: int, attempt: int) -> None:
        salt = f"{seed}:{number}" + (f":{attempt}" if attempt else "")
        prefix = f"m{number:04d}"
        date = _date(random.Random(f"{seed}:{number}:date"))
        place = PLACES[random.Random(f"{seed}:{number}:place").randrange(len(PLACES))]
        for code, folder in languages:
            meeting_source = folder / MEETING_FOLDER
            if not meeting_source.is_dir():
                continue
            out_root = target if code == "en" else translations_target / code
            rng = random.Random(f"{salt}:{code}")
            meeting = _Meeting(rng, pools[code], kept[code])
            # The report first: the other pages quote it.
            paths = sorted(meeting_source.rglob("*.md"), key=lambda p: (p.name != "report.md", str(p)))
            report_text = ""
            for path in paths:
                text = path.read_text(encoding="utf-8")
                text = id_pattern.sub(lambda m: f"{prefix}-{m.group(1)}", text)
                text = _YEAR_IN_PROSE.sub(str(date.year), text)
                front_text, body = _split_page(text)
                if path.name == "report.md":
                    body = meeting.rewrite_body(body, report=True)
                    report_text = body
                elif path.name != "source-text.md":
                    body = meeting.rewrite_body(body, report=False)
                front_text = _retitle(front_text, prefix)
                front_text = re.sub(r"^date: .*$", f"date: {date.isoformat()}", front_text, count=1, flags=re.M)
                if code == "en":  # an edition's place is its own word for it: the real meeting's stays
                    front_text = re.sub(r"^place: .*$", f"place: {place}", front_text, count=1, flags=re.M)
                english_page = _front((docs_dir / MEETING_FOLDER / path.relative_to(meeting_source)).read_text("utf-8"))
                anchors = [str(passage.get("anchor")) for passage in english_page.get("passages") or []]
                front_text = _requote_front(front_text, meeting, anchors=anchors, english=code == "en",
                                            report_text=report_text)
                out = out_root / "meetings" / prefix / path.relative_to(meeting_source)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(front_text + body, encoding="utf-8")

    attempts = dict.fromkeys(range(2, meetings + 1), 0)
    for number in attempts:
        write_meeting(number, 0)
    # A translation's source_hash that is all figures is read as a phone
    # number by the contact-data check: such a meeting is drawn again.
    while redraw := _mark_current(target, translations_target, meetings):
        for number in redraw:
            attempts[number] += 1
            write_meeting(number, attempts[number])
    return target


def _retitle(front_text: str, prefix: str) -> str:
    """Titles stay distinct, so that search and navigation see distinct pages."""
    def suffixed(match: re.Match[str]) -> str:
        title = match.group(1).strip()
        if len(title) > 1 and title[0] == title[-1] and title[0] in "\"'":
            title = title[1:-1]
        return "title: " + yaml.safe_dump(f"{title} ({prefix})", allow_unicode=True, width=10_000).split("\n")[0]
    return re.sub(r"^title: (.*)$", suffixed, front_text, count=1, flags=re.M)


def _synthetic_pages(root: Path) -> Iterator[Path]:
    folder = root / "meetings"
    for meeting in sorted(folder.iterdir()) if folder.is_dir() else []:
        if re.fullmatch(r"m\d{4}", meeting.name):
            yield from sorted(meeting.rglob("*.md"))


def _mark_current(docs: Path, translations_root: Path, meetings: int) -> set[int]:
    """Each synthetic translation's source_hash, from its synthetic English page
    (as `scripts/translations.py mark-current` would write it); the numbers of
    the meetings with a hash of figures only, which are not written."""
    redraw: set[int] = set()
    if meetings < 2 or not translations_root.is_dir():
        return redraw
    model, problems = load_site(docs)
    if problems:
        raise ValueError("the synthetic English pages do not validate:\n" + "\n".join(map(str, problems)))
    by_path = {page.src_path: page for page in model.pages}
    for language in sorted(p for p in translations_root.iterdir() if p.is_dir()):
        for path in _synthetic_pages(language):
            page = by_path[path.relative_to(language).as_posix()]
            text = path.read_text(encoding="utf-8")
            written = translations.source_hash(page)
            if written.isdigit():
                redraw.add(int(path.relative_to(language).parts[1][1:]))
                continue
            text = re.sub(r"^source_hash: .*$", f"source_hash: {written}", text, count=1, flags=re.M)
            path.write_text(text, encoding="utf-8")
    return redraw
