"""Unit tests of the strict front-matter loader and the schema messages."""

from __future__ import annotations

import pytest

from report_site import schema
from report_site.front_matter import split_front_matter
from report_site.listings import add_generated_pages
from report_site.navigation import site_navigation
from report_site.page_rendering import template_environment
from report_site.site_model import load_site

VALID_TERM = """---
kind: term
id: term-x
title: A term
description: A glossary term used only by this unit test.
term: Example
abbreviation: EX
expansion: Example expansion
---

# A term
"""


def problems_of(text: str) -> list[str]:
    front, problems = split_front_matter(text, "page.md")
    if front is not None:
        problems = schema.validate_front_matter(front, "page.md")
    return [str(p) for p in problems]


def test_a_valid_page_has_no_problems():
    front, problems = split_front_matter(VALID_TERM, "page.md")
    assert problems == []
    assert front.data["abbreviation"] == "EX"
    assert front.body.startswith("\n# A term")
    assert front.body_line == 10
    assert schema.validate_front_matter(front, "page.md") == []


def test_dates_stay_text_so_the_schema_judges_them():
    front, _ = split_front_matter("---\nwhen: 2014-10-21\n---\n", "p.md")
    assert front.data["when"] == "2014-10-21"


@pytest.mark.parametrize("text,expected", [
    ("", "page.md:1:1: file: the file is empty"),
    ("# No front-matter\n", "page.md:1:1: front-matter: the file does not start with front-matter"),
    ("---\nkind: term\n", "page.md:1:1: front-matter: the front-matter is never closed"),
    ("---\nkind: term\nkind: page\n---\n", "page.md:3:1: kind: duplicate key: already set on line 2"),
    ("---\nkind: term\n\tid: x\n---\n", "page.md:3:1: front-matter: a tab is used for indentation"),
    ("---\njust text\n---\n", "page.md:2:1: front-matter: front-matter is a single value"),
    ("---\nkind: [term\n---\n", "page.md:3:1: front-matter: malformed YAML"),
    ("---\na: &x 1\nb: *x\n---\n", "page.md:3:1: front-matter: YAML aliases are not allowed"),
])
def test_loader_problems(text, expected):
    found = problems_of(text)
    assert any(problem.startswith(expected) for problem in found), found


@pytest.mark.parametrize("change,expected", [
    (("term: Example", "term: Example\nexpanson: x"), "page.md:7:1: expanson: unknown field (did you mean 'expansion'?)"),
    (("title: A term\n", ""), "page.md:2:1: title: missing required field"),
    (("kind: term", "kind: terms"), "page.md:2:7: kind: unknown kind 'terms'"),
    (("abbreviation: EX", "abbreviation: [EX]"), "page.md:7:15: abbreviation: wrong type: a list (expected text)"),
    (("id: term-x", "id: Term X"), "page.md:3:5: id: invalid value 'Term X' (expected text matching"),
])
def test_schema_problems(change, expected):
    found = problems_of(VALID_TERM.replace(*change))
    assert any(problem.startswith(expected) for problem in found), found


def test_impossible_date_is_named():
    text = VALID_TERM.replace("kind: term", "kind: meeting").replace("term: Example\n", "date: 2014-02-30\n")
    found = problems_of(text)
    assert any(p.startswith("page.md:6:7: date: impossible date '2014-02-30'") for p in found), found


def test_a_new_page_appears_in_its_index_and_the_nav_with_no_other_edit(docs_copy):
    new = docs_copy / "meetings/london-2014/messages/new-message.md"
    new.write_text("""---
kind: message
id: new-test-message
meeting: london-2014
order: 9
title: A new message for the test
nav_title: New test message
description: A message added by a test to check it is listed without other edits.
tags: [dialogue]
passages:
  - anchor: key-messages
    quote: people-to-people contact is vital
---

Body.
""", encoding="utf-8")
    model, problems = load_site(docs_copy)
    assert problems == []
    assert add_generated_pages(model, template_environment()) == []
    index = model.by_src["meetings/london-2014/messages/index.md"]
    assert "(id:new-test-message)" in index.front.body
    nav = site_navigation(model)
    assert {"New test message": "meetings/london-2014/messages/new-message.md"} in str_walk(nav)


def str_walk(nav):
    """Every mapping in a nested nav structure."""
    found = []
    for item in nav:
        if isinstance(item, dict):
            found.append(item)
            for value in item.values():
                if isinstance(value, list):
                    found.extend(str_walk(value))
    return found


def test_authoring_guide_field_table_matches_the_schema():
    from report_site import schema_doc
    guide = schema_doc.AUTHORING_GUIDE.read_text(encoding="utf-8")
    assert schema_doc.with_fresh_table(guide) == guide, "run: cd scripts && python -m report_site.schema_doc"
    for kind in schema.kinds():
        assert f"| `{kind}`" in guide


def test_valid_fields_leave_out_only_what_the_schema_refuses():
    """What the checks beyond the schema still see of a page with schema errors."""
    text = VALID_TERM.replace("abbreviation: EX", "abbreviation: E\nsee: [not, an, id]\nexpansoin: typo")
    front, _ = split_front_matter(text, "page.md")
    assert schema.validate_front_matter(front, "page.md")  # three problems, reported as such
    kept = schema.valid_fields(front)
    assert set(front.data) - set(kept) == {"abbreviation", "see", "expansoin"}
    assert kept["expansion"] == "Example expansion" and kept["id"] == "term-x"
    front.data["kind"] = "no-such-kind"
    assert schema.valid_fields(front) is None
