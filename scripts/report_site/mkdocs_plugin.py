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

Which language edition a build makes (report_site.editions) is
mkdocs.yml's `extra: edition_language:` (English, the reference, when
absent); publish.run_editions sets it for each language. `on_config` then
sets what differs between them: Material's interface language, the search
plugin's language, the edition's address, and the model (English pages
with that language's translations in their place).

ProperDocs (a maintained fork of MkDocs 1.x) reads the same entry point
and answers `mkdocs.*` imports with its own modules, so this runs there too.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2
from markdown.extensions.toc import slugify_unicode
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import nav as mkdocs_nav
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from . import (
    downloads,
    editions,
    external_links,
    feeds,
    navigation,
    page_rendering,
    page_reuse,
    preview_cards,
    preview_rebuild,
    publishing,
    search_ranking,
    security_policy,
    web_app_manifest,
)
from .editions import LanguageEdition
from .metadata_export import write_metadata
from .preparation import prepare_site
from .problems import BuildFailed, Problem, ValidationFailed
from .publish_readiness import drafts_held_back, one_meeting_pages, shown_paths
from .site_model import PageMemo, PageRecord, SiteModel
from .strings import strings
from .translations import TranslationMemo

# mkdocs.yml's key (set by publish.run_editions) naming the language edition a build makes.
EDITION_LANGUAGE = "edition_language"
# Set (by publish.run_editions) when another build of the same run, the reference
# edition's, checks the translations' words: this one need not check them again.
TRANSLATIONS_CHECKED = "translations_checked"
# Set (by publish.build, with scripts/build.py's cache) to the folder where each
# edition's rendered pages are kept between builds (report_site.page_reuse).
PAGE_CACHE = "page_cache"

PLUGIN_NAME = "report-site"  # the entry point's name, as mkdocs.yml enables it

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")

DRAFT_NOTICE = '!!! warning "Draft"\n    This page is a draft: it is shown only by `mkdocs serve` and is never published.\n\n'


class SiteInvalid(Abort):
    """Stops MkDocs before it writes anything, with every problem listed."""


@dataclass
class SiteBuild:
    """What one build knows: the model it renders, the configuration's
    address and edition (for citations, footers and the About page), its
    language and the other languages built beside it, and, in a collection,
    each meeting's navigation."""

    model: SiteModel
    settings: publishing.PublishingSettings
    language: LanguageEdition
    languages: list[LanguageEdition]  # every language the site is built in, this one included
    reference_site_url: str  # the English edition's address, the site's root
    meeting_navs: dict[str, Navigation] = field(default_factory=dict)
    # What a local build leaves open and a build for publishing would refuse (report_site.publish_readiness).
    warnings: list[Problem] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # drafts a build for publishing was told to leave out
    page_note: str | None = None  # with the page cache: how many pages it rendered, how many it kept

    @property
    def site_url(self) -> str:
        return self.settings.site_url or ""

    def record(self, page: Page) -> PageRecord | None:
        return self.model.by_src.get(page.file.src_uri)

    def in_language(self, page: Page, other: LanguageEdition) -> str:
        """The same page in another language, relative to this page's address."""
        up = "../" * page.url.count("/")  # from the page's folder to this edition's root
        return up + editions.root_of(self.language, other) + page.url or "./"

    def alternates(self, page: Page) -> list[dict[str, str | bool]]:
        """The page in every language: for the language switcher, hreflang and the sitemap."""
        return [{"code": other.code, "name": other.name, "locale": other.locale, "current": other == self.language,
                 "href": self.in_language(page, other),
                 "url": self.reference_site_url + other.prefix + page.url if self.reference_site_url else ""}
                for other in self.languages]

    def language_homes(self) -> list[dict[str, str | bool]]:
        """Each language's home page, relative to this edition's root (for the `url` filter)."""
        return [{"code": other.code, "name": other.name, "locale": other.locale, "current": other == self.language,
                 "script": other.script, "href": editions.root_of(self.language, other) or "./"}
                for other in self.languages]

    def words_language(self, item: object) -> str:
        """The language of a navigation item's words when it is not this
        edition's (a page not translated yet is English), else "": lists that
        name the page (navigation, breadcrumbs, previous/next) mark its title."""
        record = self.record(item) if isinstance(item, Page) else None
        return record.language if record is not None and record.language != self.language.code else ""

    def translated_in(self, record: PageRecord) -> list[LanguageEdition]:
        """The other languages that have this English page translated (its file
        exists; that language's own build checks it)."""
        folder = editions.translations_dir(self.model.docs_dir)
        return [other for other in self.languages
                if not other.reference and (folder / other.code / record.src_path).is_file()]


@dataclass
class PreviewState:
    """What `mkdocs serve --dirty` keeps from one build to the next, so that
    a save renders again only the pages it changed (report_site.preview_rebuild)."""

    fingerprint: preview_rebuild.SiteFingerprint | None = None  # the previous build's
    search_index: dict[str, object] | None = None  # the previous build's, of every page
    rendered: set[str] | None = None  # this build's pages to render (src_paths), None for all
    translations: TranslationMemo = field(default_factory=TranslationMemo)  # what the checks of the translations found
    pages: PageMemo = field(default_factory=PageMemo)  # each English page as read, and its own checks
    templates: preview_rebuild.CompiledTemplates = field(default_factory=preview_rebuild.CompiledTemplates)
    digests: preview_rebuild.RecordDigests = field(default_factory=preview_rebuild.RecordDigests)
    # A build's (not serve's): where the previous build's pages are kept, and this build's go.
    store: page_reuse.PageStore | None = None
    rendered_pages: list[str] = field(default_factory=list)  # this build's rendered pages, by their path in the site
    rendered_urls: set[str] = field(default_factory=set)  # and by their address (the offline edition's name files)


class _DirtyBuildWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale,
    which strict mode turns into a failed build. Ours renders again every
    page a save can change (preview_rebuild), so the warning is not true of it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def dirty_build_warning(silenced: bool) -> Iterator[None]:
    """MkDocs' warning of a dirty build left out while the block runs, if `silenced`."""
    if not silenced:
        yield
        return
    logger, warning = logging.getLogger("mkdocs.commands.build"), _DirtyBuildWarning()
    logger.addFilter(warning)
    try:
        yield
    finally:
        logger.removeFilter(warning)


PREVIEW_NOTICE = ("Preview: each save checks the English pages and renders again only the pages it changes; "
                  "the other editions' translations are checked as they change "
                  "(guides/authoring.md, “What the preview skips”)")
FULL_PREVIEW_TIP = ("Each save renders the whole site again: `mkdocs serve --dirty` renders only what a save "
                    "changes (guides/authoring.md, “What the preview skips”)")


class ReportSiteConfig(Config):
    """No options: the plugin reads mkdocs.yml's own keys. An option given
    here anyway is refused (strict), not ignored."""


class ReportSitePlugin(BasePlugin[ReportSiteConfig]):
    def __init__(self) -> None:
        # Of the process, not of a build: set by on_startup (publish.run_mkdocs
        # also sets `publishing` for `scripts/build.py --publish`, and
        # `hold_back_drafts` for its --hold-back-drafts).
        self.serving = False
        self.publishing = False
        self.hold_back_drafts = False
        self.site: SiteBuild | None = None  # the latest build's; replaced by the next on_config
        self.preview: PreviewState | None = None  # `mkdocs serve --dirty` only

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.publishing = command == "gh-deploy"
        if self.serving and dirty:
            self.preview = PreviewState()
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildWarning())
            log.info(PREVIEW_NOTICE)
        elif self.serving:
            log.info(FULL_PREVIEW_TIP)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        """A save in translations/ (beside docs/, so not watched by MkDocs) is checked at once too."""
        translations_root = editions.translations_dir(Path(config.docs_dir))
        if translations_root.is_dir():
            server.watch(str(translations_root))
        return server

    def on_shutdown(self) -> None:
        self.serving = self.publishing = self.hold_back_drafts = False
        self.preview = None

    @event_priority(100)  # before the search plugin's, which reads the language set here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and generate before MkDocs reads a page; any problem
        stops the build here. `mkdocs serve` previews drafts, checked the same."""
        self.site = None
        code = config.extra.get(EDITION_LANGUAGE) or editions.reference().code
        try:
            language = editions.edition(str(code))
        except KeyError as error:
            raise SiteInvalid(f"{config.config_file_path}: extra.{EDITION_LANGUAGE}: {error.args[0]}") from None
        page_cache = config.extra.get(PAGE_CACHE)
        if page_cache and not self.serving:
            # A build given the folder of the last one's pages renders only what changed, as a preview does.
            self.preview = PreviewState(store=page_reuse.PageStore(Path(str(page_cache)) / page_reuse.folder_name(
                language.code, directory_urls=config.use_directory_urls,
                offline_edition=bool(config.extra.get("offline_edition")))))
        serving = self.preview is not None and self.preview.store is None
        docs_dir = Path(config.docs_dir)
        languages = editions.built_editions(docs_dir)
        if language not in languages:
            languages.append(language)
        reference_site_url = config.site_url or ""
        _set_language(config, language, reference_site_url, several=len(languages) > 1)
        settings, problems = publishing.read_settings(Path(config.config_file_path), config.site_url,
                                                      config.extra, config.site_author)
        if self.publishing:
            problems += publishing.unpublishable(settings)
        display_root = Path(config.config_file_path).parent
        prepared = prepare_site(docs_dir, display_root=display_root, include_drafts=self.serving, language=language.code,
                                memo=self.preview.translations if serving and self.preview is not None else None,
                                page_memo=self.preview.pages if serving and self.preview is not None else None,
                                translations_checked=bool(config.extra.get(TRANSLATIONS_CHECKED)))
        problems += prepared.problems
        # What the pages leave open: a local build warns, a build for publishing refuses. Said
        # once, by the reference edition's build, of every edition (as their other problems are).
        shown = shown_paths(docs_dir, display_root)
        one_meeting = [problem for edition in [prepared.model, *prepared.other_editions]
                       for problem in one_meeting_pages(edition, shown)] if language.reference else []
        drafts = prepared.model.drafts if language.reference else []
        refuse_drafts = self.publishing and not self.hold_back_drafts
        held_drafts = drafts_held_back(drafts, shown, publishing=refuse_drafts)
        if self.publishing:
            problems += one_meeting + (held_drafts if refuse_drafts else [])
        if problems:
            raise SiteInvalid(ValidationFailed(problems).report())
        notice = publishing.local_build_notice(settings)
        if notice and not self.publishing:
            log.info(notice)
        self.site = SiteBuild(prepared.model, settings, language, languages, reference_site_url)
        if self.publishing:
            self.site.held_back = [shown(draft) for draft in drafts]
        else:
            self.site.warnings = sorted(set(one_meeting + held_drafts))
            for problem in self.site.warnings:
                log.info("Not for publishing: %s", problem)
        # The page metadata's author is whoever publishes this edition, or nobody while unnamed.
        config.site_author = settings.edition.publisher
        config.nav = prepared.navigation
        if self.preview is not None:
            self._plan_preview(config, self.preview)
        return config

    def _plan_preview(self, config: MkDocsConfig, preview: PreviewState) -> None:
        """Which pages this preview build renders: on_files tells MkDocs."""
        model = self._site().model
        settings_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
        theme_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        also_shared = None
        if preview.store is not None:
            kept = preview.store.load()
            preview.fingerprint, preview.search_index = (kept.fingerprint, kept.search_index) if kept else (None, None)
            also_shared = {"build": page_reuse.build_inputs(), "theme": page_reuse.theme_contents(theme_dirs),
                           "directory_urls": config.use_directory_urls, "site_url": config.site_url}
        current = preview_rebuild.fingerprint(model, settings_text=settings_text + repr(config.extra),
                                              theme_dirs=theme_dirs,
                                              translations_root=editions.translations_dir(model.docs_dir),
                                              memo=preview.digests, also_shared=also_shared)
        preview.rendered = preview_rebuild.pages_to_render(model, preview.fingerprint, current)
        preview.fingerprint = current
        theme_environment = config.theme.get_env

        def get_env() -> jinja2.Environment:  # MkDocs makes one per build: the templates compile once
            env = theme_environment()
            env.bytecode_cache = preview.templates
            return env

        config.theme.get_env = get_env  # type: ignore[method-assign]
        for name, plugin in config.plugins.items():
            if name.endswith("search"):
                # Material's own merge of a dirty build's index keeps one page's new entries only
                # (and drops those of the pages under its address): this plugin merges instead.
                plugin.search_index_prev = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None and self.preview.rendered is None:
            # Every page again, as a full build: no page removed or renamed may stay behind.
            clean_directory(config.site_dir)
            self.preview.search_index = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = self._site()
        # Our theme folder (overrides/) holds templates and the build's own data (the
        # scaffold's placeholders, the review package's template); MkDocs would publish
        # every file of it that is not a template. Readers get its assets/ only.
        custom_dir = config.theme.custom_dir
        for file in list(files):
            if custom_dir and Path(file.src_dir or "") == Path(custom_dir) and not publishing.is_published_theme_file(file.src_uri):
                files.remove(file)
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
        if self.preview is not None:
            _render_only(files, self.preview.rendered)
            if self.preview.store is not None:
                self._reuse_kept_pages(files, config, self.preview)
            # The pages MkDocs writes: serve writes the drafts too, a build never.
            inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
            rendered = [file for file in files.documentation_pages(inclusion=inclusion)
                        if self.preview.rendered is None or file.src_uri in self.preview.rendered]
            self.preview.rendered_pages = [file.dest_uri for file in rendered]
            # As MkDocs gives a page its address (Page.url): the home page's is "", not "./".
            self.preview.rendered_urls = {"" if file.url in (".", "./") else file.url for file in rendered}
        return files

    def _reuse_kept_pages(self, files: Files, config: MkDocsConfig, preview: PreviewState) -> None:
        """A build with the last build's pages: those it will not render are
        copied from where they were kept; if one is missing, every page is rendered."""
        assert preview.store is not None
        published = files.documentation_pages(inclusion=InclusionLevel.is_included)
        if preview.rendered is not None:
            kept = [file.dest_uri for file in published if file.src_uri not in preview.rendered]
            if not preview.store.restore(Path(config.site_dir), kept):
                preview.rendered = None
                preview.search_index = None
                _render_only(files, None)
        rendered = len(published) if preview.rendered is None else len(
            [file for file in published if file.src_uri in preview.rendered])
        self._site().page_note = (f"Pages ({preview.store.folder.name}): {rendered} rendered, "
                                  f"{len(published) - rendered} kept from {preview.store.folder}.")

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """For a collection, one Navigation per meeting: the site-wide items
        plus that meeting's sections, with previous/next links inside the meeting."""
        site = self._site()
        if self.preview is not None and self.preview.rendered is not None:
            _title_unread_pages(site, files, self.preview.rendered)
        if not navigation.is_collection(site.model):
            return nav
        for meeting in site.model.of_kind("meeting"):
            sections = mkdocs_nav._data_to_navigation(navigation.meeting_navigation(site.model, meeting), files, config)
            mkdocs_nav._add_parent_links(sections)
            pages = mkdocs_nav._get_by_type(sections, Page)
            for page in pages:
                # MkDocs made these pages before this nav, untitled: each takes its
                # navigation title, as mkdocs.yml's `nav:` would give it (the page's
                # own <title> and heading still come from its front-matter title).
                record = site.record(page)
                if record is not None:
                    page.title = record.nav_title
            mkdocs_nav._add_previous_and_next_links(pages)
            # Home first, then this meeting, then the rest of the site-wide nav.
            items = nav.items[:1] + sections + nav.items[1:]
            site.meeting_navs[meeting.id] = Navigation(items, nav.pages[:1] + pages + nav.pages[1:])
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Values every theme template may use, 404 page included."""
        site = self._site()
        env.filters["long_date"] = page_rendering.long_date
        env.globals.update(security_policy.template_globals())
        env.globals.update(downloads.template_globals(site.language))
        env.globals.update(web_app_manifest.template_globals(), preview_card_size=preview_cards.template_globals())
        env.globals["edition"] = site.settings.edition
        env.globals["feed_url"] = feeds.feed_url(site.site_url)  # partials/head-feed.html
        # `language`, not `lang`: Material's templates import their own words as `lang`.
        env.globals.update(t=strings(site.language.code), language=site.language.code, language_edition=site.language,
                           language_homes=site.language_homes(), page_alternates=site.alternates,
                           words_language=site.words_language)
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
        english_url = site.in_language(page, editions.reference())
        text = page_rendering.page_markdown(markdown, record, site.model, site.site_url, site.settings.edition,
                                            english_url, site.alternates(page))
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
        # The card a post-build step draws for this page (report_site.preview_cards), for og:image.
        context["preview_card"] = preview_cards.preview_card(record, site.model) if record else None  # type: ignore[typeddict-unknown-key]
        if record is not None and record.translation is None and site.language.reference:
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
        if not config.extra.get("offline_edition"):  # read from file://, it links the online feed instead
            try:
                feeds.write_feed(site.model, Path(config.site_dir), site.site_url, site.settings.edition.publisher)
            except BuildFailed as error:
                raise SiteInvalid(str(error)) from None
        # After the search plugin's (listed before this one in mkdocs.yml), which wrote the index.
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if self.preview is not None and index_file.is_file():
            self._merge_search_index(index_file)
            if self.preview.store is not None and self.preview.fingerprint is not None and self.preview.search_index:
                self.preview.store.save(Path(config.site_dir), self.preview.fingerprint, self.preview.search_index,
                                        self.preview.rendered_pages, every_page=self.preview.rendered is None)
        english = {page.url: page.language for page in site.model.pages if page.language != site.language.code}
        if english and index_file.is_file():
            index = search_ranking.mark_word_languages(json.loads(index_file.read_text(encoding="utf-8")), english)
            index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as Material writes it

    def _merge_search_index(self, index_file: Path) -> None:
        """A preview build indexed only the pages it rendered: the others keep their entries."""
        preview = self.preview
        assert preview is not None
        index = json.loads(index_file.read_text(encoding="utf-8"))
        if preview.rendered is not None and preview.search_index is not None:
            index = preview_rebuild.merged_search_index(preview.search_index, index, preview.rendered_urls)
            index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as Material writes it
        preview.search_index = index

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            # Some pages may be half written: the next preview build renders them all.
            self.preview.fingerprint = None
            self.preview.search_index = None

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise Abort("the report-site plugin's events ran out of order (on_config did not run)")
        return self.site


def _set_language(config: MkDocsConfig, language: LanguageEdition, reference_site_url: str, several: bool) -> None:
    """What differs between the language editions' builds, set in the
    configuration before the other plugins read it."""
    if not language.reference and reference_site_url:
        config.site_url = reference_site_url + language.prefix
    config.theme["language"] = language.code  # Material's interface words; it ships ru, hy, az
    t = strings(language.code)
    if not language.reference:
        # Our own words in the configuration (English in mkdocs.yml) from the language's table.
        config.site_name = t("site.name")
        config.site_description = t("site.description")
        config.copyright = t("site.copyright")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = t("toc.permalink_title")
    for scheme in config.theme.get("palette") or []:
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
            scheme["toggle"]["name"] = t("palette.to_light" if scheme.get("scheme") == "slate" else "palette.to_dark")
    if not language.reference:
        # Headings without an id of their own get one in their own letters (#контекст, not #_1).
        # English keeps MkDocs' default, so its addresses do not change.
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify_unicode
    for name, plugin in config.plugins.items():
        if name.endswith("search"):  # before its own on_config reads them
            plugin.config["lang"] = list(language.search_lang)
            if language.search_pipeline is not None:
                plugin.config["pipeline"] = list(language.search_pipeline)
    # Truthy but not a list: the header then includes partials/alternate.html (ours, linking
    # this very page in each language), and base.html writes no links of its own.
    config.extra["alternate"] = several


def _render_only(files: Files, rendered: set[str] | None) -> None:
    """Tell a dirty build (`mkdocs serve --dirty`) which pages to render: MkDocs
    asks each file `is_modified()`, which by itself compares modification times
    and so misses the pages that show what another page says (its title in the
    navigation, a quoted section)."""
    for file in files.documentation_pages():
        modified = rendered is None or file.src_uri in rendered
        file.is_modified = lambda modified=modified: modified  # type: ignore[method-assign,misc]


def _title_unread_pages(site: SiteBuild, files: Files, rendered: set[str]) -> None:
    """A page a preview build does not render is not read either, so MkDocs
    knows no title for it; the pages rendered beside it name it (previous and
    next, the navigation). Its title is its front-matter's, as MkDocs reads it."""
    for file in files.documentation_pages():
        record = site.model.by_src.get(file.src_uri)
        if file.page is not None and file.page.title is None and record is not None and file.src_uri not in rendered:
            file.page.title = record.title
