"""A meeting's date as the front-matter must write it (YYYY-MM-DD), and
what its date note may say of it.

One place knows both: the schema's message for a date written another way
(with the ISO form of what was written, when it reads as a date), and the
check that a note naming years names the date's own.
"""

from __future__ import annotations

import datetime
import re

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The ways an author writes a date in words or figures that read one way only
# (day before month where both are figures is not among them: 03/04/2014 is ambiguous).
_OTHER_FORMS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%b %d %Y", "%b %d, %Y",
                "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y %m %d")

# A year in prose: four figures on their own, 1900-2099.
_YEAR = re.compile(r"(?<![\d-])(?:19|20)\d\d(?![\d-])")


def iso_form(written: str) -> str | None:
    """The YYYY-MM-DD form of a date written another way ('18 December 2014'),
    or None when it does not read as one real date."""
    text = " ".join(written.replace(",", ", ").split()).replace(" ,", ",")
    for form in _OTHER_FORMS:
        try:
            return datetime.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return None


def date_problem(written: str) -> tuple[str, str]:
    """(what is wrong, what to write instead) for a value that is not a real YYYY-MM-DD date."""
    if ISO_DATE.match(written):
        return f"impossible date {written!r}", "expected a real calendar date written YYYY-MM-DD"
    iso = iso_form(written)
    instead = f": {iso}" if iso else ", e.g. 2014-10-21"
    return f"{written!r} is not written YYYY-MM-DD", f"expected the date as year-month-day in figures{instead}"


def years_named(note: str) -> list[str]:
    """The years a note names, in order, each once."""
    return list(dict.fromkeys(_YEAR.findall(note)))


def note_contradiction(date: str, note: str) -> str | None:
    """What a date note says against the date, or None: a note that names
    years but not the date's own speaks of another date."""
    if not ISO_DATE.match(date):
        return None  # the schema says what is wrong with the date itself
    named = years_named(note)
    year = date[:4]
    if named and year not in named:
        return (f"names {' and '.join(named)} but not {year}, the year of date: {date} "
                f"(expected a note that names {year}, or the date corrected to the one the note gives)")
    return None
