"""One public address and a named publisher (report_site.publishing): a
build for publishing refuses a placeholder address and an unnamed edition;
a build with a real-looking address gives no other address anywhere (HTML,
sitemap, metadata.json, the PDF's links); who publishes is shown when set
and never invented when not."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from report_site import downloads, publishing
from report_site.pdf import write_report_pdfs
from report_site.publish import BuildResult, build
from report_site.whole_report import reading_order
from support import DOCS, ROOT, config_for, refused_build

PLACEHOLDER = "https://meeting-report.example.org/"
# A real-looking address with a path, so that an address made from the host alone shows.
SITE_URL = "https://reports.test-archive.net/meeting-reports/"
PUBLISHER = "Test Archive of Peace Reports"
CONTACT = "corrections@test-archive.net"
ABSOLUTE = re.compile(r"""https?://[^\s"'<>)\]\\]+""")


def configured(folder: Path, *, site_url: str | None = None, edition: str | None = None,
               extra_lines: str = "") -> Path:
    """A copy of mkdocs.yml (building the repository's pages) with another
    address and `extra.edition` block."""
    config = config_for(DOCS, folder)
    text = config.read_text(encoding="utf-8")
    if site_url is not None:
        text = text.replace(f"site_url: {PLACEHOLDER}\n", f"site_url: {site_url}\n", 1)
    if edition is not None:
        start = text.index("  edition:\n")
        end = text.index("\n\n", start)
        text = text[:start] + edition.rstrip("\n") + text[end:]
    config.write_text(text + extra_lines, encoding="utf-8")
    return config


def line_of(config: Path, startswith: str) -> int:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(startswith))


EDITION = f"""  edition:
    publisher: {PUBLISHER}
    contact: {CONTACT}
    contact_is_public: true
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> BuildResult:
    """A build for publishing, with a real-looking address and a named
    edition: the HTML and the PDF (the offline edition is another build
    with its own tests)."""
    folder = tmp_path_factory.mktemp("published")
    config = configured(folder, site_url=SITE_URL, edition=EDITION)
    return build(config_file=config, site_dir=folder / "site", steps=[write_report_pdfs], publishing=True)


# --- the refusal ---------------------------------------------------------

def test_a_publishing_build_refuses_the_placeholder_address_and_the_unnamed_edition(old_site, capsys):
    config = ROOT / "mkdocs.yml"
    err = refused_build(["--publish"], old_site, capsys)
    site_url_line = line_of(config, "site_url:")
    assert re.search(rf"(^|/)mkdocs\.yml:{site_url_line}:\d+: site_url: {re.escape(PLACEHOLDER)} is a placeholder: "
                     r"example\.org is reserved", err, re.M), err
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    publisher:')}:\d+: extra\.edition\.publisher: not set", err), err
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    contact:')}:\d+: extra\.edition\.contact: not set", err), err
    assert "3 problems found; nothing was published." in err


@pytest.mark.parametrize("address", [
    "https://example.com/", "https://reports.example.net/", "http://localhost:8000/",
    "http://127.0.0.1:8000/", "https://192.168.1.20/report/", "https://reports.test/", "https://intranet/",
])
def test_a_publishing_build_refuses_any_address_that_is_not_a_public_one(tmp_path, old_site, capsys, address):
    config = configured(tmp_path, site_url=address, edition=EDITION)
    err = refused_build(["--publish", "--config", str(config)], old_site, capsys)
    assert re.search(rf"mkdocs\.yml:{line_of(config, 'site_url:')}:\d+: site_url: {re.escape(address)} is a placeholder", err)
    assert "1 problem found" in err


def test_a_publishing_build_refuses_a_placeholder_contact(tmp_path, old_site, capsys):
    config = configured(tmp_path, site_url=SITE_URL,
                        edition=EDITION.replace(CONTACT, "corrections@example.org"))
    err = refused_build(["--publish", "--config", str(config)], old_site, capsys)
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    contact:')}:\d+: extra\.edition\.contact: "
                     r"corrections@example\.org is a placeholder", err)


def test_every_build_refuses_a_contact_not_confirmed_public_and_other_malformed_settings(tmp_path, old_site, capsys):
    edition = """  edition:
    publisher: Someone +44 20 7946 0000
    contact: someone.private@mail.test-archive.net
    contakt: x
"""
    config = configured(tmp_path, edition=edition, extra_lines="site_author: International Alert\n")
    err = refused_build(["--html-only", "--config", str(config)], old_site, capsys)  # a local build, too
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    contact:')}:\d+: extra\.edition\.contact: "
                     r"'someone\.private@mail\.test-archive\.net' would be published on every page "
                     r"\(expected contact_is_public: true", err), err
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    publisher:')}:\d+: extra\.edition\.publisher: "
                     r"holds the phone number", err), err
    assert re.search(rf"mkdocs\.yml:{line_of(config, '    contakt:')}:\d+: extra\.edition\.contakt: "
                     r"unknown setting \(did you mean 'contact'\?\)", err), err
    assert re.search(rf"mkdocs\.yml:{line_of(config, 'site_author:')}:\d+: site_author: set from extra\.edition\.publisher", err)


def test_a_phone_number_is_no_contact(tmp_path):
    settings, problems = publishing.read_settings(
        configured(tmp_path), SITE_URL, {"edition": {"contact": "+44 20 7946 0000", "contact_is_public": True}})
    assert [problem.field for problem in problems] == ["extra.edition.contact"]
    assert "neither an e-mail address nor a web address" in problems[0].message


def test_mkdocs_gh_deploy_makes_the_same_checks(tmp_path):
    """`mkdocs gh-deploy` publishes too: the plugin refuses before anything is written."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="gh-deploy", dirty=False)
    try:
        with pytest.raises(Abort, match=r"site_url: https://meeting-report\.example\.org/ is a placeholder"):
            mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert not (tmp_path / "site").exists()


def test_a_local_build_may_use_the_placeholder_and_says_so_in_one_line(built):
    lines = [line for line in built.summary().splitlines() if "not for publishing" in line]
    assert len(lines) == 1
    assert PLACEHOLDER in lines[0] and "mkdocs.yml" in lines[0]
    assert "no publisher named" in lines[0] and "--publish" in lines[0]


def test_a_publishing_build_says_nothing_of_the_kind(published):
    assert published.not_for_publishing is None
    assert "not for publishing" not in published.summary()


@pytest.mark.parametrize(("address", "public"), [
    (SITE_URL, True), ("https://www.c-r.org/", True), ("http://8.8.8.8/", True),
    (PLACEHOLDER, False), ("https://EXAMPLE.ORG./", False), ("https://docs.example/", False),
    ("https://site.invalid/", False), ("http://[::1]/", False), ("ftp://reports.test-archive.net/", False),
    ("mailto:corrections@example.com", False), ("mailto:corrections@test-archive.net", True),
])
def test_which_addresses_are_placeholders(address, public):
    assert (publishing.placeholder_reason(address) is None) == public


# --- every address from the one setting -----------------------------------

def text_files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*")) if path.suffix in {".html", ".xml", ".json", ".js", ".txt"}}


def pdf_uris(pdf: Path) -> list[str]:
    uris = []
    for page in pypdf.PdfReader(pdf).pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def test_no_placeholder_address_reaches_a_publishing_build(published):
    host = urlsplit(PLACEHOLDER).hostname
    leaks = [name for name, text in text_files(published.site_dir).items() if host in text]
    assert not leaks
    pdf = published.site_dir / downloads.pdf_path(published.model.by_id["london-2014"])
    assert not [uri for uri in pdf_uris(pdf) if host in uri]


def test_every_address_of_the_site_starts_with_the_configured_one(published):
    """Any absolute address on this site's host, in any file or PDF link, is
    under the configured address (path included); none is on another
    address of the site."""
    host = urlsplit(SITE_URL).hostname
    found: list[str] = []
    for text in text_files(published.site_dir).values():
        found += ABSOLUTE.findall(html.unescape(text))
    for pdf in published.site_dir.rglob("*.pdf"):
        found += pdf_uris(pdf)
    ours = [address for address in found if urlsplit(address).hostname == host]
    assert len(ours) > 100
    assert not [address for address in ours if not address.startswith(SITE_URL)]


def test_canonical_sitemap_metadata_and_citation_use_the_configured_address(published):
    site, model = published.site_dir, published.model
    for page in model.pages:
        document = (site / page.url / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{SITE_URL}{page.url}">' in document, page.url
        assert f'<meta property="og:url" content="{SITE_URL}{page.url}">' in document, page.url
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # The root sitemap lists every language edition's address of each page.
    languages = [m.language for m in model.editions()]
    prefixes = ["" if code == "en" else code + "/" for code in languages]
    assert set(re.findall(r"<loc>([^<]+)</loc>", sitemap)) == {SITE_URL + prefix + page.url for prefix in prefixes for page in model.pages}
    report = model.by_id["london-2014-report"]
    metadata = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    citation = next(page["citation"] for page in metadata["pages"] if page["id"] == report.id)
    assert f"Read in this edition: {SITE_URL}{report.url}." in citation["text"]
    assert f"Read in this edition: {SITE_URL}{report.url}." in citation["bibtex"]
    report_page = (site / report.url / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}{report.url}"' in report_page  # "Cite this report"


def test_the_pdf_links_its_own_pages_inside_and_the_others_at_the_configured_address(published):
    model = published.model
    meeting = model.by_id["london-2014"]
    reader = pypdf.PdfReader(published.site_dir / downloads.pdf_path(meeting))
    contained = {page.url for _, _, pages in reading_order(model, meeting) for page in pages}
    by_url = {SITE_URL + page.url: page for page in model.pages}
    destinations, site_links = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            if "/Dest" in link:
                destinations.append(str(link["/Dest"]))
            elif "/A" in link and "/URI" in link["/A"] and str(link["/A"]["/URI"]).startswith(SITE_URL):
                site_links.append(str(link["/A"]["/URI"]))
    assert len(destinations) > 30 and set(destinations) <= set(reader.named_destinations)
    assert {f"{meeting.id}--date", "london-2014-report--key-messages"} <= set(destinations)
    assert any(link.startswith(SITE_URL + "organisations/") for link in site_links)
    for link in site_links:
        target = by_url.get(link.split("#")[0])
        assert target is not None, f"{link}: no page of the site"
        assert target.url not in contained, f"{link}: the PDF contains that page, so it should link inside"
    # The cover names this edition by the configured address.
    cover = reader.pages[0].extract_text()
    assert urlsplit(SITE_URL).hostname in cover


# --- who publishes this edition --------------------------------------------

def visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def footer_of(document: str) -> str:
    return visible_text(re.search(r'<div class="md-copyright">.*?</div>\s*</div>', document, flags=re.S).group(0))


def about_section(document: str) -> str:
    match = re.search(r'<h2 id="publisher">.*?(?=<h2 )', document, flags=re.S)
    assert match, "the About page has its “Who publishes this edition” section"
    return visible_text(match.group(0))


def test_the_publisher_and_contact_are_shown_on_about_in_every_footer_and_in_the_metadata(published):
    site, model = published.site_dir, published.model
    about = (site / model.by_id["about"].url / "index.html").read_text(encoding="utf-8")
    section = about_section(about)
    assert f"This edition is published by {PUBLISHER}." in section
    assert f"Send corrections and questions about this edition to {CONTACT}." in section
    assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in about
    for page in model.pages:
        document = (site / page.url / "index.html").read_text(encoding="utf-8")
        assert f"This edition is published by {PUBLISHER}. Corrections: {CONTACT}." in footer_of(document), page.url
        assert f'<meta name="author" content="{PUBLISHER}">' in document, page.url
    home = (site / "index.html").read_text(encoding="utf-8")
    website = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))
    assert website["publisher"] == {"@type": "Organization", "name": PUBLISHER,
                                    "contactPoint": {"@type": "ContactPoint", "contactType": "corrections", "email": CONTACT}}


def test_an_unnamed_publisher_is_never_invented(built_site, built_model):
    """The repository names no publisher: no page names one (the organisers
    included), and About and every footer say it is not yet named."""
    about = (built_site / built_model.by_id["about"].url / "index.html").read_text(encoding="utf-8")
    assert "The publisher of this edition is not yet named." in about_section(about)
    assert "There is no contact for corrections yet." in about_section(about)
    for page in built_model.pages:
        document = (built_site / page.url / "index.html").read_text(encoding="utf-8")
        assert "The publisher of this edition is not yet named." in footer_of(document), page.url
        assert "Corrections:" not in footer_of(document)
        assert '<meta name="author"' not in document, page.url
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', document, re.S):
            assert "publisher" not in json.loads(block), page.url  # (the report's source names its own)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '"publisher"' not in home


def test_a_contact_page_is_linked_as_it_is(tmp_path):
    settings, problems = publishing.read_settings(configured(tmp_path), SITE_URL, {"edition": {
        "publisher": PUBLISHER, "contact": "https://test-archive.net/corrections", "contact_is_public": True}})
    assert not problems and not publishing.unpublishable(settings)
    assert settings.edition.contact_href == "https://test-archive.net/corrections"


def test_a_build_ends_saying_where_the_site_is_and_how_to_open_it(built):
    """The README's first command ends with these lines: a reader of the terminal learns where the
    site is, the command that serves it, and where the offline edition is."""
    last_lines = built.summary().splitlines()[-3:]
    site = str(built.site_dir)
    assert any(line.startswith("Site: ") and site in line for line in last_lines), last_lines
    serve = next(line for line in last_lines if "http.server" in line)
    assert f"-d {site}" in serve and "http://127.0.0.1:8000/" in serve
    assert any(line.endswith("downloads/meeting-report-offline.zip") for line in last_lines)
    assert (built.site_dir / "downloads" / "meeting-report-offline.zip").is_file()
