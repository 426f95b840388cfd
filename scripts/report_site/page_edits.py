"""Changes the post-build steps make to the built pages, applied in one pass.

Some facts a page shows exist only after MkDocs has written it: the size
of a download (the PDF is even made from a built page), the content-hashed
name of a purged stylesheet. A step that learns one does not rewrite the
pages itself: it says what to change, as an exact piece of text the
templates render and its replacement (a PageEdit), and `rewrite_pages`
applies every change at once, so each page is read once and written at
most once after the build. Exact text, not patterns: what is replaced is
what a template wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .problems import BuildFailed


@dataclass(frozen=True)
class PageEdit:
    """Replace `old` with `new` wherever a page has it."""

    old: str
    new: str
    # The build error when no page has `old`: the step and the templates disagree.
    unmatched: str


def rewrite_pages(site_dir: Path, edits: Sequence[PageEdit], leave_out: Sequence[Path] = ()) -> None:
    """Apply every edit to every page under site_dir but those under the
    folders in leave_out (another edition's), each page read once and
    written only if it changed. An edit no page has fails the build."""
    matched = [0] * len(edits)
    for page in sorted(site_dir.rglob("*.html")):
        if any(page.is_relative_to(folder) for folder in leave_out):
            continue
        text = page.read_text(encoding="utf-8")
        changed = text
        for index, edit in enumerate(edits):
            if edit.old in changed:
                matched[index] += 1
                changed = changed.replace(edit.old, edit.new)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    unmatched = [edit.unmatched for edit, count in zip(edits, matched, strict=True) if not count]
    if unmatched:
        raise BuildFailed("\n".join(unmatched))
