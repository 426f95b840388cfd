"""Shared fixtures: the repository, a real build of it, and scratch copies
of its pages that a test may break."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from report_site.publish import build  # noqa: E402
from report_site.steps import default_steps  # noqa: E402

# Chromium, the served site and the unpacked offline edition for the browser tests.
pytest_plugins = ["browser_fixtures"]

DOCS = ROOT / "docs"
DATA = Path(__file__).resolve().parent / "data"
SOURCE_REPORT = ROOT / "sources" / "meeting-report.txt"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder with the SHA-256 of its bytes (and each mode)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One real build of the repository's pages, shared by the build tests."""
    site = tmp_path_factory.mktemp("built") / "site"
    _BUILT_MODELS[site] = build(site_dir=site, steps=default_steps()).model
    return site


# Kept at build time: any later build in the same process (a test's broken
# copy, a served preview with drafts) replaces mkdocs_adapter.STATE.
_BUILT_MODELS: dict[Path, object] = {}


@pytest.fixture(scope="session")
def built_model(built_site):
    return _BUILT_MODELS[built_site]


@pytest.fixture()
def docs_copy(tmp_path) -> Path:
    """A scratch copy of docs/ that a test may edit."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


@pytest.fixture()
def published_site(tmp_path, built_site) -> Path:
    """A scratch copy of a built site, standing for the one already published."""
    target = tmp_path / "site"
    shutil.copytree(built_site, target)
    return target


def config_for(docs: Path, folder: Path) -> Path:
    """A copy of mkdocs.yml that builds `docs` (for running plain `mkdocs`)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - overrides\n", f"  - {ROOT / 'overrides'}\n")
    text = text.replace("  - scripts/report_site\n", f"  - {ROOT / 'scripts' / 'report_site'}\n")
    text = text.replace("  - scripts/mkdocs_hooks.py", f"  - {ROOT / 'scripts' / 'mkdocs_hooks.py'}")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
