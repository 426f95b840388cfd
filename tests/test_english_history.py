"""What changed in the English since a translation was made
(report_site.english_history, `translations.py diff`): the English text
found in a real git repository made in tmp_path by the hash a translation
records, compared with today's; and every way it cannot be found, said."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_site import english_history, translations
from report_site.front_matter import split_front_matter
from report_site.site_model import PageRecord
from support import DATA, DOCS, ROOT, edit, git, replace_once

ABOUT = "docs/about.md"
PARAGRAPH = "This site reproduces a public report"


def hash_of(path: Path) -> str:
    front, problems = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert front is not None and not problems
    return translations.source_hash(PageRecord(path.name, front))


@pytest.fixture()
def repository(tmp_path) -> Path:
    """A repository whose docs/about.md has three commits: as first
    translated, its words changed, then only its tags (nothing to translate)."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    shutil.copy(DOCS / "about.md", repo / ABOUT)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "as first translated")
    edit(repo, ABOUT, replace_once(PARAGRAPH, "This site republishes a public report"))
    git(repo, "commit", "-q", "-am", "words changed")
    edit(repo, ABOUT, lambda text: text.replace("\nid: about\n", "\nid: about\ntags:\n  - edition\n", 1))
    git(repo, "commit", "-q", "-am", "a tag: not translated")
    return repo


def test_the_english_a_translation_was_made_from_is_found_by_its_hash(repository):
    first = git(repository, "rev-list", "--max-parents=0", "HEAD").strip()
    made_from = git(repository, "show", f"{first}:{ABOUT}")
    (repository / "then.md").write_text(made_from, encoding="utf-8")
    past = english_history.find_made_from(repository / ABOUT, hash_of(repository / "then.md"))
    assert (past.commit, past.path) == (first, ABOUT)
    assert PARAGRAPH in past.page.front.body


def test_the_newest_commit_with_that_text_is_taken_when_only_untranslated_fields_changed(repository):
    current = hash_of(repository / ABOUT)
    past = english_history.find_made_from(repository / ABOUT, current)
    assert past.commit == git(repository, "rev-parse", "HEAD").strip()


def test_a_renamed_page_is_followed_through_its_history(repository):
    first = git(repository, "rev-list", "--max-parents=0", "HEAD").strip()
    (repository / "then.md").write_text(git(repository, "show", f"{first}:{ABOUT}"), encoding="utf-8")
    git(repository, "mv", ABOUT, "docs/about-this-edition.md")
    git(repository, "commit", "-q", "-m", "renamed")
    past = english_history.find_made_from(repository / "docs/about-this-edition.md", hash_of(repository / "then.md"))
    assert (past.commit, past.path) == (first, ABOUT)


def test_the_change_is_shown_where_it_stands_now_with_the_changed_words(repository):
    first = git(repository, "rev-list", "--max-parents=0", "HEAD").strip()
    (repository / "then.md").write_text(git(repository, "show", f"{first}:{ABOUT}"), encoding="utf-8")
    past = english_history.find_made_from(repository / ABOUT, hash_of(repository / "then.md"))
    front, _ = split_front_matter((repository / ABOUT).read_text(encoding="utf-8"), ABOUT)
    assert front is not None
    now = PageRecord("about.md", front)
    lines = english_history.describe_changes(english_history.translatable_units(past.page),
                                             english_history.translatable_units(now), ABOUT)
    line = next(number for number, text in enumerate((repository / ABOUT).read_text().splitlines(), 1)
                if text.startswith("This site republishes"))
    assert lines[0] == f"@@ {ABOUT}:{line} (body) @@"
    assert lines[1].startswith(f"- {PARAGRAPH}") and lines[2].startswith("+ This site republishes a public report")
    assert lines[3].startswith("~ This site [-reproduces-]{+republishes+} a public report")
    assert len([line for line in lines if line.startswith("@@")]) == 1  # the tag is not the translator's


def test_a_hash_no_commit_has_is_said_with_why(repository):
    with pytest.raises(english_history.HistoryUnavailable) as failure:
        english_history.find_made_from(repository / ABOUT, "000000000000")
    assert str(failure.value).startswith(f"no commit of {ABOUT} has the English text with source_hash 000000000000 "
                                         "(3 version(s) looked at; the translation's source_hash was not made from a "
                                         "committed version")


def test_a_shallow_clone_says_how_to_fetch_the_rest(repository, tmp_path):
    first = git(repository, "rev-list", "--max-parents=0", "HEAD").strip()
    (tmp_path / "then.md").write_text(git(repository, "show", f"{first}:{ABOUT}"), encoding="utf-8")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository}", "shallow")
    with pytest.raises(english_history.HistoryUnavailable, match=r"this clone is shallow: `git fetch --unshallow`"):
        english_history.find_made_from(tmp_path / "shallow" / ABOUT, hash_of(tmp_path / "then.md"))


def test_a_copy_without_git_history_is_said(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(DOCS / "about.md", tmp_path / ABOUT)
    with pytest.raises(english_history.HistoryUnavailable, match=r"is not in a git repository \(expected a clone"):
        english_history.find_made_from(tmp_path / ABOUT, "0123456789ab")


def test_a_machine_without_git_is_said(repository, tmp_path, monkeypatch):
    (tmp_path / "no-programs").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    with pytest.raises(english_history.HistoryUnavailable, match=r"^git is not installed"):
        english_history.find_made_from(repository / ABOUT, "0123456789ab")


# --- The command, from a clean clone ------------------------------------------

REPORT = "meetings/london-2014/report.md"


def diff_command(docs: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--docs-dir", str(docs), "diff", *args],
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture()
def clone(tmp_path) -> Path:
    """A clean clone of a project (the pages and this suite's translations)
    whose English report changed after it was translated."""
    project = tmp_path / "project"
    shutil.copytree(DOCS, project / "docs")
    shutil.copytree(DATA / "translations", project / "translations")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "translated")
    edit(project / "docs", REPORT, replace_once("brought together a number", "brought together several"))
    git(project, "commit", "-q", "-am", "the English changed")
    git(tmp_path, "clone", "-q", str(project), "clone")
    return tmp_path / "clone"


def test_diff_shows_a_translator_what_changed_in_the_english(clone):
    done = diff_command(clone / "docs", "ru", "london-2014-report")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"translations/ru/{REPORT} was made from docs/{REPORT} as of commit ")
    assert "[-a number-]{+several+}" in out
    assert "mark-current ru london-2014-report" in out
    # By path as well as by id; an unchanged page says so.
    assert diff_command(clone / "docs", "ru", f"translations/ru/{REPORT}").stdout == out
    unchanged = diff_command(clone / "docs", "hy", "people-to-people-contact")
    assert unchanged.returncode == 0 and "has not changed since this translation was made" in unchanged.stdout


def test_diff_without_history_says_why_and_fails(clone):
    shutil.rmtree(clone / ".git")
    done = diff_command(clone / "docs", "ru", "london-2014-report")
    assert done.returncode == 1
    assert f"cannot show what changed in docs/{REPORT}: " in done.stderr and "is not in a git repository" in done.stderr
    assert "Traceback" not in done.stderr
