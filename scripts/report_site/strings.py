"""The words of our own that a reader sees, one table per language
(strings/<code>.yaml), and dates and numbers in that language's own form
(Babel, from CLDR: "21 October 2014", "21 октября 2014 г.").

Every template of ours (overrides/generated/, overrides/partials/,
overrides/pdf/, overrides/404.html) takes its words from here, through the
`t` it is given, so an edition in another language is a new table, not new
templates. English is the reference table: every other table must have its
keys (tests/test_strings.py, and `missing_keys` for the build).

A value is text with {named} places, or, for words that change with a
number, a mapping of CLDR plural categories (one, few, many, other).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from . import editions
from .problems import Problem
from .terminology_data import load_guide

STRINGS_DIR = Path(__file__).with_name("strings")


class MissingString(KeyError):
    """A key a template asks for that the language's table lacks."""


def table_path(code: str) -> Path:
    return STRINGS_DIR / f"{code}.yaml"


@cache
def _table(code: str) -> dict[str, Any]:
    path = table_path(code)
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping of keys to strings")
    return loaded


def missing_keys(code: str) -> list[Problem]:
    """Every key of the reference table that the language's table lacks (or
    has in another shape), each as a problem at the table's path."""
    reference = _table(editions.reference().code)
    display = f"scripts/report_site/strings/{code}.yaml"
    if not table_path(code).is_file():
        return [Problem(display, 1, 1, "file", f"no string table for the {code!r} edition (expected a copy of "
                        f"strings/{editions.reference().code}.yaml with every value in that language)")]
    table = _table(code)
    problems = []
    lines = table_path(code).read_text(encoding="utf-8").splitlines()
    for key, value in reference.items():
        if key not in table:
            problems.append(Problem(display, len(lines) + 1, 1, key,
                                    f"missing string (expected the {code!r} for “{_shown(value)}”)"))
        elif isinstance(value, dict) != isinstance(table[key], dict):
            line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)
            problems.append(Problem(display, line, 1, key, "a plain string where the reference has plural forms, or the other way round "
                                    "(expected the same shape as the English table)"))
    return problems


def _shown(value: Any) -> str:
    return str(value.get("other") if isinstance(value, dict) else value)


@dataclass(frozen=True)
class Strings:
    """One language's table and formats, as templates use them."""

    code: str

    @property
    def locale(self) -> Locale:
        return _locale(editions.edition(self.code).locale)

    def __call__(self, key: str, count: int | None = None, **values: Any) -> str:
        """The string for key, its {places} filled; with `count`, the plural
        form the language uses for that number ({count} is filled too)."""
        table = _table(self.code)
        if key not in table:
            raise MissingString(f"scripts/report_site/strings/{self.code}.yaml: no key {key!r} "
                                f"(expected every key of strings/{editions.reference().code}.yaml)")
        value = table[key]
        if isinstance(value, dict):
            if count is None:
                raise MissingString(f"strings/{self.code}.yaml: {key!r} has plural forms (expected a count)")
            form = self.locale.plural_form(count)
            value = value.get(form, value["other"])
            values["count"] = self.number(count)
        return str(value).format(**values) if values else str(value)

    def long_date(self, iso_date: str | datetime.date) -> str:
        """'2014-10-21' -> '21 October 2014' in the language's own form."""
        day = iso_date if isinstance(iso_date, datetime.date) else datetime.date.fromisoformat(str(iso_date))
        return format_date(day, format="long", locale=self.locale)

    def join(self, items: list[str]) -> str:
        """'a, b and c' ('a, b и c'): a list as the language writes one."""
        return format_list(list(items), locale=self.locale) if items else ""

    def join_or(self, items: list[str]) -> str:
        """'a, b or c' ('a, b или c')."""
        return format_list(list(items), style="or", locale=self.locale) if items else ""

    def html(self, key: str, count: int | None = None, **values: Any) -> Markup:
        """For templates that escape what they output (the PDF's): the string
        as safe HTML, each value escaped unless it is markup already."""
        return Markup(self(key, count, **{name: escape(value) for name, value in values.items()}))

    def named(self, english: str) -> str:
        """The edition's word for an English name or term the termbase
        (terminology.yaml) lists: a source's publisher and genre, a tag.
        Anything it does not list is given as it is."""
        guide, _ = load_guide()
        return guide.english_name(english, self.code) if guide is not None else english

    def label(self, kind: str, title: str) -> str:
        """How this edition labels a page of that kind and title (page_label)."""
        return page_label(self.code, kind, title)

    def language_name(self, code: str) -> str:
        """A language's name in this language (CLDR): 'английский' for 'en' in Russian."""
        return str(self.locale.languages.get(code, code))

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def file_size(self, size: int) -> str:
        """'340 KB', '1.2 MB' ('1,2 МБ'): the unit's name from the table."""
        if size < 1024 * 1024:  # whole kilobytes, never grouped ("1024 KB", as in every language)
            return self("size.kilobytes", amount=format_decimal(max(1, round(size / 1024)), format="#0", locale=self.locale))
        return self("size.megabytes", amount=format_decimal(round(size / (1024 * 1024), 1), format="0.0", locale=self.locale))


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def strings(code: str) -> Strings:
    return Strings(code)


def page_label(code: str, kind: str, title: str) -> str:
    """How an edition labels a page in its navigation and the PDF's
    contents: the source text, shown in English in every edition, is named
    in the edition's language; any other page by its own title."""
    if kind == "source-text" and code != editions.reference().code:
        return strings(code)("source_text.title")
    return title
