"""Each page's Markdown as MkDocs receives it: the author's body wrapped in
what the front-matter adds (facts above; related pages, tags and sources
below; every abbreviation for the tooltips), with `id:` links resolved.

The wrapping is a Markdown template (overrides/generated/page.md), so the
facts a page shows come from the same metadata that is validated and
exported, and no page repeats them by hand.
"""

from __future__ import annotations

import functools
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import jinja2

from . import downloads, feeds, markdown_links, markdown_scan
from .publishing import Edition
from .site_model import PageRecord, SiteModel
from .strings import strings

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "generated"


@functools.cache
def template_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """One environment per process, so templates compile once (it still
    reloads a template whose file changed, for `mkdocs serve`). It holds
    nothing of a build: what differs between builds is passed to `render`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown, escaped where needed by the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown writes heading ids as {#id}: Jinja comments are {## ... ##} here.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["md"] = markdown_escape
    env.filters["long_date"] = long_date
    env.filters["words_of"] = words_of
    env.globals.update(pdf_href=downloads.pdf_href, pdf_path=downloads.pdf_path, feed_url=feeds.feed_url)
    return env


def markdown_escape(text: str) -> str:
    """Text safe inside Markdown link text: brackets and emphasis markers escaped."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", str(text))


@jinja2.pass_context
def long_date(context: jinja2.runtime.Context, iso_date: str) -> str:
    """'2014-10-21' -> '21 October 2014' ('21 октября 2014 г.'): in the
    language of the template's `language`, the edition's (English if none)."""
    return strings(context.get("language") or "en").long_date(iso_date)


@jinja2.pass_context
def words_of(context: jinja2.runtime.Context, text: str, page: PageRecord) -> str:
    """Words taken from `page` (its place, its aims...): marked with their
    language when it is not the edition's, as a page not yet translated is
    English inside another edition."""
    language = context.get("language") or "en"
    return str(text) if page.language == language else f'<span lang="{page.language}">{text}</span>'


def tag_anchor(tag: str) -> str:
    """The anchor of a tag's section on the tags page."""
    return "tag-" + re.sub(r"[^a-z0-9]+", "-", tag.casefold()).strip("-")


def link_ids(markdown: str, page: PageRecord, model: SiteModel) -> str:
    """`[text](id:some-page#anchor)` -> a relative link to that page's source.
    An unknown id is left as written: the link check has reported it."""
    def resolve(target: str) -> str:
        path, anchor = markdown_links.split_target(target)
        target_id = markdown_links.page_id(path)
        if target_id not in model.by_id:
            return target
        return model.link_from(page, target_id) + (f"#{anchor}" if anchor else "")
    return markdown_links.replace_targets(markdown, resolve)


def page_markdown(body: str, page: PageRecord, model: SiteModel, site_url: str = "",
                  edition: Edition | None = None, english_url: str = "",
                  alternates: list[dict[str, Any]] | None = None) -> str:
    """The body wrapped in what the metadata adds: facts above, related pages
    and sources below, and every abbreviation's expansion for tooltips; in an
    edition in another language, the notice that says whether the page is
    translated. `site_url`: the configuration's, for the absolute addresses in
    citations; `edition`: who publishes this edition (for the page that shows
    it); `english_url`: the English page's address, relative to this one;
    `alternates`: the page in every language (mkdocs_plugin.SiteBuild.alternates)."""
    text = template_environment().get_template("page.md").render(
        page=page, meta=page.meta, body=body, model=model, abbreviations=model.abbreviations(),
        tag_anchor=tag_anchor, site_url=site_url, edition=edition or Edition(), t=strings(model.language),
        language=model.language, english_url=english_url, alternates=alternates or [])
    return link_ids(mark_untranslated_titles(text, model), page, model)


def mark_untranslated_titles(markdown: str, model: SiteModel) -> str:
    """`[About this edition](id:about)` in an edition where that page is not
    translated yet: its title is English, and is marked so (`{: lang="en" }`,
    attr_list), as the page itself is. Links with words of their own are
    the edition's language and stay as they are."""
    if model.language == "en":
        return markdown
    pieces: list[str] = []
    done = 0
    for match in markdown_links.INLINE_LINK.finditer(markdown_links.without_code(markdown)):
        target = match.group("target")
        if not target.startswith(markdown_links.ID_SCHEME):
            continue
        record = model.by_id.get(markdown_links.page_id(markdown_links.split_target(target)[0]) or "")
        if record is None or record.language == model.language:
            continue
        if match.group("text") in {markdown_escape(record.title), markdown_escape(record.nav_title)} \
                and not markdown.startswith("{:", match.end()):
            pieces += [markdown[done:match.end()], f'{{: lang="{record.language}" }}']
            done = match.end()
    return "".join(pieces) + markdown[done:]


def rendered_anchors(model: SiteModel, page: PageRecord) -> set[str]:
    """Every anchor of the page as it will be built: its body's and those the
    templates add (#sources, #cite-this-report, #date, ...), so that a link to
    any of them is checked like a link to a heading the author wrote. An
    unfinished model (a reference to a page that failed to load) may not
    render: its problems are reported, and only the body's anchors count."""
    try:
        text = page_markdown(page.front.body, page, model)
    except (jinja2.TemplateError, LookupError, AttributeError, TypeError):
        return markdown_scan.anchors(page.front.body)
    return markdown_scan.anchors(text)


def drop_redundant_tooltips(html: str, abbreviations: dict[str, str]) -> str:
    """"International <abbr title="International Alert">Alert</abbr>" reads
    as the full name already: the tooltip there only adds noise."""
    for abbreviation, expansion in abbreviations.items():
        before, _, last_word = expansion.rpartition(" ")
        if before and last_word == abbreviation:
            marked = f'{before} <abbr title="{html_escape(expansion)}">{abbreviation}</abbr>'
            html = html.replace(marked, expansion)
    return html
