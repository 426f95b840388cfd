"""Every kind of author's mistake: a clear `path:line:column: field: message`,
exit status 1, and the published site/ byte-for-byte as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import assert_problem, config_for, edit, line_of, replace_once, run_build

GROUP = "meetings/london-2014/groups/clu-experts.md"
MESSAGE = "meetings/london-2014/messages/people-to-people-contact.md"
MEETING = "meetings/london-2014/index.md"
TERM = "glossary/do-no-harm.md"
ABOUT = "about.md"


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
