"""What changed in an English page since a translation was made from it.

A translation records the `source_hash` of the English text it was made
from (report_site.translations), not the text itself. The text is found in
git's history: the newest commit in which the English page (followed
through renames) hashes to the recorded value. Its translatable text (the
title, the description, each `x-translatable` field and the body, the
parts `source_hash` covers) is then compared with today's, unit by unit:
a field is one unit, a line of the body is one (a paragraph, as the pages
are written).

Without git, outside a repository, or when no commit has that text (a
shallow clone, a hash typed by hand, a change never committed), it says so
and why: nothing is guessed.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .front_matter import _field_name, split_front_matter
from .site_model import PageRecord, _values_at
from .translations import TRANSLATED_COMMON, source_hash

_CONTEXT = 16  # words and spaces kept either side of a change in a paragraph


class HistoryUnavailable(Exception):
    """The English text a translation was made from cannot be found: why, and what to do."""


@dataclass(frozen=True)
class PastText:
    commit: str
    date: str  # the commit's, YYYY-MM-DD
    path: str  # the English page's path in the repository at that commit
    page: PageRecord


@dataclass(frozen=True)
class Unit:
    """One comparable piece of a page's translatable text."""

    label: str  # "title", "corrections[0].note", "body"
    line: int  # in the page's file
    text: str


def _git(repository: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repository), *args], capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed (expected git: the English text a translation was made from "
                                 "is found in the repository's history)") from None
    if done.returncode != 0:
        raise HistoryUnavailable(f"git {args[0]}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def find_made_from(english_file: Path, wanted_hash: str) -> PastText:
    """The newest commit whose version of `english_file` has the source_hash `wanted_hash`."""
    folder = english_file.parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except HistoryUnavailable as failure:
        if "not a git repository" not in str(failure):
            raise
        raise HistoryUnavailable(f"{english_file} is not in a git repository (expected a clone with its history: "
                                 "a copy without .git, such as a downloaded archive, cannot show what changed)") from None
    relative = english_file.resolve().relative_to(top.resolve()).as_posix()
    log = _git(top, "log", "--follow", "--format=%x00%H %cs", "--name-only", "--", relative)
    looked = 0
    for entry in log.split("\x00")[1:]:
        header, *names = [line for line in entry.splitlines() if line.strip()]
        commit, date = header.split()
        path = names[0] if names else relative
        try:
            text = _git(top, "show", f"{commit}:{path}")
        except HistoryUnavailable:
            continue  # the commit deleted it
        looked += 1
        front, problems = split_front_matter(text, path)
        if front is None or problems or not isinstance(front.data.get("kind"), str):
            continue
        page = PageRecord(path, front)
        try:
            found = source_hash(page)
        except (KeyError, TypeError):
            continue  # a version whose front-matter the schema of today cannot read
        if found == wanted_hash:
            return PastText(commit, date, path, page)
    shallow = _git(top, "rev-parse", "--is-shallow-repository").strip() == "true"
    why = ("this clone is shallow: `git fetch --unshallow` brings the rest of the history, then try again" if shallow else
           "the translation's source_hash was not made from a committed version of the page: it was typed or copied by "
           "hand, or the English was changed and the hash recorded before committing")
    raise HistoryUnavailable(f"no commit of {relative} has the English text with source_hash {wanted_hash} "
                             f"({looked} version(s) looked at; {why})")


def translatable_units(page: PageRecord) -> list[Unit]:
    """The page's translatable text, as `source_hash` covers it, with lines."""
    units = []
    for name in TRANSLATED_COMMON:
        if isinstance(page.meta.get(name), str):
            units.append(Unit(name, page.line_of((name,))[0], page.meta[name]))
    for path in schema.translatable_fields(page.kind):
        for where, value in _values_at(page.meta, path):
            if isinstance(value, str):
                units.append(Unit(_field_name(where), page.line_of(where)[0], " ".join(value.split())))
    lines = page.front.body.replace("\r\n", "\n").split("\n")
    units += [Unit("body", page.front.body_line + number, line.rstrip())
              for number, line in enumerate(lines) if line.strip()]
    return units


def _words_changed(old: str, new: str) -> str:
    """The new text with what changed marked as git's --word-diff does: [-old-]{+new+}."""
    before, after = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    pieces = []
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            # Unchanged words: a few either side of a change, not the whole paragraph.
            kept = before[i1:i2]
            if index == 0 and len(kept) > _CONTEXT:
                kept = ["…", *kept[-_CONTEXT:]]
            elif index == len(opcodes) - 1 and len(kept) > _CONTEXT:
                kept = [*kept[:_CONTEXT], "…"]
            elif len(kept) > 2 * _CONTEXT:
                kept = [*kept[:_CONTEXT], " … ", *kept[-_CONTEXT:]]
            pieces.append("".join(kept))
            continue
        if i2 > i1:
            pieces.append("[-" + "".join(before[i1:i2]) + "-]")
        if j2 > j1:
            pieces.append("{+" + "".join(after[j1:j2]) + "+}")
    return "".join(pieces)


def describe_changes(old: list[Unit], new: list[Unit], new_path: str) -> list[str]:
    """Each change, headed by where it stands in the English page now."""
    keys_old = [(unit.label, unit.text) for unit in old]
    keys_new = [(unit.label, unit.text) for unit in new]
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        where = new[j1] if j1 < len(new) else new[-1] if new else None
        place = f"{new_path}:{where.line}" if where else new_path
        labels = sorted({unit.label for unit in old[i1:i2] + new[j1:j2]})
        lines.append(f"@@ {place} ({', '.join(labels)}) @@")
        lines += [f"- {unit.text}" for unit in old[i1:i2]]
        lines += [f"+ {unit.text}" for unit in new[j1:j2]]
        if tag == "replace" and i2 - i1 == j2 - j1:
            lines += [f"~ {_words_changed(a.text, b.text)}" for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        lines.append("")
    return lines
