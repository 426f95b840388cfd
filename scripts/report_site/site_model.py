"""The site as data: every page's validated front-matter, and the checks
that span pages (unique ids, references, anchors, links, quotations)."""

from __future__ import annotations

import bisect
import copy
import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import markdown_links, markdown_scan, meeting_dates, safety, schema, skeleton_text, terminology
from .front_matter import FrontMatter, _field_name, lenient_fields, read_text, split_front_matter
from .problems import Problem
from .quotations import NotInReport, OtherSection, ReportWords, check_quotation, misquoted_in
from .strings import strings
from .terminology_data import load_guide

# A page's anchors beyond its body's: those the templates add when it is built
# (#sources, #cite-this-report, ...). Given by the caller (report_site.preparation),
# since rendering belongs to a layer above this one.
GeneratedAnchors = Callable[["SiteModel", "PageRecord"], set[str]]


@dataclass(frozen=True)
class Claim:
    """What a page that failed to load still says of itself, read leniently
    (its id, and its kind and meeting if readable): references to it are not
    reported again as unknown, while every other unknown id still is.
    `valid_part`: when only some fields broke the schema, the page with the
    others, on which the checks beyond the schema still run in this round."""

    id: str
    kind: str | None = None
    meeting: str | None = None
    valid_part: PageRecord | None = field(default=None, compare=False, repr=False)


@dataclass
class PageRecord:
    """One Markdown page: where it is, what it says of itself, and its body."""

    src_path: str  # relative to docs_dir, with forward slashes
    front: FrontMatter
    generated: bool = False
    text: str = ""  # the whole source, kept for generated pages that exist only in memory
    language: str = "en"  # the language of its words: an edition shows pages not yet translated in English
    translation: Translation | None = None  # for a translated page: which file, its status and freshness
    _report_words: ReportWords | None = field(default=None, repr=False, compare=False)

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.data

    # Validated against the schema before a record is made: these are text.
    @property
    def kind(self) -> str:
        kind: str = self.meta["kind"]
        return kind

    @property
    def id(self) -> str:
        page_id: str = self.meta["id"]
        return page_id

    @property
    def title(self) -> str:
        title: str = self.meta["title"]
        return title

    @property
    def nav_title(self) -> str:
        return self.meta.get("nav_title") or self.title

    @property
    def is_draft(self) -> bool:
        return bool(self.meta.get("draft"))

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, as MkDocs makes it with directory URLs."""
        stem = self.src_path[: -len(".md")]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.meta.get("order", 10**6), self.nav_title.casefold())

    def line_of(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        return self.front.position(path, key=key)


@dataclass(frozen=True)
class Translation:
    """Where a translated page comes from and how it stands against the English."""

    display: str  # the translation's file, as problems show it
    status: str  # unreviewed | reviewed
    source_hash: str  # of the English text it was made from
    current_hash: str  # of the English text now
    reviewed_by: str | None = None  # a role or organisation, once reviewed (never a person's name)
    reviewed_on: str | None = None  # YYYY-MM-DD

    @property
    def stale(self) -> bool:
        """The English page changed since the translation was made (or last marked current)."""
        return self.source_hash != self.current_hash


@dataclass
class SiteModel:
    docs_dir: Path
    pages: list[PageRecord] = field(default_factory=list)  # published pages, in source order
    drafts: list[PageRecord] = field(default_factory=list)
    language: str = "en"  # the edition's (report_site.editions); its untranslated pages are English
    # On the reference edition's model after a whole build (publish.build): the other
    # editions' models, which the post-build steps (PDF, offline edition) go through too.
    other_editions: list[SiteModel] = field(default_factory=list)
    # On the reference edition's model in the join of a split build (publish.join_parts):
    # the offline edition's pages the parts rendered, every edition's in its folder, for the
    # offline edition's step to finish instead of rendering them again. None: it renders them.
    prerendered_offline: Path | None = None

    def __post_init__(self) -> None:
        self.by_id = {page.id: page for page in self.pages}
        self.by_src = {page.src_path: page for page in self.pages}
        self._by_kind: dict[tuple[str, str | None], list[PageRecord]] | None = None
        self._abbreviations: dict[str, str] | None = None
        self._only_meeting: PageRecord | Literal[False] | None = None  # None: not worked out yet

    def editions(self) -> list[SiteModel]:
        """This model and those of the other editions built with it."""
        return [self, *self.other_editions]

    def add(self, page: PageRecord) -> None:
        self.pages.append(page)
        self.by_id[page.id] = page
        self.by_src[page.src_path] = page
        self._abbreviations = self._only_meeting = None
        if self._by_kind is not None:
            # Keep the index rather than rebuild it: generated pages are added one by one.
            keys = [(page.kind, None)] + ([(page.kind, page.meta["meeting"])] if page.meta.get("meeting") else [])
            for key in keys:
                bisect.insort(self._by_kind.setdefault(key, []), page, key=lambda p: p.sort_key)

    def of_kind(self, kind: str, meeting: str | None = None) -> list[PageRecord]:
        """Pages of a kind (of one meeting), in order."""
        return list(self._kind_index().get((kind, meeting), []))

    def count(self, kind: str) -> int:
        return len(self._kind_index().get((kind, None), []))

    def _kind_index(self) -> dict[tuple[str, str | None], list[PageRecord]]:
        """Indexed once: templates ask of_kind for every page, and a scan each
        time would make the build quadratic in the number of pages."""
        if self._by_kind is None:
            index: dict[tuple[str, str | None], list[PageRecord]] = {}
            for page in sorted(self.pages, key=lambda p: p.sort_key):
                index.setdefault((page.kind, None), []).append(page)
                if page.meta.get("meeting"):
                    index.setdefault((page.kind, page.meta["meeting"]), []).append(page)
            self._by_kind = index
        return self._by_kind

    def meetings_latest_first(self) -> list[PageRecord]:
        """The meetings in the order a collection shows them (home page, meetings index)."""
        return sorted(self.of_kind("meeting"), key=lambda meeting: (meeting.meta["date"], meeting.id), reverse=True)

    def meeting_for(self, page: PageRecord | None) -> PageRecord | None:
        """The meeting a page speaks for (print header, PDF link): its own; on a
        page of no meeting, the site's only meeting, or none in a collection,
        where such a page speaks for no meeting in particular."""
        own = self.meeting_of(page) if page else None
        if own in self.by_id:
            return self.by_id[own]
        if self._only_meeting is None:
            meetings = self.of_kind("meeting")
            self._only_meeting = meetings[0] if len(meetings) == 1 else False
        return self._only_meeting or None

    def meeting_of(self, page: PageRecord) -> str | None:
        """The meeting a page belongs to, if any (the home page only features one)."""
        if page.kind == "home":
            return None
        return page.id if page.kind == "meeting" else page.meta.get("meeting")

    def referring(self, kind: str, field_name: str, target_id: str) -> list[PageRecord]:
        """Pages of a kind whose field is, or lists, target_id."""
        def refers(page: PageRecord) -> bool:
            value = page.meta.get(field_name)
            return value == target_id or (isinstance(value, list) and target_id in value)
        return [page for page in self.of_kind(kind) if refers(page)]

    def section_title(self, page: PageRecord, anchor: str) -> str:
        """The heading a cited anchor of a page falls under, for citations."""
        return markdown_scan.sections(page.front.body).get(anchor, "")

    def has_anchor(self, page: PageRecord, anchor: str) -> bool:
        """Whether the page's own body defines the anchor (templates ask, to
        link to an author's section or to add their own)."""
        return anchor in markdown_scan.sections(page.front.body)

    def report_of(self, meeting: str) -> PageRecord | None:
        reports = self.of_kind("report", meeting)
        return reports[0] if reports else None

    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> the tooltip every page shows for it."""
        if self._abbreviations is not None:
            return self._abbreviations
        found = {}
        for page in self.pages:
            abbreviation = page.meta.get("abbreviation")
            if not abbreviation:
                continue
            expansion = page.meta.get("expansion", page.meta.get("name"))
            found[abbreviation] = expansion or strings(self.language)("facts.expansion_unknown")
        self._abbreviations = found
        return found

    def tags(self) -> dict[str, list[PageRecord]]:
        found: dict[str, list[PageRecord]] = {}
        for page in self.pages:
            for tag in page.meta.get("tags", []):
                found.setdefault(tag, []).append(page)
        return {tag: sorted(found[tag], key=lambda p: (p.kind, p.sort_key)) for tag in sorted(found, key=str.casefold)}

    def link_from(self, page: PageRecord, target_id: str) -> str:
        """Relative Markdown link from one page's source to another's."""
        target = self.by_id[target_id]
        return posixpath.relpath(target.src_path, posixpath.dirname(page.src_path) or ".")

    def resolve(self, target_id: str) -> dict[str, str]:
        target = self.by_id[target_id]
        return {"id": target.id, "title": target.title, "url": target.url}

    def resolved_meta(self, page: PageRecord) -> dict[str, Any]:
        """The page's published metadata, with every reference as {id, title, url}."""
        meta = copy.deepcopy({key: value for key, value in page.meta.items()
                              if key not in ("draft", "allow_contacts", "hide", "template", "search")})
        for path, _ in schema.reference_fields(page.kind):
            _replace_at(meta, path, self.resolve)
        meta["url"] = page.url
        return meta


def _replace_at(data: Any, path: tuple[str, ...], replace: Callable[[str], Any]) -> None:
    if not path or not isinstance(data, (dict, list)):
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for index, item in enumerate(data):
            if rest:
                _replace_at(item, rest, replace)
            else:
                data[index] = replace(item)
    elif isinstance(data, dict) and head in data:
        if rest:
            _replace_at(data[head], rest, replace)
        else:
            data[head] = replace(data[head])


def _values_at(data: Any, path: tuple[str, ...], where: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every (concrete path, value) matching a schema path with '*' for list items."""
    if not path:
        yield where, data
        return
    head, rest = path[0], path[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, rest, where + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, where + (head,))


def read_page(path: Path, docs_dir: Path, display_root: Path) -> tuple[PageRecord | None, list[Problem], Claim | None]:
    """The page, its problems, and what it claims to be (its id) even when invalid."""
    src_path = path.relative_to(docs_dir).as_posix()
    display = _display(path, display_root)
    text, problems = read_text(path, display)
    if text is None:
        return None, problems, None
    return parse_page(text, src_path, display)


def parse_page(text: str, src_path: str, display: str, generated: bool = False,
               language: str = "en") -> tuple[PageRecord | None, list[Problem], Claim | None]:
    """A page from its text; `language` is that of its words (a generated
    page is written in its edition's language)."""
    front, problems = split_front_matter(text, display)
    if front is None:
        # Broken YAML (an unquoted colon, say): the id is still read line by line,
        # so that the pages referring to it are not told it does not exist.
        return None, problems, _claim(lenient_fields(text))
    problems = schema.validate_front_matter(front, display)
    if problems:
        return None, problems, _claim(front.data, _valid_part(front, src_path, language))
    return PageRecord(src_path, front, generated, text if generated else "", language=language), [], None


def _valid_part(front: FrontMatter, src_path: str, language: str) -> PageRecord | None:
    """The page with only the fields the schema accepts, or None when too
    little is left to know what page it is (its kind and id)."""
    fields = schema.valid_fields(front)
    if fields is None or not isinstance(fields.get("id"), str):
        return None
    return PageRecord(src_path, FrontMatter(fields, front.body, front.body_line, front.value_positions, front.key_positions),
                      language=language)


def _claim(fields: dict[str, Any], valid_part: PageRecord | None = None) -> Claim | None:
    def text(name: str) -> str | None:
        value = fields.get(name)
        return value if isinstance(value, str) else None
    page_id = text("id")
    return Claim(page_id, text("kind"), text("meeting"), valid_part) if page_id else None


def _display(path: Path, root: Path) -> str:
    """The path as problems show it: relative to root where possible. Both
    are resolved by the caller: resolving per page is a system call each."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class PageMemo:
    """Each page as read and its own checks (those of it alone), by its file's
    text, kept between the builds of one process (`mkdocs serve --dirty`):
    a save reads and checks again the pages it changed; the checks across
    pages run on every build. Also the templates the generated pages are
    made with, as their files were at the last build."""

    pages: dict[tuple[str, str, str], tuple[PageRecord | None, list[Problem], Claim | None]] = field(default_factory=dict)
    own_checks: dict[tuple[int, str], list[Problem]] = field(default_factory=dict)  # (id of the record, check)
    _used_pages: set[tuple[str, str, str]] = field(default_factory=set)
    _used_checks: set[tuple[int, str]] = field(default_factory=set)
    # The generated pages' templates, by the state of their files (preparation._templates_as_saved)
    templates: dict[tuple[tuple[str, int, int], ...], Any] = field(default_factory=dict)

    def read(self, path: Path, docs_dir: Path, display_root: Path) -> tuple[PageRecord | None, list[Problem], Claim | None]:
        src_path = path.relative_to(docs_dir).as_posix()
        display = _display(path, display_root)
        text, problems = read_text(path, display)
        if text is None:
            return None, problems, None
        key = (src_path, display, text)
        if key not in self.pages:
            self.pages[key] = parse_page(text, src_path, display)
        self._used_pages.add(key)
        return self.pages[key]

    def check(self, name: str, record: PageRecord, check: Callable[[], list[Problem]]) -> list[Problem]:
        key = (id(record), name)  # the record stays in `pages` as long as its text is the file's
        if key not in self.own_checks:
            self.own_checks[key] = check()
        self._used_checks.add(key)
        return self.own_checks[key]

    def forget_unused(self) -> None:
        """Forget what this build did not use (an edited page's old text)."""
        self.pages = {key: value for key, value in self.pages.items() if key in self._used_pages}
        self.own_checks = {key: value for key, value in self.own_checks.items() if key in self._used_checks}
        self._used_pages, self._used_checks = set(), set()


def load_site(docs_dir: Path, *, display_root: Path | None = None, include_drafts: bool = False,
              generated_anchors: GeneratedAnchors | None = None,
              memo: PageMemo | None = None) -> tuple[SiteModel, list[Problem]]:
    """Read and check every page of docs_dir; the model and all problems found,
    independent ones all in this one run.

    Drafts are validated like any page but left out of the model unless
    `include_drafts` (the author's preview). `generated_anchors`: the anchors
    the templates add to a page, so that links to them are accepted.
    `memo`: pages read and checked by an earlier build of this process."""
    docs_dir = docs_dir.resolve()
    display_root = (display_root or docs_dir.parent).resolve()
    records: list[PageRecord] = []
    problems: list[Problem] = []
    displays: dict[str, str] = {}
    failed: dict[str, Claim] = {}  # pages with problems of their own: references to them say no more
    partial: list[PageRecord] = []  # their fields that the schema accepts, checked further in this round
    for path in sorted(docs_dir.rglob("*.md")):
        record, found, claim = read_page(path, docs_dir, display_root) if memo is None else memo.read(path, docs_dir, display_root)
        problems.extend(found)
        if found and claim:
            failed.setdefault(claim.id, claim)
            if claim.valid_part is not None:
                partial.append(claim.valid_part)
                displays[claim.valid_part.src_path] = _display(path, display_root)
        if record:
            records.append(record)
            displays[record.src_path] = _display(path, display_root)
    published = [r for r in records if include_drafts or not r.is_draft]
    partial = [r for r in partial if include_drafts or not r.is_draft]
    checked = published + partial
    # Personal data and active content: checked on whatever this run would show.
    def own(name: str, record: PageRecord, check: Callable[[PageRecord], list[Problem]]) -> list[Problem]:
        return check(record) if memo is None else memo.check(name, record, lambda: check(record))

    problems.extend(p for r in checked
                    for p in own("safety", r, lambda r: safety.check_page(r.front, displays[r.src_path])))
    # A skeleton's placeholders: on every page to be published (a draft, shown only by
    # `mkdocs serve`, is where they belong until replaced).
    problems.extend(p for r in checked if not r.is_draft
                    for p in own("skeleton", r, lambda r: skeleton_text.check_page(r.front, displays[r.src_path])))
    if memo is not None:
        memo.forget_unused()
    guide, _ = load_guide()  # compiled once per version of its file: its mistakes are check_pages's to report
    if memo is None or guide is None:
        problems.extend(terminology.check_pages([(r.front, displays[r.src_path]) for r in checked]))  # every page is English for now
    else:
        problems.extend(p for r in checked for p in own(f"terminology {id(guide)}", r, lambda r: terminology.check_page(
            r.front, displays[r.src_path], guide, "en")))
    problems.extend(safety.unused_files(docs_dir, [(r.src_path, r.front) for r in published], display_root))
    drafts = [r for r in records if r.is_draft and not include_drafts]
    model = SiteModel(docs_dir, pages=[], drafts=drafts)
    seen: dict[str, PageRecord] = {}
    for record in records:
        if record.id in seen:
            first = seen[record.id]
            line, column = record.line_of(("id",))
            problems.append(Problem(displays[record.src_path], line, column, "id",
                                    f"duplicate id {record.id!r}: {displays[first.src_path]} has it already "
                                    "(expected an id no other page uses)"))
            continue
        seen[record.id] = record
        if include_drafts or not record.is_draft:
            model.add(record)
    problems.extend(check_cross_references(model, displays, {r.id for r in drafts}, failed, generated_anchors, partial=partial))
    return model, problems


class _Anchors:
    """The anchors of each page, worked out once: its body's, and only when a
    link asks for one that the body lacks, those its templates add."""

    def __init__(self, model: SiteModel, generated: GeneratedAnchors | None):
        self._model = model
        self._generated = generated
        self._body: dict[str, set[str]] = {}
        self._built: dict[str, set[str]] = {}

    def of_body(self, page: PageRecord) -> set[str]:
        if page.src_path not in self._body:
            self._body[page.src_path] = markdown_scan.anchors(page.front.body)
        return self._body[page.src_path]

    def of(self, page: PageRecord) -> set[str]:
        """Every anchor the built page will have."""
        if page.src_path not in self._built:
            extra = self._generated(self._model, page) if self._generated else set()
            self._built[page.src_path] = self.of_body(page) | extra
        return self._built[page.src_path]

    def has(self, page: PageRecord, anchor: str) -> bool:
        return anchor in self.of_body(page) or anchor in self.of(page)


def did_you_mean(value: str, candidates: Iterable[str], prefix: str = "",
                 written: Callable[[str], str] | None = None) -> str:
    """"; did you mean 'x'?" for the closest candidate, or nothing.
    `written`: how the author writes the candidate found (a page's path
    as a link from their page, say), when not as it is."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean '{prefix}{written(close[0]) if written else close[0]}'?"


def check_cross_references(model: SiteModel, displays: dict[str, str], draft_ids: AbstractSet[str] = frozenset(),
                           failed: Mapping[str, Claim] | None = None,
                           generated_anchors: GeneratedAnchors | None = None,
                           only: AbstractSet[str] | None = None,
                           partial: Iterable[PageRecord] = ()) -> list[Problem]:
    """Checks that span pages. `failed`: the pages that did not load, by the
    id they claim (their own problems are reported): what refers to those
    ids is not reported again as "unknown id", which would bury the real
    problem; every other unknown id is, in the same run. `only`: the ids of
    the pages to check (an edition's translations), against the whole model.
    `partial`: pages that failed the schema, with the fields it accepts:
    their own references, anchors, quotations and links are checked too,
    against the model, so that an author sees them in the same round."""
    failed = failed or {}
    problems: list[Problem] = []
    anchors = _Anchors(model, generated_anchors)
    if only is None:
        problems.extend(_check_abbreviations(model, displays))
    for page in [*model.pages, *partial]:
        if only is not None and page.id not in only:
            continue
        display = displays.get(page.src_path, page.src_path)
        problems.extend(_check_references(model, page, display, draft_ids, failed))
        problems.extend(_check_anchor_fields(model, page, display, anchors, failed))
        problems.extend(_check_quoted_words(model, page, display))
        problems.extend(_check_body_links(model, page, display, anchors, draft_ids, failed))
        # A correction names the English words, and a meeting's checks read English: a
        # translation is checked through its English page.
        if page.kind == "report" and page.translation is None:
            problems.extend(_check_corrections(model, page, display))
        if page.kind == "meeting" and page.translation is None:
            problems.extend(_check_meeting(page, display))
    return problems


# Words that name no meeting in particular: a navigation label made only of
# them ("The meeting", "The exchange") does not say which meeting it is.
GENERIC_LABEL_WORDS = frozenset({
    "the", "a", "an", "our", "this", "that", "meeting", "meetings", "exchange", "event", "report", "conference",
    "workshop", "seminar", "session", "round", "table", "roundtable", "discussion", "dialogue", "gathering", "visit",
})


def _check_meeting(page: PageRecord, display: str) -> Iterator[Problem]:
    """What the schema cannot say of a meeting: its date note agrees with the
    date's certainty, and its navigation label names it."""
    meta = page.meta
    note = meta.get("date_note")
    date = meta.get("date")  # absent when the schema refused it (reported as such)
    year = str(date)[:4]
    if note and date and meta.get("year_inferred") and year not in note:
        line, column = page.line_of(("date_note",))
        yield Problem(display, line, column, "date_note",
                      f"does not name the inferred year {year} (expected the note to say which year is inferred and why)")
    elif note and date and (contradiction := meeting_dates.note_contradiction(str(date), note)):
        line, column = page.line_of(("date_note",))
        yield Problem(display, line, column, "date_note", contradiction)
    if note and not meta.get("year_inferred") and re.search(r"\binferr?(ed|ing)?\b|\bno year\b", note, flags=re.I):
        line, column = page.line_of(("date_note",))
        yield Problem(display, line, column, "date_note",
                      "speaks of an inferred year, but year_inferred is not true "
                      "(expected year_inferred: true, or a note for a date the source gives in full)")
    for field_name in ("nav_title", "title"):
        label = meta.get(field_name)
        if label and set(re.findall(r"\w+", label.casefold())) <= GENERIC_LABEL_WORDS:
            line, column = page.line_of((field_name,))
            yield Problem(display, line, column, field_name,
                          f"{label!r} does not say which meeting this is; navigation and breadcrumbs show it "
                          "(expected words that name the meeting, e.g. its place or year: 'London meeting, 2014')")
            break


def _check_references(model: SiteModel, page: PageRecord, display: str, draft_ids: AbstractSet[str],
                      failed: Mapping[str, Claim]) -> Iterator[Problem]:
    for schema_path, target_kind in schema.reference_fields(page.kind):
        for where, value in _values_at(page.meta, schema_path):
            if value in failed:
                continue
            line, column = page.line_of(where)
            name = _field_name(where)
            target = model.by_id.get(value)
            if target is None:
                why = "that page is a draft" if value in draft_ids else "no page has that id"
                known = [p.id for p in (model.pages if target_kind == "*" else model.of_kind(target_kind))]
                # A page that failed to load may be the one meant: its id is a candidate too.
                known += [claim.id for claim in failed.values() if target_kind == "*" or claim.kind in (None, target_kind)]
                yield Problem(display, line, column, name,
                              f"unknown id {value!r}: {why} (expected the id of a published '{target_kind}' page"
                              f"{did_you_mean(value, known)})")
            elif target_kind != "*" and target.kind != target_kind:
                yield Problem(display, line, column, name,
                              f"{value!r} is a '{target.kind}' page (expected the id of a '{target_kind}' page)")


def _check_anchor_fields(model: SiteModel, page: PageRecord, display: str, anchors: _Anchors,
                         failed: Mapping[str, Claim]) -> Iterator[Problem]:
    paths = list(schema.anchor_fields(page.kind))
    meeting = page.meta.get("meeting", "")
    if not paths or (meeting not in model.by_id and meeting not in failed):
        return  # an unknown meeting is reported as such: nothing more to say
    # A meeting page that failed to load still has its report to hold anchors and words against.
    report = model.report_of(meeting)
    if report is None:
        if any(claim.kind in (None, "report") and claim.meeting in (None, meeting) for claim in failed.values()):
            return  # the report is among the pages that did not load
        line, column = page.line_of(("meeting",))
        yield Problem(display, line, column, "meeting",
                      f"meeting {meeting!r} has no report page (expected a 'report' page citing it)")
        return
    for schema_path in paths:
        for where, value in _values_at(page.meta, schema_path):
            if not anchors.has(report, value):
                known = sorted(anchors.of_body(report))
                line, column = page.line_of(where)
                yield Problem(display, line, column, _field_name(where),
                              f"no anchor #{value} on the report {report.src_path} "
                              f"(expected one of: {', '.join(known)}{did_you_mean(value, known, '#')})")
    yield from _check_report_words(page, display, report, anchors)


def _check_report_words(page: PageRecord, display: str, report: PageRecord, anchors: _Anchors) -> Iterator[Problem]:
    """Every field the page shows as the report's words (schema: x-report-words)
    is the report's, in the section its anchor cites (report_site.quotations)."""
    words = _report_words_of(report)
    report_file = report.translation.display if report.translation else report.src_path
    edition = " from the same edition's report" if page.translation else ""
    for quote_path, anchor_path in schema.report_word_fields(page.kind):
        for where, quote in _values_at(page.meta, quote_path):
            if not isinstance(quote, str) or skeleton_text.placeholder_in(quote):
                continue  # a skeleton's placeholder is reported as such
            anchor_where = where[:-1] + (anchor_path[-1],) if anchor_path else None
            anchor = _value_at(page.meta, anchor_where) if anchor_where else None
            if not isinstance(anchor, str) or not anchors.has(report, anchor):
                anchor = None  # no such anchor: reported as such; the words are still checked
            found = check_quotation(quote, anchor, words)
            if isinstance(found, NotInReport):
                line, column = page.line_of(where)
                hint = f"; the closest passage reads “{found.closest}”" if found.closest else ""
                yield Problem(display, line, column, _field_name(where),
                              f"these words are not in the report {report_file} (expected an exact quotation{edition}{hint})")
            elif isinstance(found, OtherSection) and anchor_where is not None:
                line, column = page.line_of(anchor_where)
                under = found.anchors[0] if found.anchors else ""
                instead = f"anchor: {under}, the section that has them" if under else "the anchor of the section that has them"
                yield Problem(display, line, column, _field_name(anchor_where),
                              f"the section #{anchor} of the report {report_file} does not have the words of "
                              f"{_field_name(where)} (expected {instead})")


def _check_quoted_words(model: SiteModel, page: PageRecord, display: str) -> Iterator[Problem]:
    """Words in quotation marks in a page's free text (schema: x-quotes-report)
    are its meeting's report's. A page of no meeting quotes no report in
    particular: it is not checked; nor is a page whose report did not load.
    English only: a translation's running text bends a quotation to its
    grammar (a case ending, a verb form), so its quotation marks claim the
    sense of the edition's report, not its letters; its `report_name` and
    `passages`, shown as the report's words, are held to the letter."""
    if page.translation is not None:
        return
    meeting = page.id if page.kind == "meeting" else page.meta.get("meeting")
    report = model.report_of(meeting) if isinstance(meeting, str) else None
    if report is None:
        return
    words = _report_words_of(report)
    report_file = report.translation.display if report.translation else report.src_path
    for path in schema.quoting_fields(page.kind):
        for where, text in _values_at(page.meta, path):
            if not isinstance(text, str):
                continue
            for quotation, closest in misquoted_in(text, words):
                line, column = page.line_of(where)
                hint = f"; the closest passage reads “{closest}”" if closest else ""
                yield Problem(display, line, column, _field_name(where),
                              f"“{quotation}” is in quotation marks but not in the report {report_file} "
                              f"(expected the report's exact words, or these without quotation marks{hint})")


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _report_words_of(report: PageRecord) -> ReportWords:
    """A report's words, worked out once per build (every message quotes its report)."""
    if report._report_words is None:
        report._report_words = ReportWords.of(report.front.body, report.meta.get("corrections", []))
    return report._report_words


def _check_body_links(model: SiteModel, page: PageRecord, display: str, anchors: _Anchors,
                      draft_ids: AbstractSet[str], failed: Mapping[str, Claim]) -> Iterator[Problem]:
    body = page.front.body
    lines: markdown_links.LineIndex | None = None

    def problem(link: markdown_links.Link, field_name: str, message: str) -> Problem:
        nonlocal lines
        lines = lines or markdown_links.LineIndex(body)
        line, column = lines.position(link.start)
        return Problem(display, page.front.body_line + line - 1, column, field_name, message)

    for link in markdown_links.links(body):
        target = link.target
        if markdown_links.is_external(target):
            continue
        path_part, anchor = markdown_links.split_target(target)
        target_id = markdown_links.page_id(path_part)
        if target_id is not None:
            if target_id in failed:
                continue
            if target_id not in model.by_id:
                why = "that page is a draft" if target_id in draft_ids else "no page has that id"
                yield problem(link, "link", f"[{target}] refers to unknown id {target_id!r}: {why} "
                                            f"(expected the id of a published page{did_you_mean(target_id, model.by_id)})")
                continue
            target_src = model.by_id[target_id].src_path
        elif not path_part:
            target_src = page.src_path
        elif path_part.startswith("/"):
            yield problem(link, "image" if link.is_image else "link", _site_absolute_link(model, page, target))
            continue
        else:
            target_src = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_path), path_part))
            if target_src.endswith(".md"):
                if target_src not in model.by_src:
                    yield problem(link, "link", f"broken link {target!r}: no published page {target_src} "
                                                f"(expected a path to a page of docs/{_closest_file(model, page, target_src)})")
                    continue
            else:
                if target_src.startswith("../") or not (model.docs_dir / target_src).exists():
                    at_address = _page_at_address(model, target_src)
                    if at_address is not None and not link.is_image:
                        yield problem(link, "link", f"broken link {target!r}: that is the address of {at_address.src_path} "
                                                    f"once built, and links go to the page's file (expected "
                                                    f"{_written_link(model, page, at_address, anchor)})")
                    else:
                        to_a_page = not link.is_image and "." not in posixpath.basename(target_src)
                        yield problem(link, "image" if link.is_image else "link",
                                      f"broken link {target!r}: no file docs/{target_src} (expected a file of docs/"
                                      f"{_closest_file(model, page, target_src, pages=to_a_page)})")
                continue
        target_page = model.by_src.get(target_src)
        if anchor and target_page is not None and not anchors.has(target_page, anchor):
            hint = did_you_mean(anchor, anchors.of(target_page), "#")
            yield problem(link, "link", f"broken anchor {target!r}: {target_src} has no #{anchor} "
                                        f"(expected one of its heading or block ids{hint})")


def _page_at_address(model: SiteModel, address: str) -> PageRecord | None:
    """The page built at a site address (`meetings/london-2014`, slashes at
    either end or none), or the page whose file it names."""
    address = address.strip("/")
    for candidate in model.pages:
        if candidate.url.rstrip("/") == address or candidate.src_path == address:
            return candidate
    return None


def _written_link(model: SiteModel, page: PageRecord, target: PageRecord, anchor: str) -> str:
    """A link to `target` as the site writes it, quoted: by its id, or the relative path to its file."""
    fragment = f"#{anchor}" if anchor else ""
    return f"'{markdown_links.ID_SCHEME}{target.id}{fragment}' or '{model.link_from(page, target.id)}{fragment}'"


def _site_absolute_link(model: SiteModel, page: PageRecord, target: str) -> str:
    """What to write instead of a link from the site's root (`/meetings/london-2014/`):
    MkDocs would not check it, and it breaks wherever the site is not at a domain's root."""
    path_part, anchor = markdown_links.split_target(target)
    grammar = ("the site links to a page by its id or by the relative path to its .md file "
               "(a link from the root breaks wherever the site is not at the root of its domain)")
    found = _page_at_address(model, path_part)
    if found is not None:
        return f"link from the site's root {target!r}: {grammar} (expected {_written_link(model, page, found, anchor)})"
    stripped = path_part.strip("/")
    if (model.docs_dir / stripped).is_file():
        relative = posixpath.relpath(stripped, posixpath.dirname(page.src_path) or ".")
        return f"link from the site's root {target!r}: {grammar} (expected '{relative}')"
    by_address = {candidate.url.rstrip("/"): candidate for candidate in model.pages}
    hint = did_you_mean(stripped, by_address, markdown_links.ID_SCHEME, written=lambda address: by_address[address].id)
    return f"link from the site's root {target!r}, and no page is at that address: {grammar} (expected a page's id{hint})"


def _closest_file(model: SiteModel, page: PageRecord, target_src: str, pages: bool = True) -> str:
    """"; did you mean '<relative path>'?" for the published page (or, for
    an image, the file of docs/) whose path is closest to the one written."""
    if pages:
        candidates: Iterable[str] = model.by_src
    else:
        candidates = [path.relative_to(model.docs_dir).as_posix() for path in model.docs_dir.rglob("*")
                      if path.is_file() and path.suffix != ".md"]
    return did_you_mean(target_src, candidates,
                        written=lambda found: posixpath.relpath(found, posixpath.dirname(page.src_path) or "."))


def _check_corrections(model: SiteModel, page: PageRecord, display: str) -> Iterator[Problem]:
    source_texts = model.of_kind("source-text", page.meta.get("meeting"))
    report_words = markdown_scan.plain_text(page.front.body)
    for index, correction in enumerate(page.meta.get("corrections", [])):
        if source_texts and correction["original"] not in markdown_scan.plain_text(source_texts[0].front.body):
            line, column = page.line_of(("corrections", index, "original"))
            yield Problem(display, line, column, f"corrections[{index}].original",
                          f"not in the source text {source_texts[0].src_path} (expected the source's exact words)")
        if correction["corrected"] not in report_words:
            line, column = page.line_of(("corrections", index, "corrected"))
            yield Problem(display, line, column, f"corrections[{index}].corrected",
                          "not in the report's text (expected the words the report uses instead)")


def _check_abbreviations(model: SiteModel, displays: dict[str, str]) -> Iterator[Problem]:
    seen: dict[str, PageRecord] = {}
    for page in model.pages:
        abbreviation = page.meta.get("abbreviation")
        if not abbreviation:
            continue
        if abbreviation in seen:
            line, column = page.line_of(("abbreviation",))
            yield Problem(displays.get(page.src_path, page.src_path), line, column, "abbreviation",
                          f"{abbreviation!r} is already declared by {seen[abbreviation].src_path} (expected each abbreviation once)")
        else:
            seen[abbreviation] = page
