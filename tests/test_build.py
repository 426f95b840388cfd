"""One real build of the repository, asserted on its HTML and metadata."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import jsonschema
import pytest

from support import ROOT, SOURCE_REPORT


def page_text(html_text: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S)
    body = re.sub(r"<[^>]+>", "", body)
    return " ".join(html.unescape(body).split())


def source_sentences() -> list[str]:
    text = " ".join(SOURCE_REPORT.read_text(encoding="utf-8").split())
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_of(document: str) -> str:
    """The page's own content, without the navigation around it."""
    match = re.search(r"<article\b.*?</article>", document, flags=re.S)
    assert match, "every page has an <article>"
    return match.group(0)


def test_source_copy_matches_the_shared_source():
    shared = ROOT.parent / "shared" / "source" / "meeting-report.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SOURCE_REPORT.read_bytes() == shared.read_bytes()


def test_every_page_exists(built_site, built_model):
    assert len(built_model.pages) >= 25
    for page in built_model.pages:
        assert (built_site / page.url / "index.html").is_file(), page.src_path


def test_every_source_sentence_is_on_the_source_text_page(built_site):
    text = page_text(html_of(built_site, "meetings/london-2014/source-text/"))
    sentences = source_sentences()
    assert len(sentences) >= 8
    for sentence in sentences:
        assert sentence in text, sentence


def test_every_source_sentence_is_in_the_report_with_corrections_applied(built_site, built_model):
    report = built_model.by_id["london-2014-report"]
    text = page_text(html_of(built_site, report.url))
    corrections = report.meta["corrections"]
    assert corrections, "the report declares its correction of the CLU's name"
    for sentence in source_sentences():
        for correction in corrections:
            sentence = sentence.replace(correction["original"], correction["corrected"])
        assert sentence in text, sentence
    for correction in corrections:
        assert correction["note"][:40] in text or "Editorial note" in text


def test_report_sections_have_stable_anchors(built_site):
    page = html_of(built_site, "meetings/london-2014/report/")
    for anchor in ("context", "aims", "participants", "discussion", "key-messages"):
        assert f'id="{anchor}"' in page, anchor


@pytest.mark.parametrize("kind,index_url", [
    ("group", "meetings/london-2014/groups/"),
    ("message", "meetings/london-2014/messages/"),
    ("organisation", "organisations/"),
    ("programme", "programmes/"),
    ("term", "glossary/"),
])
def test_every_index_lists_every_page_of_its_kind(built_site, built_model, kind, index_url):
    page = html_of(built_site, index_url)
    pages = built_model.of_kind(kind)
    assert len(pages) >= 2
    for listed in pages:
        href = "/" + listed.url
        links = {urljoin("/" + index_url, h) for h in re.findall(r'href="([^"#]+)"', page)}
        assert href in links, f"{listed.id} not linked from {index_url}"


def test_at_least_five_groups_and_messages(built_model):
    assert len(built_model.of_kind("group", "london-2014")) == 5
    assert len(built_model.of_kind("message", "london-2014")) >= 5


def test_tags_index_lists_every_tag(built_site, built_model):
    page = html_of(built_site, "tags/")
    for tag, pages in built_model.tags().items():
        assert html.escape(tag) in page
        for tagged in pages:
            assert f'href="../{tagged.url}' in page, (tag, tagged.id)


def test_every_reference_became_a_working_link(built_site, built_model):
    from report_site import schema
    from report_site.site_model import _values_at
    checked = 0
    for page in built_model.pages:
        if page.generated:
            continue
        document = html_of(built_site, page.url)
        hrefs = {unquote(urljoin("/" + page.url, h).split("#")[0]) for h in re.findall(r'href="([^"]+)"', document)}
        for path, _ in schema.reference_fields(page.kind):
            for _, target_id in _values_at(page.meta, path):
                target = built_model.by_id[target_id]
                assert "/" + target.url in hrefs, f"{page.src_path}: reference to {target_id} is not a link"
                assert (built_site / target.url / "index.html").is_file()
                checked += 1
    assert checked >= 20


def test_message_pages_quote_and_link_their_passage(built_site, built_model):
    for message in built_model.of_kind("message"):
        document = html_of(built_site, message.url)
        text = page_text(document)
        for passage in message.meta["passages"]:
            assert " ".join(passage["quote"].split()) in text
            assert f'report/#{passage["anchor"]}"' in document


def test_abbreviations_have_tooltips_on_every_page(built_site, built_model):
    for page in built_model.pages:
        document = article_of(html_of(built_site, page.url))
        for match in re.finditer(r"\b(NK|EPNK|CLU)\b", page_text(document)):
            assert re.search(rf'<abbr title="[^"]+">{match.group(1)}</abbr>', document), (page.url, match.group(1))
            break


def test_metadata_json_lists_every_page_and_validates(built_site, built_model):
    document = json.loads((built_site / "metadata.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "metadata.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    ids = {page["id"] for page in document["pages"]}
    assert ids == {page.id for page in built_model.pages}
    meeting = next(page for page in document["pages"] if page["id"] == "london-2014")
    assert meeting["date"] == "2014-10-21"
    assert "inferred" in meeting["date_note"]
    alert = {"id": "international-alert", "title": meeting["organisers"][0]["title"], "url": "organisations/international-alert/"}
    assert alert in meeting["organisers"]
    for page in document["pages"]:
        assert (built_site / page["url"] / "index.html").is_file()


def test_navigation_has_sections_from_metadata(built_site, built_model):
    document = html_of(built_site, "")
    for group in built_model.of_kind("group"):
        assert group.nav_title in html.unescape(document)
    for label in ("Participant groups", "Key messages", "Organisations", "Programmes", "Glossary", "About"):
        assert label in document


def test_full_names_carry_no_tooltip_but_short_forms_do(built_site):
    report = article_of(html_of(built_site, "meetings/london-2014/report/"))
    assert 'International <abbr' not in report
    assert '<abbr title="International Alert">Alert</abbr>’s' in report


def test_nothing_of_the_theme_folder_but_its_assets_is_published(built_site):
    # overrides/ holds the build's own material beside the templates (the scaffold's
    # placeholder list, the review package): MkDocs copies any non-template file of it.
    overrides = ROOT / "overrides"
    # Templates (*.html, and sitemap.xml, which Material renders) are pages of their own.
    kept_back = [path.relative_to(overrides).as_posix() for path in overrides.rglob("*")
                 if path.is_file() and path.suffix != ".html" and path.name != "sitemap.xml"
                 and not path.relative_to(overrides).as_posix().startswith("assets/")]
    assert kept_back, "expected overrides/ to hold more than assets/"
    for edition_root in [built_site, *(built_site / code for code in ("ru", "hy", "az"))]:
        published = [name for name in kept_back if (edition_root / name).exists()]
        assert not published, f"{edition_root}: published from overrides/: {published}"
