"""Links to other sites carry rel="noopener noreferrer".

`noopener` keeps the other site from steering this tab through
window.opener; `noreferrer` keeps it from learning which page of this site
a reader came from, which for this readership can itself be sensitive.
"""

from __future__ import annotations

import re

ANCHOR_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
REL = re.compile(r"""\srel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
REQUIRED = ("noopener", "noreferrer")


def is_external(href: str) -> bool:
    return EXTERNAL.match(href) is not None


def _with_rel(tag: str) -> str:
    href = HREF.search(tag)
    if not href or not is_external(next(group for group in href.groups() if group is not None)):
        return tag
    rel = REL.search(tag)
    if rel is None:
        closing = "/>" if tag.endswith("/>") else ">"
        return tag[: -len(closing)] + f' rel="{" ".join(REQUIRED)}"' + closing
    values = next(group for group in rel.groups() if group is not None).split()
    values += [value for value in REQUIRED if value not in values]
    return tag[: rel.start()] + f' rel="{" ".join(values)}"' + tag[rel.end():]


def mark_external_links(html: str) -> str:
    """The page's HTML with every link to another site carrying the rel values."""
    return ANCHOR_TAG.sub(lambda match: _with_rel(match.group(0)), html)
