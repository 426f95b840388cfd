"""The README and the guides beside it are where code, comments and messages
send a reader: every such pointer leads somewhere that exists.

- A reference to a section, written `(README, "Heading")` or
  `(guides/authoring.md, "Heading")` (any quotes: "", “”, «», *…*), in the
  code, its comments, messages and templates, in the configuration and in
  the guides themselves, names a heading of that file.
- A file a guide or the README names in backticks under scripts/ or tests/
  exists, and so does a bare module name (`publishing.py`) somewhere there.
- A relative Markdown link between the README and the guides leads to a
  file that exists and, with a #fragment, to one of its headings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import ROOT

GUIDES = sorted((ROOT / "guides").glob("*.md"))
DOCUMENTS = [ROOT / "README.md", *GUIDES]
# Where references to the README and the guides are written.
REFERRING = [ROOT / "scripts", ROOT / "tests", ROOT / "overrides", ROOT / "guides", ROOT / "README.md",
             ROOT / "mkdocs.yml", ROOT / "pyproject.toml", ROOT / "BENCHMARKS.md", ROOT / ".ci"]
SUFFIXES = {".py", ".yaml", ".yml", ".toml", ".md", ".html", ".js", ".css", ".sh", ""}

# (README, "Heading"), README “Heading”, the README's *Heading* section,
# guides/translating.md, «Heading»; the heading may run over a comment's line break.
QUOTES = {'"': '"', "“": "”", "«": "»", "*": "*"}
SECTION_REFERENCE = re.compile(
    r"(?P<file>\bREADME(?:\.md)?|\bguides/[\w-]+\.md)(?:'s)?(?:,|[ \t])[ \t]*(?:\n[ \t]*(?:#|//|\*)?[ \t]*)?"
    r"(?P<open>[\"“«*])(?P<section>[^\"“”«»*]{1,100}?)[\"”»*]")
GUIDE_MENTION = re.compile(r"\bguides/[\w.-]+")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
REPO_PATH = re.compile(r"(?<![\w/.])((?:scripts|tests)/[\w./-]*[\w/])")
MODULE_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.py$")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def referring_files() -> list[Path]:
    files = []
    for place in REFERRING:
        found = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        files += [p for p in found if p.suffix in SUFFIXES and "__pycache__" not in p.parts
                  and p.resolve() != Path(__file__).resolve()]
    return files


def prose(path: Path) -> str:
    """The Markdown of a document without its fenced code blocks."""
    return re.sub(r"^```.*?^```[ \t]*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def headings(path: Path) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^#{1,6} (.+?)#*$", prose(path), re.MULTILINE)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower().replace("`", "")).replace(" ", "-")


def section_references() -> list[tuple[str, str, str]]:
    """(where, file referred to, heading) for every section reference."""
    found = []
    for path in referring_files():
        text = path.read_text(encoding="utf-8")
        for match in SECTION_REFERENCE.finditer(text):
            section = re.sub(r"\s*\n\s*(?:#|//|\*)?\s*", " ", match.group("section")).strip()
            target = "README.md" if match.group("file").startswith("README") else match.group("file")
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", target, section))
    return found


@pytest.mark.parametrize(("text", "target", "section"), [
    ('(README, "Licences")', "README.md", "Licences"),
    ("README, \u00abEditions in four languages\u00bb.", "README.md", "Editions in four languages"),
    ("see the README's *Benchmarks* section", "README.md", "Benchmarks"),
    ('in requirements.lock (guides/architecture.md, "Set-up and\n# the lock"); tests', "guides/architecture.md",
     "Set-up and the lock"),
    ("(guides/translating.md, \u201cAdding a language\u201d)", "guides/translating.md", "Adding a language"),
], ids=["straight quotes", "guillemets", "asterisks", "over a comment's line break", "curly quotes"])
def test_a_section_reference_is_read_however_it_is_written(text, target, section):
    match = SECTION_REFERENCE.search(text)
    assert match and match.group("file").replace("README", "README.md").replace(".md.md", ".md") == target
    assert re.sub(r"\s*\n\s*(?:#|//|\*)?\s*", " ", match.group("section")).strip() == section


def test_a_file_name_is_not_a_section_reference():
    assert SECTION_REFERENCE.search('README = ROOT / "README.md"\nBEGIN = "<!-- x -->"') is None
    assert SECTION_REFERENCE.search('readme = "README.md"\n# The code only') is None


def test_section_references_are_found():
    """The code refers to the guides in several places (else the test below checks nothing)."""
    assert len({(target, section) for _, target, section in section_references()}) >= 5


def test_every_section_reference_names_an_existing_heading():
    wrong = []
    for where, target, section in section_references():
        path = ROOT / target
        if not path.is_file():
            wrong.append(f"{where}: {target} does not exist")
        elif section not in headings(path):
            wrong.append(f"{where}: {target} has no heading {section!r} (its headings: {', '.join(headings(path))})")
    assert not wrong, "\n".join(wrong)


def test_every_guide_mentioned_exists():
    wrong = []
    for path in referring_files():
        for match in GUIDE_MENTION.finditer(path.read_text(encoding="utf-8")):
            name = match.group(0).rstrip(".")
            if not (ROOT / name).exists():
                wrong.append(f"{path.relative_to(ROOT)}: {name} does not exist")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_file_named_in_backticks_exists(document):
    modules = {p.name for p in (ROOT / "scripts").rglob("*.py")} | {p.name for p in (ROOT / "tests").rglob("*.py")}
    missing = []
    for span in CODE_SPAN.findall(document.read_text(encoding="utf-8")):
        for path in REPO_PATH.findall(span):
            if "<" not in path and "*" not in path and not (ROOT / path).exists():
                missing.append(path)
        if MODULE_NAME.match(span) and span not in modules:
            missing.append(span)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_relative_links_lead_to_a_file_and_heading(document):
    broken = []
    for link in LINK.findall(prose(document)):
        if re.match(r"[a-z]+:", link):
            continue
        file_part, _, fragment = link.partition("#")
        target = (document.parent / file_part).resolve() if file_part else document
        if not target.exists():
            broken.append(f"{link}: no such file")
        elif fragment and target.suffix == ".md" and fragment not in {slug(h) for h in headings(target)}:
            broken.append(f"{link}: no heading with the anchor #{fragment}")
    assert not broken, "\n".join(broken)
