"""A build split by edition (`--part`, one job each, as a CI matrix runs
them) and joined (`--join`) makes the very files a build on one machine
makes, every file and mode; the join refuses parts that are missing, given
twice, or made from other pages, settings or date, with one line each, no
traceback, and the published site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build as build_script  # scripts/build.py
from report_site import publish, split_build
from report_site.publish import BuildResult, build, build_part, join_parts
from report_site.steps import site_steps
from support import DATA, DOCS, ROOT, edit, once_per_run, refused_build, replace_once, tree_digest

EDITIONS = ["en", "ru", "hy", "az"]


@pytest.fixture(scope="session")
def parts(tmp_path_factory) -> dict[str, Path]:
    """Each edition's part of the repository's pages, every edition step included, built through
    scripts/build.py as a CI job would (PDFs rendered, none from a cache). Made once a run."""
    def make(folder: Path) -> dict[str, Path]:
        made = {}
        for code in EDITIONS:
            made[code] = folder / f"part-{code}"
            status = build_script.main(["--part", code, "--part-dir", str(made[code]), "--jobs", "1", "--no-cache"])
            assert status == 0, f"part {code} failed"
        return made
    return once_per_run(tmp_path_factory, "split-parts", make)


def said(result: BuildResult) -> list[str]:
    """The build's summary but for its time and where its site is."""
    return [line for line in result.summary().splitlines()
            if not line.startswith(("Time:", "Site:", "Read it:", "Offline edition"))]


@pytest.mark.pdf
def test_the_joined_parts_are_byte_identical_to_a_build_on_one_machine(built: BuildResult, parts, tmp_path,
                                                                        monkeypatch):
    """The session's build (conftest's `built`: one process, every step) against the four
    editions' parts joined, given in another order than the editions'. Each part rendered its
    edition's pages of the offline edition too, so the join runs no MkDocs build at all."""
    for code, folder in parts.items():
        manifest = split_build.read_manifest(folder)
        assert manifest.part == code
        prefix = "" if code == "en" else f"{code}/"
        assert (folder / "site" / prefix / "downloads" / "london-2014-report.pdf").is_file()  # the edition's PDF
        assert (folder / "offline" / prefix / "meetings" / "london-2014" / "report.html").is_file()  # offline: by file
        assert (folder / "site" / prefix / "pagefind").is_dir() or not (built.site_dir / prefix / "pagefind").is_dir()

    def no_engine(*args, **kwargs):
        raise AssertionError("the join ran MkDocs: the parts had rendered the offline pages")
    monkeypatch.setattr(publish, "run_editions", no_engine)
    monkeypatch.setattr(publish, "run_mkdocs", no_engine)
    joined = join_parts([parts[code] for code in reversed(EDITIONS)], site_dir=tmp_path / "site",
                        steps=site_steps())
    digest = tree_digest(joined.site_dir)
    assert {".pdf", ".zip", ".gz", ".png"} <= {Path(name).suffix for name in digest}
    assert digest == tree_digest(built.site_dir)
    assert [(m.language, [p.id for p in m.pages]) for m in joined.model.editions()] == \
        [(m.language, [p.id for p in m.pages]) for m in built.model.editions()]
    assert said(joined) == said(built)


def test_warnings_of_every_part_reach_the_joins_summary(tmp_path):
    """A draft, in a build of four editions: the parts (pages only, --html-only) joined say the
    warnings a build on one machine says, and write the same pages."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    docs = tmp_path / "docs"
    shutil.copy(DATA / "drafts" / "qz7-draft-term.md", docs / "glossary" / "qz7-draft-term.md")
    one = build(docs_dir=docs, site_dir=tmp_path / "one", steps=[])
    folders = [build_part(code, docs_dir=docs, part_dir=tmp_path / code, html_only=True).part_dir for code in EDITIONS]
    joined = join_parts(folders, docs_dir=docs, site_dir=tmp_path / "joined", html_only=True)
    assert any("qz7-draft-term" in warning for warning in one.warnings), one.warnings
    assert joined.warnings == one.warnings
    assert said(joined) == said(one)
    assert tree_digest(joined.site_dir) == tree_digest(one.site_dir)


def join_refused(folders: list[Path], old_site: Path, capsys, *options: str) -> str:
    return refused_build(["--join", *map(str, folders), *options], old_site, capsys)


def test_a_missing_part_is_refused(parts, old_site, capsys):
    err = join_refused([parts["en"], parts["ru"], parts["az"]], old_site, capsys)
    assert "--join: no part for hy (expected one folder for each edition: en, ru, hy, az)" in err, err


def test_a_part_given_twice_is_refused(parts, old_site, capsys):
    err = join_refused([parts[code] for code in ["en", "ru", "hy", "ru", "az"]], old_site, capsys)
    assert f"{parts['ru']}/part.json: part: 'ru' again, also in {parts['ru']}" in err, err


def test_a_folder_that_is_not_a_part_is_refused(parts, old_site, tmp_path, capsys):
    elsewhere = tmp_path / "downloaded"
    elsewhere.mkdir()
    err = join_refused([parts["en"], parts["ru"], parts["hy"], elsewhere], old_site, capsys)
    assert f"{elsewhere}/part.json: no such file (expected a part" in err, err
    assert "--join: no part for az" in err, err


def test_parts_of_other_pages_are_refused(parts, old_site, tmp_path, capsys):
    """A join from a checkout whose pages differ by one sentence from the parts'."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    edit(tmp_path / "docs", "about.md", replace_once("\n\n", "\n\nOne more sentence.\n\n"))
    err = join_refused(list(parts.values()), old_site, capsys, "--docs-dir", str(tmp_path / "docs"))
    for folder in parts.values():
        assert f"{folder}/part.json: fingerprint: " in err, err
    assert "built from other pages, code or settings" in err, err


def test_parts_built_with_other_settings_are_refused(parts, old_site, capsys):
    """Parts with every step joined as pages only: the settings are part of the fingerprint."""
    err = join_refused(list(parts.values()), old_site, capsys, "--html-only")
    assert f"{parts['en']}/part.json: fingerprint: " in err, err


def test_parts_of_another_date_are_refused(parts, old_site, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1413849600")
    err = join_refused(list(parts.values()), old_site, capsys)
    assert f"{parts['en']}/part.json: source_date_epoch: 1420070400 (expected 1413849600, the join's" in err, err


def test_an_unreadable_model_is_refused(parts, old_site, tmp_path, capsys):
    broken = tmp_path / "part-az"
    shutil.copytree(parts["az"], broken)
    (broken / "model.pickle").write_bytes(b"not a pickle")
    err = join_refused([parts["en"], parts["ru"], parts["hy"], broken], old_site, capsys)
    assert f"{broken}/model.pickle: unreadable" in err, err


def test_a_part_of_no_edition_is_refused(tmp_path, capsys):
    part_dir = tmp_path / "part"
    status = build_script.main(["--part", "fr", "--part-dir", str(part_dir), "--html-only"])
    err = capsys.readouterr().err
    assert status == 1
    assert "--part: 'fr' is not an edition of this build (expected one of en, ru, hy, az)" in err, err
    assert "Traceback" not in err
    assert not part_dir.exists() and not list(tmp_path.glob(".part.*"))


def test_a_part_never_replaces_a_folder_that_is_not_a_part(tmp_path, capsys):
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone's work\n", encoding="utf-8")
    status = build_script.main(["--part", "ru", "--part-dir", str(folder), "--html-only"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{folder}: --part-dir: not empty and not a part" in err, err
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".work.*"))


def test_the_fingerprint_is_of_contents_not_of_places(tmp_path):
    """Two checkouts of the same pages in different folders agree; a sentence or a setting changes it."""
    settings = {"publishing": False, "hold_back_drafts": False, "html_only": False}
    fingerprints = []
    for name in ["one", "two"]:
        shutil.copytree(DOCS, tmp_path / name / "docs")
        shutil.copytree(ROOT / "translations", tmp_path / name / "translations")
        fingerprints.append(split_build.input_fingerprint(ROOT / "mkdocs.yml", tmp_path / name / "docs", settings))
    assert fingerprints[0] == fingerprints[1]
    assert split_build.input_fingerprint(ROOT / "mkdocs.yml", tmp_path / "one" / "docs",
                                         {**settings, "publishing": True}) != fingerprints[0]
    edit(tmp_path / "two" / "translations", "ru/meetings/london-2014/report.md", replace_once("\n\n", "\n\nЕщё.\n\n"))
    assert split_build.input_fingerprint(ROOT / "mkdocs.yml", tmp_path / "two" / "docs", settings) != fingerprints[0]
