"""Helpers the tests share: where things are, a digest of a folder, a copy
of mkdocs.yml for another docs folder, building a broken copy of the pages
and reading what the author is told, and git in a fixture repository.
Test files import from here, never from conftest or from each other;
conftest only holds fixtures."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

import build as build_script  # scripts/build.py

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = Path(__file__).resolve().parent / "data"
SOURCE_REPORT = ROOT / "sources" / "meeting-report.txt"


Made = TypeVar("Made")


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], Made]) -> Made:
    """`make(folder)` run once for the whole test run and its result shared by every
    pytest-xdist worker (each worker runs a session fixture on its own: without this,
    each made the same full build). The first worker to ask makes it under a lock, in a
    folder beside the workers' own, and leaves it pickled; the others wait and read it.
    Without xdist, an ordinary session fixture."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    run_folder = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    folder = run_folder / f"once-{name}"
    with (run_folder / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder / "made.pickle"
        if made.exists():
            result: Made = pickle.loads(made.read_bytes())
            return result
        folder.mkdir(exist_ok=True)
        result = make(folder)
        made.write_bytes(pickle.dumps(result))
        return result


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder with the SHA-256 of its bytes (and each mode)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def config_for(docs: Path, folder: Path) -> Path:
    """A copy of mkdocs.yml that builds `docs` (for running plain `mkdocs`)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - overrides\n", f"  - {ROOT / 'overrides'}\n")
    text = text.replace("  - scripts/report_site\n", f"  - {ROOT / 'scripts' / 'report_site'}\n")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def publishable_config(docs: Path, folder: Path) -> Path:
    """A copy of mkdocs.yml for `docs` with a public-looking address and a
    named publisher: what `--publish` needs from mkdocs.yml, so that it
    refuses only what the pages leave open."""
    config = config_for(docs, folder)
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^site_url: .*$", "site_url: https://reports.test-archive.net/meeting-reports/", text, count=1,
                  flags=re.M)
    text = re.sub(r"(?m)^    publisher:.*\n    contact:.*$",
                  "    publisher: Test Archive of Peace Reports\n    contact: corrections@test-archive.net", text, count=1)
    text = text.replace("contact_is_public: false", "contact_is_public: true", 1)
    config.write_text(text, encoding="utf-8")
    return config


def run_build(docs: Path, site: Path, capsys) -> tuple[int, str]:
    """scripts/build.py on `docs` into `site`; its exit status and error
    output, having checked that a failed build left `site` as it was."""
    before = tree_digest(site)
    # In this process (--jobs 1): the tests that call it may have patched a module of this one.
    status = build_script.main(["--jobs", "1", "--docs-dir", str(docs), "--site-dir", str(site)])
    err = capsys.readouterr().err
    assert tree_digest(site) == before, "a failed build changed the published site"
    assert not list(site.parent.glob(".site.*")), "a failed build left its scratch directory behind"
    return status, err


def refused_build(args: list[str], site: Path, capsys) -> str:
    """scripts/build.py's error output, having checked that it exited 1, left `site`
    as it was and its scratch directory behind it, and showed no traceback."""
    before = tree_digest(site)
    status = build_script.main([*args, "--site-dir", str(site)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert tree_digest(site) == before, "a refused build changed the published site"
    assert not list(site.parent.glob(".site.*")), "a refused build left its scratch directory behind"
    assert "Traceback" not in err
    return err


def edit(docs: Path, relative: str, change: Callable[[str], str]) -> None:
    path = docs / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"fixture expects {old!r} in the page"
        return text.replace(old, new, 1)
    return change


def assert_problem(err: str, path: str, line: int | None, field: str, words: str) -> None:
    line_pattern = str(line) if line is not None else r"\d+"
    pattern = rf"docs/{re.escape(path)}:{line_pattern}:\d+: {re.escape(field)}: .*{re.escape(words)}"
    assert re.search(pattern, err), f"expected {pattern!r} in:\n{err}"
    assert "Traceback" not in err


def line_of(docs: Path, relative: str, startswith: str) -> int:
    for number, line in enumerate((docs / relative).read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(startswith):
            return number
    raise AssertionError(f"{startswith!r} not in {relative}")


def git(repository: Path, *args: str) -> str:
    """Real git in a fixture repository, with an identity of its own (none is configured on a test machine)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", "-C", str(repository), *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def head_tags(page: Path) -> dict[str, list[str]]:
    """A built page's <meta> contents by name or property, and its <link> hrefs
    as "link:<rel>", entities decoded: what a crawler reads from its head."""
    found: dict[str, list[str]] = {}

    class Head(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            attributes = dict(attrs)
            key = attributes.get("property") or attributes.get("name") if tag == "meta" else None
            if tag == "link" and attributes.get("rel"):
                key = f"link:{attributes['rel']}"
            if key:
                found.setdefault(key, []).append(attributes.get("content") or attributes.get("href") or "")

    Head(convert_charrefs=True).feed(page.read_text(encoding="utf-8"))
    return found


def built_page(site: Path, prefix: str, url: str) -> Path:
    """The file of a page at `url` (directory URLs) in the edition under `prefix`."""
    return site / prefix / url / "index.html"
