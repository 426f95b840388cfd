"""Everything the site needs before an engine renders a page: every page
loaded and validated, the index and whole-report pages generated into the
model, and the navigation worked out; for an edition in another language,
its translations loaded, checked and put in place of their English pages.

One function, used by the MkDocs plugin and by scripts/bench.py alike, so
the benchmark times exactly the work a build does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import edition_text, editions, strings, translations
from .listings import add_generated_pages
from .navigation import NavItem, site_navigation
from .page_rendering import TEMPLATE_DIR, rendered_anchors, template_environment
from .problems import Problem
from .site_model import PageMemo, SiteModel, load_site
from .terminology_data import load_guide
from .terminology_guide import Guide


@dataclass
class PreparedSite:
    model: SiteModel
    problems: list[Problem]
    navigation: list[NavItem] = field(default_factory=list)  # empty when there are problems
    # For the reference edition: the other editions' models, as checked with it (none when it has problems).
    other_editions: list[SiteModel] = field(default_factory=list)


def _edition_problems(english: SiteModel, code: str, translations_root: Path, root: Path,
                      memo: translations.TranslationMemo | None = None,
                      text_checks: bool = True) -> tuple[SiteModel, list[Problem]]:
    """The edition's model (English pages, translations in their place) and its problems."""
    problems = strings.missing_keys(code)
    if not problems:
        guide, problems = load_guide()
        problems += _strings_findings(code, guide, memo)
    if problems:
        return english, problems
    loaded, problems = translations.load_translations(english, code, translations_root, root, memo, text_checks)
    model = translations.edition_model(english, code, loaded)
    if not problems:
        problems = translations.check_edition(model, loaded, {}, rendered_anchors)
    return model, problems


def _templates_as_saved(memo: PageMemo, template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """For `mkdocs serve --dirty`: the generated pages' templates, looked at
    once per build (each file's modification time and size, as the watcher
    sees a save) rather than once per use (template_environment's, which
    looks at a file each time a page asks for it: thousands of times a
    build in a large collection). A template saved since is read again."""
    state = tuple((path.as_posix(), stat.st_mtime_ns, stat.st_size)
                  for path in sorted(template_dir.rglob("*")) if path.is_file() and (stat := path.stat()))
    if state not in memo.templates:
        env = template_environment.__wrapped__(template_dir)  # configured as the build's, not shared with it
        env.auto_reload = False
        memo.templates = {state: env}
    env = memo.templates[state]
    assert isinstance(env, jinja2.Environment)
    return env


def _strings_findings(code: str, guide: Guide | None, memo: translations.TranslationMemo | None) -> list[Problem]:
    """edition_text.check_strings, kept by `mkdocs serve --dirty` by what it
    reads: the language's string table as saved and the terminology guide
    (compiled once per version of its file)."""
    if memo is None:
        return edition_text.check_strings(code, guide)
    path = strings.table_path(code)
    key = (code, path.read_text(encoding="utf-8") if path.is_file() else "", id(guide))
    if key not in memo.string_tables:
        memo.string_tables = {kept: found for kept, found in memo.string_tables.items() if kept[0] != code}
        memo.string_tables[key] = edition_text.check_strings(code, guide)
    return memo.string_tables[key]


def prepare_site(docs_dir: Path, *, display_root: Path | None = None, include_drafts: bool = False,
                 language: str | None = None, memo: translations.TranslationMemo | None = None,
                 page_memo: PageMemo | None = None, translations_checked: bool = False) -> PreparedSite:
    """Load, validate and generate the edition in `language` (the reference,
    English, by default). Pages are generated only from a model without
    problems: the listings of a broken model would only add noise. `memo`:
    translations.load_translations's, and `page_memo` site_model.load_site's,
    for `mkdocs serve --dirty`. `translations_checked`: another build of the
    same run (the reference edition's, which checks every edition) makes the
    checks of the translations' words, so this one does not make them again."""
    code = language or editions.reference().code
    root = (display_root or docs_dir.resolve().parent).resolve()
    model, problems = load_site(docs_dir, display_root=display_root, include_drafts=include_drafts,
                                generated_anchors=rendered_anchors, memo=page_memo)
    translations_root = editions.translations_dir(docs_dir)
    others: list[SiteModel] = []
    if code == editions.reference().code:
        problems.extend(translations.check_language_folders(translations_root, root))
        if not problems:
            # Every other edition's translations too, before anything is rendered: a build
            # stops at once, and `mkdocs serve` (which renders English only) checks them.
            for other in editions.built_editions(docs_dir):
                if not other.reference:
                    edition, found = _edition_problems(model, other.code, translations_root, root, memo,
                                                       not translations_checked)
                    problems.extend(found)
                    others.append(edition)
    else:
        model, found = _edition_problems(model, code, translations_root, root, memo, not translations_checked)
        problems.extend(found)
    if not problems:
        problems = add_generated_pages(model, template_environment() if page_memo is None else
                                       _templates_as_saved(page_memo))
    if problems:
        return PreparedSite(model, problems)
    return PreparedSite(model, [], site_navigation(model), others)
