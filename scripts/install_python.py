#!/usr/bin/env python3
"""Install exactly requirements.lock into .venv, whatever pip the machine's
Python bundles and whatever the index has published since the lock.

    python3 scripts/install_python.py [--venv .venv] [--lock requirements.lock] [--log setup.log]

Run by scripts/setup.sh with the machine's own python3, so it uses the
standard library only. The steps, each skipped when already done:

1. the virtual environment (`python3 -m venv`), kept when it works;
2. the locked pip, hash-checked, installed by whatever pip the venv came
   with: every later step runs the pip the lock names, not the one bundled;
3. every locked package with `--no-deps`: the lock is complete (pip-compile
   wrote every package anything needs), so pip resolves nothing and never
   asks the index what is newest. Resolving is what broke: Python 3.11's
   pip 23.2.1 read WeasyPrint's `fonttools[woff]>=4.59.2` as a requirement
   of its own and took the newest fonttools on the index over the locked one;
4. packages that are installed but not locked (a venv from an older lock)
   are removed, then `pip check` proves that what is installed is consistent;
5. the project itself, editable, with the locked setuptools.

A record of what was installed (the lock's and pyproject's hashes) sits in
the venv: a second run finds it, checks that the venv still holds the
lock, and changes nothing. pip's own output goes to the log file only; the
terminal gets one line a step, and on failure the step, the log and its
last lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_NAME = "meeting-report-site"
# A pin at the start of a line of the lock: `name==version` (pip-compile writes
# no extras and no markers on the lines of a Linux/CPython lock).
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
RECORD_NAME = "installed-lock.json"


class StepFailed(Exception):
    """A set-up step failed; the message names it."""


def canonical_name(name: str) -> str:
    """The name as pip compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock_text: str) -> dict[str, str]:
    """Every package the lock pins, by canonical name."""
    return {canonical_name(match.group(1)): match.group(2)
            for line in lock_text.splitlines() if (match := PIN.match(line))}


def locked_block(lock_text: str, name: str) -> str:
    """The lock's lines for one package: its pin and its hashes, as pip reads them."""
    lines = lock_text.splitlines()
    for index, line in enumerate(lines):
        match = PIN.match(line)
        if match and canonical_name(match.group(1)) == canonical_name(name):
            block = [line]
            while block[-1].rstrip().endswith("\\") and index + len(block) < len(lines):
                block.append(lines[index + len(block)])
            return "\n".join(block).rstrip().rstrip("\\").rstrip() + "\n"
    raise StepFailed(f"the lock pins no {name}: lock again (scripts/lock_requirements.py)")


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def installed_versions(python: Path) -> dict[str, str]:
    """What the venv holds, by canonical name (read by the venv's own Python)."""
    script = ("import importlib.metadata as m, json; "
              "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions() if d.metadata['Name']}))")
    out = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout
    return {canonical_name(name): version for name, version in json.loads(out).items()}


def fingerprint(*files: Path) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


class Installer:
    """One run of the set-up's Python half: its venv, its lock and its log."""

    def __init__(self, venv: Path, lock: Path, log: Path, project: Path) -> None:
        self.venv = venv
        self.lock = lock
        self.log = log
        self.project = project
        self.python = venv_python(venv)
        self.lock_text = lock.read_text(encoding="utf-8")
        self.locked = locked_versions(self.lock_text)
        self.record = venv / RECORD_NAME

    def run(self, step: str, command: list[str]) -> None:
        """Run one command with its output in the log; a failure names the step."""
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"\n$ {' '.join(command)}\n")
            log.flush()
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=self.project)
        if result.returncode != 0:
            shown = " ".join(part for part in command[1:] if not part.startswith(("--disable-pip", "--no-input")))
            raise StepFailed(f"{step}: `python {shown}` exited {result.returncode}")

    def pip(self, step: str, *arguments: str) -> None:
        self.run(step, [str(self.python), "-m", "pip", "--disable-pip-version-check", "--no-input", *arguments])

    def venv_works(self) -> bool:
        if not self.python.exists():
            return False
        try:
            out = subprocess.run([str(self.python), "-c", "import sys; print(sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=60, check=True).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return False
        return out == str(sys.version_info[:2])

    def ensure_venv(self) -> str:
        if self.venv_works():
            return "kept"
        if self.venv.exists():
            # Made by another Python, or broken: a venv cannot be repaired in place.
            shutil.rmtree(self.venv)
        self.run("virtual environment", [sys.executable, "-m", "venv", str(self.venv)])
        return "created"

    def ensure_locked_pip(self) -> str:
        wanted = self.locked.get("pip")
        if wanted is None:
            raise StepFailed("locked pip: requirements.lock pins no pip; lock again (scripts/lock_requirements.py)")
        if installed_versions(self.python).get("pip") == wanted:
            return f"pip {wanted} already"
        with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="locked-pip-", delete=False) as pin:
            pin.write(locked_block(self.lock_text, "pip"))
        try:
            self.pip("locked pip", "install", "--require-hashes", "--no-deps", "-r", pin.name)
        finally:
            Path(pin.name).unlink()
        return f"pip {wanted}"

    def expected_record(self) -> dict[str, str]:
        return {"inputs": fingerprint(self.lock, self.project / "pyproject.toml"), "python": sys.version.split()[0]}

    def up_to_date(self) -> bool:
        """The venv holds the lock as the last run installed it, and nothing else."""
        try:
            if json.loads(self.record.read_text(encoding="utf-8")) != self.expected_record():
                return False
        except (OSError, ValueError):
            return False
        installed = installed_versions(self.python)
        installed.pop(PROJECT_NAME, None)
        return installed == self.locked

    def install_lock(self, report: Path | None = None) -> None:
        extra = ["--dry-run", "--ignore-installed", "--report", str(report)] if report else []
        self.pip("locked packages", "install", "--require-hashes", "--no-deps", *extra, "-r", str(self.lock))

    def remove_unlocked(self) -> list[str]:
        installed = installed_versions(self.python)
        unlocked = sorted(name for name in installed if name not in self.locked and name != PROJECT_NAME)
        if unlocked:
            self.pip("packages no longer locked", "uninstall", "--yes", *unlocked)
        return unlocked

    def check(self) -> None:
        self.pip("pip check", "check")
        installed = installed_versions(self.python)
        installed.pop(PROJECT_NAME, None)
        differ = sorted(name for name in set(installed) | set(self.locked) if installed.get(name) != self.locked.get(name))
        if differ:
            shown = ", ".join(f"{n} {installed.get(n, 'missing')} (locked {self.locked.get(n, 'none')})" for n in differ[:5])
            raise StepFailed(f"installed packages differ from requirements.lock: {shown}")

    def install_project(self) -> None:
        self.pip("the project", "install", "--no-deps", "--no-build-isolation", "--editable", str(self.project))


def say(text: str, end: str = "\n") -> None:
    print(text, end=end, flush=True)


def timed(label: str, action: Callable[[], str | None]) -> None:
    """One line for one step: what it is, what it did, how long it took."""
    say(f"  {label} ... ", end="")
    start = time.monotonic()
    outcome = action()
    say(f"{outcome + ', ' if outcome else ''}{time.monotonic() - start:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--log", type=Path, default=ROOT / "setup.log", help="where pip's output goes")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to install editable (its pyproject.toml)")
    parser.add_argument("--no-project", action="store_true", help="install the lock only")
    parser.add_argument("--dry-run-report", type=Path, default=None,
                        help="make the venv and its locked pip, then only report (pip --dry-run --report) what "
                             "installing the lock would install; for tests/test_setup.py")
    args = parser.parse_args(argv)
    installer = Installer(args.venv.resolve(), args.lock.resolve(), args.log.resolve(), args.project.resolve())
    try:
        if args.dry_run_report:
            installer.ensure_venv()
            installer.ensure_locked_pip()
            installer.install_lock(report=args.dry_run_report.resolve())
            return 0
        say(f"Python packages from {installer.lock.name} into {installer.venv.name}/:")
        timed("virtual environment", installer.ensure_venv)
        if installer.up_to_date():
            say(f"  {len(installer.locked)} packages as locked, nothing to do")
            return 0
        timed("locked pip", installer.ensure_locked_pip)
        timed(f"{len(installer.locked)} locked packages, hash-checked (a minute or two the first time)", installer.install_lock)
        timed("packages no longer locked", lambda: "removed " + ", ".join(removed) if (removed := installer.remove_unlocked()) else "none")
        if not args.no_project:
            timed("the project, editable", installer.install_project)
        timed("pip check and versions against the lock", installer.check)
        installer.record.write_text(json.dumps(installer.expected_record()) + "\n", encoding="utf-8")
    except StepFailed as failure:
        say("failed")
        print(f"Set-up failed at {failure}. pip's output is in {installer.log}; its last lines:", file=sys.stderr)
        try:
            tail = installer.log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        except OSError:
            tail = []
        print("\n".join(f"    {line}" for line in tail), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
