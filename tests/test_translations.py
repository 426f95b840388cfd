"""Translations: how they are read, merged over the English pages and
checked, how freshness is worked out, and every mistake a translator can
make, each reported as `path:line:column: field: message` with exit 1 and
the published site untouched.

The translations are this suite's own small fixtures (tests/data/translations:
the report and a message in ru, hy and az, the home page in ru), copied
beside a scratch copy of docs/ so that tests may break them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_site import strings, translations
from report_site.page_rendering import page_markdown
from report_site.preparation import prepare_site
from report_site.publish import translation_lines
from support import DATA, ROOT, edit, replace_once, run_build

TRANSLATIONS = DATA / "translations"
REPORT = "meetings/london-2014/report.md"
MESSAGE = "meetings/london-2014/messages/people-to-people-contact.md"


@pytest.fixture()
def project(docs_copy) -> Path:
    """docs/ and the fixture translations beside it, as in the repository; the folder."""
    shutil.copytree(TRANSLATIONS, docs_copy.parent / "translations")
    return docs_copy.parent


def only_languages(project: Path, *keep: str) -> None:
    """Fewer editions, for a quicker build: the others' folders removed."""
    for folder in (project / "translations").iterdir():
        if folder.name not in keep:
            shutil.rmtree(folder)


def assert_translation_problem(err: str, path: str, field: str, words: str) -> None:
    pattern = rf"translations/{re.escape(path)}:\d+:\d+: {re.escape(field)}: .*{re.escape(words)}"
    assert re.search(pattern, err), f"expected {pattern!r} in:\n{err}"
    assert "Traceback" not in err


# --- The model -----------------------------------------------------------------

def test_an_edition_puts_each_translation_in_place_of_its_english_page(project):
    prepared = prepare_site(project / "docs", display_root=project, language="ru")
    assert not prepared.problems, prepared.problems
    model = prepared.model
    report = model.by_id["london-2014-report"]
    assert (report.language, report.title) == ("ru", "Отчёт о встрече")
    assert report.translation and report.translation.status == "unreviewed" and not report.translation.stale
    # What a translation does not give comes from the English page.
    assert report.meta["meeting"] == "london-2014" and report.meta["tags"] == ["peacebuilding"]
    assert report.meta["corrections"][0]["original"] == "Comparative Learning Group (CLU)"
    assert report.meta["corrections"][0]["note"].startswith("Источник называет")
    message = model.by_id["people-to-people-contact"]
    assert message.meta["passages"] == [{"anchor": "msg-dialogue", "quote": "хотя постоянные контакты между людьми жизненно важны"}]
    # Untranslated pages are the English ones; generated pages speak the edition's language.
    assert model.by_id["about"].language == "en" and model.by_id["about"].translation is None
    assert model.by_id["london-2014-groups"].title == "Группы участников"
    # Written by the build in the edition's language (no "not translated" notice), with no translation record.
    generated = model.by_id["london-2014-print"]
    assert (generated.language, generated.translation) == ("ru", None)
    assert "Группы участников" in [list(item)[0] for item in prepared.navigation[1]["London joint strategic meeting"]
                                   if isinstance(item, dict)] or "Группы участников" in str(prepared.navigation)


def test_the_translated_report_keeps_the_english_anchors_and_block_ids(project):
    english = prepare_site(project / "docs", display_root=project).model.by_id["london-2014-report"]
    for language in ("ru", "hy", "az"):
        translated = prepare_site(project / "docs", display_root=project, language=language).model.by_id["london-2014-report"]
        from report_site.markdown_scan import explicit_anchors
        assert explicit_anchors(english.front.body) <= explicit_anchors(translated.front.body)
        assert {"context", "aims", "participants", "discussion", "key-messages", "msg-continuation", "msg-dialogue"} \
            <= explicit_anchors(translated.front.body)


def test_source_hash_covers_exactly_the_translatable_text(project):
    docs = project / "docs"

    def report_hash() -> str:
        return translations.source_hash(prepare_site(docs, display_root=project).model.by_id["london-2014-report"])

    first = report_hash()
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    edit(docs, REPORT, replace_once("  - peacebuilding\n", "  - peacebuilding\n  - dialogue\n"))  # tags: not translated
    # The body's line ends: spaces before them, Windows' \r\n.
    edit(docs, REPORT, lambda text: text[:text.index("\n---\n") + 5] + text[text.index("\n---\n") + 5:].replace(".\n", ".  \r\n"))
    assert report_hash() == first
    edit(docs, REPORT, replace_once("brought together a number", "brought together several"))  # the body
    second = report_hash()
    assert second != first
    edit(docs, REPORT, replace_once("which the\n      abbreviation CLU reflects", "as the abbreviation CLU shows"))  # a note
    assert report_hash() not in (first, second)


def test_a_translation_goes_stale_when_the_english_changes(project):
    docs = project / "docs"
    edit(docs, REPORT, replace_once("brought together a number", "brought together several"))
    prepared = prepare_site(docs, display_root=project, language="ru")
    assert not prepared.problems
    model = prepared.model
    report = model.by_id["london-2014-report"]
    assert report.translation and report.translation.stale
    assert not model.by_id["people-to-people-contact"].translation.stale
    # The page says so in its language...
    markdown = page_markdown(report.front.body, report, model, english_url="../../../../meetings/london-2014/report/")
    assert strings.strings("ru")("notice.translation.stale").split()[0] in markdown
    assert 'href="../../../../meetings/london-2014/report/"' in markdown
    # ... and so does the build's output.
    english = prepare_site(docs, display_root=project).model
    english.other_editions.append(model)
    lines = translation_lines(english)
    assert lines[0] == "Edition 'ru': 3 of 24 pages translated."
    assert any(line.startswith("  Stale: translations/ru/meetings/london-2014/report.md") for line in lines), lines


# --- The command ---------------------------------------------------------------

def run_command(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--docs-dir", str(project / "docs"), *args],
                          capture_output=True, text=True, timeout=120)


def test_the_command_prints_hashes_lists_missing_and_stale_and_marks_current(project):
    report = project / "translations" / "ru" / REPORT
    english_hash = run_command(project, "hash", "london-2014-report")
    assert english_hash.returncode == 0 and english_hash.stdout.strip() in report.read_text(encoding="utf-8")
    edit(project / "docs", REPORT, replace_once("brought together a number", "brought together several"))
    status = run_command(project, "status", "ru")
    assert status.returncode == 0, status.stderr
    assert "ru (Русский): 3 of 24 pages translated, 1 stale, 2 unreviewed" in status.stdout
    assert f"stale:   translations/ru/{REPORT}" in status.stdout or f"stale:   {report}" in status.stdout
    assert "missing: translations/ru/about.md (about)" in status.stdout
    assert "hy" not in status.stdout.split("\n", 1)[0]
    before = report.read_text(encoding="utf-8")
    marked = run_command(project, "mark-current", "ru", "london-2014-report")
    assert marked.returncode == 0, marked.stderr
    after = report.read_text(encoding="utf-8")
    new_hash = run_command(project, "hash", "london-2014-report").stdout.strip()
    assert new_hash != english_hash.stdout.strip() and f"source_hash: {new_hash}\n" in after
    # Only that line changed.
    assert [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b] == [
        f"source_hash: {english_hash.stdout.strip()}"]
    assert "0 stale" in run_command(project, "status", "ru").stdout


def test_a_repeated_english_value_is_taken_as_the_english(project):
    """Translators may repeat a source's address beside its translated title."""
    url = "https://en.wikipedia.org/wiki/2014_Armenian%E2%80%93Azerbaijani_clashes"
    edit(project / "translations", "ru/index.md", replace_once(
        '  - title: "Википедия: армяно-азербайджанские столкновения 2014 года"',
        f'  - title: "Википедия: армяно-азербайджанские столкновения 2014 года"\n    url: {url}'))
    prepared = prepare_site(project / "docs", display_root=project, language="ru")
    assert not prepared.problems, prepared.problems
    assert prepared.model.by_id["home"].meta["sources"][1] == {
        "title": "Википедия: армяно-азербайджанские столкновения 2014 года", "url": url}


def test_mark_current_all_records_every_translation_of_a_language(project):
    for path in (project / "translations" / "ru").rglob("*.md"):
        path.write_text(re.sub(r"source_hash: \w+", "source_hash: pending", path.read_text(encoding="utf-8")), encoding="utf-8")
    marked = run_command(project, "mark-current", "ru", "--all")
    assert marked.returncode == 0, marked.stderr
    assert len(marked.stdout.splitlines()) == 3
    assert "3 of 24 pages translated, 0 stale" in run_command(project, "status", "ru").stdout


# --- Bad input -------------------------------------------------------------------

def new_file(project: Path, relative: str, text: str) -> None:
    path = project / "translations" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


RU_HOME = (TRANSLATIONS / "ru" / "index.md").read_text(encoding="utf-8")


def change(relative: str, old: str, new: str):
    """A change to one fixture translation: `old` replaced by `new`, once."""
    return lambda project: edit(project / "translations", relative, replace_once(old, new))

CASES = {
    # name: (languages built, change to the project, file, field, words)
    "a translation of a page that does not exist": (
        ("ru",), lambda p: new_file(p, "ru/no-such-page.md", RU_HOME.replace("translation_of: home", "translation_of: no-such-page")),
        "ru/no-such-page.md", "translation_of", "no published English page has the id 'no-such-page'"),
    "a translation at another page's path": (
        ("ru",), lambda p: new_file(p, "ru/glossary/about.md", RU_HOME.replace("translation_of: home", "translation_of: about")),
        "ru/glossary/about.md", "translation_of", "'about' is docs/about.md (expected this file at translations/ru/about.md"),
    "two translations of one page": (
        ("ru",), lambda p: new_file(p, "ru/glossary/home-again.md", RU_HOME),
        "ru/glossary/home-again.md", "translation_of", "'home' is translated into 'ru' already by"),
    "a field of another kind of page": (
        ("ru",), change("ru/index.md", "status: reviewed", "status: reviewed\npassages:\n  - quote: слова"),
        "ru/index.md", "passages", "a translation of a 'home' page has no 'passages' (that field is translated on 'message' pages"),
    "a kind that differs": (
        ("ru",), change("ru/index.md", "status: reviewed", "status: reviewed\nkind: report"),
        "ru/index.md", "kind", "'report', but the page it translates is a 'home' page"),
    "a language the site does not have (folder)": (
        ("ru",), lambda p: new_file(p, "fr/index.md", RU_HOME.replace("lang: ru", "lang: fr")),
        "fr/index.md", "lang", "the site has no 'fr' edition"),
    "a language the site does not have (field)": (
        ("ru",), change("ru/index.md", "lang: ru", "lang: fr"),
        "ru/index.md", "lang", "'fr': the site has no 'fr' edition"),
    "a quotation that is not in the same edition's report": (
        ("ru",), change(f"ru/{MESSAGE}", "хотя постоянные", "несмотря на то что постоянные"),
        f"ru/{MESSAGE}", "passages[0].quote", f"translations/ru/{REPORT} (expected an exact quotation from the same edition's report"),
    "a block id the English report has": (
        ("ru",), change(f"ru/{REPORT}", "{: #msg-dialogue }", ""),
        f"ru/{REPORT}", "body", "no #msg-dialogue: the English page docs/meetings/london-2014/report.md has it"),
    "a list of another length": (
        ("ru",), lambda p: edit(p / "translations", "ru/index.md", lambda t: t.replace(
            '  - title: "EPNK: партнёры', '  - title: "Ещё один"\n  - title: "EPNK: партнёры')),
        "ru/index.md", "sources", "4 item(s), the English page has 3"),
    "a repeated value that differs from the English": (
        ("ru",), change("ru/index.md", '  - title: "Википедия: армяно-азербайджанские столкновения 2014 года"',
                        '  - title: "Википедия: армяно-азербайджанские столкновения 2014 года"\n    url: https://ru.wikipedia.org/'),
        "ru/index.md", "sources[1].url", "differs from the English page's"),
    "a missing field": (
        ("ru",), lambda p: edit(p / "translations", f"ru/{REPORT}", lambda t: re.sub(r"source_hash: \w+\n", "", t)),
        f"ru/{REPORT}", "source_hash", "missing required field (expected it for a translation of a 'report' page)"),
    "a loaded term in Russian": (
        ("ru",), change(f"ru/{REPORT}", "из Азербайджана, Армении и НК", "из Азербайджана, Армении и Арцаха"),
        f"ru/{REPORT}", "body", '"Арцаха" (a form of "Арцах")'),
    "a loaded term in Armenian": (
        ("hy",), change(f"hy/{REPORT}", "Հայաստանից և ԼՂ-ից", "Հայաստանից և Արցախից"),
        f"hy/{REPORT}", "body", '"Արցախից" (a form of "Արցախ")'),
    "a loaded term in Azerbaijani": (
        ("az",), change(f"az/{REPORT}", "Ermənistandan və DQ-dən", "Ermənistandan və işğal olunmuş ərazilərdən"),
        f"az/{REPORT}", "body", "işğal olunmuş ərazilərdən"),
    "a reviewer given by a person's name": (
        ("ru",), change("ru/index.md", "reviewed_by: независимый рецензент, носитель русского языка", "reviewed_by: Анна Петрова"),
        "ru/index.md", "reviewed_by", "'Анна Петрова' looks like a person's name (expected the reviewer's role or organisation"),
    "a review without its day": (
        ("ru",), change("ru/index.md", "reviewed_on: 2026-11-30\n", ""),
        "ru/index.md", "reviewed_on", "missing required field (expected the reviewer's role or organisation and the day"),
    "a review recorded on an unreviewed translation": (
        ("ru",), change("ru/index.md", "status: reviewed", "status: unreviewed"),
        "ru/index.md", "reviewed_by", "a review is recorded but status is 'unreviewed'"),
    "an allowance without a reason": (
        ("ru",), change(f"ru/{REPORT}", "allow_terms:\n", "allow_terms:\n  - term: Арцах\n"),
        f"ru/{REPORT}", "allow_terms[0].reason", "missing required field"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_translation_is_reported_and_nothing_is_published(name, project, published_site, capsys):
    languages, change, path, field, words = CASES[name]
    only_languages(project, *languages)
    change(project)
    status, err = run_build(project / "docs", published_site, capsys)
    assert status == 1
    assert_translation_problem(err, path, field, words)
    assert "nothing was published" in err


def test_a_reviewed_translation_is_refused_once_the_english_changes(project, published_site, capsys):
    """The review covered the English as it was: a change since would make
    "reviewed" untrue, so the build stops at the translation's status line."""
    only_languages(project, "ru")
    edit(project / "docs", "index.md", replace_once("This site publishes", "This site republishes"))
    status, err = run_build(project / "docs", published_site, capsys)
    assert status == 1
    line = next(n for n, text in enumerate((project / "translations/ru/index.md").read_text().splitlines(), 1)
                if text == "status: reviewed")
    assert re.search(rf"translations/ru/index\.md:{line}:\d+: status: 'reviewed', but the English page docs/index\.md "
                     r"changed since the translation was made \(source_hash \w+, the English is now \w+\)", err), err
    assert "translations.py diff ru home" in err and "nothing was published" in err
    # Unreviewed, the same stale page is accepted (and says it may be out of date).
    edit(project / "translations", "ru/index.md", lambda text: re.sub(r"status: reviewed\nreviewed_by: .*\nreviewed_on: .*\n",
                                                                     "status: unreviewed\n", text))
    prepared = prepare_site(project / "docs", display_root=project, language="ru")
    assert not prepared.problems, prepared.problems
    home = prepared.model.by_id["home"]
    assert home.translation and home.translation.stale and home.translation.status == "unreviewed"


def test_the_neutral_term_is_suggested_in_the_pages_language(project, published_site, capsys):
    only_languages(project, "ru")
    edit(project / "translations", f"ru/{REPORT}", replace_once("из Азербайджана, Армении и НК", "из Азербайджана, Армении и Арцаха"))
    status, err = run_build(project / "docs", published_site, capsys)
    assert status == 1
    assert "Нагорный Карабах" in err.split("Арцаха", 1)[1].splitlines()[0]


def test_a_missing_string_is_reported_with_its_table(project, published_site, capsys, monkeypatch, tmp_path):
    only_languages(project, "ru")
    tables = tmp_path / "strings"
    shutil.copytree(strings.STRINGS_DIR, tables)
    edit(tables, "ru.yaml", lambda t: re.sub(r"^listing\.glossary: .*\n", "", t, flags=re.MULTILINE))
    monkeypatch.setattr(strings, "STRINGS_DIR", tables)
    strings._table.cache_clear()
    try:
        status, err = run_build(project / "docs", published_site, capsys)
    finally:
        strings._table.cache_clear()
    assert status == 1
    assert re.search(r"scripts/report_site/strings/ru\.yaml:\d+:1: listing\.glossary: missing string \(expected the 'ru' for “Glossary”\)",
                     err), err


def test_mkdocs_alone_checks_every_editions_translations(project, tmp_path):
    """Plain `mkdocs build` (and `mkdocs serve`) builds English only, and still
    refuses a broken translation, before writing anything."""
    import os

    from support import config_for

    only_languages(project, "hy")
    change(f"hy/{REPORT}", "Հայաստանից և ԼՂ-ից", "Հայաստանից և Արցախից")(project)
    config = config_for(project / "docs", tmp_path)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"translations/hy/meetings/london-2014/report\.md:\d+:\d+: body: \"Արցախից\"", output), output
    assert "Traceback" not in output and not out.exists()


def test_mark_current_on_a_reviewed_translation_makes_it_unreviewed(project):
    """The review covered the English as it was: once the translation is
    brought up to the changed English, the change is not reviewed yet."""
    home = project / "translations" / "ru" / "index.md"
    edit(project / "docs", "index.md", replace_once("This site publishes", "This site republishes"))
    marked = run_command(project, "mark-current", "ru", "home")
    assert marked.returncode == 0, marked.stderr
    assert "and status: unreviewed (its review covered the English as it was" in marked.stdout
    text = home.read_text(encoding="utf-8")
    assert "status: unreviewed\n" in text and "reviewed_by" not in text and "reviewed_on" not in text
    assert text.split("\n---\n", 1)[1] == RU_HOME.split("\n---\n", 1)[1]  # the words are the translator's
    status = run_command(project, "status", "ru")
    assert status.returncode == 0 and "0 stale" in status.stdout, status.stderr
    # Marked current again with nothing changed, a recorded review stays.
    home.write_text(RU_HOME, encoding="utf-8")
    edit(project / "docs", "index.md", replace_once("This site republishes", "This site publishes"))
    assert run_command(project, "mark-current", "ru", "home").returncode == 0
    assert home.read_text(encoding="utf-8") == RU_HOME


def test_a_whole_build_checks_each_translations_words_once(tmp_path, monkeypatch):
    """The reference edition's build checks every edition's translations (so that a
    build reports every problem at once); the other editions' builds of the same
    run, and the offline edition's, do not check the same words again."""
    from report_site import edition_text
    from report_site.offline_edition import render_edition
    from report_site.publish import build

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    checked: list[str] = []
    check = edition_text.check_translation
    monkeypatch.setattr(edition_text, "check_translation",
                        lambda front, display, guide, code: checked.append(display) or check(front, display, guide, code))
    result = build(docs_dir=tmp_path / "docs", site_dir=tmp_path / "site", steps=[], jobs=1)
    translated = sum(1 for _ in (tmp_path / "translations").rglob("*.md"))
    assert translated > 50 and len(result.model.other_editions) == 3
    assert sorted(checked) == sorted(set(checked)) and len(checked) == translated
    checked.clear()
    render_edition(tmp_path / "docs", tmp_path / "offline" / "edition")
    assert checked == []
