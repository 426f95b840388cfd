"""The placeholder text a skeleton of scripts/new.py writes, recognised by
the build wherever it survives on a published page.

A skeleton is a draft full of placeholders; an author who deletes its
`draft: true` line before replacing them all would publish them. Rather than
mark the pages (a marker would have to be stripped from what readers get),
the placeholders are declared once, in overrides/scaffold/placeholders.yaml:
the scaffold (report_site.scaffold) writes them from there, and the build
looks for the same texts in every published page's front-matter and body.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from .front_matter import FrontMatter, _field_name, string_values
from .problems import Problem

PLACEHOLDERS_FILE = Path(__file__).resolve().parents[2] / "overrides" / "scaffold" / "placeholders.yaml"


@cache
def placeholders() -> dict[str, str]:
    """Each placeholder's name -> its text (the title's with `{words}` in it)."""
    with PLACEHOLDERS_FILE.open(encoding="utf-8") as handle:
        loaded: dict[str, str] = yaml.safe_load(handle)
    return loaded


def words_of_id(page_id: str) -> str:
    """'brussels-2011' -> 'Brussels 2011': the id as words, which a placeholder title begins with."""
    words = page_id.split("-")
    return " ".join([words[0].capitalize(), *words[1:]])


def for_page(page_id: str) -> dict[str, str]:
    """The placeholders a skeleton of the page `page_id` is written with."""
    return {name: text.replace("{words}", words_of_id(page_id)) for name, text in placeholders().items()}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(text, pattern) of every placeholder, longest first; a pattern allows
    any run of spaces or line breaks where the text has a space (YAML folds
    lines, an author rewraps a paragraph). The title is found by its marker."""
    texts = sorted({text for name, text in placeholders().items() if "{words}" not in text}, key=len, reverse=True)
    return [(text, re.compile(r"\s+".join(map(re.escape, text.split())))) for text in texts]


def placeholder_in(text: str) -> str | None:
    """The longest placeholder the text holds, or None."""
    return next((placeholder for placeholder, pattern in _patterns() if pattern.search(text)), None)


def _problem_text(placeholder: str) -> str:
    return (f"still holds the placeholder “{placeholder}” that scripts/new.py wrote "
            "(expected this page's own words in its place: a skeleton's placeholders are never published)")


def check_page(front: FrontMatter, display: str) -> list[Problem]:
    """Every placeholder a page to be published still holds, where it stands."""
    problems = []
    for path, value in string_values(front.data):
        found = placeholder_in(value)
        if found:
            line, column = front.position(path)
            problems.append(Problem(display, line, column, _field_name(path), _problem_text(found)))
    claimed: list[tuple[int, int]] = []  # spans of the body already reported, under a longer placeholder
    for placeholder, pattern in _patterns():
        for match in pattern.finditer(front.body):
            if any(start <= match.start() < end for start, end in claimed):
                continue
            claimed.append(match.span())
            before = front.body[: match.start()]
            line = front.body_line + before.count("\n")
            column = match.start() - (before.rfind("\n") + 1) + 1
            problems.append(Problem(display, line, column, "body", _problem_text(placeholder)))
    return problems
