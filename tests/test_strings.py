"""The string tables (scripts/report_site/strings/<code>.yaml): one per
edition, every key of the English table in every other, the same {places},
every key a template asks for present; and dates and sizes in each
language's own form, from CLDR through Babel."""

from __future__ import annotations

import re
import string

import pytest

from report_site import editions, strings
from support import ROOT

CODES = [edition.code for edition in editions.all_editions()]


def table(code: str) -> dict:
    return strings._table(code)


def places(value) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(str(text)) if name}


@pytest.mark.parametrize("code", CODES)
def test_every_edition_has_a_table_with_every_key(code):
    assert strings.missing_keys(code) == []
    assert set(table(code)) == set(table("en")), set(table(code)) ^ set(table("en"))


# A value given in two forms: a language picks the one its grammar needs.
EITHER = {"meeting_lower": "meeting", "title_lower": "title"}


@pytest.mark.parametrize("code", CODES[1:])
def test_translated_strings_fill_the_places_the_english_has(code):
    for key, english in table("en").items():
        offered = places(english) | {EITHER.get(name, name) for name in places(english)} | {"count"}
        assert places(table(code)[key]) <= offered, key


def test_a_missing_key_is_named_with_its_table(tmp_path, monkeypatch):
    tables = tmp_path / "strings"
    tables.mkdir()
    for code in CODES:
        (tables / f"{code}.yaml").write_text((strings.STRINGS_DIR / f"{code}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ru = tables / "ru.yaml"
    ru.write_text(re.sub(r"^listing\.tags: .*\n", "", ru.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    monkeypatch.setattr(strings, "STRINGS_DIR", tables)
    strings._table.cache_clear()
    try:
        problems = strings.missing_keys("ru")
        assert [(p.field, p.message) for p in problems] == [("listing.tags", "missing string (expected the 'ru' for “Tags”)")]
        assert str(problems[0]).startswith("scripts/report_site/strings/ru.yaml:")
        with pytest.raises(strings.MissingString, match="no key 'listing.tags'"):
            strings.Strings("ru")("listing.tags")
    finally:
        strings._table.cache_clear()


def test_every_key_our_templates_and_code_ask_for_is_in_the_english_table():
    asked: set[str] = set()
    files = [*ROOT.joinpath("overrides").rglob("*.html"), *ROOT.joinpath("overrides").rglob("*.md"),
             *ROOT.joinpath("scripts", "report_site").glob("*.py")]
    for path in files:
        asked |= set(re.findall(r"""(?<![.\w])t\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""", path.read_text(encoding="utf-8")))
    assert asked, "no t(...) found: the pattern no longer matches how templates ask"
    assert asked - set(table("en")) == set()
    # Keys made from a value: one per value.
    assert {"notice.translation.unreviewed", "notice.translation.reviewed"} <= set(table("en"))


@pytest.mark.parametrize(("code", "date"), [
    # CLDR keeps "г." (year) with its number by a narrow no-break space.
    ("en", "21 October 2014"), ("ru", "21 октября 2014\u202fг."), ("hy", "21 հոկտեմբերի, 2014 թ."), ("az", "21 oktyabr 2014"),
])
def test_dates_in_each_languages_own_form(code, date):
    assert strings.strings(code).long_date("2014-10-21") == date


@pytest.mark.parametrize(("code", "small", "large"), [
    ("en", "1024 KB", "1.5 MB"), ("ru", "1024 КБ", "1,5 МБ"), ("hy", "1024 ԿԲ", "1,5 ՄԲ"), ("az", "1024 KB", "1,5 MB"),
])
def test_sizes_with_the_languages_units_and_decimal_separator(code, small, large):
    assert strings.strings(code).file_size(1024 * 1024 - 1) == small
    assert strings.strings(code).file_size(int(1.5 * 1024 * 1024)) == large


def test_the_english_table_says_what_mkdocs_yml_says():
    """The other editions take these from their tables; English keeps mkdocs.yml's, and the two agree."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    english = strings.strings("en")
    assert english("site.name") == config["site_name"]
    assert english("site.description") == " ".join(config["site_description"].split())
    assert english("site.copyright") == " ".join(config["copyright"].split())
    toc = next(entry["toc"] for entry in config["markdown_extensions"] if isinstance(entry, dict) and "toc" in entry)
    assert english("toc.permalink_title") == toc["permalink_title"]
    names = [scheme["toggle"]["name"] for scheme in config["theme"]["palette"]]
    assert names == [english("palette.to_dark"), english("palette.to_light")]
