#!/usr/bin/env python3
"""Translations against the English pages they were made from.

    python scripts/translations.py status [LANG...]    missing and stale translations, per language
    python scripts/translations.py hash ID              the English page's source_hash, for a new translation
    python scripts/translations.py mark-current LANG ID the translation says what the English says now: record
                                                        that English (a recorded review is dropped: it covered
                                                        the English as it was)
    python scripts/translations.py mark-current LANG --all   the same for every translation of LANG
    python scripts/translations.py diff LANG ID         what changed in the English since the translation was made
    python scripts/translations.py review LANG          a review package for a native reviewer (HTML and PDF)

A translation is stale when the English page's translatable text changed
after its `source_hash` was recorded (guides/translating.md, "Freshness and
review"). `status` exits 1 when a translation has a problem the build would
refuse.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_site import editions, english_history, pdf, review_package, translations  # noqa: E402
from report_site.front_matter import split_front_matter  # noqa: E402
from report_site.problems import BuildFailed, ValidationFailed  # noqa: E402
from report_site.site_model import SiteModel, load_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE_HASH_LINE = re.compile(r"^source_hash:[ \t]*\S*[ \t]*$", re.MULTILINE)
REVIEWED_LINE = re.compile(r"^status:[ \t]*reviewed[ \t]*$", re.MULTILINE)
# A review's own fields, with any lines a folded value continues on.
REVIEW_FIELD_LINE = re.compile(r"^reviewed_(?:by|on):.*\n(?:[ \t]+.*\n)*", re.MULTILINE)


def _english(docs_dir: Path) -> SiteModel:
    model, problems = load_site(docs_dir, display_root=ROOT)
    if problems:
        raise ValidationFailed(problems)
    return model


def status(docs_dir: Path, languages: list[str]) -> int:
    model = _english(docs_dir)
    found, problems = translations.standings(model, editions.translations_dir(docs_dir), ROOT)
    for edition in editions.all_editions():
        if edition.reference or (languages and edition.code not in languages):
            continue
        mine = [s for s in found if s.language == edition.code]
        missing = [s for s in mine if s.translation is None]
        stale = [s for s in mine if s.translation and s.translation.stale]
        unreviewed = [s for s in mine if s.translation and s.translation.status == "unreviewed"]
        print(f"{edition.code} ({edition.name}): {len(mine) - len(missing)} of {len(mine)} pages translated, "
              f"{len(stale)} stale, {len(unreviewed)} unreviewed")
        for standing in stale:
            assert standing.translation is not None
            print(f"  stale:   {standing.translation.display} (English docs/{standing.page.src_path} changed: "
                  f"diff {edition.code} {standing.page.id} shows what; mark-current {edition.code} {standing.page.id} "
                  "once the translation says it too)")
        for standing in missing:
            print(f"  missing: translations/{edition.code}/{standing.page.src_path} ({standing.page.id})")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def print_hash(docs_dir: Path, page_id: str) -> int:
    model = _english(docs_dir)
    if page_id not in model.by_id:
        print(f"no published English page has the id {page_id!r}", file=sys.stderr)
        return 1
    print(translations.source_hash(model.by_id[page_id]))
    return 0


def mark_current(docs_dir: Path, language: str, page_id: str) -> int:
    model = _english(docs_dir)
    if page_id == "--all":
        # Every translation of the language, e.g. translations written before their hash could be known.
        folder = editions.translations_dir(docs_dir) / language
        ids = [page.id for page in model.pages if (folder / page.src_path).is_file()]
        return max([mark_current(docs_dir, language, each) for each in ids], default=0)
    if page_id not in model.by_id:
        print(f"no published English page has the id {page_id!r}", file=sys.stderr)
        return 1
    path = editions.translations_dir(docs_dir) / language / model.by_id[page_id].src_path
    if not path.is_file():
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: no such translation", file=sys.stderr)
        return 1
    text = path.read_text(encoding="utf-8")
    new_hash = translations.source_hash(model.by_id[page_id])
    # Only the field's line changes: the translator's formatting and comments stay as they are.
    front_end = text.find("\n---", 3) + 1  # the front-matter's lines, each with its line end
    old_hash = SOURCE_HASH_LINE.search(text[:front_end])
    # A hash of figures only (about one in three hundred) would be read by YAML as a number: quoted.
    written = new_hash if isinstance(yaml.safe_load(new_hash), str) else f'"{new_hash}"'
    updated, count = SOURCE_HASH_LINE.subn(f"source_hash: {written}", text[:front_end], count=1)
    if count != 1:
        print(f"{path}: no 'source_hash:' line in the front-matter", file=sys.stderr)
        return 1
    review_note = ""
    if old_hash and old_hash.group(0).split(":", 1)[1].strip() != new_hash and REVIEWED_LINE.search(updated):
        # The review covered the English as it was, not the change: the translation is unreviewed again.
        updated = REVIEW_FIELD_LINE.sub("", REVIEWED_LINE.sub("status: unreviewed", updated, count=1))
        review_note = (" and status: unreviewed (its review covered the English as it was; record a new review, "
                       "reviewed_by and reviewed_on, once a reviewer has checked the change)")
    path.write_text(updated + text[front_end:], encoding="utf-8")
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: source_hash {new_hash}{review_note}")
    return 0


def _page_id(model: SiteModel, language: str, page: str) -> str | None:
    """An English page's id from what a translator may type: its id, or a path
    (about.md, docs/about.md, translations/ru/about.md)."""
    if page in model.by_id:
        return page
    for prefix in ("docs/", f"translations/{language}/"):
        page = page.removeprefix(prefix)
    record = model.by_src.get(page) or model.by_src.get(page + ".md")
    return record.id if record else None


def diff(docs_dir: Path, language: str, page: str) -> int:
    model = _english(docs_dir)
    page_id = _page_id(model, language, page)
    if page_id is None:
        print(f"no published English page has the id or path {page!r}", file=sys.stderr)
        return 1
    english = model.by_id[page_id]
    path = editions.translations_dir(docs_dir) / language / english.src_path
    shown = _shown(path, docs_dir.parent)
    if not path.is_file():
        print(f"{shown}: no such translation (nothing to compare: translate docs/{english.src_path})", file=sys.stderr)
        return 1
    front, problems = split_front_matter(path.read_text(encoding="utf-8"), shown)
    recorded = front.data.get("source_hash") if front else None
    if front is None or not isinstance(recorded, str):
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{shown}: source_hash: missing (expected the hash of the English it was made from)", file=sys.stderr)
        return 1
    current = translations.source_hash(english)
    if recorded == current:
        print(f"{shown}: the English docs/{english.src_path} has not changed since this translation was made "
              f"(source_hash {current}).")
        return 0
    try:
        past = english_history.find_made_from(docs_dir / english.src_path, recorded)
    except english_history.HistoryUnavailable as failure:
        print(f"{shown}: cannot show what changed in docs/{english.src_path}: {failure}", file=sys.stderr)
        return 1
    print(f"{shown} was made from docs/{english.src_path} as of commit {past.commit[:12]} ({past.date}, "
          f"source_hash {recorded}); the English now (source_hash {current}), what a translator translates:")
    print("(- as it was, + as it is, ~ the changed words: [-removed-]{+added+})\n")
    lines = english_history.describe_changes(english_history.translatable_units(past.page),
                                             english_history.translatable_units(english), f"docs/{english.src_path}")
    print("\n".join(lines).rstrip())
    print(f"\nWhen the translation says this too: python scripts/translations.py mark-current {language} {page_id}")
    return 0


def review(docs_dir: Path, language: str, out: Path) -> int:
    model = _english(docs_dir)
    pdf.check_fonts()
    made_on = datetime.date.today().isoformat()
    document = review_package.render_html(model, editions.translations_dir(docs_dir), language, made_on)
    out.mkdir(parents=True, exist_ok=True)
    page, printable = out / "index.html", out / f"review-{language}.pdf"
    page.write_text(document, encoding="utf-8")
    review_package.write_pdf(document, printable)
    print(f"Review package for {language}: {_shown(page)} and {_shown(printable)}")
    return 0


def _shown(path: Path, project: Path = ROOT) -> str:
    """A path as the project writes it (translations/ru/about.md), else as it is."""
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs", help="the English pages (translations/ beside them)")
    commands = parser.add_subparsers(dest="command", required=True)
    status_parser = commands.add_parser("status", help="missing and stale translations per language")
    status_parser.add_argument("languages", nargs="*")
    hash_parser = commands.add_parser("hash", help="an English page's source_hash")
    hash_parser.add_argument("id")
    mark_parser = commands.add_parser("mark-current", help="record that a translation matches the English page now")
    mark_parser.add_argument("language", choices=[e.code for e in editions.all_editions() if not e.reference])
    mark_parser.add_argument("id", nargs="?", help="the English page's id")
    mark_parser.add_argument("--all", action="store_true", help="every translation of the language")
    languages = [e.code for e in editions.all_editions() if not e.reference]
    diff_parser = commands.add_parser("diff", help="what changed in the English page since the translation was made")
    diff_parser.add_argument("language", choices=languages)
    diff_parser.add_argument("page", help="the English page's id, or its path")
    review_parser = commands.add_parser("review", help="write a review package for a native reviewer")
    review_parser.add_argument("language", choices=languages)
    review_parser.add_argument("--out", type=Path, help="where to write it (default: build/review/LANG/)")
    args = parser.parse_args(argv)
    try:
        if args.command == "status":
            return status(args.docs_dir, args.languages)
        if args.command == "hash":
            return print_hash(args.docs_dir, args.id)
        if args.command == "diff":
            return diff(args.docs_dir, args.language, args.page)
        if args.command == "review":
            return review(args.docs_dir, args.language, args.out or ROOT / "build" / "review" / args.language)
        if args.all == bool(args.id):
            parser.error("mark-current: give a page's id or --all")
        return mark_current(args.docs_dir, args.language, "--all" if args.all else args.id)
    except ValidationFailed as failure:
        print(failure.report(), file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
