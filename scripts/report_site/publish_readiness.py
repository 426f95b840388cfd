"""What the pages may leave open on a local build and a build for
publishing refuses (as report_site.publishing does for mkdocs.yml):

- pages written for one meeting on a site that publishes several: the home
  page's `meeting:` and a title or description that names some meetings
  and not the others; a site-wide page (the About page) whose `citations`
  leave a published meeting's report out. Nothing else would tell the
  editor who adds a second meeting that these pages still introduce the
  first one alone;
- drafts: checked, never published, and so left out of the site. A local
  build names each one; a build for publishing refuses while any exists,
  unless the editor says to hold them back (`--hold-back-drafts`), so that
  a page is not left out of the published site without anyone deciding so.

Each finding is a Problem: a local build shows it as a warning, a build for
publishing refuses with it, in the same round as every other problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .inflection import fold
from .problems import Problem
from .site_model import PageRecord, SiteModel, _display

HOLD_BACK_FLAG = "--hold-back-drafts"

# Where a problem is shown: the page's file (a translation's own file in another edition).
ShownPath = Callable[[PageRecord], str]


def shown_paths(docs_dir: Path, display_root: Path) -> ShownPath:
    """Where problems show a page: its file relative to display_root (its
    translation's file, for a translated page)."""
    docs, root = docs_dir.resolve(), display_root.resolve()

    def shown(page: PageRecord) -> str:
        return page.translation.display if page.translation else _display(docs / page.src_path, root)
    return shown


def drafts_held_back(drafts: list[PageRecord], shown: ShownPath, *, publishing: bool) -> list[Problem]:
    """Each draft a build checked and leaves out: for a local build, what
    it was told; for a build for publishing, why it refuses (see module)."""
    problems = []
    for draft in sorted(drafts, key=lambda page: page.src_path):
        line, column = draft.line_of(("draft",), key=True)
        if publishing:
            message = (f"a draft, which would be left out of the published site (expected the page finished and "
                       f"this line deleted, or `python scripts/build.py --publish {HOLD_BACK_FLAG}` "
                       "to publish the site without its drafts)")
        else:
            message = ("a draft: checked, and held back from this build (delete this line "
                       "when the page is ready to publish)")
        problems.append(Problem(shown(draft), line, column, "draft", message))
    return problems


def one_meeting_pages(model: SiteModel, shown: ShownPath) -> list[Problem]:
    """Site-wide pages still written for one meeting while the site publishes
    several: nothing when it publishes one."""
    meetings = model.of_kind("meeting")
    if len(meetings) < 2:
        return []
    problems: list[Problem] = []
    for page in model.pages:
        if page.generated or model.meeting_of(page) is not None:
            continue  # a meeting's own pages speak of it, as they should
        if page.language != model.language:
            continue  # an English page not yet translated: the English edition's check reads it
        if page.kind == "home" and page.translation is None and page.meta.get("meeting"):
            problems.append(_home_meeting(page, shown(page), meetings))
        if page.kind in ("home", "page"):
            problems.extend(_naming_some(page, shown(page), meetings, model.language))
        if page.meta.get("citations") and page.translation is None:
            problems.extend(_citations_leaving_out(model, page, shown(page), meetings))
    return problems


def _listed(meetings: list[PageRecord]) -> str:
    return ", ".join(meeting.id for meeting in meetings)


def _home_meeting(page: PageRecord, display: str, meetings: list[PageRecord]) -> Problem:
    line, column = page.line_of(("meeting",), key=True)
    return Problem(display, line, column, "meeting", (
        f"the home page is about {page.meta['meeting']!r} alone, but the site publishes {len(meetings)} meetings "
        f"({_listed(meetings)}) and the home page lists them all (expected no `meeting:` line: delete it, and write "
        "the page's title and text for the whole collection)"))


def _naming_some(page: PageRecord, display: str, meetings: list[PageRecord], language: str) -> Iterator[Problem]:
    """A title or description (or the body's own heading) that names some of
    the meetings and not the others."""
    texts = [(name, page.line_of((name,)), page.meta.get(name)) for name in ("title", "description")]
    heading = re.match(r"\s*# (.+)", page.front.body)
    if heading:
        line = page.front.body_line + page.front.body[: heading.start(1)].count("\n")
        texts.append(("body", (line, 1), heading.group(1)))
    for field_name, (line, column), text in texts:
        if not isinstance(text, str):
            continue
        named = [meeting for meeting in meetings if _names(text, meeting, language)]
        if not named or len(named) == len(meetings):
            continue
        left_out = [meeting for meeting in meetings if meeting not in named]
        if language == "en":
            example = (", such as 'Meeting reports on peacebuilding in the conflict over Nagorno-Karabakh'"
                       if field_name == "title" else "")
        else:
            # An untranslated meeting has only its English names for the check to find.
            example = (f"; a meeting not translated into {language!r} is found by its English title or place, "
                       "so translate its page too")
        yield Problem(display, line, column, field_name, (
            f"speaks of {_listed(named)} only, but the site also publishes {_listed(left_out)} "
            f"(expected words for every meeting or for none{example})"))


def _names(text: str, meeting: PageRecord, language: str) -> bool:
    """Whether the text names the meeting: by its title or navigation title,
    or by its place, in any form (Лондоне, Londonda, Լոնդոնյան)."""
    folded = fold(text, language)
    names = {meeting.title, meeting.nav_title, re.sub(r"^the\s+", "", str(meeting.meta.get("place", "")), flags=re.I)}
    return any(re.search(r"(?<!\w)" + re.escape(fold(name, language)), folded) for name in names if len(name) > 2)


def _citations_leaving_out(model: SiteModel, page: PageRecord, display: str,
                           meetings: list[PageRecord]) -> Iterator[Problem]:
    cited = page.meta["citations"]
    missing = [report for report in (model.report_of(meeting.id) for meeting in meetings)
               if report is not None and report.id not in cited]
    if missing:
        line, column = page.line_of(("citations",), key=True)
        to_add = ", ".join(f"`- {report.id}`" for report in missing)
        yield Problem(display, line, column, "citations", (
            f"cites {', '.join(cited)} but not {', '.join(report.id for report in missing)}, though the site "
            f"publishes {'its meeting' if len(missing) == 1 else 'their meetings'} (expected every published "
            f"meeting's report: add {to_add} to the list)"))
