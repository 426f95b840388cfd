"""The four editions as built (English at the root, ru/, hy/, az/ beside it),
from the repository's pages and this suite's own translations: every page in
every edition, translated or shown in English with a notice, each edition in
its own interface language, linked to the others (switcher, hreflang,
sitemap, Open Graph, JSON-LD), with its own PDF and inside the one offline zip."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from browser_fixtures import html_pages
from report_site import editions
from report_site.downloads import ZIP_PATH
from report_site.offline_edition import ZIP_FOLDER
from report_site.strings import strings

SITE_URL = "https://meeting-report.example.org/"
CODES = ["en", "ru", "hy", "az"]
REPORT = "meetings/london-2014/report/index.html"
REPORT_IDS = {"context", "aims", "participants", "discussion", "key-messages", "msg-continuation", "msg-dialogue"}


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def elements(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def root(site: Path, code: str) -> Path:
    return site / editions.edition(code).prefix


def pages_of(site: Path, code: str) -> set[str]:
    """An edition's HTML pages, relative to its root (not the other editions' inside the English root)."""
    others = {c + "/" for c in CODES if c != "en"}
    found = set(html_pages(root(site, code)))
    return {p for p in found if not any(p.startswith(o) for o in others)} if code == "en" else found


def resolve(page: str, href: str) -> str:
    """A relative link from a page (its path from the site root) to a path from the site root."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    if target == ".":
        return "index.html"
    return target + "/index.html" if href.split("#")[0].endswith("/") or not posixpath.splitext(target)[1] else target


def test_english_pages_keep_their_addresses_and_every_page_is_in_every_edition(edition_site, edition_build):
    english = pages_of(edition_site, "en")
    assert {(page.url + "index.html") for page in edition_build.model.pages} <= english
    assert REPORT in english and "about/index.html" in english
    for code in CODES[1:]:
        assert pages_of(edition_site, code) == english, code


def test_each_edition_speaks_its_language_in_the_interface(edition_site):
    for code, search_word in [("en", "Search"), ("ru", "Поиск"), ("hy", "Որոնում"), ("az", "Axtar")]:
        text = (root(edition_site, code) / "about/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in text
        assert f'placeholder="{search_word}"' in text, code


def test_a_translated_page_says_so_in_its_language_and_links_the_english(edition_site):
    page = f"ru/{REPORT}"
    text = (edition_site / page).read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Отчёт о встрече<", text)
    notice = re.search(r'<p class="edition-notice">(.*?)</p>', text, re.S)
    assert notice and "неофициальный перевод" in notice.group(1) and "ещё не проверенный" in notice.group(1)
    href = re.search(r'href="([^"]+)" hreflang="en"', notice.group(1)).group(1)
    assert resolve(page, href) == REPORT and (edition_site / REPORT).is_file()
    # The sections and block ids of the English report, so links and quotations land.
    ids = {attrs["id"] for _, attrs in elements(edition_site / page) if "id" in attrs}
    assert ids >= REPORT_IDS
    home = (edition_site / "ru/index.html").read_text(encoding="utf-8")
    reviewed = re.search(r'<p class="edition-notice">(.*?)</p>', home, re.S).group(1)
    assert "ещё не" not in reviewed


def test_a_reviewed_translation_says_who_reviewed_it_and_when_still_unofficial(edition_site):
    """tests/data/translations/ru/index.md records its review: a role, and the day."""
    home = (edition_site / "ru/index.html").read_text(encoding="utf-8")
    notice = " ".join(re.search(r'<p class="edition-notice">(.*?)</p>', home, re.S).group(1).split())
    assert "(проверка: независимый рецензент, носитель русского языка, 30 ноября 2026 г.)" in notice
    assert "неофициальный перевод" in notice and "остаётся неофициальным" in notice
    assert re.search(r'<a href="\.\./" hreflang="en">эта страница на английском</a>', notice)
    # An unreviewed page names no reviewer.
    report = (edition_site / "ru" / REPORT).read_text(encoding="utf-8")
    assert "проверка:" not in report


def test_an_untranslated_page_is_english_marked_as_such_inside_the_edition(edition_site):
    for code in CODES[1:]:
        text = (edition_site / code / "about/index.html").read_text(encoding="utf-8")
        assert re.search(r'<h1 id="[^"]+" lang="en">About this edition', text), code
        assert '<div lang="en">' in text and "What this edition is" in text.split('<div lang="en">', 1)[1]
        # The notice says so in the edition's language, and links the English edition's page.
        notice = re.search(r'<p class="edition-notice">(.*?)</p>', text, re.S).group(1)
        assert " ".join(notice.split()) == " ".join(strings(code)("notice.untranslated", url="../../about/").split())
        href = re.search(r'<a href="([^"]+)" hreflang="en">', notice).group(1)
        assert resolve(f"{code}/about/index.html", href) == "about/index.html"
        # The navigation is the edition's own.
        assert strings(code)("listing.groups") in text and strings(code)("listing.glossary") in text


def test_an_untranslated_page_is_named_in_english_marked_so_wherever_the_edition_lists_it(edition_site):
    """About is not translated in this suite's fixtures: in each other edition
    its title is English, marked lang="en" in the side navigation, in the
    previous/next links, in the header, in the lists and links that name it;
    translated and generated pages are not marked."""
    for code in CODES[1:]:
        home = (edition_site / code / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<span lang="en">About</span>', home), code  # the side navigation (nav_title)
        about = (edition_site / code / "about/index.html").read_text(encoding="utf-8")
        assert re.search(r'<span class="md-ellipsis" lang="en">\s*About this edition', about), code  # the header
        glossary = (edition_site / code / "glossary/index.html").read_text(encoding="utf-8")
        assert re.search(r'<li lang="en"><strong><a href="do-no-harm/" lang="en">Do no harm</a></strong>: The principle',
                         glossary), code  # the listing: title and description
        assert strings(code)("listing.glossary") in glossary and not re.search(r'<h1[^>]* lang="en"', glossary)
        # The report is translated in every edition here: named in the edition's language, not marked.
        assert not re.search(r'<a href="[^"]*report/"[^>]* lang="en"', home), code
        assert not re.search(r'<span lang="en">(Отчёт|Report)', home)
    # Previous/next: the translated report sits between two untranslated pages
    # in Russian (the meeting, the source text), the meeting between two translated ones.
    def footer_languages(page: str) -> list[str | None]:
        footer = (edition_site / "ru" / page).read_text(encoding="utf-8").split('class="md-footer"', 1)[1]
        return [match.group(1) for match in re.finditer(r'<div class="md-ellipsis"(?: lang="(\w+)")?>', footer)]

    assert footer_languages(REPORT) == ["en", "en"]
    assert footer_languages("meetings/london-2014/index.html") == [None, None]
    # Search: the edition's index says which entries are English (search-ranking.js marks their results).
    for code in CODES[1:]:
        docs = json.loads((edition_site / code / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        languages = {doc["location"].split("#")[0]: doc.get("lang") for doc in docs}
        assert languages["about/"] == "en" and languages["meetings/london-2014/report/"] is None, code
        assert languages["glossary/"] is None  # generated, in the edition's language
    english_docs = json.loads((edition_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not any("lang" in doc for doc in english_docs)


def test_a_generated_page_is_written_in_its_editions_language_not_marked_english(edition_site):
    """Index pages and the whole report are made by the build in the
    edition's language: no "not translated yet" notice, no lang="en" title."""
    for code in CODES[1:]:
        for page in ["meetings/london-2014/messages/index.html", "glossary/index.html"]:
            text = (edition_site / code / page).read_text(encoding="utf-8")
            assert strings(code)("notice.untranslated") not in text, (code, page)
            assert not re.search(r'<h1[^>]* lang="en"', text), (code, page)


def test_the_source_text_is_english_in_every_edition(edition_site):
    for code in CODES[1:]:
        text = (edition_site / code / "meetings/london-2014/source-text/index.html").read_text(encoding="utf-8")
        assert strings(code)("notice.source_text") in text and '<div lang="en">' in text


def test_the_switcher_leads_to_the_same_page_in_each_edition_named_in_its_language(edition_site):
    names = {"en": "English", "ru": "Русский", "hy": "Հայերեն", "az": "Azərbaycanca"}
    for code in CODES:
        for page in ["index.html", "about/index.html", REPORT]:
            here = editions.edition(code).prefix + page
            links = [attrs for tag, attrs in elements(edition_site / here) if tag == "a" and "md-select__link" in attrs.get("class", "")]
            assert [link["hreflang"] for link in links] == CODES, here
            for link in links:
                assert resolve(here, link["href"]) == editions.edition(link["hreflang"]).prefix + page, (here, link)
                assert link.get("lang") == link["hreflang"]
            text = (edition_site / here).read_text(encoding="utf-8")
            assert all(name in text for name in names.values())
            assert [link["hreflang"] for link in links if link.get("aria-current") == "page"] == [code]


def test_hreflang_alternates_are_on_every_page_and_reciprocal(edition_site):
    for page in sorted(pages_of(edition_site, "en")):
        if page.endswith("404.html"):
            continue
        expected = None
        for code in CODES:
            links = sorted((attrs["hreflang"], attrs["href"]) for tag, attrs in elements(root(edition_site, code) / page)
                           if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs)
            url = page[: -len("index.html")]
            assert links == sorted([(c, SITE_URL + editions.edition(c).prefix + url) for c in CODES]
                                   + [("x-default", SITE_URL + url)]), (code, page)
            expected = expected or links
            assert links == expected


def test_the_sitemap_lists_every_edition_with_its_alternates(edition_site):
    sitemap = (edition_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    for code in CODES:
        assert SITE_URL + editions.edition(code).prefix + "meetings/london-2014/report/" in locs
    assert len(locs) == 4 * len(set(loc.replace(SITE_URL, "").removeprefix("ru/").removeprefix("hy/").removeprefix("az/")
                                    for loc in locs))
    entry = sitemap.split(f"<loc>{SITE_URL}hy/about/</loc>")[1].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="ru" href="{SITE_URL}ru/about/"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE_URL}about/"/>' in entry
    own = (edition_site / "ru/sitemap.xml").read_text(encoding="utf-8")
    assert all(loc.startswith(SITE_URL + "ru/") for loc in re.findall(r"<loc>([^<]+)</loc>", own))


def test_open_graph_and_json_ld_name_the_language_and_the_translation(edition_site):
    text = (edition_site / "ru" / REPORT).read_text(encoding="utf-8")
    assert '<meta property="og:locale" content="ru_RU">' in text
    assert {'en_GB', 'hy_AM', 'az_AZ'} == set(re.findall(r'og:locale:alternate" content="([^"]+)"', text))
    report = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert report["inLanguage"] == "ru"
    assert report["translationOfWork"] == {"@id": SITE_URL + "meetings/london-2014/report/#report", "inLanguage": "en"}
    english = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                   (edition_site / REPORT).read_text(encoding="utf-8"), re.S).group(1))
    assert english["inLanguage"] == "en" and "translationOfWork" not in english
    assert english["workTranslation"] == [{"@id": f"{SITE_URL}{c}/meetings/london-2014/report/#report", "inLanguage": c}
                                          for c in CODES[1:]]
    about = (edition_site / "ru/about/index.html").read_text(encoding="utf-8")
    assert "translationOfWork" not in about  # not translated: shown in English, nothing to point to


def test_each_edition_has_its_own_archival_pdf_in_its_language(edition_site):
    for code, words in [("en", "Participants stressed"), ("ru", "Участники подчеркнули"),
                        ("hy", "Մասնակիցներն ընդգծեցին"), ("az", "İştirakçılar vurğuladılar")]:
        pdf = root(edition_site, code) / "downloads/london-2014-report.pdf"
        reader = pypdf.PdfReader(pdf)
        assert reader.trailer["/Root"]["/Lang"] == code
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfaid:part[^0-9]*3", xmp) and re.search(r"pdfaid:conformance[^A-Z]*U", xmp)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        assert words in text, code
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # every font embedded
        if code == "hy":
            assert "Noto-Serif-Armenian" in fonts


def test_each_page_links_its_editions_pdf_with_a_size_in_its_language(edition_site):
    for code, unit in [("en", " KB)"), ("ru", " КБ)"), ("hy", " ԿԲ)"), ("az", " KB)")]:
        text = (root(edition_site, code) / "about/index.html").read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+\.pdf)"[^>]*>.*?<span class="download-size"[^>]*>([^<]+)</span>', text, re.S)
        assert link and unit in link.group(2), (code, link and link.group(0))
        assert resolve(editions.edition(code).prefix + "about/index.html", link.group(1)) == \
            editions.edition(code).prefix + "downloads/london-2014-report.pdf"
        zip_link = re.search(r'<a href="([^"]+\.zip)"', text).group(1)
        assert resolve(editions.edition(code).prefix + "about/index.html", zip_link) == ZIP_PATH


def test_the_offline_zip_carries_every_edition_with_its_search(edition_site):
    with zipfile.ZipFile(edition_site / ZIP_PATH) as archive:
        inside = {name.split("/", 1)[1] for name in archive.namelist()}
        for code in CODES:
            prefix = editions.edition(code).prefix
            assert {prefix + "index.html", prefix + "meetings/london-2014/report.html", prefix + "search/search_index.js",
                    prefix + "downloads/london-2014-report.pdf"} <= inside, code
        assert "ru/assets/javascripts/lunr/min/lunr.ru.min.js" in inside
        assert not any(name.endswith("lunr.th.min.js") or name.endswith("wordcut.js") for name in inside)
        assert not any(name.startswith("assets/javascripts/lunr/") for name in inside)  # English needs none
        ru_report = archive.read(f"{ZIP_FOLDER}/ru/meetings/london-2014/report.html").decode("utf-8")
        assert 'href="../../../meetings/london-2014/report.html" hreflang="en"' in ru_report


@pytest.mark.parametrize("code", CODES[1:])
def test_each_edition_searches_its_own_pages_with_its_language(edition_site, code):
    index = json.loads((edition_site / code / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == list(editions.edition(code).search_lang)
    assert any(doc["location"].startswith("meetings/london-2014/report/") and
               doc["title"] == {"ru": "Отчёт о встрече", "hy": "Հանդիպման հաշվետվությունը", "az": "Görüşün hesabatı"}[code]
               for doc in index["docs"])
