"""Search as readers use it, typed key by key in real Chromium: on the
served site and in the offline edition opened from the file system.

Each query's first result (and, where the ranking rule says which page
comes next, the next ones) is asserted, and every list of results is
checked against the rule itself (scripts/report_site/search_ranking.py),
restated here from the search index the build wrote."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from browser_fixtures import PHONE, foreign_requests, search_results
from support import ROOT

pytestmark = pytest.mark.browser

REPORT = "meetings/london-2014/report/"
MESSAGES = "meetings/london-2014/messages/"
GROUPS = "meetings/london-2014/groups/"

# (what a reader types, the pages that must come first, in order: their clean URLs)
RANKED = [
    # Words in the report: the report answers first.
    ("escalation August", [REPORT]),
    ("ceasefire", [REPORT]),
    ("operational constraints", [REPORT]),
    ("belligerent narratives", [REPORT, MESSAGES + "dialogue-within-societies/"]),
    ("peacebuilding", [REPORT]),
    # Then the page the words name: its abbreviation, name or tags.
    ("CLU", [REPORT, "programmes/clu/", GROUPS + "clu-experts/"]),
    ("(CLU),", [REPORT, "programmes/clu/"]),                 # punctuation ends a word
    ("CLU's", [REPORT, "programmes/clu/"]),                  # so does an apostrophe
    ("Comparative Learning Unit", [REPORT, "programmes/clu/"]),
    ("European Partnership", [REPORT, "programmes/epnk/"]),   # an expansion finds its programme
    ("EPNK", [REPORT, "programmes/epnk/"]),
    ("SCA", [REPORT, "glossary/sca/", GROUPS + "epnk-sca/"]),  # then the group whose title has it
    ("Unheard Voices", [REPORT, "programmes/unheard-voices/"]),
    ("Parts of a Circle", [REPORT, "programmes/parts-of-a-circle/"]),
    ("International Alert", [REPORT, "organisations/international-alert/"]),
    ("Conciliation Resources", [REPORT, "organisations/conciliation-resources/"]),
    ("do no harm", [REPORT, MESSAGES + "flexibility-do-no-harm/"]),
    ("dialogue within societies", [REPORT, MESSAGES + "dialogue-within-societies/"]),  # by its title
    # Words beyond the report: the pages that have them, messages and groups first.
    ("journalists", [GROUPS + "unheard-voices-media-experts/"]),
    ("Basque Country", [GROUPS + "clu-experts/", "programmes/clu/"]),
    ("documentary film", [GROUPS + "parts-of-a-circle-partners/", "programmes/parts-of-a-circle/"]),
    ("mitigate tension", [MESSAGES + "maintain-contact-mitigate-tension/"]),  # the report says "mitigating"
]

# (query, a page that must be among the first three): where lunr's own score decides.
AMONG_FIRST_THREE = [
    ("people-to-people contact", MESSAGES + "people-to-people-contact/"),  # a phrase finds its message
    ("Nagorno-Karabakh", "glossary/nk/"),
    ("karabakh", "glossary/nk/"),
]


# --- The ranking rule, restated from search_ranking.py's docstring -------------------

@dataclass
class Page:
    boost: float
    words: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    title: set[str] = field(default_factory=set)
    sequences: list[str] = field(default_factory=list)


def read_index(site: Path) -> tuple[dict[str, Page], re.Pattern]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, Page] = {}
    for doc in index["docs"]:
        path = doc["location"].split("#")[0]
        page = pages.get(path)
        if page is None:
            page = pages[path] = Page(boost=doc.get("boost", 1))
            page.names = {word for tag in doc.get("tags", []) for word in words_of(tag, separator)}
            page.title = set(words_of(doc["title"], separator))
        for text in [doc["title"], doc["text"], *doc.get("tags", [])]:
            words = words_of(text, separator)
            page.sequences.append(" " + " ".join(words) + " ")
            page.words.update(words)
    return pages, separator


def words_of(text: str, separator: re.Pattern) -> list[str]:
    return [word.lower() for word in separator.split(re.sub(r"<[^>]*>", " ", text or "")) if word]


def rule_key(page: Page, query: str, pages: dict[str, Page], separator: re.Pattern) -> tuple:
    """The rule's keys 1 to 5 for a page (key 6, lunr's score, is the browser's)."""
    typed = words_of(query, separator)
    counted = sorted({word for word in typed if len(word) > 1})
    phrase = " " + " ".join(typed) + " " if len(typed) > 1 else None
    missing = partial = 0
    for word in counted:
        if word not in page.words:
            if any(known.startswith(word) and known != word for known in page.words):
                partial += 1
            else:
                missing += 1
    boosts = [other.boost for other in pages.values()]
    lowest, highest = min(boosts), max(boosts)
    if page.boost >= highest:
        standing = 0
    elif page.boost > lowest and counted and set(counted) <= page.names:
        standing = 1
    elif page.boost > lowest and counted and set(counted) <= page.title:
        standing = 2
    else:
        standing = 3
    as_phrase = phrase is not None and any(phrase in sequence for sequence in page.sequences)
    return (missing, partial, standing, -page.boost, 0 if as_phrase else 1)


def out_of_order(results: list[str], query: str, index: tuple[dict[str, Page], re.Pattern]) -> list[str]:
    pages, separator = index
    keys = [rule_key(pages[address], query, pages, separator) for address in results]
    return [f"{query!r}: {results[n]} {keys[n]} before {results[n + 1]} {keys[n + 1]}"
            for n in range(len(keys) - 1) if keys[n] > keys[n + 1]]


# --- Typing queries ------------------------------------------------------------------

def offline_address(edition: Path, clean: str) -> str:
    """The offline edition names files: `programmes/clu/` -> `programmes/clu.html`,
    `meetings/london-2014/` (a folder's index page) -> `meetings/london-2014/index.html`."""
    if (edition / clean / "index.html").is_file():
        return clean + "index.html"
    return clean[:-1] + ".html"


def check_queries(page, address, index) -> list[str]:
    problems = []
    for query, expected in RANKED:
        results = search_results(page, query)
        wanted = [address(clean) for clean in expected]
        if results[:len(wanted)] != wanted:
            problems.append(f"{query!r}: expected {wanted} first, got {results[:len(wanted) + 2]}")
        problems += out_of_order(results, query, index)
        problems += snippets_far_from_their_match(page, query)
    for query, expected in AMONG_FIRST_THREE:
        results = search_results(page, query)
        if address(expected) not in results[:3]:
            problems.append(f"{query!r}: expected {address(expected)} in the first three, got {results[:3]}")
        problems += out_of_order(results, query, index)
    return problems


def snippets_far_from_their_match(page, query: str) -> list[str]:
    """Snippets (the text under a result's title) whose first match is not
    near their start: a reader would not see why the page was found."""
    leads = page.eval_on_selector_all(".md-search-result__article", """articles => articles.map(article => {
        const text = [...article.childNodes].filter(node => !(node.nodeType === Node.ELEMENT_NODE
            && node.matches('h1, h2, nav, .md-search-result__terms, .md-search-result__icon')));
        const elements = text.filter(node => node.nodeType === Node.ELEMENT_NODE);
        const mark = elements.map(node => node.matches('mark') ? node : node.querySelector('mark')).find(Boolean);
        if (!mark) return null;
        const before = document.createRange();
        before.setStartBefore(text[0]);
        before.setEndBefore(mark);
        const whole = text.map(node => node.textContent).join('');
        return [before.toString().replace(/\\s+/g, ' ').trim().length, whole.slice(0, 90)];
    }).filter(Boolean)""")
    return [f"{query!r}: first match {lead} characters into {text!r}" for lead, text in leads if lead > 70]


@pytest.fixture(scope="module")
def site_index(built_site):
    return read_index(built_site)


def test_search_ranks_by_the_stated_rule(site_server, browser_context, site_index):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    problems = check_queries(page, lambda clean: clean, site_index)
    assert problems == [], "\n".join(problems)
    assert foreign_requests(browser_context.watch.requests, site_server) == []
    assert browser_context.watch.console_errors == []


def test_offline_edition_ranks_the_same_from_the_file_system(offline_edition, browser_context):
    start = offline_edition / "index.html"
    page = browser_context.new_page()
    page.goto(start.as_uri(), wait_until="load")
    assert check_queries(page, lambda clean: offline_address(offline_edition, clean), read_index(offline_edition)) == []
    watch = browser_context.watch
    assert [url for url in watch.requests if not url.startswith("file://")] == []
    assert watch.console_errors == [] and watch.page_errors == []
    assert page.evaluate("window.__cspViolations") == []


def test_clu_finds_the_report_and_the_source_text_before_press_club(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    results = search_results(page, "CLU")
    assert "meetings/london-2014/source-text/" in results  # "(CLU)" in the source's own words
    # "Stepanakert Press Club" has "clu" only as the start of a word: after every page with "CLU".
    club = GROUPS + "parts-of-a-circle-partners/"
    assert club not in results or results.index(club) > results.index("meetings/london-2014/source-text/")


def test_a_word_of_two_found_comes_after_both(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    search_results(page, "escalation August")
    firsts = page.eval_on_selector_all(".md-search-result__item", "items => items.slice(0, 3).map(item => item.innerText)")
    assert not [text for text in firsts if "Missing" in text]


def test_snippets_show_the_word_that_matched(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    search_results(page, "karabakh")
    teasers = page.eval_on_selector_all(".md-search-result__article", """articles => articles.map(article => {
        const box = document.createElement('div');
        [...article.childNodes].filter(node => !(node.nodeType === Node.ELEMENT_NODE
            && node.matches('h1, h2, nav, .md-search-result__terms, .md-search-result__icon')))
          .forEach(node => box.appendChild(node.cloneNode(true)));
        return box.innerHTML;
    }).filter(html => html.trim())""")
    assert teasers, "no snippet shown"
    assert [html for html in teasers if "<mark>" not in html.lower()] == []


def test_enter_opens_the_first_result(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    assert search_results(page, "ceasefire")[0] == REPORT
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(site_server + REPORT)))


def test_no_result_says_what_the_site_covers_and_offers_close_words(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    field = page.locator("input.md-search__input")
    field.click()
    # Playwright enters Cyrillic as an input method does: text, no key events.
    page.keyboard.type("Нагорный Карабах")
    help_box = page.locator(".md-search-result .search-help")
    help_box.wait_for()
    text = " ".join(help_box.inner_text().split())
    assert "Нагорный Карабах" in text
    # What the site covers is the site's description (mkdocs.yml), true of every meeting.
    description = " ".join(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_description"].split())
    assert description in text and "English only" in text
    offered = page.locator(".search-help__term").all_inner_texts()
    # First the closest word to each typed one, together: "нагорный" is one
    # letter from "Nagorny" (International Alert's spelling, in a source's
    # title), two from the site's own "Nagorno", which is offered too.
    assert offered[0] == "Nagorny Karabakh" and {"Karabakh", "Nagorno"} <= set(offered)
    assert "No matching documents" in page.inner_text(".md-search-result__meta")


def test_a_close_word_searches_for_it(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    assert search_results(page, "ceasefire")  # a search that finds something needs no help
    assert not [url for url in browser_context.watch.requests if url.endswith("search-help.js")]
    assert search_results(page, "cesefire") == []
    closest = page.locator(".search-help__term").first
    assert closest.inner_text() == "ceasefire"
    closest.click()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert page.input_value("input.md-search__input") == "ceasefire"
    assert page.locator(".search-help").count() == 0
    assert search_results(page, "ceasefire")[0] == REPORT


def test_search_highlights_the_query_on_the_result_page(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    search_results(page, "Basque Country")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_selector("article mark")
    assert "basque" in page.inner_text("article mark").casefold()


def test_search_suggests_a_completion(site_server, browser_context):
    page = browser_context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type("peacebuil")
    page.wait_for_function("() => document.querySelector('.md-search__suggest').textContent.trim().length > 0")
    assert page.inner_text(".md-search__suggest").casefold().startswith("peacebuil")


def test_search_works_on_a_phone(site_server, chromium):
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        assert search_results(page, "CLU")[:2] == [REPORT, "programmes/clu/"]
    finally:
        context.close()


def test_offline_edition_helps_when_nothing_matches(offline_edition, browser_context):
    page = browser_context.new_page()
    page.goto((offline_edition / "index.html").as_uri(), wait_until="load")
    assert search_results(page, "cesefire") == []
    page.locator(".search-help").wait_for()
    assert page.locator(".search-help__term").first.inner_text() == "ceasefire"
    assert page.evaluate("window.__cspViolations") == []
    assert browser_context.watch.console_errors == []
