"""Synthetic collections of meetings, for the benchmark: the real meeting's
folder copied N times with its ids renamed, next to the shared pages."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import yaml

MEETING_FOLDER = "meetings/london-2014"


def _ids_in(folder: Path) -> list[str]:
    ids = []
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1])
        ids.append(front["id"])
    return sorted(ids, key=len, reverse=True)


def _prefixed_id(prefix: str, match: re.Match[str]) -> str:
    return f"{prefix}-{match.group(1)}"


def _prefixed_title(prefix: str, match: re.Match[str]) -> str:
    return f"title: {match.group(1).strip(chr(34))} ({prefix})"


def make_collection(docs_dir: Path, target: Path, meetings: int) -> Path:
    """A docs tree with `meetings` copies of the real meeting (the first is the real one)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target)
    source = docs_dir / MEETING_FOLDER
    ids = _ids_in(source)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    for number in range(2, meetings + 1):
        prefix = f"m{number:04d}"
        folder = target / "meetings" / f"{prefix}"
        for path in source.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            text = pattern.sub(functools.partial(_prefixed_id, prefix), text)
            # Titles stay distinct so that search and navigation see distinct pages.
            text = re.sub(r"^title: (.*)$", functools.partial(_prefixed_title, prefix), text, count=1, flags=re.M)
            out = folder / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return target
