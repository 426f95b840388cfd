"""The author's preview, `mkdocs serve --dirty` (guides/authoring.md): a
save shows in the served page, a mistake is refused with the usual
message, and a build that renders only what a save changed writes the
same site as one that renders every page. Real `mkdocs serve` and real
builds, each in a process of its own (the plugin keeps state between the
builds of one process). No timing: scripts/bench.py measures the speed."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from support import ROOT, assert_problem, config_for, edit, line_of, replace_once, tree_digest

MEETING = "meetings/london-2014/index.md"
REPORT = "meetings/london-2014/report.md"
REPORT_URL = "meetings/london-2014/report/"
FIRST_PARAGRAPH = "On 21 October International Alert and Conciliation Resources brought together"
WAIT_SECONDS = 600  # a whole build of the site, on a busy machine, before the first page is served

# Builds as `mkdocs serve` runs them (its address, drafts shown), in one process: the
# first, then another each time a line comes in on stdin; "built" or "failed" after each.
SERVE_BUILDS = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
config_file, site_dir, build_type = sys.argv[1:]
url = "http://127.0.0.1:8000/"
startup = True
for _ in iter(lambda: startup or sys.stdin.readline(), ""):
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = url
    if startup:
        config.plugins.on_startup(command="serve", dirty=build_type == "dirty")
        startup = False
    try:
        build(config, serve_url=url, dirty=build_type == "dirty")
        print("built", flush=True)
    except Abort as error:
        print("failed", str(error).replace(chr(10), " "), flush=True)
"""


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(condition: Callable[[], bool], what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {WAIT_SECONDS} s; serve said:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:  # not serving yet, or holding requests while it builds
        return ""


@contextmanager
def _serving(config: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve --dirty` on `config`, as the authoring guide runs it; its address."""
    port = _free_port()
    with log.open("w") as output:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
                                    "-a", f"127.0.0.1:{port}"], stdout=output, stderr=subprocess.STDOUT,
                                   env=_environment(), cwd=config.parent)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=60)


def _sentence(number: int) -> str:
    return f"A sentence saved in the preview, number {number}."


def test_a_save_shows_in_the_served_page_and_a_mistake_is_refused(docs_copy: Path, tmp_path: Path) -> None:
    config = config_for(docs_copy, tmp_path)
    log = tmp_path / "serve.log"
    with _serving(config, log) as address:
        report = address + REPORT_URL
        _wait_for(lambda: FIRST_PARAGRAPH in _page(report), "the first build", log)
        assert "Preview: each save" in log.read_text()  # what the preview skips, said once

        edit(docs_copy, REPORT, replace_once(FIRST_PARAGRAPH, f"{_sentence(1)} {FIRST_PARAGRAPH}"))
        _wait_for(lambda: _sentence(1) in _page(report), "an edit of the report", log)

        # A mistake in the front-matter: the usual message (MkDocs then holds the page
        # until the mistake is put right).
        date_line = line_of(docs_copy, MEETING, "date:")
        edit(docs_copy, MEETING, lambda text: re.sub(r"(?m)^date: \S+", "date: 2014-02-30", text, count=1))
        _wait_for(lambda: "impossible date" in log.read_text(), "the mistake's message", log)
        assert_problem(log.read_text(), MEETING, date_line, "date", "impossible date")

        # Put right, the preview goes on.
        edit(docs_copy, MEETING, lambda text: text.replace("date: 2014-02-30", (ROOT / "docs" / MEETING).read_text(
            encoding="utf-8").splitlines()[date_line - 1], 1))
        edit(docs_copy, REPORT, replace_once(_sentence(1), _sentence(2)))
        _wait_for(lambda: _sentence(2) in _page(report), "an edit after the mistake was put right", log)


def _full_serve_build(config: Path, site: Path) -> dict[str, str]:
    run = subprocess.run([sys.executable, "-c", SERVE_BUILDS, str(config), str(site), "clean"], input="",
                         capture_output=True, text=True, env=_environment(), timeout=WAIT_SECONDS)
    assert run.stdout.startswith("built"), run.stdout + run.stderr
    return tree_digest(site)


def _organisation_renamed(text: str) -> str:
    return re.sub(r"(?m)^title: (.*)$", r"title: \1 (renamed)", text, count=1)


def _theme_copy(config: Path, tmp_path: Path) -> Path:
    """The theme folder (overrides/) copied for the config to use, so that a test may save its templates."""
    theme = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", theme)
    config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT / "overrides"), str(theme)), encoding="utf-8")
    return theme


def _footer_saved(theme: Path) -> None:
    # Every page shows it; the preview keeps the theme's templates compiled from one build to the next.
    footer = theme / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        '<div class="md-copyright">', f'<div class="md-copyright">{FOOTER_SAVED}', 1), encoding="utf-8")


FOOTER_SAVED = "<span>A template saved in the preview.</span>"


def test_a_preview_build_writes_the_site_a_full_build_writes(docs_copy: Path, tmp_path: Path) -> None:
    """After each kind of save, the pages the preview rendered again and
    those it kept are, together, byte for byte what `mkdocs serve` renders
    from nothing: the navigation, the other pages' titles, the quoted
    sections of a meeting, the theme's templates and the search index included."""
    config = config_for(docs_copy, tmp_path)
    theme = _theme_copy(config, tmp_path)
    site = tmp_path / "preview"
    saves: list[tuple[str, Callable[[Path], None]]] = [
        ("a sentence in the report", lambda docs: edit(docs, REPORT, replace_once(
            FIRST_PARAGRAPH, f"{_sentence(1)} {FIRST_PARAGRAPH}"))),
        ("a sentence in a glossary entry", lambda docs: edit(docs, "glossary/do-no-harm.md",
                                                             lambda text: text + f"\n{_sentence(2)}\n")),
        ("an organisation's title, which the navigation shows",
         lambda docs: edit(docs, "organisations/international-alert.md", _organisation_renamed)),
        ("another sentence in the report", lambda docs: edit(docs, REPORT, replace_once(_sentence(1), _sentence(3)))),
        ("a template of the theme, which every page shows", lambda docs: _footer_saved(theme)),
        ("a sentence in the report after it", lambda docs: edit(docs, REPORT, replace_once(_sentence(3), _sentence(4)))),
    ]
    process = subprocess.Popen([sys.executable, "-c", SERVE_BUILDS, str(config), str(site), "dirty"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=_environment())
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline().startswith("built")
        for number, (save, change) in enumerate(saves):
            change(docs_copy)
            process.stdin.write("again\n")
            process.stdin.flush()
            assert process.stdout.readline().startswith("built"), save
            expected = _full_serve_build(config, tmp_path / f"full-{number}")
            found = tree_digest(site)
            differ = sorted(path for path in expected.keys() | found.keys() if expected.get(path) != found.get(path))
            assert not differ, f"after {save}, the preview's site differs from a full build in: {differ[:10]}"
        assert FOOTER_SAVED in (site / REPORT_URL / "index.html").read_text(encoding="utf-8")
    finally:
        process.kill()
        process.wait()


def test_the_generated_pages_templates_are_read_again_once_saved(tmp_path: Path) -> None:
    """The preview looks at the generated pages' templates once per build (not
    at every use): a template saved since the last build is the one used."""
    from report_site.preparation import _templates_as_saved
    from report_site.site_model import PageMemo

    memo = PageMemo()
    template = tmp_path / "listing.md"
    template.write_text("As first saved.", encoding="utf-8")
    assert _templates_as_saved(memo, tmp_path).get_template("listing.md").render() == "As first saved."
    assert _templates_as_saved(memo, tmp_path) is _templates_as_saved(memo, tmp_path)  # nothing saved: the same
    template.write_text("As saved again.", encoding="utf-8")  # the same size: its modification time tells
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 1_000_000))
    assert _templates_as_saved(memo, tmp_path).get_template("listing.md").render() == "As saved again."

