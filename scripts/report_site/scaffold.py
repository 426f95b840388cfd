"""New pages from skeletons (scripts/new.py): a meeting (with its report), a
participant group, a key message, an organisation or a glossary term,
written where the site expects them, from the templates in
overrides/scaffold/.

A skeleton is a draft (`draft: true`): it validates and builds at once, and
is never published until the author has replaced its placeholders and
deleted that line; the build refuses a published page that still holds one
(the placeholders are declared once: report_site.skeleton_text). Every value it holds is one the build accepts, so the
author starts from a page that works: a group cites an anchor that the
meeting's report has, a message quotes words the report contains.

Refusals (an id that is malformed or taken, a meeting that does not exist)
are Problems, reported like any other mistake of an author's.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import markdown_scan, schema, skeleton_text
from .front_matter import lenient_fields, split_front_matter
from .problems import Problem

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "scaffold"
KINDS = ("meeting", "group", "message", "organisation", "term")
ID_PATTERN = re.compile(schema.declaration()["common"]["properties"]["id"]["pattern"])  # declared once, in the schema
QUOTE_WORDS = 12  # a message's placeholder quotation: the first words of a section


class ScaffoldRefused(Exception):
    """What stops a skeleton from being written (nothing was): a Problem
    where a file is in the way, else a mistake in the command's arguments."""

    def __init__(self, problem: Problem | str):
        super().__init__(str(problem) if isinstance(problem, Problem) else f"new.py: {problem}")


@dataclass(frozen=True)
class ExistingPage:
    """A page of docs/, read leniently (so a broken page still counts)."""

    path: Path
    id: str
    kind: str | None
    meeting: str | None

    @property
    def id_line(self) -> int:
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"^id:", line):
                return number
        return 1


def _argument_problem(name: str, message: str) -> str:
    """A mistake in the command's arguments: `--meeting: ...`."""
    return f"{name}: {message}"


def existing_pages(docs_dir: Path) -> list[ExistingPage]:
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            fields = lenient_fields(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the build reports it; it claims no id here
        if "id" in fields:
            pages.append(ExistingPage(path, fields["id"], fields.get("kind"), fields.get("meeting")))
    return pages


def scaffold(kind: str, page_id: str, docs_dir: Path, *, meeting: str | None = None,
             today: datetime.date | None = None) -> list[Path]:
    """Write the skeleton(s) of a new page; the files written. Raises
    ScaffoldRefused, having written nothing, when the request cannot be met."""
    display = _display(docs_dir)
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ScaffoldRefused(_argument_problem("kind", f"unknown kind {kind!r} ({hint}expected one of: {', '.join(KINDS)})"))
    if not ID_PATTERN.match(page_id):
        raise ScaffoldRefused(_argument_problem(
            "id", f"{page_id!r} is not an id (expected lowercase letters and digits in words joined by hyphens, e.g. brussels-2011)"))
    pages = existing_pages(docs_dir)
    ids = {page.id: page for page in pages}
    for new_id in [page_id, f"{page_id}-report"] if kind == "meeting" else [page_id]:
        if new_id in ids:
            taken = ids[new_id]
            raise ScaffoldRefused(Problem(f"{display}/{taken.path.relative_to(docs_dir).as_posix()}", taken.id_line, 1,
                                          "id", f"{new_id!r} is already this page's id (expected an id no page uses)"))
    if kind in ("group", "message") and not meeting:
        raise ScaffoldRefused(_argument_problem("--meeting", f"a {kind} belongs to a meeting (expected --meeting MEETING-ID)"))
    if kind not in ("group", "message") and meeting:
        raise ScaffoldRefused(_argument_problem("--meeting", f"a {kind} belongs to no meeting (expected no --meeting)"))

    env = _environment()
    # Every placeholder comes from the one registry that the build checks published pages against.
    placeholder = skeleton_text.for_page(page_id)
    values: dict[str, object] = {"id": page_id, "title": placeholder["title"], "placeholder": placeholder}
    files: dict[Path, str] = {}
    if kind == "meeting":
        organisers = [page.id for page in pages if page.kind == "organisation"][:1]
        if not organisers:
            raise ScaffoldRefused(_argument_problem(
                "organisers", "no organisation page yet: a meeting needs its organisers "
                              "(expected one first: python scripts/new.py organisation ID)"))
        values.update(organisers=organisers,
                      date=(today or datetime.date.today()).isoformat())
        folder = docs_dir / "meetings" / page_id
        files[folder / "index.md"] = env.get_template("meeting.md").render(**values)
        files[folder / "report.md"] = env.get_template("report.md").render(**values)
    elif meeting is not None:  # a group or a message
        meeting_page = _meeting(meeting, pages, display)
        anchor, quote, anchors = _report_passage(meeting, pages, docs_dir, display)
        siblings = [page for page in pages if page.kind == kind and page.meeting == meeting]
        values.update(meeting=meeting, order=len(siblings) + 1, anchor=anchor, anchors=anchors, quote=quote)
        folder = meeting_page.path.parent / ("groups" if kind == "group" else "messages")
        files[folder / f"{page_id}.md"] = env.get_template(f"{kind}.md").render(**values)
    else:
        folder = docs_dir / ("organisations" if kind == "organisation" else "glossary")
        files[folder / f"{page_id}.md"] = env.get_template(f"{kind}.md").render(**values)

    for path in files:
        if path.exists():
            raise ScaffoldRefused(Problem(f"{display}/{path.relative_to(docs_dir).as_posix()}", 1, 1, "file",
                                          "already exists (expected a new file: choose another id)"))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"), encoding="utf-8")
    return list(files)


@functools.cache
def _environment() -> jinja2.Environment:
    """The skeletons' templates: YAML and Markdown, so Jinja comments are
    {## ##} (a Markdown anchor is {#id}), and `yaml_text` quotes a value."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), undefined=jinja2.StrictUndefined,
                             autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             comment_start_string="{##", comment_end_string="##}")
    # A JSON string is a YAML double-quoted string; unescaped letters stay readable.
    env.filters["yaml_text"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def _display(docs_dir: Path) -> str:
    """docs/ as problems name it: relative to the working folder where possible."""
    try:
        return docs_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return docs_dir.as_posix()


def _meeting(meeting: str, pages: list[ExistingPage], display: str) -> ExistingPage:
    meetings = {page.id: page for page in pages if page.kind == "meeting"}
    if meeting not in meetings:
        close = difflib.get_close_matches(meeting, list(meetings), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        known = ", ".join(sorted(meetings)) or "none yet: python scripts/new.py meeting ID"
        raise ScaffoldRefused(_argument_problem(
            "--meeting", f"no meeting has the id {meeting!r} in {display}/ ({hint}expected one of: {known})"))
    return meetings[meeting]


def _report_passage(meeting: str, pages: list[ExistingPage], docs_dir: Path, display: str) -> tuple[str, str, list[str]]:
    """The first anchor of the meeting's report, the first words after it,
    and every anchor: what a new group or message can cite as it is."""
    reports = [page for page in pages if page.kind == "report" and page.meeting == meeting]
    if not reports:
        raise ScaffoldRefused(_argument_problem(
            "--meeting", f"meeting {meeting!r} has no report page yet "
                         "(expected a 'report' page citing it, as python scripts/new.py meeting writes one)"))
    report = reports[0]
    where = f"{display}/{report.path.relative_to(docs_dir).as_posix()}"
    front, problems = split_front_matter(report.path.read_text(encoding="utf-8"), where)
    if front is None:
        raise ScaffoldRefused(problems[0])
    sections = markdown_scan.sections(front.body)
    text = markdown_scan.plain_text(front.body)
    for anchor, heading in sections.items():
        start = text.find(heading) + len(heading) if heading and heading in text else -1
        words: list[str] = []
        for word in text[start:].split() if start >= 0 else []:
            if word.startswith(("#", "!!!", "{")) or len(words) == QUOTE_WORDS:
                break
            words.append(word)
        quote = " ".join(words)
        if len(quote) >= 10:
            return anchor, quote, list(sections)
    raise ScaffoldRefused(Problem(where, front.body_line, 1, "body",
                                  "the report has no section with text to cite yet "
                                  "(expected a heading with an anchor, such as '## Context {#context}', and text under it)"))
