"""Every kind of author's mistake: a clear `path:line:column: field: message`,
exit status 1, and the published site/ byte-for-byte as it was."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from report_site.preparation import prepare_site
from support import DATA, assert_problem, config_for, edit, line_of, replace_once, run_build

GROUP = "meetings/london-2014/groups/clu-experts.md"
MESSAGE = "meetings/london-2014/messages/people-to-people-contact.md"
MEETING = "meetings/london-2014/index.md"
TERM = "glossary/do-no-harm.md"
ABOUT = "about.md"
ORGANISATION = "organisations/conciliation-resources.md"


CASES = {
    # name: (page, change, field, words in the message)
    "malformed yaml": (GROUP, replace_once("order: 1", "order: [1"), "front-matter", "malformed YAML"),
    "tab indentation": (MEETING, replace_once("source:\n  title", "source:\n\ttitle"), "front-matter", "tab"),
    "duplicate key": (GROUP, replace_once("order: 1", "order: 1\norder: 2"), "order", "duplicate key"),
    "not a mapping": (GROUP, lambda t: "---\n- just\n- a list\n---\n" + t.split("---", 2)[2], "front-matter", "is a list"),
    "never closed": (GROUP, lambda t: t.replace("\n---\n", "\n", 2).replace("---\n", "---\n", 1), "front-matter", "never closed"),
    "empty file": (GROUP, lambda t: "", "file", "empty"),
    "missing field": (GROUP, lambda t: re.sub(r"\ndescription: .*\n", "\n", t, count=1), "description", "missing required field"),
    "unknown field": (GROUP, replace_once("order: 1", "order: 1\nprogramm: clu"), "programm", "did you mean 'programme'"),
    "wrong type": (GROUP, replace_once("order: 1", "order: first"), "order", "wrong type"),
    "impossible date": (MEETING, lambda t: re.sub(r"date: \S+", "date: 2014-02-30", t, count=1), "date", "impossible date"),
    "unknown kind": (GROUP, replace_once("kind: group", "kind: groupe"), "kind", "unknown kind 'groupe'"),
    "unknown reference": (GROUP, replace_once("programme: clu", "programme: no-such-programme"),
                          "programme", "unknown id 'no-such-programme'"),
    "reference of the wrong kind": (GROUP, replace_once("programme: clu", "programme: international-alert"),
                                    "programme", "is a 'organisation' page"),
    "missing anchor": (GROUP, replace_once("anchor: participants", "anchor: no-such-anchor"), "anchor", "no anchor #no-such-anchor"),
    "broken body link": (GROUP, lambda t: t + "\nSee [the missing page](../no-such-page.md).\n", "link", "broken link"),
    "broken id link": (GROUP, lambda t: t + "\nSee [nobody](id:nobody-at-all).\n", "link", "unknown id 'nobody-at-all'"),
    "broken anchor link": (GROUP, lambda t: t + "\nSee [there](../report.md#no-such-section).\n", "link", "broken anchor"),
    "misquoted passage": (MESSAGE, lambda t: re.sub(r"quote: .*", "quote: words the report never says at all", t, count=1),
                          "passages[0].quote", "not in the report"),
    "yaml alias": (GROUP, replace_once("order: 1", "order: &o 1\nx: *o"), "front-matter", "aliases are not allowed"),
    "python tag": (GROUP, replace_once("order: 1", "order: !!python/object:os.system 1"), "order", "tag"),
    # A source is a web page with its address, or a printed work with publisher and year: never neither.
    "source without address": (GROUP, replace_once("    url: https://caucasuspeacebuilding.org/initiatives/comparative-learning-unit\n",
                                                   ""),
                               "sources[0].url", "missing required field"),
    "book without year": (TERM, replace_once("    year: 1999\n", ""), "sources[0].year", "missing required field"),
    "citation of a non-report": (ABOUT, replace_once("  - london-2014-report\n", "  - london-2014\n"),
                                 "citations[0]", "is a 'meeting' page"),
    # A meeting's date note agrees with its date's certainty.
    "inferred year without a note": (MEETING, lambda t: re.sub(r"date_note: >-\n(?:  .*\n)+", "", t, count=1),
                                     "date_note", "missing required field (expected a date_note saying why the year is inferred"),
    "note without the inferred year": (MEETING, lambda t: re.sub(r"date_note: >-\n(?:  .*\n)+",
                                                               "date_note: The source gives no year; we infer it.\n", t, count=1),
                                       "date_note", "does not name the inferred year 2014"),
    "inferred note for a certain year": (MEETING, replace_once("year_inferred: true\n", ""),
                                         "date_note", "speaks of an inferred year, but year_inferred is not true"),
    "meeting label that names no meeting": (MEETING, replace_once("\ndescription:", "\nnav_title: The meeting\ndescription:"),
                                            "nav_title", "'The meeting' does not say which meeting this is"),
    # Hints: quoting a colon, the id or anchor meant, the passage meant.
    "colon in an unquoted title": (GROUP, lambda t: re.sub(r"^title: (.*)$", r"title: CLU: \1", t, count=1, flags=re.M),
                                   "front-matter", "expected a value that contains ': ' in quotes: title: \"CLU: Experts of"),
    "misspelt id": (GROUP, replace_once("programme: clu", "programme: cluu"), "programme", "unknown id 'cluu'"
                    ": no page has that id (expected the id of a published 'programme' page; did you mean 'clu'?)"),
    "misspelt anchor": (GROUP, replace_once("anchor: participants", "anchor: participant"), "anchor",
                        "did you mean '#participants'?"),
    "misspelt anchor in a link": (GROUP, lambda t: t + "\nSee [there](../report.md#participant).\n", "link",
                                  "has no #participant (expected one of its heading or block ids; did you mean '#participants'?)"),
    "misspelt id in a link": (GROUP, lambda t: t + "\nSee [the meeting](id:london-2041).\n", "link",
                              "did you mean 'london-2014'?"),
    "misquotation with the closest passage": (MESSAGE, replace_once("quote: while ongoing people-to-people contact is vital",
                                                                    "quote: while ongoing people to people contacts are vital"),
                                              "passages[0].quote", "the closest passage reads “while ongoing people-to-people"),
    "link to an anchor no template adds": (GROUP, lambda t: t + "\nSee [how to cite](id:london-2014-report#cite-this-reprt).\n",
                                           "link", "did you mean '#cite-this-report'?"),
    # Words shown as the report's are the report's, in the section they cite (issue 19).
    "false report name": (GROUP, lambda t: re.sub(r"report_name: .*", "report_name: regional specialists", t, count=1),
                          "report_name", "these words are not in the report meetings/london-2014/report.md"),
    "report name with the closest passage": (GROUP, replace_once("Comparative Learning Group (CLU)", "Comparative Learning Groups (CLU)"),
                                             "report_name", "the closest passage reads “the experts of Alert’s Comparative"),
    "report name under the wrong section": (GROUP, replace_once("anchor: participants", "anchor: context"),
                                            "anchor", "the section #context of the report meetings/london-2014/report.md does "
                                                      "not have the words of report_name (expected anchor: participants"),
    "passage under the wrong section": (MESSAGE, replace_once("anchor: msg-dialogue", "anchor: aims"),
                                        "passages[0].anchor",
                                        "does not have the words of passages[0].quote (expected anchor: msg-dialogue"),
    "quotation of an editorial note": (MESSAGE, lambda t: re.sub(r"quote: .*", "quote: The section headings are this edition’s",
                                                                 t, count=1),
                                       "passages[0].quote", "these words are not in the report"),
    "false quotation in a description": (MESSAGE, replace_once("“ongoing\n  people-to-people contact is vital”",
                                                               "“ongoing\n  contact is vital”"),
                                         "description", "“ongoing contact is vital” is in quotation marks but not in the report"),
    "false quotation in a date note": (MEETING, replace_once("escalation of violence in August of which",
                                                             "“escalation of violence in August” of which"),
                                       "date_note", "the closest passage reads “escalation of violence on the"),
    # A date note agrees with the date, inferred or not; a date is written YYYY-MM-DD.
    "note naming another year": (MEETING, lambda t: re.sub(r"date_note: >-\n(?:  .*\n)+", "date_note: The meeting was held on "
                                                           "21 October 2015.\n", t, count=1).replace("year_inferred: true\n", ""),
                                 "date_note", "names 2015 but not 2014, the year of date: 2014-10-21"),
    "date in words": (MEETING, lambda t: re.sub(r"date: \S+", "date: 21 October 2014", t, count=1),
                      "date", "'21 October 2014' is not written YYYY-MM-DD (expected the date as year-month-day in figures: 2014-10-21)"),
    # Text a skeleton of new.py writes is never published.
    "skeleton text left in a page": (GROUP, lambda t: t + "\nWho the group is, as the report and the sources above say.\n",
                                     "body", "still holds the placeholder “Who the group is"),
    "skeleton address left in a page": (ORGANISATION, lambda t: re.sub(r"url: \S+", "url: https://example.org/replace-with-the-"
                                                                                   "address-of-the-source", t, count=1),
                                        "sources[0].url", "still holds the placeholder"),
    # Optional parts are optional, not free-form: a website is an address or null.
    "website that is no address": (ORGANISATION, lambda t: re.sub(r"website: \S+", "website: www.c-r.org", t, count=1),
                                   "website", "expected text matching"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_and_nothing_is_published(name, docs_copy, published_site, capsys):
    page, change, field, words = CASES[name]
    edit(docs_copy, page, change)
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, page, None, field, words)
    assert "nothing was published" in err


def test_line_numbers_point_at_the_field(docs_copy, published_site, capsys):
    edit(docs_copy, GROUP, replace_once("order: 1", "order: first"))
    expected = line_of(docs_copy, GROUP, "order:")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, expected, "order", "wrong type")


def test_file_that_is_not_utf8(docs_copy, published_site, capsys):
    path = docs_copy / GROUP
    path.write_bytes(path.read_bytes().replace(b"title:", b"title: \xff", 1))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, line_of_bytes(path, b"title:"), "file", "not UTF-8")


def line_of_bytes(path: Path, marker: bytes) -> int:
    return path.read_bytes().split(marker)[0].count(b"\n") + 1


def test_duplicate_id_across_pages(docs_copy, published_site, capsys):
    copy = docs_copy / "meetings/london-2014/groups/zz-copy.md"
    copy.write_text((docs_copy / GROUP).read_text(encoding="utf-8"), encoding="utf-8")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, "meetings/london-2014/groups/zz-copy.md", None, "id", "duplicate id 'clu-experts'")


def test_all_problems_of_a_run_are_reported_together(docs_copy, published_site, capsys):
    edit(docs_copy, GROUP, replace_once("order: 1", "order: first"))
    edit(docs_copy, MEETING, lambda t: re.sub(r"date: \S+", "date: 2014-13-01", t, count=1))
    edit(docs_copy, MESSAGE, replace_once("kind: message", "kind: mesage"))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, None, "order", "wrong type")
    assert_problem(err, MEETING, None, "date", "impossible date")
    assert_problem(err, MESSAGE, None, "kind", "unknown kind")
    assert "3 problems found" in err


def test_one_round_reports_every_independent_problem_and_no_echo(docs_copy, published_site, capsys):
    """A broken page does not hide the other pages' problems until it is fixed,
    nor set off "unknown id" errors in the pages that refer to it."""
    sca = "meetings/london-2014/groups/epnk-sca.md"  # referred to by glossary/sca.md and programmes/epnk.md
    edit(docs_copy, sca, replace_once("title: The EPNK SCA", "title: The EPNK: SCA"))
    edit(docs_copy, ABOUT, replace_once("  - london-2014-report\n", "  - london-2014-reprot\n"))
    edit(docs_copy, MESSAGE, replace_once("meeting: london-2014", "meeting: london-2015"))
    edit(docs_copy, GROUP, replace_once("order: 1", "order: first"))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, sca, line_of(docs_copy, sca, "title:"), "front-matter", 'in quotes: title: "The EPNK: SCA"')
    assert_problem(err, ABOUT, None, "citations[0]", "unknown id 'london-2014-reprot'")
    assert_problem(err, ABOUT, None, "citations[0]", "did you mean 'london-2014-report'?")
    assert_problem(err, MESSAGE, None, "meeting", "unknown id 'london-2015'")
    assert_problem(err, GROUP, None, "order", "wrong type")
    assert "epnk-sca" not in err.replace(sca, ""), "no echo of the broken page in the pages that refer to it"
    assert "4 problems found" in err


def test_a_new_meetings_mistakes_come_in_one_round_with_hints(docs_copy, published_site, capsys):
    """As a new author adding the second meeting made them: a colon in the
    meeting's title, a misspelt meeting id in a group, a misspelt report id."""
    shutil.copytree(DATA / "second-meeting", docs_copy, dirs_exist_ok=True)
    meeting, group = "meetings/epnk-exchange-2011/index.md", "meetings/epnk-exchange-2011/groups/eeas-diplomats.md"
    edit(docs_copy, meeting, replace_once("title: EPNK exchange in the European Parliament", "title: EPNK exchange: 2011"))
    edit(docs_copy, group, replace_once("meeting: epnk-exchange-2011", "meeting: epnk-exchange-2012"))
    edit(docs_copy, ABOUT, replace_once("  - london-2014-report\n", "  - london-2014-report\n  - epnk-exchange-2011-reprot\n"))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, meeting, line_of(docs_copy, meeting, "title:"), "front-matter", 'in quotes: title: "EPNK exchange: 2011"')
    assert_problem(err, group, None, "meeting", "unknown id 'epnk-exchange-2012'")
    assert_problem(err, group, None, "meeting", "did you mean 'epnk-exchange-2011'?")
    assert_problem(err, ABOUT, None, "citations[1]", "did you mean 'epnk-exchange-2011-report'?")
    assert "3 problems found" in err


def test_a_page_with_a_schema_error_has_its_other_problems_reported_in_the_same_round(docs_copy, published_site, capsys):
    """Issue 19: with `report_name` missing, the group's wrong anchor, unknown
    organisation and broken link were reported only by the next build."""
    edit(docs_copy, GROUP, lambda t: re.sub(r"report_name: .*\n", "", t, count=1))
    edit(docs_copy, GROUP, replace_once("anchor: participants", "anchor: participant"))
    edit(docs_copy, GROUP, replace_once("  - international-alert\n", "  - internationl-alert\n"))
    edit(docs_copy, GROUP, lambda t: t + "\nSee [the missing page](../no-such-page.md).\n")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, None, "report_name", "missing required field")
    assert_problem(err, GROUP, None, "anchor", "did you mean '#participants'?")
    assert_problem(err, GROUP, None, "organisations[0]", "did you mean 'international-alert'?")
    assert_problem(err, GROUP, None, "link", "broken link '../no-such-page.md'")
    assert "4 problems found" in err


def test_a_refused_field_is_not_checked_further(docs_copy, published_site, capsys):
    """Only the fields the schema accepts are checked further: a refused value
    is reported once, by the schema, and not again as an unknown id."""
    edit(docs_copy, GROUP, replace_once("  - international-alert\n", "  - 7\n"))
    edit(docs_copy, MEETING, lambda t: re.sub(r"date: \S+", "date: 21 October 2014", t, count=1))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, None, "organisations[0]", "wrong type")
    assert_problem(err, MEETING, None, "date", "not written YYYY-MM-DD")
    assert "2 problems found" in err


def test_a_report_that_failed_to_load_silences_only_its_own_meetings_checks(docs_copy, published_site, capsys):
    """The group's missing anchor would be checked against the report: with the
    report broken, it is not reported; an unrelated unknown id still is."""
    edit(docs_copy, "meetings/london-2014/report.md", replace_once("nav_title: Report", "nav_title: Report: full text"))
    edit(docs_copy, GROUP, replace_once("programme: clu", "programme: clux"))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, "meetings/london-2014/report.md", None, "front-matter", "in quotes: nav_title:")
    assert_problem(err, GROUP, None, "programme", "unknown id 'clux'")
    assert "has no report page" not in err and "london-2014-report'" not in err
    assert "2 problems found" in err


def test_links_to_anchors_the_templates_add_are_accepted(docs_copy):
    """#sources, #cite-this-report, #key-messages, #date: not in the author's
    Markdown, but on the built page, so a link to them holds."""
    edit(docs_copy, GROUP, lambda t: t + "\nSee [its sources](#sources), [how to cite](id:london-2014-report#cite-this-report), "
                                         "[the messages](id:london-2014#key-messages) and [who took part](id:london-2014#who-took-part).\n")
    assert prepare_site(docs_copy).problems == []


def test_exponential_aliases_are_refused_quickly(docs_copy, published_site, capsys):
    bomb = "\n".join(["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] +
                     [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)])
    edit(docs_copy, GROUP, replace_once("order: 1", "order: 1\n" + bomb))
    started = time.perf_counter()
    status, err = run_build(docs_copy, published_site, capsys)
    elapsed = time.perf_counter() - started
    assert status == 1
    assert_problem(err, GROUP, None, "front-matter", "aliases are not allowed")
    # Not a timing target: expanding these aliases would take hours and gigabytes.
    assert elapsed < 120


def test_mkdocs_alone_refuses_broken_front_matter(docs_copy, tmp_path):
    """Plain `mkdocs build` runs the same validation through the hooks and
    stops before writing anything."""
    edit(docs_copy, GROUP, replace_once("order: 1", "order: [1"))
    config = config_for(docs_copy, tmp_path)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert re.search(r"groups/clu-experts.md:\d+:\d+: front-matter: malformed YAML", output), output
    assert "Traceback" not in output
    assert not out.exists()
