"""The edition claims only what it can source, and says each thing once.

Facts beyond the report come from the content brief, each cited on the page
that states it (its "Sources" list). These tests read the built pages as a
reader does and check that every page stating a brief fact lists its source,
that nothing unsourced comes back, and that the home and meeting pages do
not repeat themselves."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

IA = "https://www.international-alert.org/"
CR = "https://www.c-r.org/"
IA_EPNK = ("https://www.international-alert.org/publications/"
           "european-partnership-peaceful-settlement-conflict-over-nagorno-karabakh/")
IA_EPNK_STORY = ("https://www.international-alert.org/stories/"
                 "european-partnership-for-the-peaceful-settlement-of-the-conflict-over-nagorny-karabakh/")
IA_CONFLICT = "https://www.international-alert.org/where-we-work/caucasus/nagorny-karabakh-conflict"
CLASHES_2014 = "https://en.wikipedia.org/wiki/2014_Armenian%E2%80%93Azerbaijani_clashes"
UNHEARD_VOICES = ("https://www.international-alert.org/news/unheard-voices",
                  "https://caucasuspeacebuilding.org/initiatives/unheard-voices")

# (what a sentence states, the sources of which at least one must be listed on its page)
CITED_FACTS = [
    (r"\blead agency\b|\bleads\b.*\b(EPNK|European Partnership)|International Alert leads|led by International Alert"
     r"|International Alert \(lead\)", (IA_EPNK,)),
    (r"Instrument for Stability|five European|five members", (IA_EPNK,)),
    (r"August 2015|2015 cannot be ruled out|four-day war", (IA_EPNK_STORY,)),
    (r"\b1994\b|late July", (CLASHES_2014,)),
    (r"Armenian and Azerbaijani sides", (IA_CONFLICT,)),
    (r"April 2014|May 2014|more than 200 reports", UNHEARD_VOICES),
    (r"Accord series", (CR,)),
]
# Stated in the brief without any source: no page may state them.
UNSOURCED = [r"official negotiations"]


def article_of(site: Path, url: str) -> str:
    document = (site / url / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", document, flags=re.S).group(0)
    # The header that only paper shows (print.css) is not part of what the page says on screen.
    return re.sub(r'<div class="print-header" hidden[^>]*>.*?</div>', "", article, flags=re.S)


def text_of(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def split_sources(article: str) -> tuple[str, str, list[str]]:
    """(text above "Sources", the text of the Sources list, its addresses)."""
    head, _, tail = article.partition('id="sources"')
    return text_of(head), text_of(tail), re.findall(r'href="(https?://[^"]+)"', tail)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;:!?])\s+", text)


def test_every_brief_fact_is_cited_on_the_page_that_states_it(built_site, built_model):
    missing = []
    for page in built_model.pages:
        text, _, addresses = split_sources(article_of(built_site, page.url))
        for sentence in sentences(text):
            for pattern, wanted in CITED_FACTS:
                if re.search(pattern, sentence) and not set(wanted) & set(addresses):
                    missing.append((page.url, sentence[:90], wanted[0]))
    assert not missing, "\n".join(map(str, missing))


def test_london_based_is_cited_with_the_organisations_own_sites(built_site, built_model):
    stated = 0
    for page in built_model.pages:
        text, _, addresses = split_sources(article_of(built_site, page.url))
        for sentence in sentences(text):
            if not re.search(r"London-based|based in London", sentence):
                continue
            stated += 1
            named = [site for name, site in (("International Alert", IA), ("Conciliation Resources", CR))
                     if name in sentence]
            if named:
                assert all(site in addresses for site in named), (page.url, sentence)
            else:
                assert IA in addresses or CR in addresses, (page.url, sentence)
    assert stated, "the organisation pages say where the organisers are based"


def test_a_book_named_on_a_page_is_among_its_sources(built_site, built_model):
    pages_naming = 0
    for page in built_model.pages:
        text, sources_text, _ = split_sources(article_of(built_site, page.url))
        if "Anderson" in text:
            pages_naming += 1
            assert "Mary B. Anderson, Do No Harm: How Aid Can Support Peace – or War (Lynne Rienner, 1999)" in sources_text, page.url
    assert pages_naming, "the do-no-harm entry names its book"


@pytest.mark.parametrize("pattern", UNSOURCED + [r"agreed together", r"one of 1\b"])
def test_nothing_unsourced_or_miscounted_comes_back(built_site, built_model, pattern):
    for page in built_model.pages:
        text = text_of(article_of(built_site, page.url))
        assert not re.search(pattern, text, flags=re.I), (page.url, pattern)


def test_descriptions_state_no_fact_that_needs_a_source(built_model):
    """Descriptions are shown on other pages (lists, the meeting page) and in
    link previews, where the page's sources are not."""
    for page in built_model.pages:
        description = page.meta["description"]
        for pattern, _ in CITED_FACTS:
            assert not re.search(pattern, description), (page.id, pattern)
        assert not re.search(r"London-based|based in London|" + "|".join(UNSOURCED), description), page.id


def test_the_editions_own_comments_are_not_given_as_the_participants(built_site, built_model):
    """Commentary this edition once mixed into what the participants said."""
    for message in built_model.of_kind("message"):
        text = text_of(article_of(built_site, message.url))
        for commentary in ("on its own it is not enough", "The meeting itself was an example",
                           "The participants were realistic", "not enough on its own"):
            assert commentary not in text, (message.url, commentary)


def test_message_descriptions_quote_the_report_instead_of_renaming_the_message(built_model):
    report = " ".join(built_model.report_of("london-2014").front.body.split())
    for message in built_model.of_kind("message", "london-2014"):
        quoted = re.findall(r"“([^”]+)”", message.meta["description"])
        assert quoted, message.id
        for words in quoted:
            assert words in report, (message.id, words)


def test_each_page_has_one_title_and_at_most_one_shorter_navigation_title(built_model):
    for page in built_model.pages:
        nav_title = page.meta.get("nav_title")
        if nav_title is not None:
            assert len(nav_title) < len(page.title), (page.id, nav_title, page.title)


def test_lists_name_each_page_by_its_title(built_site, built_model):
    """The meeting page's lists, the home page's at-a-glance block and the
    index pages use the page's own title, not a third phrasing."""
    meeting = built_model.by_id["london-2014"]
    home = article_of(built_site, "")
    meeting_page = article_of(built_site, meeting.url)
    for message in built_model.of_kind("message", meeting.id):
        anchor = re.escape(message.url.removeprefix(meeting.url))
        linked = re.findall(rf'href="[^"]*{anchor}"[^>]*>(.*?)</a>', meeting_page + home, flags=re.S)
        assert linked and {text_of(found) for found in linked} == {message.title}, (message.id, linked)
    listing = article_of(built_site, built_model.by_id[f"{meeting.id}-messages"].url)
    assert [text_of(found) for found in re.findall(r"<strong><a [^>]*>(.*?)</a></strong>", listing)] == \
        [message.title for message in built_model.of_kind("message", meeting.id)]


def test_home_explains_the_conflict_and_nk_where_nk_first_appears(built_site, built_model):
    text, _, addresses = split_sources(article_of(built_site, ""))
    first_nk = re.search(r"\bNK\b", text)
    assert first_nk
    sentence = text[: first_nk.start()].rsplit(". ", 1)[-1]
    assert "Nagorno-Karabakh" in sentence, "NK is spelled out in the sentence where it first appears"
    assert "escalation of violence on the frontline in August" in text
    assert IA_CONFLICT in addresses and CLASHES_2014 in addresses


def test_home_says_each_thing_once(built_site, built_model):
    text = text_of(article_of(built_site, ""))
    for phrase in ["21 October", "Start reading", "escalation of violence on the frontline in August",
                   *(message.title for message in built_model.of_kind("message"))]:
        assert text.count(phrase) <= 1, phrase


def test_the_meeting_page_gives_the_dating_argument_once(built_site, built_model):
    meeting = built_model.by_id["london-2014"]
    text = text_of(article_of(built_site, meeting.url))
    for phrase in ("late July", "cannot be ruled out", "second phase of EPNK", meeting.meta["date_note"][:40]):
        assert text.count(phrase) <= 1, phrase
    assert text.count("late July") == 1


def test_no_page_gives_the_inferred_year_as_if_the_source_gave_it(built_site, built_model):
    stating = 0
    for page in built_model.pages:
        text = text_of(article_of(built_site, page.url))
        if "21 October 2014" in text:
            stating += 1
            assert "inferred" in text, page.url
    assert stating >= 5, "the date is shown on the home, meeting, group and organisation pages"
