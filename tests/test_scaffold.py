"""scripts/new.py: skeleton pages of every kind, written where the site
expects them, that build at once (as drafts, never published until the
author deletes `draft: true`), and clear refusals that write nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import new as new_script  # scripts/new.py
from report_site import skeleton_text
from report_site.preparation import prepare_site
from report_site.publish import build
from support import ROOT, edit, run_build, tree_digest

# (command line, the files it writes, relative to docs/)
COMMANDS = [
    (["meeting", "brussels-2011"], ["meetings/brussels-2011/index.md", "meetings/brussels-2011/report.md"]),
    (["group", "eu-diplomats", "--meeting", "brussels-2011"], ["meetings/brussels-2011/groups/eu-diplomats.md"]),
    (["message", "keep-talking", "--meeting", "brussels-2011"], ["meetings/brussels-2011/messages/keep-talking.md"]),
    (["group", "london-observers", "--meeting", "london-2014"], ["meetings/london-2014/groups/london-observers.md"]),
    (["organisation", "kvinna-till-kvinna"], ["organisations/kvinna-till-kvinna.md"]),
    (["term", "eeas"], ["glossary/eeas.md"]),
]


def run_new(docs: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = new_script.main([*args, "--docs-dir", str(docs)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture()
def scaffolded(docs_copy, capsys) -> Path:
    for args, written in COMMANDS:
        status, out, err = run_new(docs_copy, *args, capsys=capsys)
        assert status == 0, err
        for path in written:
            assert (docs_copy / path).is_file(), path
            assert f"Wrote {docs_copy / path}" in out
    return docs_copy


def test_skeletons_are_commented_drafts(scaffolded):
    for _, written in COMMANDS:
        for path in written:
            text = (scaffolded / path).read_text(encoding="utf-8")
            assert text.startswith("---\n# "), path  # the front-matter opens with what to do
            assert "\ndraft: true\n" in text, path
            assert len(re.findall(r"^\s*# ", text.split("\n---\n", 1)[0], flags=re.M)) >= 3, path


def test_skeletons_build_at_once_and_stay_unpublished(scaffolded, tmp_path):
    preview = prepare_site(scaffolded, include_drafts=True)  # what `mkdocs serve` checks: every page, drafts too
    assert not preview.problems, "\n".join(map(str, preview.problems))
    result = build(docs_dir=scaffolded, site_dir=tmp_path / "site", steps=[])
    assert not (result.site_dir / "meetings/brussels-2011").exists()
    assert not (result.site_dir / "organisations/kvinna-till-kvinna").exists()
    assert "eu-diplomats" not in (result.site_dir / "metadata.json").read_text(encoding="utf-8")


def undraft(docs: Path, written: list[str]) -> None:
    for path in written:
        file = docs / path
        file.write_text(file.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n", 1), encoding="utf-8")


# What an author writes in place of each placeholder (report_site.skeleton_text), by its name.
OWN_WORDS = {
    "title": "{words}",
    "place": "Brussels",
    "source_title": "A news item on the meeting",
    "source_publisher": "A publisher of news",
    "sources_title": "A page this page's facts come from",
    "meeting_sources_title": "A page this page's facts come from",
    "source_url": "https://example.org/news/the-meeting",
    "report_note": "This page gives the source's full text.",
    "report_body": "The meeting brought together diplomats of the European Union in Brussels.",
    "report_name": "diplomats of the European Union",
    "meeting_body_advice": "",
    "group_body_advice": "",
}


def fill_in(text: str, page_id: str, **own: str) -> str:
    """A skeleton with every placeholder replaced by words of the author's."""
    for name, placeholder in skeleton_text.for_page(page_id).items():
        if name == "marker":
            continue
        words = own.get(name, OWN_WORDS.get(name, "Words of this page's own, long enough to say what it is."))
        text = text.replace(placeholder, words.replace("{words}", skeleton_text.words_of_id(page_id)))
    return text


def test_skeletons_published_as_is_are_refused(scaffolded, tmp_path, capsys):
    """Deleting `draft: true` without replacing the placeholders publishes nothing:
    every placeholder of every page is named, and the site is left as it was."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("published before", encoding="utf-8")
    for _, written in COMMANDS:
        undraft(scaffolded, written)
    status, err = run_build(scaffolded, site, capsys)
    assert status == 1 and "Traceback" not in err
    for _, written in COMMANDS:
        for path in written:
            assert f"{path}:" in err, f"{path}: no placeholder reported"
    for name, text in skeleton_text.placeholders().items():
        if name not in ("title", "marker", "meeting_body_advice"):  # the title by its marker; advice: on the meeting only
            assert f"“{text}”" in err, f"placeholder {name} not reported"
    reported = re.findall(r"still holds the placeholder", err)
    assert f"{len(reported)} problems found" in err  # nothing else wrong with a skeleton


def test_skeletons_publish_once_their_placeholders_are_replaced(scaffolded, tmp_path):
    for _, written in COMMANDS:
        undraft(scaffolded, written)
        for path in written:
            file = scaffolded / path
            page_id = Path(path).stem if Path(path).stem not in ("index", "report") else "brussels-2011"
            # A group of London cites London's report: its name as that report gives it.
            own = {"report_name": "key local partners from Azerbaijan"} if page_id == "london-observers" else {}
            file.write_text(fill_in(file.read_text(encoding="utf-8"), page_id, **own), encoding="utf-8")
    site = build(docs_dir=scaffolded, site_dir=tmp_path / "site", steps=[]).site_dir
    for url in ("meetings/brussels-2011/", "meetings/brussels-2011/report/", "meetings/brussels-2011/groups/eu-diplomats/",
                "meetings/brussels-2011/messages/keep-talking/", "organisations/kvinna-till-kvinna/", "glossary/eeas/"):
        assert (site / url / "index.html").is_file(), url
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Brussels 2011" in home and 'class="meeting-pdf"' in home  # two meetings now: the home lists both
    group = (site / "meetings/brussels-2011/groups/eu-diplomats/index.html").read_text(encoding="utf-8")
    assert "Brussels 2011" in group  # its navigation is named after its meeting
    assert "“diplomats of the European Union”" in group


def test_a_third_meetings_mistakes_are_all_refused_in_one_round(docs_copy, tmp_path, capsys, monkeypatch):
    """Issue 19, as an editor made them: a meeting added with new.py, its
    skeletons published with a placeholder left, a false quotation, the right
    words under the wrong section, a date note naming another year, and a
    group page with a schema error hiding nothing else (an unknown
    organisation, a wrong anchor, a broken link). One build names them all."""
    monkeypatch.chdir(docs_copy.parent)
    meeting_id = "washington-2014"
    for args in (["meeting", meeting_id], ["group", "contact-group", "--meeting", meeting_id],
                 ["message", "keep-talking", "--meeting", meeting_id]):
        status, _, err = run_new(docs_copy, *args, capsys=capsys)
        assert status == 0, err
    folder = docs_copy / "meetings" / meeting_id
    report_text = ("The Karabakh Contact Group met in Washington on 18 December.\n\n"
                   "## Messages {#messages}\n\nParticipants agreed that the contact between the societies must go on.")
    pages = {
        folder / "index.md": {"report_body": ""},
        folder / "report.md": {"report_body": report_text},
        folder / "groups/contact-group.md": {"report_name": "regional specialists"},  # 1: not the report's words
        folder / "messages/keep-talking.md": {"message_body": "What the report says around this message, "
                                                              "in its words or close to them."},  # 2: placeholder kept
    }
    for file, own in pages.items():
        text = file.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n", 1)
        file.write_text(fill_in(text, meeting_id if file.parent == folder else file.stem, **own), encoding="utf-8")
    meeting, group, message = (f"docs/meetings/{meeting_id}/{name}" for name in
                               ("index.md", "groups/contact-group.md", "messages/keep-talking.md"))
    # 3: the date note names another year than the date.
    edit(docs_copy.parent, meeting, lambda t: re.sub(r"date: \S+", "date: 2014-12-18\ndate_note: The Contact Group met "
                                                                              "in Washington in December 2015.", t, count=1))
    # 4: the right words, quoted under the wrong section.
    edit(docs_copy.parent, message, lambda t: re.sub(r"quote: .*", 'quote: "the contact between the societies '
                                                                               'must go on"', t, count=1))
    # 5-8 on one page: a schema error (order), an unknown organisation, a wrong anchor, a broken link.
    edit(docs_copy.parent, group, lambda t: t.replace("order: 1", "order: first")
         .replace("organisations: []", "organisations: [no-such-org]").replace("anchor: first-section", "anchor: no-such-section")
         + "\nSee [the programme](../../no-such-page.md).\n")
    site = tmp_path / "site"
    site.mkdir()
    status, err = run_build(docs_copy, site, capsys)
    assert status == 1 and "Traceback" not in err
    expected = [
        (message, "body", "still holds the placeholder “What the report says around this message"),
        (group, "report_name", "these words are not in the report"),
        (meeting, "date_note", "names 2015 but not 2014"),
        (message, "passages[0].anchor", "does not have the words of passages[0].quote (expected anchor: messages"),
        (group, "order", "wrong type"),
        (group, "organisations[0]", "unknown id 'no-such-org'"),
        (group, "anchor", "no anchor #no-such-section"),
        (group, "link", "broken link '../../no-such-page.md'"),
    ]
    for path, field, words in expected:
        assert re.search(rf"{re.escape(path)}:\d+:\d+: {re.escape(field)}: .*{re.escape(words)}", err), (field, err)
    assert f"{len(expected)} problems found" in err, err


REFUSALS = {
    # name: (arguments, words of the message)
    "unknown kind": (["meetin", "brussels-2011"], "new.py: kind: unknown kind 'meetin' (did you mean 'meeting'?"),
    "empty id": (["meeting", ""], "new.py: id: '' is not an id (expected lowercase letters"),
    "malformed id": (["group", "EU Diplomats", "--meeting", "london-2014"], "new.py: id: 'EU Diplomats' is not an id"),
    "id in use": (["term", "clu-experts"], "docs/meetings/london-2014/groups/clu-experts.md:3:1: id: 'clu-experts' is already"),
    "meeting id in use": (["meeting", "london-2014"], "docs/meetings/london-2014/index.md:3:1: id: 'london-2014' is already"),
    "group without its meeting": (["group", "eu-diplomats"], "new.py: --meeting: a group belongs to a meeting"),
    "unknown meeting": (["message", "keep-talking", "--meeting", "london-2015"],
                        "new.py: --meeting: no meeting has the id 'london-2015' in docs/ (did you mean 'london-2014'?"),
    "meeting for an organisation": (["organisation", "eeas", "--meeting", "london-2014"],
                                    "new.py: --meeting: a organisation belongs to no meeting"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refusals_say_why_exit_1_and_write_nothing(name, docs_copy, capsys, monkeypatch):
    args, words = REFUSALS[name]
    monkeypatch.chdir(docs_copy.parent)  # so that problems name docs/ as an author sees it
    before = tree_digest(docs_copy)
    status, out, err = run_new(docs_copy, *args, capsys=capsys)
    assert status == 1
    assert words in err, err
    assert "Nothing was written." in err and "Traceback" not in err and not out
    assert tree_digest(docs_copy) == before


def test_a_meeting_needs_an_organisation_first(docs_copy, capsys):
    for page in (docs_copy / "organisations").glob("*.md"):
        page.unlink()
    status, _, err = run_new(docs_copy, "meeting", "brussels-2011", capsys=capsys)
    assert status == 1 and "python scripts/new.py organisation ID" in err
    assert not (docs_copy / "meetings/brussels-2011").exists()


def test_the_command_line_refuses_a_missing_argument_with_status_1():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new.py"), "meeting"], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=ROOT)
    assert result.returncode == 1
    assert "the following arguments are required: id" in result.stderr
    assert "expected: new.py {meeting,group,message,organisation,term} ID" in result.stderr
    assert "Traceback" not in result.stderr
