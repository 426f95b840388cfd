"""A build split across machines: each edition's share built as a part, in
a job of its own (`scripts/build.py --part ru --part-dir DIR`), then one
join (`--join DIR ...`) that runs the rest and publishes the site, the very
files a build on one machine writes. The CI system runs the jobs; nothing
here schedules anything.

A part is a folder: `site/`, the edition's files where they go in the site
(English at its root, another edition under its `<code>/`), after its
MkDocs build and the edition steps (report_site.steps.edition_steps: the
PDFs first); `offline/`, the edition's pages of the offline edition,
rendered beside the online ones (report_site.offline_edition.language_task),
which the join finishes and zips rather than renders (not with
--html-only); `model.pickle`, what the join needs of the build (its model,
its warnings; publish.EditionBuilt); and `part.json`, written last, which
names the part and says what it was built from: SOURCE_DATE_EPOCH and a
fingerprint of the inputs and settings. The join computes the same
fingerprint from its own checkout and refuses a part built from anything
else, before it reads the part's pickle (a pickle is only read from a part
made from the same code).

What the fingerprint covers: mkdocs.yml, every file of docs/ and of the
translations, the theme overrides, the package's code and data, the lock,
Python's version, and the settings that change what is written
(--publish, --hold-back-drafts, --html-only). Not the machine's fonts and
native libraries: the jobs run on one image (README).

Engine-free: publish.py drives the builds and calls into this module.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from . import editions
from .build_cache import digest
from .problems import BuildFailed

ROOT = Path(__file__).resolve().parents[2]

# Bumped when a part's layout or what its fingerprint covers changes: a join refuses other formats.
PART_FORMAT = "2"
MANIFEST_FILE = "part.json"
MODEL_FILE = "model.pickle"
SITE_FOLDER = "site"
OFFLINE_FOLDER = "offline"  # the edition's pages of the offline edition, for the join to finish

# The code and data every part is built with, beside the pages (paths from the repository's root).
CODE_FOLDERS = ("overrides", "scripts/report_site")
CODE_FILES = ("requirements.lock",)
SKIPPED_NAMES = {"__pycache__"}


@dataclass(frozen=True)
class PartManifest:
    """What part.json says: which edition, made how."""

    format: str
    part: str  # the edition's code
    source_date_epoch: str
    fingerprint: str
    notes: list[str]  # what its steps said of their work (PDFs rendered, reused), for the join's summary

    def write(self, folder: Path) -> None:
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (folder / MANIFEST_FILE).write_text(text, encoding="utf-8")


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and not SKIPPED_NAMES & set(path.relative_to(folder).parts))


def input_fingerprint(config_file: Path, docs_dir: Path, settings: dict[str, bool], root: Path = ROOT) -> str:
    """The SHA-256 of what a build is made from (the module's docstring says
    what): by path relative to each folder and content, never by absolute
    path or time, so that two checkouts of one commit agree."""
    parts: list[str | bytes] = [PART_FORMAT, f"python {sys.version_info.major}.{sys.version_info.minor}",
                                json.dumps(settings, sort_keys=True), "config", config_file.read_bytes()]
    sources = {"docs": docs_dir, "translations": editions.translations_dir(docs_dir),
               **{name: root / name for name in CODE_FOLDERS}}
    for name, folder in sources.items():
        parts.append(f"folder {name}")
        for path in _files(folder) if folder.is_dir() else []:
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    for name in CODE_FILES:
        path = root / name
        parts += [f"file {name}", path.read_bytes() if path.is_file() else b""]
    return digest(parts)


def read_manifest(folder: Path) -> PartManifest:
    """A part's manifest, or BuildFailed naming the folder if it is not one."""
    path = folder / MANIFEST_FILE
    if not path.is_file():
        raise BuildFailed(f"{path}: no such file (expected a part: a folder written by scripts/build.py --part)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PartManifest(**{name: data[name] for name in PartManifest.__dataclass_fields__})
    except (ValueError, KeyError, TypeError) as error:
        raise BuildFailed(f"{path}: not a part's manifest ({error}; expected the JSON scripts/build.py --part "
                          "writes)") from None


def check_parts(folders: Iterable[Path], expected: list[str], source_date_epoch: str,
                fingerprint: str) -> dict[str, Path]:
    """Each edition's part folder, by code, in the order of `expected` (the
    editions this join builds), having checked that every part is there once
    and was made from what the join is made from; otherwise BuildFailed with
    one line a problem."""
    problems: list[str] = []
    found: dict[str, Path] = {}
    for folder in folders:
        try:
            manifest = read_manifest(folder)
        except BuildFailed as refusal:
            problems.append(str(refusal))
            continue
        shown = folder / MANIFEST_FILE
        if manifest.format != PART_FORMAT:
            problems.append(f"{shown}: format: {manifest.format!r} (expected {PART_FORMAT!r}, this join's: "
                            "build the parts with the same scripts/build.py as the join)")
        elif manifest.part not in expected:
            problems.append(f"{shown}: part: {manifest.part!r} is not an edition of this build (expected one of "
                            f"{', '.join(expected)})")
        elif manifest.part in found:
            problems.append(f"{shown}: part: {manifest.part!r} again, also in {found[manifest.part]} "
                            "(expected each edition's part once)")
        elif manifest.source_date_epoch != source_date_epoch:
            problems.append(f"{shown}: source_date_epoch: {manifest.source_date_epoch} (expected {source_date_epoch}, "
                            "the join's: give every job the same SOURCE_DATE_EPOCH, or none in a checkout of one commit)")
        elif manifest.fingerprint != fingerprint:
            problems.append(f"{shown}: fingerprint: {manifest.fingerprint[:16]}, built from other pages, code or "
                            f"settings (expected {fingerprint[:16]}, the join's: build every part and the join from "
                            "one commit with the same --publish, --hold-back-drafts and --html-only)")
        else:
            found[manifest.part] = folder
    missing = [code for code in expected if code not in found]
    if missing:
        problems.append(f"--join: no part for {', '.join(missing)} (expected one folder for each edition: "
                        f"{', '.join(expected)})")
    if problems:
        raise BuildFailed("\n".join(problems))
    return {code: found[code] for code in expected}


def merge_sites(parts: dict[str, Path], target: Path, subfolder: str = SITE_FOLDER) -> None:
    """Each part's site/ (or its offline/) copied into target, modes kept. The
    editions' folders never overlap; a file in two parts is refused rather
    than overwritten."""
    owner: dict[str, str] = {}
    for code, folder in parts.items():
        site = folder / subfolder
        for path in sorted(site.rglob("*")):
            if not path.is_file():
                continue
            relative = path.relative_to(site).as_posix()
            if relative in owner:
                raise BuildFailed(f"{site / relative}: also in part {owner[relative]!r} "
                                  "(expected each file of the site in one part)")
            owner[relative] = code
    for folder in parts.values():
        shutil.copytree(folder / subfolder, target, dirs_exist_ok=True)
