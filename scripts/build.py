#!/usr/bin/env python3
"""Build the site: validate, render with MkDocs (strict), run the post-build
steps (PDF, offline edition), and publish into site/ only if all succeed.

    python scripts/build.py [--publish [--hold-back-drafts] | --html-only] [--site-dir DIR] [--docs-dir DIR] [--config FILE]
                            [--jobs N] [--cache-dir DIR | --no-cache]
                            [--part CODE --part-dir DIR | --join DIR [DIR ...]]

A local build may use mkdocs.yml's placeholder address and leave the
edition's publisher unnamed, and says so in one line. `--publish` makes the
build that goes online: it refuses both, naming the line of mkdocs.yml.

A local build also warns of what the pages leave open, and `--publish`
refuses it: each draft (checked, never published; `--hold-back-drafts`
publishes without them), and, when the site has several meetings, a page
still written for one (the home page's `meeting:` and title, the About
page's `citations`).

A build split across machines (a CI matrix, README): each job builds one
edition's part, `--part ru --part-dir DIR` (its pages, PDFs, preview cards
and icons), and one job joins them, `--join DIR [DIR ...]`: the remaining
steps, then the site into --site-dir, the very files of a build on one
machine. Every job checks out the same commit and is given the same
--publish, --hold-back-drafts and --html-only; the join refuses parts made
otherwise, or missing, or given twice.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_site.build_cache import CardCache, FolderCache, GzipCache, PdfCache, held_alone  # noqa: E402
from report_site.css_purge import VocabularyCache  # noqa: E402
from report_site.offline_edition import language_task  # noqa: E402
from report_site.parallel import usable_cores  # noqa: E402
from report_site.publish import ROOT, BuildFailed, BuildResult, PartResult, build, build_part, join_parts  # noqa: E402
from report_site.steps import default_steps, edition_steps, site_steps  # noqa: E402

# Where a build keeps what the next one may reuse; the tests point it elsewhere.
CACHE_DIR_VARIABLE = "REPORT_SITE_CACHE_DIR"


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: not a whole number of processes (expected 1 or more)")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the MkDocs configuration")
    parser.add_argument("--docs-dir", type=Path, default=None, help="build these pages instead of docs/")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where to publish (default: site/)")
    purpose = parser.add_mutually_exclusive_group()
    purpose.add_argument("--publish", action="store_true",
                         help="the build to put online: refuses a placeholder site_url, an edition "
                              "without a named publisher and contact (mkdocs.yml extra.edition), drafts "
                              "(see --hold-back-drafts) and pages written for one meeting of several")
    purpose.add_argument("--html-only", action="store_true",
                         help="skip the post-build steps (PDF, offline edition, headers, .gz): a quicker check of the pages")
    parser.add_argument("--hold-back-drafts", action="store_true",
                        help="with --publish: publish without the drafts (pages with draft: true) rather than "
                             "refuse while any exists")
    parser.add_argument("--jobs", type=positive, default=None,
                        help="processes to build with (default: every core this process may use; 1: one "
                             "thing after another; the site is the same either way)")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cache-dir", type=Path, default=None,
                       help=("where PDFs, preview cards, .gz copies and rendered pages are kept for the next build "
                             f"(default: ${CACHE_DIR_VARIABLE} or .cache/)"))
    cache.add_argument("--no-cache", action="store_true", help="make every page, PDF, card and .gz copy afresh, and keep none")
    split = parser.add_mutually_exclusive_group()
    split.add_argument("--part", metavar="CODE",
                       help="build one edition's part of a split build (en, ru, ...) into --part-dir, for --join")
    split.add_argument("--join", metavar="DIR", type=Path, nargs="+",
                       help="join every edition's part (--part) into the site in --site-dir")
    parser.add_argument("--part-dir", type=Path, default=None, help="with --part: where the part goes")
    args = parser.parse_args(argv)
    if args.hold_back_drafts and not args.publish:
        parser.error("--hold-back-drafts goes with --publish (a local build always holds drafts back, and says which)")
    if (args.part is None) != (args.part_dir is None):
        parser.error("--part and --part-dir go together (expected the edition's code and where its part goes)")
    jobs = args.jobs or usable_cores()
    cache_dir = args.cache_dir or Path(os.environ.get(CACHE_DIR_VARIABLE) or ROOT / ".cache")
    caches = Caches() if args.no_cache else Caches.in_folder(cache_dir)
    target = args.part_dir if args.part else args.site_dir
    try:
        with contextlib.ExitStack() as held:
            if not args.no_cache:
                try:
                    held.enter_context(held_alone(cache_dir, lambda: print(
                        f"Another build is using the cache {cache_dir}; waiting for it to finish.", file=sys.stderr,
                        flush=True)))
                except OSError as error:
                    raise BuildFailed(f"{cache_dir}: the build cache: {error.strerror or error} (expected a folder "
                                      "this build may write; --cache-dir DIR names another, --no-cache uses none)") \
                        from None
            result = run_build(args, jobs, caches)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print(f"Build failed; {target} was left as it was.", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


@dataclasses.dataclass(frozen=True)
class Caches:
    """What a build may reuse from the last one (none: everything made afresh)."""

    pdf: PdfCache | None = None
    card: CardCache | None = None
    gzip: GzipCache | None = None
    page: Path | None = None
    vocabulary: VocabularyCache | None = None
    pagefind: FolderCache | None = None

    @classmethod
    def in_folder(cls, cache_dir: Path) -> Caches:
        return cls(pdf=PdfCache(cache_dir / "pdf"), card=CardCache(cache_dir / "cards"), gzip=GzipCache(cache_dir / "gz"),
                   page=cache_dir / "pages", vocabulary=VocabularyCache(cache_dir / "vocabulary"),
                   pagefind=FolderCache(cache_dir / "pagefind"))


def run_build(args: argparse.Namespace, jobs: int, caches: Caches) -> BuildResult | PartResult:
    """The build the options ask for: a part, the join, or the whole site."""
    if args.part:
        return build_part(
            args.part, config_file=args.config, part_dir=args.part_dir, docs_dir=args.docs_dir,
            steps=edition_steps(jobs=jobs, pdf_cache=caches.pdf, card_cache=caches.card, pagefind_cache=caches.pagefind),
            publishing=args.publish, hold_back_drafts=args.hold_back_drafts, html_only=args.html_only,
            offline_pages=language_task, jobs=jobs, page_cache=caches.page)
    if args.join:
        return join_parts(args.join, config_file=args.config, site_dir=args.site_dir, docs_dir=args.docs_dir,
                          steps=site_steps(jobs=jobs, gzip_cache=caches.gzip, page_cache=caches.page,
                                           vocabulary_cache=caches.vocabulary), publishing=args.publish,
                          hold_back_drafts=args.hold_back_drafts, html_only=args.html_only)
    steps = [] if args.html_only else default_steps(jobs=jobs, pdf_cache=caches.pdf, card_cache=caches.card,
                                                        gzip_cache=caches.gzip, page_cache=caches.page,
                                                        vocabulary_cache=caches.vocabulary,
                                                        pagefind_cache=caches.pagefind)
    return build(config_file=args.config, site_dir=args.site_dir, docs_dir=args.docs_dir, steps=steps,
                 publishing=args.publish, hold_back_drafts=args.hold_back_drafts, jobs=jobs, page_cache=caches.page)


if __name__ == "__main__":
    sys.exit(main())
