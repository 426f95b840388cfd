"""A translation's review, as its front-matter records it.

A translation is published unreviewed until a native speaker checks it
against the English. The review is recorded in the translation itself:
`status: reviewed`, `reviewed_by` (a role or an organisation, which readers
are shown) and `reviewed_on` (the day). The schema requires the two fields
with `status: reviewed`; this module adds what a schema cannot say:

- a review recorded on an unreviewed translation is a contradiction;
- a review holds for the English text it was checked against: once the
  English changes (`source_hash` no longer current), `status: reviewed`
  would tell readers something untrue, so it is refused until the change is
  reviewed;
- `reviewed_by` names a role or an organisation, never a private person:
  a value shaped like a personal name (two or three capitalised words, or
  an honorific) is refused, unless it is the name of an organisation this
  site knows;
- a review is not dated in the future.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from .front_matter import FrontMatter
from .problems import Problem

# Honorifics that only ever precede a person's name, in the four languages.
_HONORIFICS = {"dr", "mr", "mrs", "ms", "miss", "prof", "г-н", "г-жа", "госпожа", "господин", "պարոն", "տիկին",
               "օրիորդ", "cənab", "xanım"}
# A word of a name: a capital, then small letters (with a hyphen or apostrophe
# inside: "Ter-Petrosyan", "O'Neill"), or an initial ("A.").
_NAME_WORD = re.compile(r"[^\W\d_][.]|[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+\.?")


def looks_like_a_name(text: str, organisations: Iterable[str] = ()) -> bool:
    """True for "Anna Petrova", "A. Petrova", "Dr Karapetyan"; false for a
    role ("native-speaker reviewer, ..."), an abbreviation ("CRRC") and the
    name of an organisation the site knows."""
    folded = " ".join(text.split()).casefold()
    if folded in {" ".join(name.split()).casefold() for name in organisations}:
        return False
    words = text.split()
    if any(word.rstrip(".").casefold() in _HONORIFICS for word in words):
        return True
    if not 2 <= len(words) <= 3:
        return False
    for word in words:
        if not _NAME_WORD.fullmatch(word) or not word[0].isupper():
            return False
        if len(word) > 2 and word.rstrip(".").isupper():
            return False  # an abbreviation: an organisation's, not a person's
    return True


def review_problems(front: FrontMatter, display: str, english_path: str, current_hash: str,
                    organisations: Iterable[str] = (), today: datetime.date | None = None) -> list[Problem]:
    """What is wrong with the review a translation records (its schema
    already checked): every problem, each at its field's line."""
    data = front.data
    problems: list[Problem] = []
    reviewed = data.get("status") == "reviewed"

    def problem(field: str, message: str) -> None:
        line, column = front.position((field,))
        problems.append(Problem(display, line, column, field, message))

    if not reviewed:
        for field in ("reviewed_by", "reviewed_on"):
            if field in data:
                problem(field, f"a review is recorded but status is {data.get('status')!r} (expected status: reviewed "
                               "with reviewed_by and reviewed_on, or neither field until a review)")
        return problems
    if data.get("source_hash") != current_hash:
        problem("status", f"'reviewed', but the English page docs/{english_path} changed since the translation was made "
                          f"(source_hash {data.get('source_hash')}, the English is now {current_hash}): the review does not "
                          f"cover the change (expected status: unreviewed until a reviewer checks it; `python "
                          f"scripts/translations.py diff {data.get('lang')} {data.get('translation_of')}` shows it, then "
                          "record the new review and run mark-current)")
    reviewer = data.get("reviewed_by")
    if isinstance(reviewer, str) and looks_like_a_name(reviewer, organisations):
        problem("reviewed_by", f"{reviewer!r} looks like a person's name (expected the reviewer's role or organisation, "
                               "e.g. 'native-speaker reviewer, <organisation>': readers are shown it, and a private "
                               "name is never published)")
    day = data.get("reviewed_on")
    if isinstance(day, str):
        try:
            when = datetime.date.fromisoformat(day)
        except ValueError:
            return problems  # the schema reported the impossible date
        if when > (today or datetime.date.today()):
            problem("reviewed_on", f"{day} is in the future (expected the day the review was finished)")
    return problems
