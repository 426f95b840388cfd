"""requirements.lock still matches pyproject.toml.

pyproject.toml says what the project needs; requirements.lock (written by
scripts/lock_requirements.py) pins every package that installs, with
hashes. These tests fail when the two drift apart: a requirement that the
lock does not satisfy, a package pulled in that the lock does not pin, a
pin that nothing needs any more, or pyproject's dependency lists edited
without a re-lock (the fingerprint in the lock's header)."""

from __future__ import annotations

import copy
import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from lock_requirements import LOCK_FILE, PYPROJECT, dependency_lists, fingerprint, recorded_fingerprint

RELOCK = "run `.venv/bin/python scripts/lock_requirements.py` and commit requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})\b")


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def locked() -> dict[str, tuple[str, list[str]]]:
    """Each pinned package of the lock: its version and its files' hashes."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current: str | None = None
    for line in LOCK_FILE.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            assert current not in pins, f"requirements.lock pins {current} twice"
            pins[current] = (match.group(2), [])
        elif current and (digest := HASH.search(line)):
            pins[current][1].append(digest.group(1))
        elif line and not line.startswith((" ", "#")):
            pytest.fail(f"requirements.lock: {line!r} is not a `name==version` pin ({RELOCK})")
    return pins


def project_requirements() -> list[Requirement]:
    """Every requirement the lock is made from, with markers that apply here."""
    lists = dependency_lists(pyproject())
    requirements = [Requirement(text) for name, texts in lists.items() if name != "project.requires-python" for text in texts]
    return [requirement for requirement in requirements if requirement.marker is None or requirement.marker.evaluate()]


def test_the_lock_records_the_pyproject_it_was_made_from():
    recorded = recorded_fingerprint(LOCK_FILE.read_text(encoding="utf-8"))
    assert recorded is not None, f"requirements.lock has no fingerprint line: {RELOCK}"
    assert recorded == fingerprint(pyproject()), f"pyproject.toml's dependency lists changed since the lock was written: {RELOCK}"


def test_the_fingerprint_follows_the_dependency_lists_and_nothing_else():
    original = pyproject()
    for edit in (
        lambda data: data["project"]["dependencies"].append("rich==14.0.0"),
        lambda data: data["project"]["dependencies"].__setitem__(0, data["project"]["dependencies"][0].replace("==", ">=")),
        lambda data: data["project"]["optional-dependencies"]["test"].pop(),
        lambda data: data["build-system"].__setitem__("requires", ["setuptools>=80"]),
        lambda data: data["project"].__setitem__("requires-python", ">=3.12"),
    ):
        changed = copy.deepcopy(original)
        edit(changed)
        assert fingerprint(changed) != fingerprint(original)
    unrelated = copy.deepcopy(original)
    unrelated.setdefault("tool", {})["ruff"] = {"line-length": 88}
    unrelated["project"]["description"] = "another description"
    assert fingerprint(unrelated) == fingerprint(original)


def test_every_pin_has_hashes():
    pins = locked()
    assert len(pins) >= 40, "the lock pins the transitive packages too, not only pyproject's"
    assert [name for name, (_, hashes) in pins.items() if not hashes] == [], "pip install --require-hashes needs a hash for every pin"


def test_every_requirement_of_pyproject_is_pinned_by_the_lock_with_a_version_it_allows():
    pins = locked()
    requirements = project_requirements()
    assert {"mkdocs", "properdocs", "jinja2", "markdown", "pytest", "ruff", "mypy", "pip-tools", "setuptools"} <= {
        canonicalize_name(requirement.name) for requirement in requirements}
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"pyproject.toml requires {requirement}, which requirements.lock does not pin: {RELOCK}"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"pyproject.toml requires {requirement}, requirements.lock pins {name}=={version}: {RELOCK}")


def test_the_lock_is_exactly_what_pyproject_pulls_in():
    """Walk the installed packages' own requirements from pyproject's: every
    package reached is pinned at a version it allows, and every pin is reached."""
    pins = locked()
    reached: set[tuple[str, frozenset[str]]] = set()
    pending = [(requirement, frozenset(requirement.extras)) for requirement in project_requirements()]
    while pending:
        requirement, extras = pending.pop()
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} ({requirement}) is installed but requirements.lock does not pin it: {RELOCK}"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{requirement} does not allow the locked {name}=={pins[name][0]}: {RELOCK}")
        if (name, extras) in reached:
            continue
        reached.add((name, extras))
        for text in metadata.requires(name) or []:
            needed = Requirement(text)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in ("", *extras)):
                pending.append((needed, frozenset(needed.extras)))
    unreached = set(pins) - {name for name, _ in reached}
    assert unreached == set(), f"requirements.lock pins packages nothing requires any more: {RELOCK}"


def test_this_environment_was_installed_from_the_lock():
    """scripts/setup.sh installs the lock; a package at another version means
    the tests are not running on what the lock says."""
    differing = {}
    for name, (version, _) in locked().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            differing[name] = (version, installed)
    assert differing == {}, f"locked version, installed version: run scripts/setup.sh ({differing})"
