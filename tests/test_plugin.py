"""The report-site plugin keeps each build's state to that build: a second
build in the same process (the offline edition's, a test's) cannot change
what the first one built, and the runner hands on the model of the build it
ran."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report_site.mkdocs_plugin import PLUGIN_NAME, ReportSitePlugin
from report_site.publish import BuildFailed, build, run_mkdocs
from report_site.site_model import SiteModel
from support import DATA, DOCS, ROOT, config_for, edit, replace_once

CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(scope="module")
def two_meeting_docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("two-meetings") / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    return docs


def test_a_second_build_leaves_the_first_builds_model_alone(tmp_path, two_meeting_docs):
    first = run_mkdocs(CONFIG, site_dir=str(tmp_path / "first"))
    pages_before = [page.src_path for page in first.model.pages]
    second = run_mkdocs(CONFIG, docs_dir=str(two_meeting_docs), site_dir=str(tmp_path / "second"))
    assert second.model is not first.model
    assert first.model.count("meeting") == 1 and second.model.count("meeting") == 2
    assert [page.src_path for page in first.model.pages] == pages_before
    assert first.config.plugins[PLUGIN_NAME] is second.config.plugins[PLUGIN_NAME], \
        "MkDocs keeps one plugin object per process (it has on_startup): the state must not live on it alone"


def test_the_steps_get_the_model_of_the_build_that_ran_even_when_another_build_runs_between(tmp_path, two_meeting_docs):
    seen: list[SiteModel] = []

    def another_build(model: SiteModel, site_dir: Path) -> None:
        seen.append(model)
        run_mkdocs(CONFIG, docs_dir=str(two_meeting_docs), site_dir=str(tmp_path / "in-between"))

    def record(model: SiteModel, site_dir: Path) -> None:
        seen.append(model)

    result = build(site_dir=tmp_path / "site", steps=[another_build, record])
    assert seen[0] is seen[1] is result.model
    assert result.model.count("meeting") == 1
    assert result.model.docs_dir == DOCS.resolve()


def test_a_configuration_without_the_plugin_is_refused(tmp_path):
    config = config_for(DOCS, tmp_path)
    edit(tmp_path, "mkdocs.yml", replace_once("  - report-site\n", ""))
    with pytest.raises(BuildFailed, match="report-site is not enabled"):
        run_mkdocs(config, site_dir=str(tmp_path / "site"))


def test_the_plugin_refuses_options_it_does_not_have(tmp_path, caplog):
    config = config_for(DOCS, tmp_path)
    edit(tmp_path, "mkdocs.yml", replace_once("  - report-site\n", "  - report-site:\n      drafts: true\n"))
    with pytest.raises(BuildFailed):
        run_mkdocs(config, site_dir=str(tmp_path / "site"))
    assert "Unrecognised configuration name: drafts" in caplog.text


def test_the_entry_point_names_the_plugin():
    from importlib.metadata import entry_points

    (entry,) = [entry for entry in entry_points(group="mkdocs.plugins") if entry.name == PLUGIN_NAME]
    assert entry.load() is ReportSitePlugin
