"""The site builds the same on both engines: MkDocs 1.6.1 (the default) and
ProperDocs 1.6.7 (the maintained fork of MkDocs 1.x; guides/architecture.md, "The engine").

Each engine's own command line builds the repository's mkdocs.yml, as an
author would run it, into a scratch folder. The two outputs must be the same
files with the same bytes, except for one thing each engine names in every
page: the generator line, `<meta name="generator" content="mkdocs-VERSION,
mkdocs-material-VERSION">`, where ProperDocs gives its own name as the
MkDocs version. Only that line is normalised, and only when it is exactly
the one expected."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from support import ROOT

BIN = Path(sys.executable).parent
# The same build date for both, so the sitemap's dates and gzip header agree.
BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1413849600", "NO_MKDOCS_2_WARNING": "1"}
MATERIAL = metadata.version("mkdocs-material")
GENERATOR = {
    "mkdocs": f'<meta name="generator" content="mkdocs-{metadata.version("mkdocs")}, mkdocs-material-{MATERIAL}">',
    "properdocs": f'<meta name="generator" content="mkdocs-ProperDocs {metadata.version("properdocs")}, mkdocs-material-{MATERIAL}">',
}
NORMALISED_GENERATOR = b'<meta name="generator" content="ENGINE, mkdocs-material-VERSION">'


def build_with(engine: str, site_dir: Path) -> subprocess.CompletedProcess[str]:
    command = BIN / engine
    assert command.is_file(), f"{command}: not installed (expected it from requirements.lock: run scripts/setup.sh)"
    return subprocess.run([str(command), "build", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
                          check=False, cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=300)


def files_of(site_dir: Path) -> dict[str, bytes]:
    return {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in sorted(site_dir.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    builds = {}
    for engine in GENERATOR:
        site_dir = tmp_path_factory.mktemp(engine) / "site"
        result = build_with(engine, site_dir)
        assert result.returncode == 0, f"{engine} build failed:\n{result.stderr}"
        assert "WARNING" not in result.stderr and "Traceback" not in result.stderr, f"{engine} build:\n{result.stderr}"
        builds[engine] = files_of(site_dir)
    return builds


def test_both_engines_build_the_same_files(both_builds):
    mkdocs, properdocs = both_builds["mkdocs"], both_builds["properdocs"]
    assert sorted(mkdocs) == sorted(properdocs)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"} <= set(mkdocs)
    assert sum(name.endswith("/index.html") for name in mkdocs) >= 30, "every page of the repository is compared"


def test_each_page_names_its_engine_once_in_the_generator_line(both_builds):
    for engine, files in both_builds.items():
        pages = [name for name in files if name.endswith(".html")]
        expected = GENERATOR[engine].encode()
        assert [name for name in pages if files[name].count(expected) != 1] == [], f"pages without {GENERATOR[engine]}"


def test_the_outputs_are_identical_apart_from_the_generator_line(both_builds):
    def normalised(engine: str, name: str) -> bytes:
        data = both_builds[engine][name]
        return data.replace(GENERATOR[engine].encode(), NORMALISED_GENERATOR) if name.endswith(".html") else data

    differing = [name for name in both_builds["mkdocs"] if normalised("mkdocs", name) != normalised("properdocs", name)]
    assert differing == []
