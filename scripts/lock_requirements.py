#!/usr/bin/env python3
"""Write requirements.lock: every Python package the site, its tests and the
lock tool itself need, transitive ones and the build backend included,
pinned to one version with the hashes of its files (pip-compile from
pip-tools, pinned in pyproject's `lock` extra).

pyproject.toml says what the project needs; the lock says exactly what gets
installed (scripts/setup.sh installs from it with --require-hashes), so the
same commit installs the same packages next year. The lock's header records
a fingerprint of pyproject's dependency lists: tests/test_lock.py fails when
pyproject changed and nobody re-locked.

    .venv/bin/python scripts/lock_requirements.py            # after editing pyproject's dependencies
    .venv/bin/python scripts/lock_requirements.py --upgrade  # also move every pin to the newest version allowed

The lock is for CPython 3.11 on Linux (x86-64), the machines this project
builds on: pip-compile resolves environment markers for the Python that runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK_FILE = ROOT / "requirements.lock"
LOCKED_EXTRAS = ("test", "lock")
PIP_TOOLS_VERSION = "7.6.2"
COMPILE_COMMAND = ".venv/bin/python scripts/lock_requirements.py"
FINGERPRINT_LABEL = "# pyproject.toml dependency lists, sha256: "


def dependency_lists(pyproject: dict[str, Any]) -> dict[str, list[str]]:
    """What the lock is made from: the build backend, the dependencies and the locked extras."""
    project = pyproject["project"]
    lists = {
        "build-system.requires": list(pyproject["build-system"]["requires"]),
        "project.requires-python": [project.get("requires-python", "")],
        "project.dependencies": list(project.get("dependencies", [])),
    }
    for extra in LOCKED_EXTRAS:
        lists[f"project.optional-dependencies.{extra}"] = list(project.get("optional-dependencies", {}).get(extra, []))
    return lists


def fingerprint(pyproject: dict[str, Any]) -> str:
    """The SHA-256 of those lists; any change to a requirement changes it,
    while the rest of pyproject.toml (tool settings, entry points) does not."""
    canonical = json.dumps(dependency_lists(pyproject), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def recorded_fingerprint(lock_text: str) -> str | None:
    for line in lock_text.splitlines():
        if line.startswith(FINGERPRINT_LABEL):
            return line[len(FINGERPRINT_LABEL):].strip()
    return None


def with_fingerprint(lock_text: str, value: str) -> str:
    """The lock with its fingerprint line put (or replaced) at the end of pip-compile's header."""
    lines = [line for line in lock_text.splitlines() if not line.startswith(FINGERPRINT_LABEL)]
    header_end = next((index for index, line in enumerate(lines) if not line.startswith("#")), len(lines))
    lines[header_end:header_end] = [f"{FINGERPRINT_LABEL}{value}", "#"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upgrade", action="store_true", help="move every pin to the newest version pyproject allows")
    args = parser.parse_args(argv)
    try:
        installed = metadata.version("pip-tools")
    except metadata.PackageNotFoundError:
        installed = None
    if installed != PIP_TOOLS_VERSION:
        print(f"pip-tools {installed or 'is not installed'}: expected pip-tools {PIP_TOOLS_VERSION} "
              "(run scripts/setup.sh, which installs it from the lock)", file=sys.stderr)
        return 1
    command = [
        sys.executable, "-m", "piptools", "compile", str(PYPROJECT.relative_to(ROOT)),
        *(f"--extra={extra}" for extra in LOCKED_EXTRAS),
        "--all-build-deps",  # setuptools too: setup.sh builds the project without isolation
        "--generate-hashes", "--allow-unsafe",  # pip and setuptools pinned like the rest
        "--strip-extras",  # plain pins, usable as constraints
        "--no-emit-index-url", "--no-emit-find-links", "--no-emit-trusted-host",  # nothing of this machine's set-up
        f"--output-file={LOCK_FILE.relative_to(ROOT)}",
        "--quiet",
    ]
    if args.upgrade:
        command.append("--upgrade")
    # pip-compile names this command in the lock's header, not its own.
    result = subprocess.run(command, check=False, cwd=ROOT, env={**os.environ, "CUSTOM_COMPILE_COMMAND": COMPILE_COMMAND})
    if result.returncode != 0:
        print(f"pip-compile failed; {LOCK_FILE.name} may be incomplete: fix the error and run it again.", file=sys.stderr)
        return result.returncode
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    LOCK_FILE.write_text(with_fingerprint(LOCK_FILE.read_text(encoding="utf-8"), fingerprint(pyproject)), encoding="utf-8")
    print(f"Wrote {LOCK_FILE.relative_to(ROOT)}; install it with scripts/setup.sh.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
