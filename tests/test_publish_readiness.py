"""What the pages leave open (report_site.publish_readiness): a site that
publishes a second meeting while its home page and About page still speak
of the first one alone, and drafts. A local build warns of each, with its
line and what to write instead; `--publish` refuses them all in one round
and leaves the published site as it was; `--hold-back-drafts` publishes
without the drafts, saying which it left out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import build as build_script  # scripts/build.py
from report_site.preparation import prepare_site
from report_site.problems import Problem
from report_site.publish import build
from report_site.publish_readiness import drafts_held_back, one_meeting_pages, shown_paths
from report_site.site_model import load_site
from support import DATA, DOCS, ROOT, edit, line_of, publishable_config, refused_build, replace_once

SECOND = "epnk-exchange-2011"
DRAFT = "qz7-internal-notes.md"


def add_second_meeting(docs: Path, *, with_its_home_page: bool = False) -> None:
    """The second meeting's pages; with `with_its_home_page`, also the home
    page written for a collection (else the home page stays London's)."""
    for folder in ("meetings", "organisations"):
        shutil.copytree(DATA / "second-meeting" / folder, docs / folder, dirs_exist_ok=True)
    if with_its_home_page:
        shutil.copy(DATA / "second-meeting" / "index.md", docs / "index.md")


def problems_of(docs: Path, language: str | None = None) -> list[Problem]:
    prepared = prepare_site(docs, display_root=docs.parent, language=language)
    assert prepared.problems == []
    return one_meeting_pages(prepared.model, shown_paths(docs, docs.parent))


def by_field(problems: list[Problem]) -> dict[tuple[str, str], Problem]:
    return {(problem.path, problem.field): problem for problem in problems}


# --- Unit: pages written for one meeting ------------------------------------------------

def test_a_site_of_one_meeting_has_nothing_to_say(docs_copy):
    assert problems_of(docs_copy) == []


def test_a_second_meeting_finds_the_home_and_about_pages_written_for_the_first(docs_copy):
    add_second_meeting(docs_copy)
    found = by_field(problems_of(docs_copy))
    assert set(found) == {("docs/index.md", "meeting"), ("docs/index.md", "title"),
                          ("docs/about.md", "citations"), ("docs/about.md", "description")}
    home_meeting = found["docs/index.md", "meeting"]
    assert home_meeting.line == line_of(docs_copy, "index.md", "meeting:")
    assert "'london-2014' alone" in home_meeting.message and "expected no `meeting:` line" in home_meeting.message
    title = found["docs/index.md", "title"]
    assert title.line == line_of(docs_copy, "index.md", "title:")
    assert f"speaks of london-2014 only, but the site also publishes {SECOND}" in title.message
    assert "'Meeting reports on peacebuilding" in title.message
    citations = found["docs/about.md", "citations"]
    assert citations.line == line_of(docs_copy, "about.md", "citations:")
    assert f"add `- {SECOND}-report` to the list" in citations.message
    # "Who publishes this edition of the London meeting report"
    assert found["docs/about.md", "description"].line == line_of(docs_copy, "about.md", "description:")


def test_pages_rewritten_as_the_messages_say_are_accepted(docs_copy):
    add_second_meeting(docs_copy, with_its_home_page=True)
    edit(docs_copy, "about.md", replace_once("  - london-2014-report\n", f"  - london-2014-report\n  - {SECOND}-report\n"))
    edit(docs_copy, "about.md", replace_once("edition of the London meeting report", "edition of the meeting reports"))
    assert problems_of(docs_copy) == []


def test_words_that_name_every_meeting_name_none_alone(docs_copy):
    add_second_meeting(docs_copy, with_its_home_page=True)
    edit(docs_copy, "about.md", replace_once("  - london-2014-report\n", f"  - london-2014-report\n  - {SECOND}-report\n"))
    edit(docs_copy, "about.md", replace_once("edition of the London meeting report",
                                             "edition of the reports of meetings in London and the European Parliament"))
    assert problems_of(docs_copy) == []
    # The body's own heading counts as the title the reader sees.
    edit(docs_copy, "index.md", replace_once("\n---\n", "\n---\n\n# Reports of the EPNK exchange in the European Parliament\n"))
    [problem] = problems_of(docs_copy)
    assert (problem.path, problem.field) == ("docs/index.md", "body")
    assert problem.line == line_of(docs_copy, "index.md", "# Reports of")
    assert f"speaks of {SECOND} only" in problem.message


def test_a_translated_title_is_read_in_its_language(tmp_path):
    """Лондоне, Londonda, Լոնդոնյան: a place named in any form names the meeting."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    add_second_meeting(docs)
    for language in ("ru", "hy", "az"):
        found = by_field(problems_of(docs, language))
        title = found[f"translations/{language}/index.md", "title"]
        assert title.line == line_of(tmp_path / "translations" / language, "index.md", "title:")
        assert f"speaks of london-2014 only, but the site also publishes {SECOND}" in title.message
        assert f"a meeting not translated into '{language}' is found by its English title or place" in title.message
        # `meeting:` comes from the English page: the English build says it, once.
        assert not any(field == "meeting" for _, field in found)


def test_an_english_page_in_another_edition_is_read_in_english(tmp_path):
    """An edition shows the English page where there is no translation: its
    words are compared with the meetings' English names, not the edition's."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    add_second_meeting(docs, with_its_home_page=True)
    both = "Reports of the London joint strategic meeting and the EPNK exchange in the European Parliament"
    edit(docs, "index.md", lambda text: re.sub(r"(?m)^title: .*$", f"title: {both}", text, count=1))
    edit(docs, "about.md", replace_once("  - london-2014-report\n", f"  - london-2014-report\n  - {SECOND}-report\n"))
    edit(docs, "about.md", replace_once("edition of the London meeting report", "edition of the meeting reports"))
    for language in ("ru", "hy", "az"):
        (tmp_path / "translations" / language / "index.md").unlink()
        (tmp_path / "translations" / language / "about.md").unlink()
    assert problems_of(docs) == []
    for language in ("ru", "hy", "az"):
        assert problems_of(docs, language) == []


# --- Unit: drafts ------------------------------------------------------------------------

def test_each_draft_is_named_with_its_line_and_what_to_do(docs_copy):
    shutil.copy(DATA / "drafts" / DRAFT, docs_copy / DRAFT)
    model, problems = load_site(docs_copy)
    assert problems == []
    shown = shown_paths(docs_copy, docs_copy.parent)
    [local] = drafts_held_back(model.drafts, shown, publishing=False)
    assert (local.path, local.line, local.field) == (f"docs/{DRAFT}", line_of(docs_copy, DRAFT, "draft:"), "draft")
    assert "checked, and held back" in local.message
    [refused] = drafts_held_back(model.drafts, shown, publishing=True)
    assert "python scripts/build.py --publish --hold-back-drafts" in refused.message
    assert drafts_held_back([], shown, publishing=True) == []


# --- Build: warnings on a local build, refusal by --publish -------------------------------

@pytest.fixture()
def unfinished_collection(docs_copy) -> Path:
    """A second meeting added, the home and About pages left as they were, and a draft."""
    add_second_meeting(docs_copy)
    shutil.copy(DATA / "drafts" / DRAFT, docs_copy / DRAFT)
    return docs_copy


def test_a_local_build_warns_of_each_and_builds(unfinished_collection, tmp_path, capsys):
    site = tmp_path / "local-site"
    status = build_script.main(["--html-only", "--docs-dir", str(unfinished_collection), "--site-dir", str(site)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Warnings: 5." in out
    for path, field in (("index.md", "meeting"), ("index.md", "title"), ("about.md", "citations"),
                        ("about.md", "description"), (DRAFT, "draft")):
        assert re.search(rf"^  \S*docs/{re.escape(path)}:\d+:\d+: {field}: ", out, re.M), (path, field, out)
    assert (site / "meetings" / SECOND / "index.html").is_file()
    assert not (site / DRAFT.removesuffix(".md")).exists()


def test_publish_refuses_them_all_in_one_round(unfinished_collection, tmp_path, old_site, capsys):
    config = publishable_config(unfinished_collection, tmp_path)
    err = refused_build(["--publish", "--config", str(config)], old_site, capsys)
    assert re.search(rf"docs/{DRAFT}:{line_of(unfinished_collection, DRAFT, 'draft:')}:1: draft: .*"
                     r"--publish --hold-back-drafts", err), err
    assert re.search(rf"docs/index.md:{line_of(unfinished_collection, 'index.md', 'meeting:')}:1: meeting: ", err), err
    assert re.search(rf"docs/about.md:\d+:1: citations: .*add `- {SECOND}-report`", err), err
    assert "5 problems found; nothing was published." in err


def test_publish_refuses_the_translations_with_the_english_pages(tmp_path, old_site, capsys):
    """The editions' pages are checked by the reference build: one round for all four."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    add_second_meeting(docs)
    config = publishable_config(docs, tmp_path)
    err = refused_build(["--publish", "--config", str(config)], old_site, capsys)
    for language in ("ru", "hy", "az"):
        title_line = line_of(tmp_path / "translations" / language, "index.md", "title:")
        assert re.search(rf"translations/{language}/index\.md:{title_line}:\d+: title: speaks of london-2014 only", err), err
        assert f"translations/{language}/about.md" in err
    assert "10 problems found; nothing was published." in err  # 4 English, 2 in each edition


def test_publish_holds_back_drafts_only_when_told(unfinished_collection, tmp_path, old_site, capsys):
    config = publishable_config(unfinished_collection, tmp_path)
    err = refused_build(["--publish", "--hold-back-drafts", "--config", str(config)], old_site, capsys)
    assert "draft:" not in err and "4 problems found" in err  # the collection's pages still refused


def test_a_site_with_drafts_held_back_is_published_without_them(docs_copy, tmp_path):
    shutil.copy(DATA / "drafts" / DRAFT, docs_copy / DRAFT)
    config = publishable_config(docs_copy, tmp_path)
    result = build(config_file=config, site_dir=tmp_path / "site", steps=[], publishing=True, hold_back_drafts=True)
    assert f"Held back (--hold-back-drafts): docs/{DRAFT}." in result.summary()
    assert "Warnings: 0." in result.summary()
    assert not (tmp_path / "site" / DRAFT.removesuffix(".md")).exists()


def test_hold_back_drafts_goes_with_publish(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_script.main(["--hold-back-drafts"])
    assert exit_.value.code == 2
    assert "--hold-back-drafts goes with --publish" in capsys.readouterr().err
