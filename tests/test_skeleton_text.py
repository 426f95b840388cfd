"""Unit tests of report_site.skeleton_text: the placeholders new.py writes
are recognised wherever they survive, and only there."""

from __future__ import annotations

from pathlib import Path

from report_site import skeleton_text
from report_site.front_matter import split_front_matter
from report_site.scaffold import TEMPLATE_DIR

PAGE = """---
kind: message
id: public-event
title: Public event (replace this placeholder)
description: >-
  From the report's key messages: a short quotation of the
  report; replace this placeholder.
passages:
  - anchor: a
    quote: words of the report
sources:
  - title: A real source
    url: https://example.org/replace-with-the-address-of-the-source
---

Our own first paragraph.

What the report says around this
message, in its words or close to them.
"""


def problems(text: str) -> list[str]:
    front, found = split_front_matter(text, "page.md")
    assert front is not None, found
    return [str(problem) for problem in skeleton_text.check_page(front, "page.md")]


def test_every_placeholder_left_is_found_where_it_stands():
    found = problems(PAGE)
    assert [p.split(": ")[0:2] for p in found] == [
        ["page.md:4:8", "title"], ["page.md:5:14", "description"], ["page.md:13:10", "sources[0].url"], ["page.md:18:1", "body"]]
    assert "“From the report's key messages: a short quotation of the report; replace this placeholder.”" in found[1]
    assert "expected this page's own words in its place" in found[3]


def test_a_page_of_its_own_words_has_none():
    own = (PAGE.replace("Public event (replace this placeholder)", "Public event in Washington")
           .replace("report; replace this placeholder.", "report.").replace("replace-with-the-address-of-the-source", "news")
           .replace("What the report says around this\nmessage", "What the report says of this\nmessage"))
    assert problems(own) == []
    assert problems(own.replace("From the report's key messages: a short quotation of the\n  report.", "Our own words.")) == []


def test_the_real_site_holds_no_placeholder():
    for path in sorted((Path(__file__).resolve().parents[1] / "docs").rglob("*.md")):
        assert problems(path.read_text(encoding="utf-8")) == [], path


def test_every_placeholder_is_written_by_a_skeleton_template():
    """The registry names only texts the scaffold writes (no stale entry),
    and each template writes its placeholders from the registry (none typed in)."""
    templates = "".join(path.read_text(encoding="utf-8") for path in sorted(TEMPLATE_DIR.glob("*.md")))
    for name in skeleton_text.placeholders():
        assert f"placeholder.{name}" in templates or name in ("marker", "title"), name
        if name not in ("marker", "title"):
            assert skeleton_text.placeholders()[name] not in templates, f"{name} is typed into a template"
