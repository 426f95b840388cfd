"""Translations: reading translations/<lang>/, checking them, and making an
edition's model, in which each translated page replaces its English page.

A translation stands at the English page's path (translations/ru/about.md
translates docs/about.md), names the page it translates (`translation_of`)
and gives only the words: the title, the description, the fields the schema
marks `x-translatable` and the body. Everything else (ids, references,
order, dates, anchors, tags) comes from the English page, so that a fact is
corrected once, in English, and every edition follows.

Freshness: `source_hash` records which English text the translation was
made from. `source_hash(page)` is the first 12 hex digits of the SHA-256 of
the English page's translatable text, as canonical JSON: its title,
nav_title and description, each `x-translatable` field (by its path), and
its body with line endings made "\\n", spaces at line ends and blank lines
at both ends removed. A change to anything a translator would translate
makes every translation of the page stale; a change to anything else
(order, tags, a link's address, trailing spaces) does not.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import edition_text, editions, markdown_scan, safety, schema, terminology, translation_review
from .front_matter import FrontMatter, _field_name, read_text, split_front_matter
from .problems import Problem
from .site_model import GeneratedAnchors, PageRecord, SiteModel, Translation, _display, _values_at, check_cross_references
from .terminology_data import load_guide

# Fields of a translation about the translation itself, not the page's words.
ABOUT_THE_TRANSLATION = ("translation_of", "kind", "lang", "status", "source_hash", "reviewed_by", "reviewed_on")
# Fields whose words a translation gives, beyond the kind's `x-translatable` ones.
TRANSLATED_COMMON = ("title", "nav_title", "description")
NOT_TRANSLATED_KINDS = {"source-text": "the source text is shown as first published, in English, in every edition"}


def source_hash(page: PageRecord) -> str:
    """The hash of the English page's translatable text (module docstring)."""
    fields: dict[str, Any] = {name: page.meta.get(name) for name in TRANSLATED_COMMON}
    for path in schema.translatable_fields(page.kind):
        for where, value in _values_at(page.meta, path):
            fields[_field_name(where)] = value
    body = "\n".join(line.rstrip() for line in page.front.body.replace("\r\n", "\n").split("\n")).strip("\n")
    canonical = json.dumps({"fields": fields, "body": body}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@dataclass
class LoadedTranslations:
    """One language's translations, each already merged with its English page."""

    pages: dict[str, PageRecord]  # English id -> the translated record
    displays: dict[str, str]  # English src_path -> the translation's path as shown


def check_language_folders(translations_root: Path, display_root: Path) -> list[Problem]:
    """A folder of translations/ for a language the site has no edition for."""
    if not translations_root.is_dir():
        return []
    problems = []
    known = [e.code for e in editions.all_editions() if not e.reference]
    for folder in sorted(p for p in translations_root.iterdir()):
        if folder.is_dir() and folder.name not in known:
            files = sorted(folder.rglob("*.md")) or [folder]
            for path in files:
                problems.append(Problem(_display(path, display_root), 1, 1, "lang",
                                        f"the site has no {folder.name!r} edition (expected a folder named for one of: "
                                        f"{', '.join(known)}; guides/translating.md, “Adding a language”)"))
    return problems


@dataclass
class TranslationMemo:
    """What checking the translations found, kept between the builds of one
    process (`mkdocs serve --dirty`), by everything it was made from."""

    # (language, file as shown, its text) -> its front-matter, read only for the id it translates
    fronts: dict[tuple[str, str, str], tuple[FrontMatter | None, list[Problem]]] = field(default_factory=dict)
    # _memo_key -> the translation's record and problems
    records: dict[tuple[object, ...], tuple[PageRecord | None, list[Problem]]] = field(default_factory=dict)
    # (language, its string table's text, id of the terminology guide) -> what checking the table's words found
    string_tables: dict[tuple[str, str, int], list[Problem]] = field(default_factory=dict)

    # id of an English page's record -> the record and its fields and body as text (for _memo_key)
    english: dict[int, tuple[PageRecord, str]] = field(default_factory=dict)

    def keep_only(self, code: str, fronts: set[tuple[str, str, str]], records: set[tuple[object, ...]]) -> None:
        """Forget what this language's last check did not use (an edited file's old text)."""
        self.fronts = {key: value for key, value in self.fronts.items() if key[0] != code or key in fronts}
        self.records = {key: value for key, value in self.records.items() if key[0] != code or key in records}

    def english_text(self, target: PageRecord) -> str:
        """_english_text of the record, worked out once per record: an English
        page's record is the same object from one build to the next while its
        file is unchanged (site_model.PageMemo), and every language asks."""
        kept = self.english.get(id(target))
        if kept is None or kept[0] is not target:
            kept = self.english[id(target)] = (target, _english_text(target))
        return kept[1]

    def keep_english_of(self, english: SiteModel) -> None:
        """Forget the records no longer in the English model (an edited page's old one)."""
        self.english = {key: kept for key, kept in self.english.items() if english.by_id.get(kept[0].id) is kept[0]}


def _english_text(target: PageRecord) -> str:
    return json.dumps([target.src_path, target.meta, target.front.body], ensure_ascii=False, sort_keys=True,
                      default=str)


def _memo_key(code: str, display: str, text: str, english: str, organisations: list[str],
              guide: Any) -> tuple[object, ...]:
    """What _translated_record reads: the file, the English page it translates
    (`english`: its fields and body, _english_text), the organisations' names
    (a reviewer's name must not look like a person's) and the terminology
    guide (compiled once per version)."""
    return (code, display, text, english, tuple(organisations), id(guide))


def load_translations(english: SiteModel, code: str, translations_root: Path,
                      display_root: Path, memo: TranslationMemo | None = None,
                      text_checks: bool = True) -> tuple[LoadedTranslations, list[Problem]]:
    """Read and check every translation into `code`; the merged pages and all problems.
    `memo` (kept by `mkdocs serve --dirty` between saves) skips checking again
    a translation whose file and English page are as they were. Without
    `text_checks`, the checks of a translation's words (contact data,
    terminology, the edition's voice), which only find problems and change
    nothing, are left to another build of the same run that makes them."""
    folder = translations_root / code
    loaded = LoadedTranslations({}, {})
    problems: list[Problem] = []
    if not folder.is_dir():
        return loaded, problems
    guide, guide_problems = load_guide()
    problems.extend(guide_problems)
    draft_ids = {page.id for page in english.drafts}
    claims: dict[str, list[tuple[Path, FrontMatter, str]]] = {}
    texts: dict[Path, str] = {}
    used_fronts: set[tuple[str, str, str]] = set()
    used_records: set[tuple[object, ...]] = set()
    for path in sorted(folder.rglob("*.md")):
        display = _display(path, display_root)
        text, found = read_text(path, display)
        if text is None:
            problems.extend(found)
            continue
        if memo is None:
            front, found = split_front_matter(text, display)
        else:
            # Read again on a miss below: checking a translation edits its front-matter.
            front_key = (code, display, text)
            if front_key not in memo.fronts:
                memo.fronts[front_key] = split_front_matter(text, display)
            used_fronts.add(front_key)
            front, found = memo.fronts[front_key]
        if front is None:
            problems.extend(found)
            continue
        target_id = front.data.get("translation_of")
        if not isinstance(target_id, str):
            line, column = front.position(("translation_of",)) if "translation_of" in front.data else front.position(())
            problems.append(Problem(display, line, column, "translation_of",
                                    "missing or not text (expected the id of the English page this file translates)"))
            continue
        claims.setdefault(target_id, []).append((path, front, display))
        texts[path] = text
    organisations = _organisation_names(english)
    for target_id, files in claims.items():
        target = english.by_id.get(target_id)
        if target is None and target_id in draft_ids:
            continue  # the English page is a draft: so is its translation, unpublished
        if target is not None and len(files) > 1:
            # One file per page and language: the one at the page's path, the others refused.
            files.sort(key=lambda item: item[0].relative_to(folder).as_posix() != target.src_path)
            for _, front, display in files[1:]:
                line, column = front.position(("translation_of",))
                problems.append(Problem(display, line, column, "translation_of",
                                        f"{target_id!r} is translated into {code!r} already by {files[0][2]} "
                                        "(expected one translation per page and language)"))
        path, front, display = files[0]
        relative = path.relative_to(folder).as_posix()
        if memo is None or target is None:
            record, found = _translated_record(english, target, target_id, relative, front, display, code, guide,
                                               text_checks)
        else:
            key = _memo_key(code, display, texts[path], memo.english_text(target), organisations, guide)
            if key not in memo.records:
                fresh, _ = split_front_matter(texts[path], display)
                assert fresh is not None  # as read above
                memo.records[key] = _translated_record(english, target, target_id, relative, fresh, display, code,
                                                      guide, text_checks)
            used_records.add(key)
            record, found = memo.records[key]
        problems.extend(found)
        if record is not None and not found:
            loaded.pages[record.id] = record
            loaded.displays[record.src_path] = display
    if memo is not None:
        memo.keep_only(code, used_fronts, used_records)
        memo.keep_english_of(english)
    return loaded, problems


def _translated_record(english: SiteModel, target: PageRecord | None, target_id: str, relative: str,
                       front: FrontMatter, display: str, code: str, guide: Any,
                       text_checks: bool = True) -> tuple[PageRecord | None, list[Problem]]:
    line, column = front.position(("translation_of",))
    if target is None:
        at_path = english.by_src.get(relative)
        hint = f"; docs/{relative} is {at_path.id!r}" if at_path else f"; there is no docs/{relative} either"
        return None, [Problem(display, line, column, "translation_of",
                              f"no published English page has the id {target_id!r} (expected the id of the page "
                              f"this file translates{hint})")]
    if target.src_path != relative:
        return None, [Problem(display, line, column, "translation_of",
                              f"{target_id!r} is docs/{target.src_path} (expected this file at "
                              f"translations/{code}/{target.src_path}, the path of the page it translates)")]
    if target.kind in NOT_TRANSLATED_KINDS:
        return None, [Problem(display, line, column, "translation_of",
                              f"{target_id!r} is not translated: {NOT_TRANSLATED_KINDS[target.kind]} (expected no file here)")]
    problems = _repeated_values(target, front, display)
    problems += schema.validate_translation(front, display, target.kind)
    lang = front.data.get("lang")
    if isinstance(lang, str) and lang != code:
        line, column = front.position(("lang",))
        known = [e.code for e in editions.all_editions() if not e.reference]
        why = (f"the site has no {lang!r} edition (expected {code!r}, the folder's; editions: {', '.join(known)})"
               if lang not in known else f"the file is in translations/{code}/ (expected {code!r}, the folder's)")
        problems.append(Problem(display, line, column, "lang", f"{lang!r}: {why}"))
    if "nav_title" in front.data and "nav_title" not in target.meta:
        line, column = front.position(("nav_title",), key=True)
        problems.append(Problem(display, line, column, "nav_title",
                                "the English page has no nav_title (expected one only where the English page has one)"))
    if problems:
        return None, problems
    current_hash = source_hash(target)
    problems.extend(translation_review.review_problems(front, display, target.src_path, current_hash,
                                                       _organisation_names(english)))
    problems.extend(_list_lengths(target, front, display))
    problems.extend(_kept_anchors(target, front, display))
    if text_checks:
        problems.extend(safety.check_page(front, display))
    if guide is not None and text_checks:
        problems.extend(terminology.check_page(front, display, guide, language=code, kind=target.kind))
        problems.extend(edition_text.check_translation(front, display, guide, code))
    data = _merged(target.meta, front.data)
    merged_front = FrontMatter(data, front.body, front.body_line, front.value_positions, front.key_positions)
    translation = Translation(display, front.data["status"], front.data["source_hash"], current_hash,
                              front.data.get("reviewed_by"), front.data.get("reviewed_on"))
    return PageRecord(target.src_path, merged_front, language=code, translation=translation), problems


def _organisation_names(english: SiteModel) -> list[str]:
    return [str(page.meta.get(key)) for page in english.of_kind("organisation")
            for key in ("name", "abbreviation") if page.meta.get(key)]


def _repeated_values(target: PageRecord, front: FrontMatter, display: str) -> list[Problem]:
    """A translation may repeat, in a translated list's items, the English
    item's other values (a source's `url`, say), as a reminder of what each
    title translates: they are taken out, being the English page's anyway.
    One that differs from the English value is a problem: only words are
    translated, and the English page holds the facts."""
    problems: list[Problem] = []
    translatable = {path[2] for path in schema.translatable_fields(target.kind) if len(path) == 3 and path[1] == "*"}
    for name, items in front.data.items():
        english = target.meta.get(name)
        if name == "allow_terms" or not (isinstance(items, list) and isinstance(english, list)):
            continue  # a page's allowances are for its own words, in its language
        for index, item in enumerate(items):
            if not (isinstance(item, dict) and index < len(english) and isinstance(english[index], dict)):
                continue
            for key in [key for key in item if key not in translatable and key in english[index]]:
                if item[key] == english[index][key]:
                    del item[key]
                else:
                    line, column = front.position((name, index, key))
                    problems.append(Problem(display, line, column, f"{name}[{index}].{key}",
                                            f"{item[key]!r} differs from the English page's {english[index][key]!r} "
                                            "(expected the English value, or none: a translation gives only the words)"))
    return problems


def _merged(english: dict[str, Any], translated: dict[str, Any]) -> dict[str, Any]:
    """The English page's fields with the translation's words laid over them."""
    data = copy.deepcopy(english)
    data.pop("allow_terms", None)  # the English page's allowances are for its own words
    for key, value in translated.items():
        if key not in ABOUT_THE_TRANSLATION:
            data[key] = _overlay(data.get(key), value)
    return data


def _overlay(english: Any, translated: Any) -> Any:
    if isinstance(english, dict) and isinstance(translated, dict):
        return {**english, **{key: _overlay(english.get(key), value) for key, value in translated.items()}}
    if isinstance(english, list) and isinstance(translated, list):
        return [_overlay(item, translated[index]) if index < len(translated) else item for index, item in enumerate(english)]
    return copy.deepcopy(translated)


def _list_lengths(target: PageRecord, front: FrontMatter, display: str) -> Iterator[Problem]:
    """A translated list (aims, passages, sources...) has the English list's items, in its order."""
    for name, value in front.data.items():
        english = target.meta.get(name)
        if isinstance(value, list) and name not in ("allow_terms",) and isinstance(english, list) and len(value) != len(english):
            line, column = front.position((name,))
            yield Problem(display, line, column, name,
                          f"{len(value)} item(s), the English page has {len(english)} (expected one per item of the "
                          "English page, in the same order)")


def _kept_anchors(target: PageRecord, front: FrontMatter, display: str) -> Iterator[Problem]:
    """Links and quotations point at the English page's ids: the translation keeps every one."""
    missing = markdown_scan.explicit_anchors(target.front.body) - markdown_scan.explicit_anchors(front.body)
    for anchor in sorted(missing):
        yield Problem(display, front.body_line, 1, "body",
                      f"no #{anchor}: the English page docs/{target.src_path} has it (expected the same heading and block "
                      f"ids as the English page, e.g. {{#{anchor}}} or {{: #{anchor} }})")


def edition_model(english: SiteModel, code: str, loaded: LoadedTranslations) -> SiteModel:
    """The edition's pages: each translated page in place of its English one,
    the others as they are (shown in English in the edition)."""
    pages = [loaded.pages.get(page.id, page) for page in english.pages]
    return SiteModel(english.docs_dir, pages=pages, drafts=english.drafts, language=code)


def check_edition(model: SiteModel, loaded: LoadedTranslations, displays: dict[str, str],
                  generated_anchors: GeneratedAnchors | None = None) -> list[Problem]:
    """The checks that span pages, for the translated pages of an edition:
    their links, anchors and quotations, against the edition's own pages."""
    shown = {**displays, **loaded.displays}
    return check_cross_references(model, shown, generated_anchors=generated_anchors, only=set(loaded.pages))


@dataclass(frozen=True)
class Standing:
    """One English page in one language: translated or not, stale or not."""

    page: PageRecord  # the English page
    language: str
    translation: Translation | None


def standings(english: SiteModel, translations_root: Path, display_root: Path) -> tuple[list[Standing], list[Problem]]:
    """For every translatable English page and every edition: how it stands."""
    result: list[Standing] = []
    problems: list[Problem] = []
    for edition in editions.all_editions():
        if edition.reference:
            continue
        loaded, found = load_translations(english, edition.code, translations_root, display_root)
        problems.extend(found)
        for page in english.pages:
            if page.generated or page.kind in NOT_TRANSLATED_KINDS:
                continue
            translated = loaded.pages.get(page.id)
            result.append(Standing(page, edition.code, translated.translation if translated else None))
    return result, problems
