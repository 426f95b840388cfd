"""Synthetic collections of meetings, for the benchmark, whose meetings differ
in their words as real reports do.

Each synthetic meeting keeps the real meeting's pages (the same files and
front-matter fields, in every edition: docs/ and translations/<code>/), with
its ids and titles renamed, a date and (English) place of its own, and its
words replaced: every sentence of its pages' paragraphs, lists and notes is
drawn, by a random generator seeded from `seed` and the meeting's number,
from a pool of that language's sentences: every sentence of every page of
the site, and sentences made from their word pairs (`_generated`: a few
hundred real sentences alone would repeat in every few meetings). Copies of
one report compress far better than distinct reports, so an index built from
copies understates what a real archive weighs.

What the build checks of a meeting still holds, by construction:
- the words a page shows as the report's (a message's `passages[].quote`,
  a quotation in an English page's description or date note) are made
  words of that meeting's own report, in the section they cite: the quote
  becomes a sentence drawn into the paragraph of its anchor;
- the sentences that carry what cannot be redrawn (markup: a link, an
  anchor; in the report, a group's `report_name` and the words an editorial
  correction changes) are kept as they are;
- a pool sentence is one the terminology and edition-text checks accept in
  the edition's own voice, with no markup; the report's own sentences have
  no quotation marks (a quotation of them is then never nested); a page's
  `allow_terms` go, with the sentences that used them;
- the date note names the meeting's own year (meeting_dates);
- each translation's `source_hash` is recomputed from its synthetic English
  page, so that no translation is stale; a meeting whose hash would be all
  figures (which the contact-data check reads as a phone number) is drawn
  again;
- the home page and About are written for the whole collection
  (publish_readiness), as an editor adding meetings would.

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

from . import edition_text, editions, markdown_scan, quotations, terminology, translations
from .front_matter import split_front_matter
from .site_model import load_site

MEETING_FOLDER = "meetings/london-2014"
REPORT_ID = "london-2014-report"
# The site-wide pages written for the one meeting, which a site of several must
# not be (publish_readiness): the home page and About, in English; their
# translations name the meeting by its place, which every edition's synthetic
# meetings share with it, so they stand.
COLLECTION_TITLE = "Meeting reports on peacebuilding in the conflict over Nagorno-Karabakh"
ABOUT_DESCRIPTION = ("Who publishes this edition of the meeting reports, how it was edited, what it does with your "
                     "data, how to cite it, and how to read it offline or in print.")
SITE_PAGES = ("index.md", "about.md")
REAL_YEAR = "2014"
GENERATED_PER_MEETING = 200
JUMP = 0.2  # how often a made sentence goes on with any word (see _generated)
GENERATED_AT_MOST = 40_000  # per language: at 1,000 meetings a sentence is in some two meetings

# Places a meeting of these programmes could have been held, in the English
# `place` field (the only place the build reads as data).
PLACES = ("Tbilisi", "Istanbul", "Vienna", "Brussels", "Geneva", "Berlin", "Yerevan", "Baku", "Oslo", "The Hague",
          "Stockholm", "Kyiv", "Chisinau", "Prague")

# A sentence ends with a full stop, question or exclamation mark, or the
# Armenian full stop (U+0589), followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?\u0589])\s+(?=\S)")
# What a drawn sentence may not hold: markup (links, attribute lists, code,
# emphasis, HTML); a sentence of a page that has it is kept in place.
_NOT_PLAIN = re.compile(r"[\[\]{}<>`*_|#]|https?:|\bid:")
# Quotation marks: a sentence with them is not made a quotation of the report
# (a quotation within a quotation), nor drawn into the report's paragraphs
# (the quotation check reads the report's words between them).
_QUOTATION_MARKS = re.compile(r"[\"“”«»‘’„‹›]")
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


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def sentence_pool(folder: Path, language: str, *, generated: int = 0, seed: int = 0) -> list[str]:
    """Every sentence of the pages under folder (one language), from its
    paragraphs, lists and editorial notes with their markup taken off (a
    link's text stays), each once, in a fixed order, and `generated` more
    made from their words (see _generated): those of them that the
    terminology and edition-text checks accept in the edition's own voice,
    the material synthetic meetings are drawn from."""
    found: dict[str, None] = {}
    for path in sorted(folder.rglob("*.md")):
        _, body = _split_page(path.read_text(encoding="utf-8"))
        for block in _blocks(body):
            lines = [line.strip() for line in block.split("\n")
                     if line.strip() and not line.lstrip().startswith(("#", "!!!", "???", "|", "{:", "---", "<", "```"))]
            for line in lines:
                for sentence in _sentences(markdown_scan.plain_text(line)):
                    if 30 <= len(sentence) <= 400 and sentence[-1] in ".!?\u0589" and not _NOT_PLAIN.search(sentence):
                        found.setdefault(sentence, None)
    for sentence in _generated(list(found), generated, random.Random(f"{seed}:{language}:sentences")):
        if 30 <= len(sentence) <= 400:
            found.setdefault(sentence, None)
    return _in_own_voice(list(found), language)


def _generated(sentences: list[str], count: int, rng: random.Random) -> list[str]:
    """`count` sentences made of the words of `sentences` by a chain of word
    pairs: each starts as one of them does and goes on with a word that
    follows the last one somewhere in them, until a word ends a sentence.
    The site has a few hundred sentences per language; an archive of a
    hundred meetings drawn from them alone would repeat each one in every
    few meetings, and compress far better than distinct reports. These
    sentences have the site's vocabulary and word pairs, in new sequences,
    which compress as the site's prose does (their grammar is the chain's,
    which the benchmark does not read)."""
    follows: dict[str, list[str]] = {}
    starts = []
    vocabulary = []  # every word as often as it is used
    for sentence in sentences:
        words = sentence.split()
        starts.append(words[0])
        vocabulary.extend(words)
        for word, after in zip(words, words[1:], strict=False):
            follows.setdefault(word, []).append(after)
    made: list[str] = []
    tries = 0
    while len(made) < count and tries < count * 10:
        tries += 1
        words = [starts[rng.randrange(len(starts))]]
        while not words[-1].endswith((".", "!", "?", "\u0589")) and len(words) < 45:
            # Now and then any word of the site's: a chain of a few thousand words' pairs alone
            # repeats its pairs, and compresses better than prose (gzip -9 over 19 KB of English:
            # 3.7 chained, 3.3 with a fifth of the words any word, 3.4 the site's own sentences).
            choices = follows.get(words[-1]) if rng.random() >= JUMP else None
            choices = choices or vocabulary
            words.append(choices[rng.randrange(len(choices))])
        if words[-1].endswith((".", "!", "?", "\u0589")) and len(words) >= 6:
            made.append(" ".join(words))
    return made


def _in_own_voice(sentences: list[str], language: str) -> list[str]:
    """The sentences the terminology check accepts on a page of its own (not
    the report): a sentence of the report or of a page that allows a term
    may use it, and would be refused on another page. The check itself
    decides, over one page holding every sentence, one to a paragraph."""
    guide, problems = terminology.load_guide()
    if guide is None:
        raise ValueError("\n".join(map(str, problems)))
    header = "---\nkind: page\n---\n"
    text = header + "".join(f"\n{sentence}\n" for sentence in sentences)
    front, problems = split_front_matter(text, "sentence pool")
    if front is None:
        raise ValueError("\n".join(map(str, problems)))
    first_line = header.count("\n") + 2  # the first sentence's line
    refused = {(problem.line - first_line) // 2 for problem in terminology.check_page(front, "sentence pool", guide,
                                                                                      language, kind="page")}
    # And what the edition's text checks find in it on its own (English words in
    # a translated sentence that its page glossed in parentheses, say).
    return [sentence for number, sentence in enumerate(sentences)
            if number not in refused and _balanced(sentence) and not edition_text.findings(sentence, language, guide)]


def _balanced(sentence: str) -> bool:
    """Brackets and quotation marks closed within the sentence: a sentence cut
    after an abbreviation ("англ.") leaves one open, and a part of the next."""
    # “ opens an English quotation and closes a Russian one („…“).
    return (sentence.count("(") == sentence.count(")") and sentence.count("«") == sentence.count("»")
            and sentence.count("“") == sentence.count("”") + sentence.count("„"))


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


def _plain_word(word: str, language: str) -> bool:
    """A word in lower case, of letters only, and in Russian or Armenian not
    of Latin letters (an English word there is a name's or a gloss's, which a
    link would cut; Azerbaijani's are Latin: the text checks decide there)."""
    latin = any("a" <= c.lower() <= "z" for c in word)
    return word.isalpha() and word[0].islower() and (language in ("en", "az") or not latin)


# A Markdown link, its target (a link's text has no brackets on this site's pages).
_LINK = re.compile(r"\[[^\[\]]+\]\(([^()\s]+)\)")
# A line's list marker or indentation (an editorial note's text), which stays.
_LINE_PREFIX = re.compile(r"^(\s*(?:[-*+]\s+|\d+\.\s+)?)(.*)$")
# Lines that are markup, not sentences: headings, notes' titles, attribute lists, tables, HTML, rules, code.
_MARKUP_LINE = ("#", "!!!", "???", "{:", "|", "<", "---", "```", "***")


class _Meeting:
    """One synthetic meeting, in one language: its pages' text, rewritten."""

    def __init__(self, rng: random.Random, pool: list[str], kept: list[str], language: str,
                 guide: terminology.Guide) -> None:
        self.rng = rng
        self.language = language
        self.guide = guide
        self.pool = pool
        # The report's own paragraphs: sentences without quotation marks.
        self.plain_pool = [sentence for sentence in pool if not _QUOTATION_MARKS.search(sentence)]
        self.kept = kept
        self.anchor_quotes: dict[str, str] = {}  # a report paragraph's anchor: a sentence drawn into it
        self.report_sentences: list[str] = []

    def _draw(self, pool: list[str]) -> str:
        return pool[self.rng.randrange(len(pool))]

    def _keeps(self, sentence: str, report: bool) -> bool:
        """A sentence that stays as it is: one with markup (a link, an
        anchor: what it points to must stay) or, in the report and its source
        text, words that cannot be redrawn (a group's name in the report, a
        correction's words)."""
        return bool(_NOT_PLAIN.search(sentence)) or (report and any(words in sentence for words in self.kept))

    def _relinked(self, sentence: str) -> str | None:
        """A sentence whose only markup is links, drawn again with its links
        kept: each link's target on a word of the new sentence. None for
        another sentence. (Kept as they are, the sentences with a link,
        about a third of a meeting's, would repeat in every meeting.)"""
        targets = _LINK.findall(sentence)
        if not targets or _NOT_PLAIN.search(_LINK.sub("", sentence)):
            return None
        # Words that a link may take without the checks reading the sentence otherwise: no
        # quotation marks around them, and no part of a name (a name's words apart, "Stepanakert"
        # of "Stepanakert Press Club", "Parts of" of "Parts of a Circle", are read on their own):
        # plain words in lower case between two such words. And then the edition's text checks,
        # which read the Markdown, must find nothing in it; else another sentence, or none.
        for _ in range(20):
            words = self._draw(self.plain_pool).split()
            places = [number for number in range(1, len(words) - 1)
                      if all(_plain_word(words[near], self.language) for near in (number - 1, number, number + 1))]
            if len(places) < len(targets):
                continue
            for number, target in zip(sorted(self.rng.sample(places, len(targets))), targets, strict=True):
                words[number] = f"[{words[number]}]({target})"
            linked = " ".join(words)
            if not edition_text.findings(linked, self.language, self.guide):
                return linked
        return None

    def _short(self, limit: int) -> str:
        """A sentence of at most `limit` characters, without quotation marks (on
        an English page, words in quotation marks must be the report's)."""
        for _ in range(1000):
            sentence = self._draw(self.plain_pool)
            if len(sentence) <= limit:
                return sentence
        return min(self.plain_pool, key=len)

    def redraw_fields(self, front_text: str) -> str:
        """The prose of the front-matter drawn again as the body's is: a page's
        description, a meeting's aims and what it says of its messages'
        origin, its sources' titles. These are shown on the page and in every
        list of it (a message's description is in the index some twenty times
        over), so a meeting whose front-matter is the real one's would still
        be a copy. Within the schema's limits (a description's 300
        characters, a source title's 120)."""
        data = yaml.safe_load(front_text[len("---\n"):-len("---\n")])
        if isinstance(data.get("description"), str):
            data["description"] = self._short(280)
        if isinstance(data.get("messages_origin"), str):
            data["messages_origin"] = self._short(280)
        if isinstance(data.get("aims"), list):
            data["aims"] = [_quote_of(self._short(200)) for _ in data["aims"]]
        for source in data.get("sources") or []:
            if isinstance(source, dict) and source.get("title"):
                source["title"] = _quote_of(self._short(110))
        return "---\n" + str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)) + "---\n"

    def rewrite_body(self, body: str, *, report: bool, source_text: bool = False) -> str:
        """Every sentence of the body's paragraphs, lists and notes drawn
        again, except those kept (see _keeps); headings, anchors and markup
        stay. `report`: the meeting's report (its sentences are recorded for
        the quotations); `source_text`: its source text (kept like it)."""
        out = []
        pool = self.plain_pool if report or source_text else self.pool
        for block in body.split("\n\n"):
            lines = block.split("\n")
            first = next((line.lstrip() for line in lines if line.strip()), "")
            if first.startswith(("|", "<", "```")):
                out.append(block)
                continue
            # An editorial note's words are this edition's, never the report's: not quoted as the report's.
            note = first.startswith(("!!!", "???"))
            drawn_here: list[str] = []
            for number, line in enumerate(lines):
                stripped = line.lstrip()
                if not stripped or stripped.startswith(_MARKUP_LINE):
                    anchor = re.match(r"\{:\s*#([\w-]+)", stripped)
                    if anchor and report and drawn_here and not note:
                        self.anchor_quotes[anchor.group(1)] = drawn_here[0]
                    continue
                prefix, content = _LINE_PREFIX.match(line).groups()  # type: ignore[union-attr]
                sentences = []
                for sentence in _sentences(content):
                    linked = self._relinked(sentence) if not (report or source_text) else None
                    if linked is not None:
                        sentences.append(linked)
                    elif self._keeps(sentence, report or source_text):
                        sentences.append(sentence)
                    else:
                        drawn = self._draw(pool)
                        drawn_here.append(drawn)
                        sentences.append(drawn)
                lines[number] = prefix + " ".join(sentences)
            if report and not note:
                self.report_sentences.extend(drawn_here)
            out.append("\n".join(lines))
        return "\n\n".join(out)


def _requote_front(front_text: str, meeting: _Meeting, *, anchors: list[str], english: bool,
                   report_text: str) -> str:
    """The front-matter with each quotation of the report made one of this
    meeting's report: a passage's quote becomes the sentence drawn into its
    anchor's paragraph (`anchors`: the English page's passages' anchors, in
    order, which a translation takes from it); on an English page, words in
    “…” that are no longer the report's become one of its sentences."""
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
            # A short sentence: the quoting field has its own length limit (a description's 300 characters).
            short = [sentence for sentence in meeting.report_sentences if len(sentence) <= 100]
            candidates = short or [min(meeting.report_sentences, key=len)]
            sentence = candidates[meeting.rng.randrange(len(candidates))]
            # The whole sentence: a cut one may end inside a name the terminology check
            # reads differently (the Stepanakert of "Stepanakert Press Club").
            return "“" + _quote_of(sentence) + "”"

        # Only the fields that may quote the report: a source's title or an
        # allowance's reason quotes other texts, and keeps its words.
        entries = re.split(r"(?m)^(?=[a-z_]+:)", text)
        text = "".join(entry if entry.startswith(_NOT_QUOTING) else _QUOTED.sub(requote, entry) for entry in entries)
    return text


def _languages(docs_dir: Path) -> list[tuple[str, Path]]:
    """Each language's folder: English's docs/, then translations/<code>/."""
    found = [("en", docs_dir)]
    folder = editions.translations_dir(docs_dir)
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
    translations_target = editions.translations_dir(target)
    for folder in (target, translations_target):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(docs_dir, target)
    source_translations = editions.translations_dir(docs_dir)
    if source_translations.is_dir():
        shutil.copytree(source_translations, translations_target)
    languages = _languages(docs_dir)
    # Sentences enough that a meeting's are rarely another's (a meeting's pages and
    # front-matter hold some hundred; some of the made ones fail the checks or repeat).
    generated = min(GENERATED_PER_MEETING * meetings, GENERATED_AT_MOST) if meetings > 1 else 0
    guide, problems = terminology.load_guide()
    if guide is None:
        raise ValueError("\n".join(map(str, problems)))
    pools = {code: sentence_pool(folder, code, generated=generated, seed=seed) for code, folder in languages}
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
            meeting = _Meeting(rng, pools[code], kept[code], code, guide)
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
                else:
                    body = meeting.rewrite_body(body, report=False, source_text=path.name == "source-text.md")
                # The words a page allowed (the report's "frontline") are drawn away with its sentences.
                front_text = re.sub(r"(?m)^allow_terms:\n(?:(?:[ \t]|- ).*\n)*", "", front_text)
                front_text = _retitle(front_text, prefix)
                front_text = re.sub(r"^date: .*$", f"date: {date.isoformat()}", front_text, count=1, flags=re.M)
                if code == "en":  # an edition's place is its own word for it: the real meeting's stays
                    front_text = re.sub(r"^place: .*$", f"place: {place}", front_text, count=1, flags=re.M)
                english_page = _front((docs_dir / MEETING_FOLDER / path.relative_to(meeting_source)).read_text("utf-8"))
                anchors = [str(passage.get("anchor")) for passage in english_page.get("passages") or []]
                front_text = _requote_front(front_text, meeting, anchors=anchors, english=code == "en",
                                            report_text=report_text)
                front_text = meeting.redraw_fields(front_text)
                out = out_root / "meetings" / prefix / path.relative_to(meeting_source)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(front_text + body, encoding="utf-8")

    if meetings > 1:
        _for_the_collection(target, [f"m{number:04d}-{REPORT_ID}" for number in range(2, meetings + 1)])
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


def _for_the_collection(docs: Path, reports: list[str]) -> None:
    """The home page and About written for every meeting, as an editor
    adding meetings would: no `meeting:` on the home page, titles and
    descriptions that name none, every report cited."""
    home = docs / "index.md"
    text = home.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^meeting: .*\n", "", text, count=1)
    text = re.sub(r"(?m)^title: .*$", f"title: {COLLECTION_TITLE}", text, count=1)
    home.write_text(text, encoding="utf-8")
    about = docs / "about.md"
    text = about.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^description: .*\n(?:[ \t].*\n)*", f"description: {ABOUT_DESCRIPTION}\n", text, count=1)
    text = re.sub(r"(?m)^(citations:\n(?:  - .*\n)*)", lambda m: m.group(1) + "".join(f"  - {report}\n"
                                                                                      for report in reports),
                  text, count=1)
    about.write_text(text, encoding="utf-8")


def _retitle(front_text: str, prefix: str) -> str:
    """Titles stay distinct, so that search and navigation see distinct pages."""
    def suffixed(match: re.Match[str]) -> str:
        title = match.group(1).strip()
        if len(title) > 1 and title[0] == title[-1] and title[0] in "\"'":
            title = title[1:-1]
        written = str(yaml.safe_dump(f"{title} ({prefix})", allow_unicode=True, width=10_000))
        return "title: " + written.split("\n")[0]
    return re.sub(r"^title: (.*)$", suffixed, front_text, count=1, flags=re.M)


def _synthetic_pages(root: Path) -> Iterator[Path]:
    """The synthetic meetings' pages under root (docs/ or a translation's
    folder), and the site-wide pages rewritten for the collection."""
    yield from (root / name for name in SITE_PAGES if (root / name).is_file())
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
                parts = path.relative_to(language).parts
                if parts[0] != "meetings":
                    raise ValueError(f"{path}: its English page's hash is all figures, which the build reads as a "
                                     "phone number")
                redraw.add(int(parts[1][1:]))
                continue
            text = re.sub(r"^source_hash: .*$", f"source_hash: {written}", text, count=1, flags=re.M)
            path.write_text(text, encoding="utf-8")
    return redraw
