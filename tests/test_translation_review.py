"""A translation's review record (report_site.translation_review and the
schema's `translation:` fields): who reviewed it, as a role or an
organisation and never a person's name, when, and only while the English
is the one the review covered. Unit level: front-matter parsed from small
texts, no build."""

from __future__ import annotations

import datetime

import pytest

from report_site import schema
from report_site.front_matter import split_front_matter
from report_site.translation_review import looks_like_a_name, review_problems

DISPLAY = "translations/ru/about.md"
HASH = "dad943ff196c"


def front(fields: str):
    text = f"---\ntranslation_of: about\nlang: ru\n{fields}source_hash: {HASH}\ntitle: Об издании\n" \
           "description: Кто публикует это издание и как оно подготовлено.\n---\n\nТекст.\n"
    parsed, problems = split_front_matter(text, DISPLAY)
    assert parsed is not None and not problems, problems
    return parsed


REVIEWED = "status: reviewed\nreviewed_by: независимый рецензент, носитель русского языка\nreviewed_on: 2026-11-30\n"


@pytest.mark.parametrize("text", ["Anna Petrova", "A. Petrova", "Анна Петрова", "Petrova, A.", "Dr Karapetyan",
                                  "Աննա Պետրոսյան", "Aynur Məmmədova", "Ter-Petrosyan Levon", "Г-н Иванов"])
def test_a_personal_name_is_recognised_in_each_script(text):
    assert looks_like_a_name(text.replace(",", ""))


@pytest.mark.parametrize("text", ["native-speaker reviewer, CRRC", "независимый рецензент, носитель русского языка",
                                  "CRRC Armenia", "Caucasus Research Resource Center", "International Alert",
                                  "ադրբեջանցի խմբագիր, լրատվական կենտրոն", "Internews", "redaktor, ana dili azərbaycan dili"])
def test_a_role_or_an_organisation_is_not_a_name(text):
    assert not looks_like_a_name(text, organisations=["International Alert"])


def test_an_organisation_shaped_like_a_name_passes_only_when_the_site_knows_it():
    assert looks_like_a_name("Conciliation Resources")
    assert not looks_like_a_name("Conciliation  Resources", organisations=["Conciliation Resources"])


def test_a_current_review_by_a_role_has_no_problem():
    assert review_problems(front(REVIEWED), DISPLAY, "about.md", HASH) == []


def test_a_review_of_an_english_text_that_changed_since_is_refused_at_its_status_line():
    problems = review_problems(front(REVIEWED), DISPLAY, "about.md", "0123456789ab")
    assert [(p.line, p.field) for p in problems] == [(4, "status")]
    message = problems[0].message
    assert "the English page docs/about.md changed since" in message and "diff ru about" in message
    assert "expected status: unreviewed" in message


def test_a_reviewer_given_by_name_is_refused_with_what_to_write_instead():
    problems = review_problems(front(REVIEWED.replace("независимый рецензент, носитель русского языка", "Анна Петрова")),
                               DISPLAY, "about.md", HASH)
    assert [(p.line, p.field) for p in problems] == [(5, "reviewed_by")]
    assert "looks like a person's name" in problems[0].message and "role or organisation" in problems[0].message


def test_a_review_recorded_on_an_unreviewed_translation_is_a_contradiction():
    problems = review_problems(front(REVIEWED.replace("status: reviewed", "status: unreviewed")), DISPLAY, "about.md", HASH)
    assert [p.field for p in problems] == ["reviewed_by", "reviewed_on"]
    assert "status is 'unreviewed'" in problems[0].message


def test_a_review_dated_in_the_future_is_refused():
    problems = review_problems(front(REVIEWED), DISPLAY, "about.md", HASH, today=datetime.date(2026, 11, 29))
    assert [(p.field, p.message.split(" (")[0]) for p in problems] == [("reviewed_on", "2026-11-30 is in the future")]


@pytest.mark.parametrize("missing", ["reviewed_by", "reviewed_on"])
def test_the_schema_wants_who_and_when_with_status_reviewed(missing):
    fields = "".join(line + "\n" for line in REVIEWED.splitlines() if not line.startswith(missing))
    problems = schema.validate_translation(front(fields), DISPLAY, "page")
    assert [(p.field, p.message) for p in problems] == [
        (missing, "missing required field (expected the reviewer's role or organisation and the day, since status is reviewed)")]


def test_the_schema_checks_the_review_fields_shapes():
    problems = schema.validate_translation(front(REVIEWED.replace("2026-11-30", "2026-02-30").replace(
        "независимый рецензент, носитель русского языка", "РФ")), DISPLAY, "page")
    assert sorted((p.field, p.message.split(" (")[0]) for p in problems) == [
        ("reviewed_by", "invalid value 'РФ'"), ("reviewed_on", "impossible date '2026-02-30'")]
