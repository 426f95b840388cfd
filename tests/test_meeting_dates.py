"""Unit tests of report_site.meeting_dates: a date in another form than
YYYY-MM-DD, and a date note that names another year than the date's."""

from __future__ import annotations

import pytest

from report_site.meeting_dates import date_problem, iso_form, note_contradiction


@pytest.mark.parametrize("written, iso", [
    ("18 December 2014", "2014-12-18"), ("18 Dec 2014", "2014-12-18"), ("December 18, 2014", "2014-12-18"),
    ("2014/12/18", "2014-12-18"), ("2014-12-8", "2014-12-08"), ("18  December  2014", "2014-12-18"),
    ("31 November 2014", None), ("18/12/2014", None), ("next Thursday", None),
])
def test_iso_form_of_a_date_written_another_way(written, iso):
    assert iso_form(written) == iso


def test_a_date_in_words_is_told_its_format_and_its_iso_form():
    assert date_problem("18 December 2014") == (
        "'18 December 2014' is not written YYYY-MM-DD", "expected the date as year-month-day in figures: 2014-12-18")
    assert "e.g. 2014-10-21" in date_problem("soon")[1]


def test_an_impossible_date_written_as_iso_is_called_impossible():
    assert date_problem("2014-02-30")[0] == "impossible date '2014-02-30'"


def test_a_note_naming_another_year_contradicts_the_date():
    found = note_contradiction("2014-12-18", "The Contact Group met in Washington in December 2015.")
    assert found and found.startswith("names 2015 but not 2014")


@pytest.mark.parametrize("note", [
    "The source gives “18 December” and no year.",  # names no year
    "The news item of 19 December 2014 gives the date.",
    "Dated 18 December 2014 by the news item published in January 2015.",  # the date's year among others
])
def test_a_note_that_agrees_with_the_date_passes(note):
    assert note_contradiction("2014-12-18", note) is None
