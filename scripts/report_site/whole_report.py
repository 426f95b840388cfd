"""The "whole report" page: one page per meeting with the meeting, its
report, the participant groups, the key messages, the glossary and the
source text, in reading order, for readers who print from the browser.

The same page is the source of the PDF (report_site.pdf), so the printed
page and the PDF can never say different things.

Each embedded page keeps its own Markdown; what changes is only what must
change when pages share one document: headings move down a level or two,
ids get the page's id as a prefix (every page has a #sources, say), and
links to pages that are part of the document become links within it.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markdown.extensions.toc import slugify

from . import markdown_links, markdown_scan
from .problems import Problem
from .site_model import PageRecord, SiteModel, parse_page
from .strings import page_label, strings

PAGE_NAME = "print.md"  # beside the meeting's page: meetings/<meeting>/print/
TEMPLATE = "whole-report.md"

ATTR_LIST = re.compile(r"\{:?([^}]*)\}")
ID_IN_ATTRS = re.compile(r"(^|\s)#([A-Za-z][\w-]*)")
HTML_ID = re.compile(r"""(\bid=["'])([^"']+)(["'])""")
FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")


@dataclass
class Entry:
    """One embedded page under its own heading."""

    heading: str
    anchor: str
    markdown: str


@dataclass
class Part:
    """A top-level section of the whole report: one page, or a list of them."""

    heading: str
    anchor: str
    markdown: str = ""
    entries: list[Entry] = field(default_factory=list)


def whole_report_path(meeting: PageRecord) -> str:
    return posixpath.join(posixpath.dirname(meeting.src_path), PAGE_NAME)


def whole_report_id(meeting: PageRecord) -> str:
    return f"{meeting.id}-print"


def whole_report_of(model: SiteModel, meeting_id: str) -> PageRecord | None:
    return model.by_id.get(whole_report_id(model.by_id[meeting_id])) if meeting_id in model.by_id else None


def reading_order(model: SiteModel, meeting: PageRecord) -> list[tuple[str, str | None, list[PageRecord]]]:
    """(heading, id of the listing page it stands for, pages) in the order a
    reader meets them; single pages take their own title as heading."""
    listing = f"{meeting.id}-"
    t = strings(model.language)
    order: list[tuple[str, str | None, list[PageRecord]]] = [(meeting.title, None, [meeting])]
    order += [(report.title, None, [report]) for report in model.of_kind("report", meeting.id)]
    order.append((t("listing.groups"), listing + "groups", model.of_kind("group", meeting.id)))
    order.append((t("listing.messages"), listing + "messages", model.of_kind("message", meeting.id)))
    order.append((t("listing.glossary"), "glossary", terms_used(model, meeting)))
    appendices = [(page_label(model.language, page.kind, page.title), page) for page in model.of_kind("source-text", meeting.id)]
    order += [(t("whole.appendix", title=title, title_lower=title.lower()), None, [page]) for title, page in appendices]
    return [(heading, listing_id, pages) for heading, listing_id, pages in order if pages]


def meeting_pages(model: SiteModel, meeting: PageRecord) -> list[PageRecord]:
    """The meeting's page and every page that belongs to it."""
    return [meeting] + [page for kind in ("report", "source-text", "group", "message", "page")
                        for page in model.of_kind(kind, meeting.id) if not page.generated]


def terms_used(model: SiteModel, meeting: PageRecord) -> list[PageRecord]:
    """The glossary entries the meeting's own pages use, in the glossary's
    order: those they link to or that point to one of them (`see`), an
    abbreviation they write (as a word, in capitals: "NK", not "EPNK"), or a
    term without one that they name. Another meeting's vocabulary (and the
    entries written about it) stays out of this meeting's whole report."""
    pages = meeting_pages(model, meeting)
    own_ids = {page.id for page in pages}
    text = "\n".join(f"{page.title}\n{page.front.body}" for page in pages)
    linked = {markdown_links.page_id(markdown_links.split_target(link.target)[0])
              for page in pages for link in markdown_links.links(page.front.body)}

    def used(term: PageRecord) -> bool:
        if term.id in linked or term.meta.get("see") in own_ids:
            return True
        abbreviation = term.meta.get("abbreviation")
        if abbreviation:
            return re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text) is not None
        return re.search(rf"(?<!\w){re.escape(term.meta['term'])}(?!\w)", text, flags=re.IGNORECASE) is not None

    return [term for term in model.of_kind("term") if used(term)]


def add_whole_report_pages(model: SiteModel, env: jinja2.Environment) -> list[Problem]:
    """Add one whole-report page per meeting to the model."""
    problems: list[Problem] = []
    for meeting in model.of_kind("meeting"):
        src_path = whole_report_path(meeting)
        if src_path in model.by_src:
            problems.append(Problem(src_path, 1, 1, "file",
                                    "this path is generated by the build (expected no authored page here)"))
            continue
        text = whole_report_markdown(model, meeting, env)
        record, found, _ = parse_page(text, src_path, f"<generated {src_path}>", generated=True, language=model.language)
        problems.extend(found)
        if record:
            model.add(record)
    return problems


def whole_report_markdown(model: SiteModel, meeting: PageRecord, env: jinja2.Environment) -> str:
    src_path = whole_report_path(meeting)
    order = reading_order(model, meeting)
    included = {page.id for _, _, pages in order for page in pages}
    aliases = {listing_id: listing_id for _, listing_id, _ in order if listing_id}
    parts: list[Part] = []
    for heading, listing_id, pages in order:
        if listing_id is None:
            page = pages[0]
            parts.append(Part(heading, page.id, embed(page, 2, model, env, included, aliases, src_path)))
        else:
            parts.append(Part(heading, listing_id, entries=[
                Entry(page.title, page.id, embed(page, 3, model, env, included, aliases, src_path)) for page in pages]))
    pages = [page for _, _, group in order for page in group]
    kinds = {page.kind for page in pages}
    return env.get_template(TEMPLATE).render(
        id=whole_report_id(meeting), meeting=meeting, parts=parts,
        sources=_unique_sources(pages), tags=_unique_tags(pages), t=strings(model.language), language=model.language,
        # What the intro and description name: only the parts this meeting has.
        has={"report": "report" in kinds, "groups": "group" in kinds, "messages": "message" in kinds,
             "glossary": "term" in kinds, "source_text": "source-text" in kinds})


def embed(page: PageRecord, level: int, model: SiteModel, env: jinja2.Environment,
          included: set[str], aliases: dict[str, str], src_path: str) -> str:
    """The page's facts and body, ready to sit under a heading of `level`."""
    facts = ""
    with contextlib.suppress(jinja2.TemplateNotFound):  # a kind without facts of its own
        facts = env.get_template(f"facts/{page.kind}.md").render(page=page, meta=page.meta, model=model,
                                                                t=strings(model.language), language=model.language)
    body = _without_title(page.front.body)
    if page.language != model.language:
        # Not translated yet: its words are English, and marked so (screen readers, the PDF's tags).
        body = f'<div lang="{page.language}" markdown>\n\n{body.strip()}\n\n</div>'
    text = facts.strip() + "\n\n" + body.strip() + "\n"
    return rewrite(text, page, level, model, included, aliases, src_path)


def _without_title(body: str) -> str:
    stripped = body.lstrip()
    if stripped.startswith("# "):
        return stripped.split("\n", 1)[1] if "\n" in stripped else ""
    return body


def rewrite(text: str, page: PageRecord, level: int, model: SiteModel, included: set[str],
            aliases: dict[str, str], src_path: str) -> str:
    """Headings one level below `level`, ids prefixed, links pointed within the document."""
    prefix = anchor_prefix(page.id)
    lines: list[str] = []
    fenced = False
    for line in text.splitlines():
        if markdown_links.FENCE.match(line):
            fenced = not fenced
            lines.append(line)
            continue
        if fenced:
            lines.append(line)
            continue
        heading = markdown_scan.HEADING.match(line)
        if heading:
            line = _rewrite_heading(heading, level, prefix)
        else:
            line = ATTR_LIST.sub(lambda m: "{" + (":" if m.group(0).startswith("{:") else "")
                                 + ID_IN_ATTRS.sub(lambda i: f"{i.group(1)}#{prefix}{i.group(2)}", m.group(1)) + "}", line)
            line = HTML_ID.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), line)
        line = FOOTNOTE.sub(lambda m: f"[^{page.id}-{m.group(1)}]", line)
        lines.append(line)
    return markdown_links.replace_targets(
        "\n".join(lines), lambda target: _link(target, page, model, included, aliases, src_path))


def anchor_prefix(page_id: str) -> str:
    return f"{page_id}--"


def _rewrite_heading(heading: re.Match[str], level: int, prefix: str) -> str:
    depth = min(len(heading.group(1)) + level - 1, 6)
    text = heading.group(2)
    attrs = heading.group(3) or ""
    explicit = ID_IN_ATTRS.search(attrs.lstrip(":"))
    anchor = explicit.group(2) if explicit else slugify(markdown_scan.heading_text(text), "-")
    others = ID_IN_ATTRS.sub("", attrs.lstrip(":")).strip()
    return f"{'#' * depth} {text} {{: #{prefix}{anchor}{' ' + others if others else ''} }}"


def _link(target: str, page: PageRecord, model: SiteModel, included: set[str],
          aliases: dict[str, str], src_path: str) -> str:
    if markdown_links.is_external(target):
        return target
    path_part, anchor = markdown_links.split_target(target)
    linked_id = markdown_links.page_id(path_part)
    if linked_id is not None:
        target_id = linked_id
    elif not path_part:
        target_id = page.id
    else:
        target_src = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_path), path_part))
        target_page = model.by_src.get(target_src)
        if target_page is None:  # a file beside the page, an image say: keep pointing at it
            return posixpath.relpath(target_src, posixpath.dirname(src_path) or ".") + (f"#{anchor}" if anchor else "")
        target_id = target_page.id
    if target_id in included:
        return f"#{anchor_prefix(target_id)}{anchor}" if anchor else f"#{target_id}"
    if target_id in aliases and not anchor:
        return f"#{aliases[target_id]}"
    # To the page itself: page_rendering.link_ids turns it into a relative link.
    return f"{markdown_links.ID_SCHEME}{target_id}" + (f"#{anchor}" if anchor else "")


def _unique_sources(pages: list[PageRecord]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for page in pages:
        for source in page.meta.get("sources", []):
            seen.setdefault(source.get("url") or source["title"], source)  # a printed work may have no address
    return list(seen.values())


def _unique_tags(pages: list[PageRecord]) -> list[str]:
    return list(dict.fromkeys(tag for page in pages for tag in page.meta.get("tags", [])))
