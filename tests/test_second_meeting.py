"""The model holds any number of meetings: a fixture adds a second one with
its own report, group and message, and everything lands where it belongs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from report_site.publish import build
from support import DATA, DOCS


@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("two-meetings")
    docs = root / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    build(docs_dir=docs, site_dir=root / "site")
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def listed_links(document: str) -> set[str]:
    article = re.search(r"<article\b.*?</article>", document, flags=re.S).group(0)
    return set(re.findall(r'href="([^"#]+)', article))


def test_meetings_index_lists_both(two_meetings):
    links = listed_links(read(two_meetings, "meetings/"))
    assert "london-2014/" in links
    assert "tbilisi-2015/" in links


def test_each_meeting_lists_only_its_own_groups_and_messages(two_meetings):
    london_groups = listed_links(read(two_meetings, "meetings/london-2014/groups/"))
    tbilisi_groups = listed_links(read(two_meetings, "meetings/tbilisi-2015/groups/"))
    assert "fixture-archivists/" in tbilisi_groups
    assert not any("fixture" in link for link in london_groups)
    assert not any("clu-experts" in link for link in tbilisi_groups)
    tbilisi_messages = listed_links(read(two_meetings, "meetings/tbilisi-2015/messages/"))
    assert tbilisi_messages >= {"shared-archives/"}
    london_messages = listed_links(read(two_meetings, "meetings/london-2014/messages/"))
    assert "shared-archives/" not in london_messages and len(london_messages) >= 5


def nav_of(document: str) -> str:
    return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', document, flags=re.S).group(0)


def test_each_meeting_has_its_own_navigation(two_meetings):
    home = nav_of(read(two_meetings, ""))
    assert 'href="meetings/"' in home
    assert "groups/clu-experts/" not in home and "fixture-archivists" not in home
    tbilisi = nav_of(read(two_meetings, "meetings/tbilisi-2015/report/"))
    assert "Tbilisi fixture meeting" in tbilisi
    assert 'href="../groups/fixture-archivists/"' in tbilisi
    assert "clu-experts" not in tbilisi
    london = nav_of(read(two_meetings, "meetings/london-2014/report/"))
    assert 'href="../groups/clu-experts/"' in london
    assert "fixture-archivists" not in london


def test_previous_and_next_stay_inside_the_meeting(two_meetings):
    report = read(two_meetings, "meetings/tbilisi-2015/report/")
    footer = re.search(r'<nav class="md-footer__inner.*?</nav>', report, flags=re.S).group(0)
    assert "london-2014" not in footer
    assert 'href="../"' in footer  # previous: the meeting's overview


def test_tags_and_organisations_include_the_second_meeting(two_meetings):
    tags = read(two_meetings, "tags/")
    assert 'id="tag-fixture-tag"' in tags
    assert "meetings/tbilisi-2015/messages/shared-archives/" in tags
    organisation = read(two_meetings, "organisations/conciliation-resources/")
    assert "meetings/tbilisi-2015/" in organisation and "meetings/london-2014/" in organisation


def test_message_quotes_its_own_meetings_report(two_meetings):
    document = read(two_meetings, "meetings/tbilisi-2015/messages/shared-archives/")
    assert "shared archives help the second meeting fixture" in document
    assert 'href="../../report/#findings"' in document


def test_metadata_json_has_both_meetings(two_meetings):
    pages = json.loads((two_meetings / "metadata.json").read_text(encoding="utf-8"))["pages"]
    by_id = {page["id"]: page for page in pages}
    assert by_id["fixture-archivists"]["meeting"]["url"] == "meetings/tbilisi-2015/"
    assert by_id["clu-experts"]["meeting"]["url"] == "meetings/london-2014/"
    assert by_id["tbilisi-2015-groups"]["kind"] == "index"


def article_text(document: str) -> str:
    article = re.search(r"<article\b.*?</article>", document, flags=re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", article).split())
    return re.sub(r" ([.,;:])", r"\1", text)  # a link's closing tag is no space before the full stop


def test_message_context_counts_each_meetings_messages(two_meetings):
    """One message reads right, five read right, and neither claims an agreement the report does not state."""
    only = article_text(read(two_meetings, "meetings/tbilisi-2015/messages/shared-archives/"))
    assert "The only key message that this edition draws from the report of the Fixture meeting in Tbilisi." in only
    five = article_text(read(two_meetings, "meetings/london-2014/messages/people-to-people-contact/"))
    assert "One of 5 key messages that this edition draws from the report of the London joint strategic meeting." in five
    assert "emerged from the discussions" in five, "London's own words on where its messages came from"
    for text in (only, five):
        assert "agreed" not in text and "one of 1 " not in text.lower()
    assert "emerged from the discussions" not in only, "no other meeting's words"


def test_citation_states_the_years_certainty_from_the_meetings_own_front_matter(two_meetings):
    pages = {page["id"]: page for page in json.loads((two_meetings / "metadata.json").read_text(encoding="utf-8"))["pages"]}
    tbilisi = pages["tbilisi-2015-report"]["citation"]
    assert "Meeting held in Tbilisi on 2 June 2015." in tbilisi["text"]
    assert "inferred" not in tbilisi["text"] and "inferred" not in tbilisi["bibtex"]
    assert tbilisi["text"].startswith("Nobody. “Invented source for tests”. https://example.org/fixture. ")
    assert "(the year is inferred)" in pages["london-2014-report"]["citation"]["text"]
    report = article_text(read(two_meetings, "meetings/tbilisi-2015/report/"))
    assert "Meeting held in Tbilisi on 2 June 2015." in report and "inferred" not in report
    meeting = article_text(read(two_meetings, "meetings/tbilisi-2015/"))
    assert "2 June 2015" in meeting and "inferred" not in meeting
