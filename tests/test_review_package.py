"""The review package (`translations.py review LANG`, report_site.review_package):
written for this suite's translations into tmp_path by the real command,
its HTML read for each paragraph beside its English, numbered, and its
PDF (real WeasyPrint) read back with pypdf for both languages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from report_site.terminology_data import load_guide
from support import DATA, DOCS, ROOT

REPORT_EN = ("On 21 October International Alert and Conciliation Resources brought together a number of key local "
             "partners from Azerbaijan, Armenia and NK for a joint strategic meeting in London.")
REPORT_RU = ("21 октября International Alert и Conciliation Resources собрали ряд ключевых местных партнёров из "
             "Азербайджана, Армении и НК на совместную стратегическую встречу в Лондоне.")
REPORT_HY = "Հոկտեմբերի 21-ին International Alert-ը և Conciliation Resources-ը Լոնդոնում"


class Rows(HTMLParser):
    """Each table row of the package: its number and its cells' text, and the id of the page it is on."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.cell: list[str] | None = None
        self.page = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and (attributes.get("id") or "").startswith("page-"):
            self.page = attributes["id"] or ""
        if tag == "tr" and (attributes.get("id") or "").startswith("row-"):
            self.rows.append({"number": (attributes["id"] or "")[4:], "page": self.page, "cells": ""})
        if tag in ("td", "th") and self.rows and self.cell is None:
            self.cell = []
            self.rows[-1].setdefault("langs", "")
            self.rows[-1]["langs"] += (attributes.get("lang") or "") + " "

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1]["cells"] += " ".join("".join(self.cell).split()) + " | "
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    """The package of each of ru and hy, written by the command for the repository's
    pages with this suite's translations (the report and a message in each)."""
    project = tmp_path_factory.mktemp("review")
    shutil.copytree(DOCS, project / "docs")
    shutil.copytree(DATA / "translations", project / "translations")
    written = {}
    for language in ("ru", "hy"):
        out = project / "build" / "review" / language
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--docs-dir", str(project / "docs"),
                               "review", language, "--out", str(out)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"Review package for {language}: {out / 'index.html'} and {out / f'review-{language}.pdf'}"
        written[language] = out
    return written


def rows_of(package: Path) -> list[dict[str, str]]:
    parser = Rows()
    parser.feed((package / "index.html").read_text(encoding="utf-8"))
    return parser.rows


def test_each_paragraph_stands_beside_its_english_in_a_numbered_row(packages):
    rows = rows_of(packages["ru"])
    numbers = [row["number"] for row in rows]
    assert len(numbers) == len(set(numbers)) and all(re.fullmatch(r"\d+\.\d+", n) for n in numbers)
    row = next(row for row in rows if REPORT_EN in row["cells"])
    number, english, russian, _ = row["cells"].split(" | ")
    assert english.startswith(REPORT_EN) and russian.startswith(REPORT_RU)
    assert re.search(r"line \d+$", english) and re.search(r"line \d+$", russian)  # where each stands in its file
    assert row["langs"].split() == ["en", "ru"]
    # The report's rows: its title first, then the fields, then the paragraphs in order.
    report_rows = [r for r in rows if r["page"] == row["page"]]
    assert report_rows[0]["cells"].startswith(f"{row['page'][5:]}.1title | Report of the meeting")
    assert "Отчёт о встрече" in report_rows[0]["cells"]
    body = [r for r in report_rows if re.fullmatch(r"\d+\.\d+", r["cells"].split(" | ")[0])]
    paired = [len(re.findall(r"line \d+ \|", r["cells"])) == 2 for r in body]
    assert len(body) >= 10 and all(paired), [r["cells"][:80] for r, ok in zip(body, paired, strict=True) if not ok]
    # A field the translation leaves out is shown in English in the edition: the reviewer is told so.
    source = next(r for r in report_rows if "sources[0].title" in r["cells"])
    assert "(not translated: the edition shows the English)" in source["cells"]


def test_the_package_lists_its_pages_the_missing_ones_and_the_terms(packages):
    text = (packages["ru"] / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'<section class="page" id="page-(\d+)">', text)
    assert pages == ["1", "2", "3"]  # the home page, the report and a message: this suite's ru translations
    assert "Not translated yet, not in this package:" in text and "docs/about.md" in text
    # The home page's terms: the edition's word for the region, and what it does not say.
    home = text.split('id="page-1"', 1)[1].split('<section class="page"', 1)[0]
    terms = home.split("Terms on this page", 1)[1]
    assert "<b>Nagorno-Karabakh</b>: <span lang=\"ru\"><b>Нагорный Карабах</b></span>" in terms and "Арцах" in terms
    # The report names the region only as НК; the one term on it is the report's "frontline",
    # quoted (with its note), beside the edition's own "line of contact".
    report_terms = text.split('id="page-2"', 1)[1].split('<section class="page"', 1)[0].split("Terms on this page", 1)[1]
    assert report_terms.count("<li>") == 1
    assert "<b>line of contact</b>" in report_terms and "линия фронта" in report_terms and "quoted on this page" in report_terms
    termbase = text.split('<section class="termbase"', 1)[1]
    guide, _ = load_guide()
    assert guide is not None and termbase.count("<tr>") == 1 + len(guide.entries)  # its heading, then every entry
    assert "НКР" in termbase


def test_the_pdf_renders_both_languages(packages):
    for language, translated in (("ru", REPORT_RU), ("hy", REPORT_HY)):
        reader = pypdf.PdfReader(packages[language] / f"review-{language}.pdf")
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert len(reader.pages) >= 5
        assert "brought together a number of key local partners" in text, language
        assert translated[:60] in text, language
        assert "2.5" in text  # the rows' numbers


def test_a_paragraph_left_out_is_shown_beside_nothing_and_the_rest_stays_aligned(tmp_path):
    """A translator who merged or dropped a paragraph: the reviewer sees the
    English one beside nothing, and every heading after still beside its own."""
    from report_site.review_package import review_pages
    from report_site.site_model import load_site

    shutil.copytree(DATA / "translations", tmp_path / "translations")
    report = tmp_path / "translations/ru/meetings/london-2014/report.md"
    text = report.read_text(encoding="utf-8")
    discussion = text.split("## Обсуждение {#discussion}\n\n", 1)[1].split("\n\n", 1)[0]
    report.write_text(text.replace(discussion + "\n\n", "", 1), encoding="utf-8")
    english, problems = load_site(DOCS, display_root=ROOT)
    assert not problems
    pages, _ = review_pages(english, tmp_path / "translations", "ru", None)
    rows = next(page for page in pages if page.english_id == "london-2014-report").rows
    alone = [row for row in rows if row.label == "body" and row.english and not row.translation]
    assert len(alone) == 1 and "The event provided" in alone[0].english
    heading = next(row for row in rows if "Key messages" in row.english)
    assert "Ключевые тезисы" in heading.translation
