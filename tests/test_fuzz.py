"""The front door under random input: whatever an author writes, loading
and checking a page ends in a list of Problems or a success, never in a
traceback. Hypothesis makes the input: arbitrary text, front-matter built
from the schema's own field names with values of every type, random
Markdown with the constructs the checks look at, and real pages mangled."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_site import safety, schema
from report_site.front_matter import read_text, split_front_matter
from report_site.problems import Problem
from report_site.site_model import load_site, parse_page
from support import DOCS

# No deadline (speed is the benchmark's business) and no example database
# written into the checkout.
FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
REAL_PAGE = "meetings/london-2014/groups/clu-experts.md"
REAL_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))]

FIELD_NAMES = sorted({name for kind in schema.kinds() for name in schema.kind_schema(kind)["properties"]}
                     | {"passages", "quote", "anchor", "url", "title", "publisher"})
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=80), st.sampled_from(schema.kinds()), st.sampled_from(["2014-10-21", "2014-02-30", "21 October"]),
    st.sampled_from(["london-2014", "international-alert", "clu", "no-such-id", "term-nk", "participants"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4), max_leaves=12)
front_matters = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(min_size=1, max_size=12), values, max_size=12)

MARKDOWN_PIECES = [
    "# Heading\n", "## Section {#section}\n", "[link](id:london-2014)", "[link](id:nobody#x)", "[x](../report.md#context)",
    "![image](https://example.org/a.png)", "![image][ref]\n\n[ref]: //example.org/a.png\n", "<script>x()</script>",
    "<img src=x onerror=alert(1)>", "<a href='javascript:x()'>", "{: onclick=x }", "<iframe", "<!-- note",
    "`<script>`", "```\n<embed>\n", "```\n", "anna@example.org", "+44 20 7946 0000", "2011–2016", "tel:", "mailto:",
    "[x](", "](", "<", ">", "{", "}", "&#106;avascript:", "*[NK]: Nagorno-Karabakh\n", "!!! note\n    text\n",
    "\n", "\n\n", "    ", "\t", "\r\n", "\x00", "\u202e", "ISBN 978-1-55587-834-8", "[^1]", "[^1]: note\n",
]
markdown = st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=30), max_size=25).map("".join)


def assert_clean(problems: list) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and problem.line >= 1
        assert isinstance(problem.column, int) and problem.column >= 1
        assert problem.field and problem.message
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


def check_text(text: str) -> None:
    """One page through every check that reads a single page."""
    front, problems = split_front_matter(text, "fuzz.md")
    assert_clean(problems)
    if front is None:
        assert problems
        return
    assert_clean(schema.validate_front_matter(front, "fuzz.md"))
    assert_clean(safety.check_page(front, "fuzz.md"))
    record, problems, _ = parse_page(text, "fuzz.md", "fuzz.md")
    assert_clean(problems)
    assert (record is None) == bool(problems)


def page_text(front_matter: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False) + "---\n" + body


@settings(FUZZ, max_examples=300)
@given(st.text(max_size=400))
def test_any_text(text):
    check_text(text)
    check_text("---\n" + text)
    check_text("---\n" + text + "\n---\n" + text)


@settings(FUZZ, max_examples=300)
@given(front_matters, markdown)
def test_any_front_matter_and_markdown(front_matter, body):
    check_text(page_text(front_matter, body))


@settings(FUZZ, max_examples=200)
@given(st.sampled_from(REAL_TEXTS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 20), markdown), max_size=4))
def test_real_pages_mangled(text, edits):
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed:]
    check_text(text)


@settings(FUZZ, max_examples=150)
@given(st.binary(max_size=200))
def test_any_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.md"
        path.write_bytes(data)
        text, problems = read_text(path, "page.md")
        assert_clean(problems)
        if text is not None:
            check_text(text)


@settings(FUZZ, max_examples=60)
@given(st.one_of(front_matters.map(lambda fm: (fm, None)),
                 st.tuples(st.sampled_from(REAL_TEXTS), markdown)), markdown)
def test_a_random_page_among_the_real_ones(page, body):
    """The cross-page checks (references, anchors, links, quotations,
    abbreviations) over the whole site with one page replaced."""
    front_matter, extra = page
    text = page_text(front_matter, body) if extra is None else front_matter + extra + body
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        shutil.copytree(DOCS, docs)
        (docs / REAL_PAGE).write_text(text, encoding="utf-8", errors="surrogatepass")
        model, problems = load_site(docs, display_root=Path(folder))
        assert_clean(problems)
        if not problems:
            assert model.by_src
