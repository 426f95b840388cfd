"""The MkDocs side of the build: each hook hands over to plain functions.

Kept apart from the logic so that the logic can move to another engine.
State lives in one BuildState per build, made afresh in on_config (which
`mkdocs serve` runs again on every rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure import nav as mkdocs_nav
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import external_links, generation, offline_edition, search_ranking, security_policy
from .metadata_export import write_metadata
from .problems import ValidationFailed
from .site_model import SiteModel, load_site

class SiteInvalid(Abort):
    """Stops MkDocs before it writes anything, with every problem listed."""


@dataclass
class BuildState:
    model: SiteModel
    env: jinja2.Environment
    meeting_navs: dict[str, Navigation] = field(default_factory=dict)


STATE: BuildState | None = None
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global STATE
    serving = _command == "serve"
    docs_dir = Path(config.docs_dir)
    model, problems = load_site(docs_dir, display_root=Path(config.config_file_path).parent, include_drafts=serving)
    env = generation.template_environment()
    env.globals["site_url"] = config.site_url or ""  # for absolute addresses in citations
    if not problems:
        problems = generation.add_generated_pages(model, env)
    if problems:
        raise SiteInvalid(ValidationFailed(problems).report())
    STATE = BuildState(model=model, env=env)
    config.nav = generation.navigation(model)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state()
    for record in state.model.pages:
        if record.generated:
            files.append(File.generated(config, record.src_path, content=record.text))
    # Drafts: never published; `mkdocs serve` previews them (see on_page_markdown).
    draft_paths = {record.src_path for record in state.model.pages if record.is_draft}
    draft_paths |= {record.src_path for record in state.model.drafts}
    for file in files:
        record = state.model.by_src.get(file.src_uri)
        if file.src_uri in draft_paths:
            file.inclusion = InclusionLevel.DRAFT
        elif record and not generation.in_site_nav(state.model, record):
            # In a collection, a meeting's pages are in that meeting's own nav (on_nav),
            # and background pages are reached from their index pages.
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """For a collection, one Navigation per meeting: the site-wide items
    plus that meeting's sections, with previous/next links inside the meeting."""
    state = _state()
    state.meeting_navs = {}
    if not generation.is_collection(state.model):
        return nav
    for meeting in state.model.of_kind("meeting"):
        sections = mkdocs_nav._data_to_navigation(generation.meeting_navigation(state.model, meeting), files, config)
        mkdocs_nav._add_parent_links(sections)
        pages = mkdocs_nav._get_by_type(sections, Page)
        mkdocs_nav._add_previous_and_next_links(pages)
        # Home first, then this meeting, then the rest of the site-wide nav.
        items = nav.items[:1] + sections + nav.items[1:]
        state.meeting_navs[meeting.id] = Navigation(items, nav.pages[:1] + pages + nav.pages[1:])
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state()
    record = state.model.by_src.get(page.file.src_uri)
    if record is None:
        raise Abort(f"{page.file.src_uri}: page unknown to the site model (expected every page to be loaded)")
    text = generation.page_markdown(markdown, record, state.model, state.env)
    page.meta["search"] = search_ranking.with_search_boost(page.meta, record.kind)
    page.meta["tags"] = search_ranking.search_tags(record.meta)
    if record.is_draft:
        text = '!!! warning "Draft"\n    This page is a draft: it is shown only by `mkdocs serve` and is never published.\n\n' + text
    return text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = generation.drop_redundant_tooltips(html, _state().model.abbreviations())
    return external_links.mark_external_links(html)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Give templates the page's record and the whole model (for metadata,
    structured data and download links)."""
    state = _state()
    context["record"] = state.model.by_src.get(page.file.src_uri)
    context["site_model"] = state.model
    meeting = _meeting_of(state, page.file.src_uri)
    if meeting in state.meeting_navs:
        context["nav"] = state.meeting_navs[meeting]
    return context


def _meeting_of(state: BuildState, src_path: str) -> str | None:
    record = state.model.by_src.get(src_path)
    return state.model.meeting_of(record) if record else None


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Values every theme template may use, 404 page included."""
    env.filters["long_date"] = generation.long_date
    env.globals.update(security_policy.template_globals())
    env.globals.update(offline_edition.template_globals())
    return env


def on_post_build(config: MkDocsConfig) -> None:
    write_metadata(_state().model, Path(config.site_dir))


def _state() -> BuildState:
    if STATE is None:
        raise Abort("the report_site hooks ran out of order (on_config did not run)")
    return STATE
