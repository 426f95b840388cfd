"""One grammar of Markdown links (report_site.markdown_links), and the
checks that share it: what one of them sees as a link, all of them see."""

from __future__ import annotations

from report_site import markdown_links, safety
from report_site.front_matter import split_front_matter
from report_site.page_rendering import link_ids
from report_site.preparation import prepare_site
from report_site.site_model import load_site
from report_site.whole_report import whole_report_id
from support import assert_problem, edit, line_of, run_build

GROUP = "meetings/london-2014/groups/clu-experts.md"

def targets(text: str) -> list[str]:
    return [link.target for link in markdown_links.links(text)]


def test_the_forms_a_link_takes():
    text = ("See [the report](report.md#a 'in single quotes') and [a page](<page.md> \"title\").\n"
            "A [long\nlink text](id:clu) and ![a map](map.png).\n"
            "[wiki]: https://en.wikipedia.org/wiki/Peace_(disambiguation)\n"
            "An address with parentheses: [x](https://example.org/a_(b)).\n")
    assert targets(text) == ["report.md#a", "page.md", "id:clu", "map.png",
                             "https://en.wikipedia.org/wiki/Peace_(disambiguation)", "https://example.org/a_(b)"]
    images = [link for link in markdown_links.links(text) if link.is_image]
    assert [link.target for link in images] == ["map.png"]


def test_code_and_footnotes_are_not_links():
    text = "`[in code](nowhere.md)`\n```\n[fenced](nowhere.md)\n```\n[^note]: Word.\n[^other]: javascript:alert(1)\n"
    assert targets(text) == []


def test_positions_are_where_the_target_stands():
    text = "Line one.\nThen [a link](there.md) here.\n"
    (link,) = markdown_links.links(text)
    assert text[link.start:link.end] == "there.md"
    assert markdown_links.LineIndex(text).position(link.start) == (2, 15)


def test_replacing_targets_changes_nothing_else():
    text = "A [b](c.md \"t\") `[d](e.md)` and\n[f]: g.md\n"
    assert markdown_links.replace_targets(text, str.upper) == "A [b](C.MD \"t\") `[d](e.md)` and\n[f]: G.MD\n"


def test_the_link_check_and_the_safety_check_read_the_same_links(docs_copy):
    """A title in single quotes: the link check finds the broken anchor,
    the safety check the script, on the same line."""
    edit(docs_copy, GROUP, lambda text: text + "\nSee [the report](../report.md#no-such-section 'the report').\n"
                                               "Or [this](javascript:alert(1) 'click').\n")
    _, problems = load_site(docs_copy)
    messages = [f"{problem.field}: {problem.message}" for problem in problems]
    assert any("broken anchor" in message for message in messages), messages
    assert any("javascript: link is refused" in message for message in messages), messages
    front, _ = split_front_matter((docs_copy / GROUP).read_text(encoding="utf-8"), GROUP)
    assert front is not None
    assert any("javascript:" in problem.message for problem in safety.check_page(front, GROUP))


def test_id_links_resolve_outside_code_only(docs_copy):
    model, problems = load_site(docs_copy)
    assert problems == []
    page = model.by_src[GROUP]
    text = link_ids("[a](id:clu#top) `[b](id:clu)` [c](id:no-such-page)\n[d]: id:clu\n", page, model)
    assert text == "[a](../../../programmes/clu.md#top) `[b](id:clu)` [c](id:no-such-page)\n[d]: ../../../programmes/clu.md\n"


def test_the_whole_report_points_its_links_within_the_document_or_by_id(docs_copy):
    """Its pages' links, read with the same grammar, all lead into the
    document (#...) or to a page outside it by id (resolved when rendered)."""
    model = prepare_site(docs_copy).model
    page = model.by_id[whole_report_id(model.of_kind("meeting")[0])]
    own = [target for target in targets(page.front.body) if not markdown_links.is_external(target)]
    assert len([target for target in own if target.startswith("#")]) > 10
    assert all(target.startswith(("#", markdown_links.ID_SCHEME)) for target in own), own


# --- What an author who links like a web page is told ------------------------------------

WRONG_LINKS = {
    # written: (words of the message, what it says to write instead)
    "/meetings/london-2014/": ("link from the site's root '/meetings/london-2014/': the site links to a page by its id "
                               "or by the relative path to its .md file", "'id:london-2014' or '../index.md'"),
    "/meetings/london-2014/report/#context": ("link from the site's root", "'id:london-2014-report#context' or '../report.md#context'"),
    "/meetings/london-2015/": ("and no page is at that address", "did you mean 'id:london-2014'?"),
    "../messages/people-to-people-contacts.md": ("no published page meetings/london-2014/messages/people-to-people-contacts.md",
                                                 "did you mean '../messages/people-to-people-contact.md'?"),
    "../report/": ("that is the address of meetings/london-2014/report.md once built", "'id:london-2014-report' or '../report.md'"),
    "../../../organisations/conciliation-resource": ("no file docs/organisations/conciliation-resource",
                                                    "did you mean '../../../organisations/conciliation-resources.md'?"),
}


def test_a_link_written_as_an_address_or_misspelt_is_told_what_to_write(docs_copy):
    lines = "\n".join(f"Link {number}: [here]({target})." for number, target in enumerate(WRONG_LINKS))
    edit(docs_copy, GROUP, lambda text: text + "\n" + lines + "\n")
    _, problems = load_site(docs_copy)
    assert len(problems) == len(WRONG_LINKS)
    last_line = len((docs_copy / GROUP).read_text(encoding="utf-8").splitlines())
    for problem, (target, (words, instead)) in zip(sorted(problems), WRONG_LINKS.items(), strict=True):
        assert problem.path == f"docs/{GROUP}" and problem.field == "link"
        assert problem.line == last_line - len(WRONG_LINKS) + 1 + list(WRONG_LINKS).index(target)
        assert words in problem.message and instead in problem.message, (target, problem.message)
        assert "docs//" not in problem.message


def test_the_links_suggested_are_accepted(docs_copy):
    edit(docs_copy, GROUP, lambda text: text + "\nSee [a](id:london-2014), [b](../report.md#context), "
                                               "[c](../messages/people-to-people-contact.md), "
                                               "[d](../../../organisations/conciliation-resources.md).\n")
    _, problems = load_site(docs_copy)
    assert problems == []


def test_a_build_with_a_link_from_the_root_is_refused_with_the_fix(docs_copy, tmp_path, capsys):
    edit(docs_copy, GROUP, lambda text: text + "\nSee [the meeting](/meetings/london-2014/).\n")
    status, err = run_build(docs_copy, tmp_path / "site", capsys)
    assert status == 1
    assert_problem(err, GROUP, line_of(docs_copy, GROUP, "See [the meeting]"), "link",
                   "(expected 'id:london-2014' or '../index.md')")
