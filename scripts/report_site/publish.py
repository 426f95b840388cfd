"""A whole build: MkDocs into a scratch directory, post-build steps, then
an atomic swap into site/. Whatever fails, the published site/ is left
exactly as it was. A build for publishing (`publishing=True`) also refuses
a placeholder address and an unnamed publisher (report_site.publishing),
and what the pages leave open (report_site.publish_readiness: drafts,
unless `hold_back_drafts`, and pages written for one meeting of several),
which a local build gives as warnings.

The engine-facing side, with mkdocs_plugin: it runs MkDocs and takes the
model from the build it ran, and hands that model to the post-build steps.

One MkDocs build per edition (report_site.editions): English into the
scratch directory's root, then each other language into its /<code>/
folder, each with its own model, search index and sitemap. The steps get
the English model, which carries the others' (`SiteModel.editions()`).
With `jobs` above 1 the editions build side by side, each in a process of
its own (report_site.parallel), and their models and warnings come back
to this one: the same files as one after another.

Split across machines (report_site.split_build): `build_part` makes one
edition's part (its MkDocs build and the edition steps), `join_parts` the
site from every edition's part (the site steps, then the same swap).
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import pickle
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from . import editions, parallel, split_build
from .downloads import ZIP_PATH
from .mkdocs_plugin import EDITION_LANGUAGE, PAGE_CACHE, PLUGIN_NAME, TRANSLATIONS_CHECKED, ReportSitePlugin, dirty_build_warning
from .problems import BuildFailed
from .publishing import local_build_notice
from .site_model import SiteModel

__all__ = ["BuildFailed", "BuildResult", "PartResult", "PostBuildStep", "RenderedSite", "ReportingStep", "build",
           "build_part", "join_parts", "run_mkdocs"]

ROOT = Path(__file__).resolve().parents[2]

# A post-build step reads the model and the freshly built site and adds to it.
PostBuildStep = Callable[[SiteModel, Path], None]


@runtime_checkable
class ReportingStep(Protocol):
    """A post-build step with something to say in the build's summary (what
    it made afresh and what it reused), asked once it has run."""

    def __call__(self, model: SiteModel, site_dir: Path) -> None: ...

    def summary_lines(self) -> list[str]: ...


@dataclass(frozen=True)
class RenderedSite:
    """One MkDocs build: its configuration, the model it rendered, and what
    a local build would need before it could be published (None if nothing)."""

    config: MkDocsConfig
    model: SiteModel
    not_for_publishing: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the pages leave open (publish_readiness)
    held_back: list[str] = field(default_factory=list)  # drafts a build for publishing was told to leave out
    notes: list[str] = field(default_factory=list)  # what the build says of its work (pages rendered, kept)


@dataclass
class BuildResult:
    site_dir: Path
    model: SiteModel
    seconds: float
    warnings: list[str] = field(default_factory=list)
    not_for_publishing: str | None = None  # one line, for a local build with placeholders
    held_back: list[str] = field(default_factory=list)  # drafts left out by --hold-back-drafts
    notes: list[str] = field(default_factory=list)  # what the steps say of their work (PDFs rebuilt, reused)

    def summary(self) -> str:
        by_kind = collections.Counter(page.kind for page in self.model.pages)
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(by_kind.items()))
        return "\n".join([
            f"Built {len(self.model.pages)} pages ({kinds}).",
            *translation_lines(self.model),
            f"Warnings: {len(self.warnings)}." + "".join(f"\n  {w}" for w in self.warnings),
            *([f"Held back (--hold-back-drafts): {', '.join(self.held_back)}."] if self.held_back else []),
            *self.notes,
            f"Time: {self.seconds:.2f} s.",
            *([self.not_for_publishing] if self.not_for_publishing else []),
            *where_to_read(self.site_dir),
        ])


def where_to_read(site_dir: Path) -> list[str]:
    """The last lines of a build: where the site is and how to open it. Its pages link
    to folders (`meetings/london-2014/`), which a web server answers with the folder's
    index.html and the file system does not; the offline zip is the edition made for
    the file system."""
    shown = os.path.relpath(site_dir) if site_dir.is_relative_to(Path.cwd()) else str(site_dir)
    lines = [f"Site: {shown}/",
             f"Read it: .venv/bin/python -m http.server -d {shown} 8000, then open http://127.0.0.1:8000/ in a browser."]
    if (site_dir / ZIP_PATH).exists():
        lines.append(f"Offline edition (opens from the file system once unpacked): {shown}/{ZIP_PATH}")
    return lines


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def source_date_epoch(root: Path = ROOT) -> str:
    """SOURCE_DATE_EPOCH for reproducible output: the caller's, else the last
    commit's time, else a fixed date, never the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    return "1413849600"  # 2014-10-21, the meeting's date


def build(*, config_file: Path = ROOT / "mkdocs.yml", site_dir: Path = ROOT / "site",
          docs_dir: Path | None = None, steps: list[PostBuildStep] | None = None,
          publishing: bool = False, hold_back_drafts: bool = False, jobs: int = 1,
          page_cache: Path | None = None) -> BuildResult:
    """Validate, build and post-process into a scratch directory; publish
    into site_dir only if every step succeeds. `publishing`: the build to
    put online, which refuses the settings a local build may leave open;
    `hold_back_drafts`: it publishes without the drafts rather than refuse;
    `jobs`: how many editions build at once (the steps have their own);
    `page_cache`: where the last build's rendered pages are kept, to render
    only the pages that changed (report_site.page_reuse; none: every page)."""
    started = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(config_file.parent)
    site_dir = site_dir.resolve()
    collector = _WarningCollector()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(collector)
    try:
        with _replacing(site_dir) as scratch:
            overrides: dict[str, Any] = {}
            if docs_dir is not None:
                overrides["docs_dir"] = str(docs_dir)
            rendered = run_editions(config_file, scratch, publishing=publishing, hold_back_drafts=hold_back_drafts,
                                    jobs=jobs, extra=page_cache_extra(page_cache), **overrides)
            model = rendered.model
            notes = rendered.notes + run_steps(steps or [], model, scratch)
    finally:
        mkdocs_logger.removeHandler(collector)
    return BuildResult(site_dir, model, time.perf_counter() - started, collector.messages + rendered.warnings,
                       rendered.not_for_publishing, rendered.held_back, notes)


def page_cache_extra(page_cache: Path | None) -> dict[str, Any]:
    """What the plugin is told of the page cache (report_site.page_reuse)."""
    return {PAGE_CACHE: str(page_cache.resolve())} if page_cache is not None else {}


def run_steps(steps: list[PostBuildStep], model: SiteModel, site_dir: Path) -> list[str]:
    """Each step in turn on the site; what the steps say of their work."""
    for step in steps:
        step(model, site_dir)
    return [line for step in steps if isinstance(step, ReportingStep) for line in step.summary_lines()]


def run_editions(config_file: Path, site_dir: Path, *, extra: dict[str, Any] | None = None, publishing: bool = False,
                 hold_back_drafts: bool = False, jobs: int = 1, **overrides: Any) -> RenderedSite:
    """Every language edition: the reference into site_dir, each other one
    into site_dir/<code>/ (MkDocs empties its site_dir first: the reference
    goes first). The reference's build, its model carrying the others'
    (its warnings are every edition's: it checks them all). With `jobs`
    above 1, on that many processes (run_editions_in_parallel)."""
    if jobs > 1:
        try:
            config = load_config(str(config_file), strict=True, **{**overrides, "site_dir": str(site_dir)})
        except (Abort, ConfigurationError) as error:
            raise BuildFailed(str(error)) from None
        config.extra.update(extra or {})
        languages = editions.built_editions(Path(config.docs_dir))
        if len(languages) > 1:
            return run_editions_in_parallel(config, site_dir, languages, jobs, extra=extra, publishing=publishing,
                                            hold_back_drafts=hold_back_drafts, **overrides)
    reference = run_mkdocs(config_file, extra=extra, publishing=publishing, hold_back_drafts=hold_back_drafts,
                           site_dir=str(site_dir), **overrides)
    for language in editions.built_editions(Path(reference.config.docs_dir)):
        if not language.reference:
            rendered = run_mkdocs(config_file, extra={**(extra or {}), **checked_elsewhere(language)},
                                  publishing=publishing, hold_back_drafts=hold_back_drafts,
                                  site_dir=str(site_dir / language.prefix), **overrides)
            reference.model.other_editions.append(rendered.model)
            reference.notes.extend(rendered.notes)
    return reference


def checked_elsewhere(language: editions.LanguageEdition) -> dict[str, Any]:
    """What a whole build tells another edition's build: its language, and that
    the reference edition's build of the same run checks its translations'
    words (it checks every edition's, to report every problem at once), so it
    need not check them again. A part of a split build checks its own."""
    return {EDITION_LANGUAGE: language.code, TRANSLATIONS_CHECKED: True}


@dataclass(frozen=True)
class EditionTask:
    """One edition's MkDocs build, as a worker process receives it."""

    config_file: Path
    site_dir: Path
    extra: dict[str, Any]
    publishing: bool
    hold_back_drafts: bool
    overrides: dict[str, Any]


@dataclass(frozen=True)
class EditionBuilt:
    """What a worker's edition build hands back: its model (SiteModel pickles), what
    RenderedSite says of it, and the warnings MkDocs logged while it ran."""

    model: SiteModel
    not_for_publishing: str | None
    warnings: list[str]
    held_back: list[str]
    logged: list[str]
    notes: list[str] = field(default_factory=list)


def build_edition(task: EditionTask) -> EditionBuilt:
    """One edition's build in a worker process: MkDocs' warnings are gathered
    here, where they are logged, to be logged again in the caller's process."""
    collector = _WarningCollector()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(collector)
    try:
        rendered = run_mkdocs(task.config_file, extra=task.extra, publishing=task.publishing,
                              hold_back_drafts=task.hold_back_drafts, site_dir=str(task.site_dir), **task.overrides)
    finally:
        mkdocs_logger.removeHandler(collector)
    return EditionBuilt(rendered.model, rendered.not_for_publishing, rendered.warnings, rendered.held_back,
                        collector.messages, rendered.notes)


def run_editions_in_parallel(config: MkDocsConfig, site_dir: Path, languages: list[editions.LanguageEdition], jobs: int,
                             *, extra: dict[str, Any] | None = None, publishing: bool = False,
                             hold_back_drafts: bool = False, **overrides: Any) -> RenderedSite:
    """run_editions on `jobs` processes, given the configuration as loaded
    here (each worker loads its own). The reference would empty site_dir
    under the others' feet, so each other edition builds into a folder of
    its own beside it and is moved to site_dir/<code>/ once all are built.
    The first refusal in edition order is raised, as one after another."""
    config_file = Path(config.config_file_path)
    holding = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.editions-", dir=site_dir.parent))
    try:
        folders = {language.code: site_dir if language.reference else holding / language.code for language in languages}
        tasks = [EditionTask(config_file, folders[language.code],
                             {**(extra or {}), **({} if language.reference else checked_elsewhere(language))},
                             publishing, hold_back_drafts, overrides) for language in languages]
        results = parallel.run_all(build_edition, tasks, jobs)
        for language in languages:
            if not language.reference:
                folders[language.code].rename(site_dir / language.prefix)
    finally:
        shutil.rmtree(holding, ignore_errors=True)
    mkdocs_logger = logging.getLogger("mkdocs")
    for built in results:
        for message in built.logged:
            mkdocs_logger.warning(message)
    reference, others = results[0], results[1:]
    reference.model.other_editions.extend(built.model for built in others)
    return RenderedSite(config, reference.model, reference.not_for_publishing, reference.warnings, reference.held_back,
                        [note for built in results for note in built.notes])

@dataclass(frozen=True)
class BuiltPart:
    """What a part keeps of its build for the join (split_build.MODEL_FILE):
    the edition's build as a worker hands it back, and what MkDocs logged
    while the edition steps ran (logged again by the join after every
    edition's build, where a whole build logs it)."""

    edition: EditionBuilt
    steps_logged: list[str]
    # What MkDocs logged while the part rendered its offline pages, if it did (a whole
    # build logs it during the offline edition's step, the first site step to log anything).
    offline_logged: list[str] = field(default_factory=list)


# How a part is told to render its edition's offline pages (offline_edition.language_task, which
# drives this module's builds, so it is handed in rather than imported): the configuration, the
# pages, the edition, the offline edition's folder and the page cache, to the edition's task.
OfflineTask = Callable[[Path, Path, editions.LanguageEdition, Path, "Path | None"], "EditionTask"]


@dataclass
class PartResult:
    part_dir: Path
    edition: str
    model: SiteModel
    seconds: float
    warnings: list[str]
    notes: list[str]

    def summary(self) -> str:
        return "\n".join([
            f"Built part {self.edition!r}: {len(self.model.pages)} pages of that edition.",
            f"Warnings: {len(self.warnings)}." + "".join(f"\n  {w}" for w in self.warnings),
            *self.notes,
            f"Time: {self.seconds:.2f} s.",
            f"Part: {self.part_dir}/ (join every edition's part with scripts/build.py --join)",
        ])


def _split_settings(publishing: bool, hold_back_drafts: bool, html_only: bool) -> dict[str, bool]:
    """The options that change what a part or the join writes (--jobs and the cache do not)."""
    return {"publishing": publishing, "hold_back_drafts": hold_back_drafts, "html_only": html_only}


def _docs_dir_of(config_file: Path, overrides: dict[str, Any]) -> Path:
    try:
        config = load_config(str(config_file), strict=True, **overrides)
    except (Abort, ConfigurationError) as error:
        raise BuildFailed(str(error)) from None
    return Path(config.docs_dir)


def build_part(edition_code: str, *, config_file: Path = ROOT / "mkdocs.yml", part_dir: Path,
               docs_dir: Path | None = None, steps: list[PostBuildStep] | None = None, publishing: bool = False,
               hold_back_drafts: bool = False, html_only: bool = False, offline_pages: OfflineTask | None = None,
               jobs: int = 1, page_cache: Path | None = None) -> PartResult:
    """One edition's part of a split build (split_build) into part_dir: its
    MkDocs build where the whole build puts it, then `steps` (the edition
    steps; none with `html_only`) on its model alone. With `offline_pages`
    (offline_edition.language_task; not with `html_only`), the edition's
    pages of the offline edition are rendered too, beside the online build
    on a second process when `jobs` allows, for the join to finish rather
    than render (the offline edition is a site step, but its pages are each
    edition's own). `page_cache`: as `build`'s. Built in a scratch folder
    beside part_dir and swapped into place, as the site is."""
    started = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(config_file.parent)
    overrides: dict[str, Any] = {} if docs_dir is None else {"docs_dir": str(docs_dir)}
    docs = _docs_dir_of(config_file, overrides)
    languages = {language.code: language for language in editions.built_editions(docs)}
    if edition_code not in languages:
        raise BuildFailed(f"--part: {edition_code!r} is not an edition of this build (expected one of "
                          f"{', '.join(languages)})")
    fingerprint = split_build.input_fingerprint(config_file, docs,
                                                _split_settings(publishing, hold_back_drafts, html_only))
    part_dir = part_dir.resolve()
    if part_dir.exists() and not (part_dir.is_dir() and (not any(part_dir.iterdir())
                                                         or (part_dir / split_build.MANIFEST_FILE).is_file())):
        raise BuildFailed(f"{part_dir}: --part-dir: not empty and not a part (expected a new or empty folder, "
                          "or a part to replace)")
    language = languages[edition_code]
    collector = _WarningCollector()
    mkdocs_logger = logging.getLogger("mkdocs")
    with _replacing(part_dir) as scratch:
        site = scratch / split_build.SITE_FOLDER
        tasks = [EditionTask(config_file, site / language.prefix,
                             {**page_cache_extra(page_cache), **({} if language.reference else {EDITION_LANGUAGE: edition_code})},
                             publishing, hold_back_drafts, overrides)]
        if offline_pages is not None and not html_only:
            tasks.append(offline_pages(config_file, docs, language, scratch / split_build.OFFLINE_FOLDER, page_cache))
        results = parallel.run_all(build_edition, tasks, min(jobs, len(tasks)))
        built, offline_logged = results[0], [message for result in results[1:] for message in result.logged]
        mkdocs_logger.addHandler(collector)
        try:
            notes = built.notes + [note for result in results[1:] for note in result.notes]
            notes += run_steps([] if html_only else steps or [], built.model, site)
        finally:
            mkdocs_logger.removeHandler(collector)
        (scratch / split_build.MODEL_FILE).write_bytes(pickle.dumps(BuiltPart(built, collector.messages,
                                                                              offline_logged)))
        split_build.PartManifest(split_build.PART_FORMAT, edition_code, os.environ["SOURCE_DATE_EPOCH"], fingerprint,
                                 notes).write(scratch)
    return PartResult(part_dir, edition_code, built.model, time.perf_counter() - started,
                      built.logged + collector.messages + (built.warnings if language.reference else []), notes)


def join_parts(part_dirs: list[Path], *, config_file: Path = ROOT / "mkdocs.yml", site_dir: Path = ROOT / "site",
               docs_dir: Path | None = None, steps: list[PostBuildStep] | None = None, publishing: bool = False,
               hold_back_drafts: bool = False, html_only: bool = False) -> BuildResult:
    """The site from every edition's part (build_part), checked to be made
    from this checkout with these settings: their files together, the
    reference's model carrying the others', then `steps` (the site steps)
    and the swap into site_dir, as `build`. The result, warnings included,
    is that of `build` with the same pages and settings."""
    started = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(config_file.parent)
    overrides: dict[str, Any] = {} if docs_dir is None else {"docs_dir": str(docs_dir)}
    docs = _docs_dir_of(config_file, overrides)
    languages = editions.built_editions(docs)
    fingerprint = split_build.input_fingerprint(config_file, docs,
                                                _split_settings(publishing, hold_back_drafts, html_only))
    parts = split_build.check_parts([folder.resolve() for folder in part_dirs], [language.code for language in languages],
                                    os.environ["SOURCE_DATE_EPOCH"], fingerprint)
    built = {code: _load_part(folder) for code, folder in parts.items()}
    notes = [line if line.startswith(" ") else f"Part {code}: {line}"
             for code, folder in parts.items() for line in split_build.read_manifest(folder).notes]
    site_dir = site_dir.resolve()
    collector = _WarningCollector()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(collector)
    offline: Path | None = None
    try:
        with _replacing(site_dir) as scratch:
            split_build.merge_sites(parts, scratch)
            # Logged again in the order a whole build logs them: every edition's build, then the edition steps.
            rendered_offline = all((folder / split_build.OFFLINE_FOLDER).is_dir() for folder in parts.values())
            for message in [*(m for part in built.values() for m in part.edition.logged),
                            *(m for part in built.values() for m in part.steps_logged),
                            *(m for part in built.values() for m in part.offline_logged if rendered_offline)]:
                mkdocs_logger.warning(message)
            reference = next(built[language.code].edition for language in languages if language.reference)
            model = reference.model
            model.other_editions = [built[language.code].edition.model for language in languages if not language.reference]
            for edition_model in model.editions():
                edition_model.docs_dir = docs  # this checkout's, which the offline edition builds again
            if rendered_offline and not html_only:
                offline = Path(tempfile.mkdtemp(prefix=".offline-pages-", dir=site_dir.parent))
                split_build.merge_sites(parts, offline, split_build.OFFLINE_FOLDER)
                model.prerendered_offline = offline
            notes += run_steps([] if html_only else steps or [], model, scratch)
            model.prerendered_offline = None
    finally:
        mkdocs_logger.removeHandler(collector)
        if offline is not None:
            shutil.rmtree(offline, ignore_errors=True)  # there still if no step took the pages
    return BuildResult(site_dir, model, time.perf_counter() - started, collector.messages + reference.warnings,
                       reference.not_for_publishing, reference.held_back, notes)


def _load_part(folder: Path) -> BuiltPart:
    """A part's pickled build, once its manifest has shown it made from this very code."""
    path = folder / split_build.MODEL_FILE
    try:
        loaded = pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError) as error:
        raise BuildFailed(f"{path}: unreadable ({error}; expected the model scripts/build.py --part wrote)") from None
    if not isinstance(loaded, BuiltPart):
        raise BuildFailed(f"{path}: not a part's model (expected the model scripts/build.py --part wrote)")
    return loaded


def translation_lines(model: SiteModel) -> list[str]:
    """What the build says of the translations: how many per edition, and
    each one whose English page changed since it was made."""
    lines = []
    for edition_model in model.other_editions:
        translated = [page for page in edition_model.pages if page.translation]
        authored = [page for page in edition_model.pages if not page.generated and page.kind != "source-text"]
        lines.append(f"Edition {edition_model.language!r}: {len(translated)} of {len(authored)} pages translated.")
        for page in translated:
            assert page.translation is not None
            if page.translation.stale:
                lines.append(f"  Stale: {page.translation.display}: the English page docs/{page.src_path} changed since "
                             f"(python scripts/translations.py diff {edition_model.language} {page.id} shows what changed; "
                             f"mark-current {edition_model.language} {page.id} once the translation says it too)")
    return lines


def run_mkdocs(config_file: Path, *, extra: dict[str, Any] | None = None, publishing: bool = False,
               hold_back_drafts: bool = False, **overrides: Any) -> RenderedSite:
    """One strict MkDocs build through the report-site plugin: its config (for
    callers that need what it resolved) and the model it rendered, taken as
    soon as it ends. Any refusal becomes BuildFailed with MkDocs' message.
    `publishing`: refuse what only a local build may have (placeholders,
    drafts unless `hold_back_drafts`)."""
    try:
        config = load_config(str(config_file), strict=True, **overrides)
        plugin = config.plugins.get(PLUGIN_NAME)
        if not isinstance(plugin, ReportSitePlugin):
            raise BuildFailed(f"{config_file}: plugins: {PLUGIN_NAME} is not enabled "
                              "(expected it in the list: it validates and generates the pages)")
        config.extra.update(extra or {})
        config.plugins.on_startup(command="build", dirty=False)
        plugin.publishing = publishing
        plugin.hold_back_drafts = hold_back_drafts
        # With the last build's pages kept, MkDocs renders only those the plugin says changed
        # (report_site.page_reuse); it warns of a dirty build, which is not true of this one.
        reusing = bool(config.extra.get(PAGE_CACHE))
        try:
            with dirty_build_warning(silenced=reusing):
                mkdocs_build(config, dirty=reusing)
            built = plugin.site
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        raise BuildFailed(str(error)) from None
    if built is None:
        raise BuildFailed(f"{config_file}: the {PLUGIN_NAME} plugin did not run (expected its on_config to)")
    notice = None if publishing else local_build_notice(built.settings)
    return RenderedSite(config, built.model, notice, [str(warning) for warning in built.warnings], built.held_back,
                        [built.page_note] if built.page_note else [])


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """A scratch folder beside target to build into: it replaces target whole
    (_swap_into_place) if the block ends without an error, and is removed
    otherwise, leaving target exactly as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        yield scratch
        os.chmod(scratch, 0o755)
        _swap_into_place(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace target with new. Each rename is atomic; if the second fails the
    old site is put back, so target is always either the old or the new site."""
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
