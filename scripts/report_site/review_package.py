"""A review package: one edition's translations laid beside their English,
for a native speaker to review, as an HTML page and a PDF.

Every translatable page is one numbered page of the package; each of its
fields (title, description, ...) and paragraphs is one numbered row, the
English on the left and the translation on the right, so that a reviewer
can answer "3.12: ..." (page 3, row 12). Each row also gives the line of
the translation's file, for whoever applies the review. Under each page:
the conflict-sensitive terms it touches (terminology.yaml); at the end,
the whole of that data for the language.

The translations are read from their files as they are, not through the
build: a page the build refuses (a stale review, say) is exactly one a
reviewer may need to see. The words around the text are English, for the
project's reviewers, like the build's messages.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown

from . import editions, markdown_scan, navigation
from .english_history import translatable_units
from .front_matter import FrontMatter, split_front_matter
from .site_model import PageRecord, SiteModel
from .strings import strings
from .terminology_data import load_guide
from .terminology_guide import Entry, Guide
from .translations import NOT_TRANSLATED_KINDS, source_hash

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = ROOT / "overrides" / "review"
# Beside the code, not under overrides/: MkDocs would publish a .css file from there.
STYLESHEET = Path(__file__).with_name("review_package.css")
# As mkdocs.yml renders the pages, less what needs the site (toc, links between pages).
_MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
                        "pymdownx.details", "pymdownx.superfences"]


@dataclass
class Row:
    number: str  # "3.12": page and row
    label: str  # "title", "body"
    english: str  # HTML
    translation: str  # HTML; "" where the translation has nothing beside it
    english_line: int | None
    translation_line: int | None


@dataclass
class ReviewPage:
    number: int
    title: str
    english_title: str
    english_id: str
    english_path: str  # docs/...
    translation_path: str  # translations/LANG/...
    status: str
    stale: bool
    reviewed_by: str | None
    reviewed_on: str | None
    rows: list[Row] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)


def _html(text: str) -> str:
    """A field or a paragraph, rendered: links keep their words and lose their
    targets, ids are dropped (each block stands twice on the page)."""
    rendered = markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS)
    rendered = re.sub(r'<a href="[^"]*"', '<a class="link"', rendered)
    return re.sub(r' id="[^"]*"', "", rendered)


Block = tuple[int, str]  # a block of a page's body: its first line, its Markdown


def _blocks(body: str, first_line: int) -> list[Block]:
    """The body's blocks (paragraphs, headings, lists, quotations), each with its first line."""
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.replace("\r\n", "\n").split("\n"), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _kind(block: str) -> str:
    """What a block is, in a form both languages share."""
    first = block.lstrip()
    heading = re.match(r"#+ ", first)
    return (heading.group(0).strip() if heading else
            "list" if re.match(r"([-*+]|\d+[.)])\s", first) else
            "quote" if first.startswith(">") else "table" if first.startswith("|") else
            "abbr" if first.startswith("*[") else "html" if first.startswith("<") else "text")


def _aligned_blocks(ours: list[Block], theirs: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """The English blocks beside the translation's. Blocks with ids
    (`{#context}`, `{: #msg-dialogue }`, which a translation keeps) pair by
    their ids; the blocks between two such pairs, by their lengths."""
    ratio = sum(len(b) for _, b in theirs) / max(1, sum(len(b) for _, b in ours))

    def keyed(blocks: list[Block]) -> list[tuple[int, str]]:
        return [(index, " ".join(sorted(ids))) for index, (_, block) in enumerate(blocks)
                if (ids := markdown_scan.explicit_anchors(block))]

    ours_keyed, theirs_keyed = keyed(ours), keyed(theirs)
    matcher = difflib.SequenceMatcher(None, [k for _, k in ours_keyed], [k for _, k in theirs_keyed], autojunk=False)
    pairs: list[tuple[Block | None, Block | None]] = []
    done_ours = done_theirs = 0
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            i, j = ours_keyed[block.a + offset][0], theirs_keyed[block.b + offset][0]
            pairs += _align_by_length(ours[done_ours:i], theirs[done_theirs:j], ratio)
            pairs.append((ours[i], theirs[j]))
            done_ours, done_theirs = i + 1, j + 1
    return pairs + _align_by_length(ours[done_ours:], theirs[done_theirs:], ratio)


def _rows(page_number: int, english: PageRecord, translated: PageRecord | None) -> list[Row]:
    """The page's fields, then its blocks, each English one beside its translation."""
    pairs: list[tuple[str, tuple[int, str] | None, tuple[int, str] | None]] = []
    english_fields = [unit for unit in translatable_units(english) if unit.label != "body"]
    translated_fields = {unit.label: unit for unit in translatable_units(translated) if unit.label != "body"} \
        if translated else {}
    for unit in english_fields:
        other = translated_fields.get(unit.label)
        pairs.append((unit.label, (unit.line, unit.text), (other.line, other.text) if other else None))
    ours = _blocks(english.front.body, english.front.body_line)
    theirs = _blocks(translated.front.body, translated.front.body_line) if translated else []
    pairs += [("body", a, b) for a, b in _aligned_blocks(ours, theirs)]
    return [Row(f"{page_number}.{index}", label, _html(en[1]) if en else "", _html(tr[1]) if tr else "",
                en[0] if en else None, tr[0] if tr else None)
            for index, (label, en, tr) in enumerate(pairs, start=1)]


def _align_by_length(left: list[Block], right: list[Block], ratio: float) -> list[tuple[Block | None, Block | None]]:
    """Blocks one side has more of (a paragraph left out, or split in two):
    each paired with the block whose length fits it best (a translation's
    paragraph is about `ratio` times its English one, as Gale and Church
    align sentences), the rest beside nothing, for the reviewer to see."""
    skip = 1.0  # the cost of a block beside nothing: as much as a pair whose lengths differ e times more

    def fit(a: Block, b: Block) -> float:
        lengths = abs(math.log(max(1, len(b[1])) / (max(1, len(a[1])) * (ratio or 1))))
        return lengths + (0 if _kind(a[1]) == _kind(b[1]) else skip)

    m, n = len(left), len(right)
    cost = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        for j in range(n + 1):
            if i or j:
                options = []
                if i and j:
                    options.append(cost[i - 1][j - 1] + fit(left[i - 1], right[j - 1]))
                if i:
                    options.append(cost[i - 1][j] + skip)
                if j:
                    options.append(cost[i][j - 1] + skip)
                cost[i][j] = min(options)
    pairs: list[tuple[Block | None, Block | None]] = []
    i, j = m, n
    while i or j:  # back from the end, the way the cheapest cost came
        if i and j and math.isclose(cost[i][j], cost[i - 1][j - 1] + fit(left[i - 1], right[j - 1])):
            pairs.append((left[i - 1], right[j - 1]))
            i, j = i - 1, j - 1
        elif i and math.isclose(cost[i][j], cost[i - 1][j] + skip):
            pairs.append((left[i - 1], None))
            i -= 1
        else:
            pairs.append((None, right[j - 1]))
            j -= 1
    return pairs[::-1]


def _usage(entry: Entry, language: str) -> dict[str, Any]:
    return {"id": entry.id, "category": entry.category, "why": " ".join(entry.why.split()),
            "english": entry.usages["en"].use, "use": entry.usages[language].use,
            "avoid": [term.citation for term in entry.usages[language].terms],
            "avoid_english": [term.citation for term in entry.usages["en"].terms],
            "sources": [{"title": source.title, "url": source.url} for source in entry.sources]}


def _terms_on(guide: Guide, language: str, english: PageRecord, translated: PageRecord | None) -> list[dict[str, Any]]:
    """The entries a page touches: its English or its translation uses the
    neutral term, or quotes a refused one (allowed with a reason)."""
    texts = [unit.text for unit in translatable_units(english)]
    translated_texts = [unit.text for unit in translatable_units(translated)] if translated else []
    everything = "\n".join(texts + translated_texts)
    touched = {found.term.entry.id for found in guide.find(everything)}
    english_folded, translated_folded = "\n".join(texts).casefold(), "\n".join(translated_texts).casefold()
    result = []
    for entry in guide.entries:
        used = entry.usages["en"].use.casefold() in english_folded or \
            entry.usages[language].use.casefold() in translated_folded
        if used or entry.id in touched:
            result.append({**_usage(entry, language), "quoted": entry.id in touched})
    return result


def _reading_order(english: SiteModel) -> list[PageRecord]:
    """The pages as the navigation gives them, then any it does not list."""
    paths: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(navigation.site_navigation(english))
    listed = [english.by_src[path] for path in dict.fromkeys(paths) if path in english.by_src]
    return listed + [page for page in english.pages if page not in listed]


def review_pages(english: SiteModel, translations_root: Path, language: str,
                 guide: Guide | None) -> tuple[list[ReviewPage], list[PageRecord]]:
    """Every translated page of the language, in the site's order, and the pages not translated yet."""
    pages: list[ReviewPage] = []
    missing: list[PageRecord] = []
    for page in _reading_order(english):
        if page.generated or page.kind in NOT_TRANSLATED_KINDS:
            continue
        path = translations_root / language / page.src_path
        front = split_front_matter(path.read_text(encoding="utf-8"), str(path))[0] if path.is_file() else None
        if front is None:
            missing.append(page)
            continue
        # The translation's own fields, over the English page's kind, so that its units line up.
        translated = PageRecord(page.src_path, FrontMatter({**front.data, "kind": page.kind}, front.body, front.body_line,
                                                           front.value_positions, front.key_positions))
        number = len(pages) + 1
        data = front.data
        pages.append(ReviewPage(
            number, str(data.get("title") or page.title), page.title, page.id, f"docs/{page.src_path}",
            f"{editions.TRANSLATIONS_FOLDER}/{language}/{page.src_path}", str(data.get("status", "")),
            data.get("source_hash") != source_hash(page), data.get("reviewed_by"), data.get("reviewed_on"),
            _rows(number, page, translated), _terms_on(guide, language, page, translated) if guide else []))
    return pages, missing


def render_html(english: SiteModel, translations_root: Path, language: str, made_on: str) -> str:
    guide, _ = load_guide()
    pages, missing = review_pages(english, translations_root, language, guide)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    edition = editions.edition(language)
    return env.get_template("package.html").render(
        language=language, language_name=edition.name, english_name=strings("en").language_name(language),
        pages=pages, missing=missing, made_on=made_on,
        termbase=[_usage(entry, language) for entry in guide.entries] if guide else [],
        stylesheet=STYLESHEET.read_text(encoding="utf-8"))


def write_pdf(document: str, target: Path) -> None:
    """The same page through WeasyPrint, which the build already uses for the
    report's PDF; it fetches nothing (the styles are in the page)."""
    import weasyprint  # imported here: loading it costs time the HTML alone need not pay

    def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{url}: the review package fetches nothing")

    weasyprint.HTML(string=document, url_fetcher=refuse).write_pdf(target)

