"""Set-up installs exactly requirements.lock, on the real mechanism.

A fresh venv is made the way scripts/setup.sh makes it (the machine's
python3 and the pip it bundles, through scripts/install_python.py), and pip
is asked what installing the lock would install (`--dry-run --report`).
Beside the index, pip is offered a fonttools newer than anything released:
a resolver that lets a package's requirement (WeasyPrint's
`fonttools[woff]>=4.59.2`) pick the newest version over the pin takes it, as
pip 23.2.1 did with fonttools 4.69.1 the day it came out. The install must
not depend on what the index publishes after the lock."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from install_python import ROOT, Installer, locked_block, locked_versions

LOCK = ROOT / "requirements.lock"
NEWER_THAN_ANY = "999.0"


def machine_python() -> str:
    """The python3 set-up runs: the first on PATH that is not this project's venv."""
    venv_bin = (ROOT / ".venv" / "bin").resolve()
    folders = [folder for folder in os.environ.get("PATH", "").split(os.pathsep) if folder and Path(folder).resolve() != venv_bin]
    return shutil.which("python3", path=os.pathsep.join(folders)) or sys._base_executable


def record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def write_wheel(folder: Path, name: str, version: str, metadata_lines: list[str]) -> Path:
    """A minimal, valid pure-Python wheel: to pip, a release of `name` on an index."""
    dist_info = f"{name}-{version}.dist-info"
    files = {
        f"{name}_newer_release/__init__.py": b"",
        f"{dist_info}/METADATA": "\n".join(["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                                            *metadata_lines, ""]).encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: tests/test_setup.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [record_line(path, data) for path, data in files.items()] + [f"{dist_info}/RECORD,,"]
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel


def test_the_lock_is_read_whole():
    """What the installer reads of the lock: every pin, and pip's block with its hashes."""
    text = LOCK.read_text(encoding="utf-8")
    pins = locked_versions(text)
    assert pins["pip"] and pins["fonttools"] and pins["weasyprint"]
    block = locked_block(text, "pip")
    assert block.startswith(f"pip=={pins['pip']} ") and block.count("--hash=sha256:") >= 1
    assert not block.rstrip().endswith("\\") and "# via" not in block


def test_a_fresh_venv_installs_the_locked_versions_whatever_the_index_has_since(tmp_path):
    wheels = tmp_path / "newer-releases"
    wheels.mkdir()
    write_wheel(wheels, "fonttools", NEWER_THAN_ANY, [
        "Provides-Extra: woff",
        'Requires-Dist: brotli>=1.0.1; platform_python_implementation == "CPython" and extra == "woff"',
        'Requires-Dist: zopfli>=0.1.4; extra == "woff"',
    ])
    report = tmp_path / "report.json"
    log = tmp_path / "setup.log"
    # PIP_FIND_LINKS adds the folder to what pip sees beside the index, for every pip the installer runs.
    environment = {**os.environ, "PIP_FIND_LINKS": str(wheels)}
    environment.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [machine_python(), str(ROOT / "scripts" / "install_python.py"), "--venv", str(tmp_path / "venv"),
         "--lock", str(LOCK), "--log", str(log), "--dry-run-report", str(report)],
        capture_output=True, text=True, env=environment, timeout=900)
    assert result.returncode == 0, f"{result.stderr}\n--- setup.log ---\n{log.read_text(errors='replace')[-3000:]}"

    picked = {item["metadata"]["name"].lower().replace("_", "-"): item["metadata"]["version"]
              for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    locked = locked_versions(LOCK.read_text(encoding="utf-8"))
    assert picked.get("fonttools") != NEWER_THAN_ANY, "pip took a fonttools newer than the lock's"
    differ = {name: (picked.get(name), locked.get(name)) for name in set(picked) | set(locked)
              if picked.get(name) != locked.get(name)}
    assert not differ, f"installing the lock would install other versions (picked, locked): {differ}"


def test_a_venv_holding_the_lock_is_left_as_it_is(tmp_path):
    """The record of the last install and the venv's packages decide that a second run has nothing to do;
    an edited lock, or a package the lock does not name, makes it act again."""
    venv = ROOT / ".venv"
    installer = Installer(venv, LOCK, tmp_path / "setup.log", ROOT)
    # As if the last run had installed this lock (the project's own record may be older than an edit of
    # pyproject.toml): the venv holds exactly the lock, set-up has just made sure of it.
    installer.record = tmp_path / "installed-lock.json"
    installer.record.write_text(json.dumps(installer.expected_record()), encoding="utf-8")
    assert installer.up_to_date()

    edited = tmp_path / "requirements.lock"
    edited.write_text(LOCK.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with_edited_lock = Installer(venv, edited, tmp_path / "setup.log", ROOT)
    with_edited_lock.record = installer.record
    assert not with_edited_lock.up_to_date()

    fewer = tmp_path / "fewer.lock"
    text = LOCK.read_text(encoding="utf-8")
    fewer.write_text(text.replace(locked_block(text, "colorama"), ""), encoding="utf-8")
    installer_with_fewer = Installer(venv, fewer, tmp_path / "setup.log", ROOT)
    assert "colorama" not in installer_with_fewer.locked
    # As if the last run had installed this lock: colorama is still there, so the venv is not the lock.
    installer_with_fewer.record = tmp_path / "installed-lock.json"
    installer_with_fewer.record.write_text(json.dumps(installer_with_fewer.expected_record()), encoding="utf-8")
    assert not installer_with_fewer.up_to_date()
