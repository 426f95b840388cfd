"""Unit tests of report_site.quotations and markdown_scan.section_words:
words shown as the report's are the report's, in the section they cite."""

from __future__ import annotations

from report_site import schema
from report_site.markdown_scan import section_words
from report_site.quotations import NotInReport, OtherSection, ReportWords, check_quotation, misquoted_in, quoted_parts

REPORT = """
!!! note "Editorial note"
    The section headings are this edition's words.

## Context {#context}

On 21 October the *partners* met in [London](https://example.org).

## Participants {#participants}

The meeting was attended by the experts of the Comparative Learning Unit (CLU)
and media experts.

## Key messages {#key-messages}

Participants stressed that contact is vital.
{: #msg-contact }

### A subsection

Words under a deeper heading.
"""

CORRECTIONS = [{"original": "Comparative Learning Group (CLU)", "corrected": "Comparative Learning Unit (CLU)", "note": "n"}]


def words() -> ReportWords:
    return ReportWords.of(REPORT, CORRECTIONS)


def test_sections_hold_their_words_without_markup_or_notes():
    whole, sections = section_words(REPORT)
    assert sections["context"] == "On 21 October the partners met in London."
    assert sections["msg-contact"] == "Participants stressed that contact is vital."
    assert "Words under a deeper heading." in sections["key-messages"]
    assert "deeper heading" not in sections["participants"]
    assert "edition's words" not in whole  # an editorial note is not the report's text


def test_words_in_the_cited_section_pass_across_line_breaks_and_markup():
    assert check_quotation("the *partners* met in London", "context", words()) is None
    assert check_quotation("experts of the Comparative Learning Unit (CLU) and media", "participants", words()) is None
    assert check_quotation("contact is vital", None, words()) is None


def test_the_sources_wording_that_the_report_corrects_still_counts():
    assert check_quotation("the experts of the Comparative Learning Group (CLU)", "participants", words()) is None


def test_words_the_report_does_not_have_are_refused_with_the_closest_passage():
    found = check_quotation("the experts of the Comparative Learning Units", "participants", words())
    assert isinstance(found, NotInReport)
    assert found.closest == "the experts of the Comparative Learning Unit"
    assert check_quotation("regional specialists", "participants", words()) == NotInReport("")


def test_an_editorial_note_is_no_quotation_of_the_report():
    assert isinstance(check_quotation("the section headings are this edition's words", None, words()), NotInReport)


def test_the_right_words_under_the_wrong_section_name_the_narrowest_right_one():
    found = check_quotation("contact is vital", "context", words())
    assert found == OtherSection(["msg-contact", "key-messages"])


def test_the_schema_declares_which_fields_are_the_reports_words_and_their_anchor():
    assert list(schema.report_word_fields("group")) == [(("report_name",), ("anchor",))]
    assert list(schema.report_word_fields("message")) == [(("passages", "*", "quote"), ("passages", "*", "anchor"))]
    assert list(schema.report_word_fields("organisation")) == []


def test_quotations_in_running_text_are_found_with_their_elisions():
    text = "Participants stressed that “contact is vital.” and «the partners (…) in London»; not ‘this’ alone."
    assert quoted_parts(text) == [("contact is vital.", "contact is vital"),
                                  ("the partners (…) in London", "the partners"), ("the partners (…) in London", "in London")]


def test_a_quotation_in_running_text_must_be_the_reports_words():
    assert misquoted_in("They met “in London” and said “contact is vital”.", words()) == []
    assert misquoted_in("They said “contact is essential” (…).", words()) == [("contact is essential", "contact is vital.")]
    assert misquoted_in("They said “contact is vital … the partners met”.", words()) == []
    assert misquoted_in("No quotation here, only contact.", words()) == []


def test_the_schema_declares_which_free_text_may_quote_the_report():
    assert ("description",) in schema.quoting_fields("group")
    assert {("date_note",), ("messages_origin",), ("aims", "*")} <= set(schema.quoting_fields("meeting"))
    assert ("corrections", "*", "note") in schema.quoting_fields("report")
    assert ("title",) not in schema.quoting_fields("group")
