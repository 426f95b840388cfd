"""The MkDocs side of the build: the `report-site` plugin, a thin adapter
that hands each MkDocs event over to the engine-free modules of this
package (registered in pyproject.toml, enabled in mkdocs.yml's `plugins:`).

Each build's state is one `SiteBuild`, made afresh by `on_config` (which
MkDocs runs for every build, and `mkdocs serve` for every rebuild) and
never saved or restored. The plugin object itself lives longer: MkDocs
keeps one instance of a plugin with `on_startup` for the whole process,
and `on_startup` is the only way to learn that the command is `mkdocs
serve` (which shows drafts). So the plugin keeps just that, and whoever
ran a build takes its model right after it (publish.run_mkdocs): the next
build, the offline edition's say, makes a SiteBuild of its own.

Which edition a build makes (report_site.editions) is mkdocs.yml's
`extra: edition:` (English, the reference, when absent); publish.build sets
it for each language. `on_config` then sets what differs between editions:
Material's interface language, the search plugin's language, the edition's
address, and the model (English pages with that language's translations in
their place).

ProperDocs (a maintained fork of MkDocs 1.x) reads the same entry point
and answers `mkdocs.*` imports with its own modules, so this runs there too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2
from markdown.extensions.toc import slugify_unicode
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import nav as mkdocs_nav
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import downloads, editions, external_links, navigation, page_rendering, search_ranking, security_policy
from .editions import Edition
from .metadata_export import write_metadata
from .preparation import prepare_site
from .problems import ValidationFailed
from .site_model import PageRecord, SiteModel
from .strings import strings

PLUGIN_NAME = "report-site"  # the entry point's name, as mkdocs.yml enables it

DRAFT_NOTICE = '!!! warning "Draft"\n    This page is a draft: it is shown only by `mkdocs serve` and is never published.\n\n'


class SiteInvalid(Abort):
    """Stops MkDocs before it writes anything, with every problem listed."""


@dataclass
class SiteBuild:
    """What one build knows: the model it renders, the edition's address
    (for citations), the editions built beside it and, in a collection,
    each meeting's navigation."""

    model: SiteModel
    site_url: str
    edition: Edition
    editions: list[Edition]  # every edition the site is built in, this one included
    reference_site_url: str  # the English edition's address, the site's root
    meeting_navs: dict[str, Navigation] = field(default_factory=dict)

    def record(self, page: Page) -> PageRecord | None:
        return self.model.by_src.get(page.file.src_uri)

    def in_edition(self, page: Page, other: Edition) -> str:
        """The same page in another edition, relative to this page's address."""
        up = "../" * page.url.count("/")  # from the page's folder to this edition's root
        return up + editions.root_of(self.edition, other) + page.url or "./"

    def edition_homes(self) -> list[dict[str, str | bool]]:
        """Each edition's home page, relative to this edition's root (for the `url` filter)."""
        return [{"code": other.code, "name": other.name, "locale": other.locale, "current": other == self.edition,
                 "href": editions.root_of(self.edition, other) or "./"} for other in self.editions]

    def translated_in(self, record: PageRecord) -> list[Edition]:
        """The other editions that have this English page translated (its file
        exists; that edition's own build checks it)."""
        folder = editions.translations_dir(self.model.docs_dir)
        return [other for other in self.editions
                if not other.reference and (folder / other.code / record.src_path).is_file()]

    def alternates(self, page: Page) -> list[dict[str, str | bool]]:
        """The page in every edition: for the language switcher and hreflang."""
        return [{"code": other.code, "name": other.name, "locale": other.locale, "current": other == self.edition,
                 "href": self.in_edition(page, other),
                 "url": self.reference_site_url + other.prefix + page.url if self.reference_site_url else ""}
                for other in self.editions]


class ReportSiteConfig(Config):
    """No options: the plugin reads mkdocs.yml's own keys. An option given
    here anyway is refused (strict), not ignored."""


class ReportSitePlugin(BasePlugin[ReportSiteConfig]):
    def __init__(self) -> None:
        self.serving = False  # of the process, not of a build: set once by on_startup
        self.site: SiteBuild | None = None  # the latest build's; replaced by the next on_config

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self.serving = False

    @event_priority(100)  # before the search plugin's, which reads the language set here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and generate before MkDocs reads a page; any problem
        stops the build here. `mkdocs serve` previews drafts, checked the same."""
        self.site = None
        code = config.extra.get("edition") or editions.reference().code
        try:
            edition = editions.edition(str(code))
        except KeyError as error:
            raise SiteInvalid(f"{config.config_file_path}: extra.edition: {error.args[0]}") from None
        docs_dir = Path(config.docs_dir)
        built = editions.built_editions(docs_dir)
        if edition not in built:
            built.append(edition)
        reference_site_url = config.site_url or ""
        if not edition.reference and reference_site_url:
            config.site_url = reference_site_url + edition.prefix
        config.theme["language"] = edition.code  # Material's interface words; it ships ru, hy, az
        if not edition.reference:
            # Headings without an id of their own get one in their own letters (#контекст, not #_1).
            # English keeps MkDocs' default, so its addresses do not change.
            config.mdx_configs.setdefault("toc", {})["slugify"] = slugify_unicode
        _set_search_language(config, edition)
        # Truthy but not a list: Material's header then includes partials/alternate.html (ours,
        # linking this very page in each edition), and its base.html writes no links of its own.
        config.extra["alternate"] = len(built) > 1
        prepared = prepare_site(docs_dir, display_root=Path(config.config_file_path).parent,
                                include_drafts=self.serving, language=edition.code)
        if prepared.problems:
            raise SiteInvalid(ValidationFailed(prepared.problems).report())
        self.site = SiteBuild(prepared.model, config.site_url or "", edition, built, reference_site_url)
        config.nav = prepared.navigation
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = self._site()
        for record in site.model.pages:
            if record.generated:
                files.append(File.generated(config, record.src_path, content=record.text))
        # Drafts: never published; `mkdocs serve` previews them (see on_page_markdown).
        draft_paths = {record.src_path for record in site.model.pages if record.is_draft}
        draft_paths |= {record.src_path for record in site.model.drafts}
        for file in files:
            found = site.model.by_src.get(file.src_uri)
            if file.src_uri in draft_paths:
                file.inclusion = InclusionLevel.DRAFT
            elif found and not navigation.in_site_nav(site.model, found):
                # In a collection, a meeting's pages are in that meeting's own nav (on_nav),
                # and background pages are reached from their index pages.
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """For a collection, one Navigation per meeting: the site-wide items
        plus that meeting's sections, with previous/next links inside the meeting."""
        site = self._site()
        if not navigation.is_collection(site.model):
            return nav
        for meeting in site.model.of_kind("meeting"):
            sections = mkdocs_nav._data_to_navigation(navigation.meeting_navigation(site.model, meeting), files, config)
            mkdocs_nav._add_parent_links(sections)
            pages = mkdocs_nav._get_by_type(sections, Page)
            mkdocs_nav._add_previous_and_next_links(pages)
            # Home first, then this meeting, then the rest of the site-wide nav.
            items = nav.items[:1] + sections + nav.items[1:]
            site.meeting_navs[meeting.id] = Navigation(items, nav.pages[:1] + pages + nav.pages[1:])
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Values every theme template may use, 404 page included."""
        site = self._site()
        env.filters["long_date"] = page_rendering.long_date
        # `language`, not `lang`: Material's templates import their own words as `lang`.
        env.globals.update(t=strings(site.edition.code), language=site.edition.code, edition=site.edition,
                           edition_homes=site.edition_homes(), page_alternates=site.alternates)
        env.globals.update(security_policy.template_globals())
        env.globals.update(downloads.template_globals(site.edition))
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self._site()
        record = site.record(page)
        if record is None:
            raise Abort(f"{page.file.src_uri}: page unknown to the site model (expected every page to be loaded)")
        if record.translation is not None:
            # MkDocs read the English file: the edition shows the translation's words.
            markdown = record.front.body
            page.meta.update(title=record.title, description=record.meta["description"])
        english_url = site.in_edition(page, editions.reference())
        text = page_rendering.page_markdown(markdown, record, site.model, site.site_url, english_url, site.alternates(page))
        page.meta["search"] = search_ranking.with_search_boost(page.meta, record.kind)
        page.meta["tags"] = search_ranking.search_tags(record.meta)
        return DRAFT_NOTICE + text if record.is_draft else text

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = page_rendering.drop_redundant_tooltips(html, self._site().model.abbreviations())
        return external_links.mark_external_links(html)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Give templates the page's record and the whole model (for metadata,
        structured data and download links)."""
        site = self._site()
        record = site.record(page)
        context["record"] = record  # type: ignore[typeddict-unknown-key]
        context["site_model"] = site.model  # type: ignore[typeddict-unknown-key]
        context["alternates"] = site.alternates(page)  # type: ignore[typeddict-unknown-key]
        context["reference_site_url"] = site.reference_site_url  # type: ignore[typeddict-unknown-key]
        if record is not None and record.translation is None and site.edition.reference:
            context["translations"] = [  # type: ignore[typeddict-unknown-key]
                {"code": other.code, "url": site.reference_site_url + other.prefix + record.url}
                for other in site.translated_in(record)]
        meeting = site.model.meeting_of(record) if record else None
        if meeting is not None and meeting in site.meeting_navs:
            context["nav"] = site.meeting_navs[meeting]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = self._site()
        write_metadata(site.model, Path(config.site_dir), site.site_url)

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise Abort("the report-site plugin's events ran out of order (on_config did not run)")
        return self.site


def _set_search_language(config: MkDocsConfig, edition: Edition) -> None:
    """The search plugin's language processing for the edition (editions.yaml),
    set before its own on_config reads it."""
    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            plugin.config["lang"] = list(edition.search_lang)
            if edition.search_pipeline is not None:
                plugin.config["pipeline"] = list(edition.search_pipeline)
