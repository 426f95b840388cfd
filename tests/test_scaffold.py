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
from report_site.preparation import prepare_site
from report_site.publish import build
from support import ROOT, tree_digest

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


def test_skeletons_publish_once_undrafted(scaffolded, tmp_path):
    for _, written in COMMANDS:
        for path in written:
            file = scaffolded / path
            file.write_text(file.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n", 1), encoding="utf-8")
    site = build(docs_dir=scaffolded, site_dir=tmp_path / "site", steps=[]).site_dir
    for url in ("meetings/brussels-2011/", "meetings/brussels-2011/report/", "meetings/brussels-2011/groups/eu-diplomats/",
                "meetings/brussels-2011/messages/keep-talking/", "organisations/kvinna-till-kvinna/", "glossary/eeas/"):
        assert (site / url / "index.html").is_file(), url
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Brussels 2011" in home and 'class="meeting-pdf"' in home  # two meetings now: the home lists both
    group = (site / "meetings/brussels-2011/groups/eu-diplomats/index.html").read_text(encoding="utf-8")
    assert "Brussels 2011" in group  # its navigation is named after its meeting


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
