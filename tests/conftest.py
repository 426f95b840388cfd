"""Fixtures only (helpers: tests/support.py): a real build of the
repository, and scratch copies of its pages and of the built site that a
test may break."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from report_site import pagefind_search
from report_site.publish import BuildResult, build
from report_site.site_model import SiteModel
from report_site.steps import default_steps
from support import DATA, DOCS, once_per_run

# Chromium, the served site and the unpacked offline edition for the browser tests.
pytest_plugins = ["browser_fixtures"]

# The date every build of the session gives itself, set before any build: a build takes
# SOURCE_DATE_EPOCH from the last commit otherwise, and a commit made while the suite runs would
# date two builds of the same pages differently. 2015-01-01, not the meeting's date, which is
# what the code falls back to without a date: a step that ignored the variable would show.
# tests/test_reproducible.py checks the session's build against it, and the default (the last
# commit) on its own.
SESSION_SOURCE_DATE_EPOCH = "1420070400"


def pytest_configure(config) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = SESSION_SOURCE_DATE_EPOCH
    # Builds through scripts/build.py keep their PDFs in a cache of the run's own, never the developer's.
    os.environ["REPORT_SITE_CACHE_DIR"] = tempfile.mkdtemp(prefix="report-site-test-cache-")


def pytest_unconfigure(config) -> None:
    cache = os.environ.pop("REPORT_SITE_CACHE_DIR", None)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuildResult:
    """One real build of the repository's pages, with every post-build step,
    shared by the build tests (and by every worker of the run): the site and the
    model it was built from."""
    return once_per_run(tmp_path_factory, "built", lambda folder: build(site_dir=folder / "site", steps=default_steps()))


@pytest.fixture(scope="session")
def built_site(built: BuildResult) -> Path:
    return built.site_dir


@pytest.fixture(scope="session")
def built_model(built: BuildResult) -> SiteModel:
    return built.model


@pytest.fixture()
def docs_copy(tmp_path) -> Path:
    """A scratch copy of docs/ that a test may edit."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


@pytest.fixture()
def old_site(tmp_path) -> Path:
    """A folder standing for a site published before, for builds that must leave it alone."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as published before\n", encoding="utf-8")
    return site


@pytest.fixture()
def published_site(tmp_path, built_site) -> Path:
    """A scratch copy of a built site, standing for the one already published."""
    target = tmp_path / "site"
    shutil.copytree(built_site, target)
    return target


@pytest.fixture(scope="session")
def edition_build(tmp_path_factory) -> BuildResult:
    """A real build, every step included, of the repository's pages with this
    suite's own translations beside them (tests/data/translations: a few pages
    in ru, hy and az): the four editions as a reader gets them. Made once a run."""
    def make(project: Path) -> BuildResult:
        shutil.copytree(DOCS, project / "docs")
        shutil.copytree(DATA / "translations", project / "translations")
        return build(docs_dir=project / "docs", site_dir=project / "site", steps=default_steps())
    return once_per_run(tmp_path_factory, "editions", make)


@pytest.fixture(scope="session")
def edition_site(edition_build: BuildResult) -> Path:
    return edition_build.site_dir


@pytest.fixture(scope="session")
def pagefind_edition_build(tmp_path_factory) -> BuildResult:
    """edition_build's pages and translations, every step, each edition made to
    search with Pagefind online (report_site.pagefind_search), which a site of
    one meeting would not choose: lunr's first search is lighter there."""
    def make(project: Path) -> BuildResult:
        shutil.copytree(DOCS, project / "docs")
        shutil.copytree(DATA / "translations", project / "translations")
        steps = [pagefind_search.PagefindIndexes(engine="pagefind")
                 if isinstance(step, pagefind_search.PagefindIndexes) else step
                 for step in default_steps()]
        assert sum(isinstance(step, pagefind_search.PagefindIndexes) for step in steps) == 1
        return build(docs_dir=project / "docs", site_dir=project / "site", steps=steps)
    return once_per_run(tmp_path_factory, "pagefind-editions", make)


@pytest.fixture(scope="session")
def pagefind_site(pagefind_edition_build: BuildResult) -> Path:
    return pagefind_edition_build.site_dir


@pytest.fixture(scope="session")
def collection_build(tmp_path_factory) -> BuildResult:
    """A real build, every step included, of a collection of two meetings: the
    repository's pages and tests/data/second-meeting. Made once a run."""
    def make(root: Path) -> BuildResult:
        shutil.copytree(DOCS, root / "docs")
        shutil.copytree(DATA / "second-meeting", root / "docs", dirs_exist_ok=True)
        return build(docs_dir=root / "docs", site_dir=root / "site", steps=default_steps())
    return once_per_run(tmp_path_factory, "two-meetings", make)
