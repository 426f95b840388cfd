"""Printing pages from the browser: Debian's Chromium prints the served
site with Playwright's page.pdf() (print media), and the result is read
back with poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pypdf
import pytest

from support import SOURCE_REPORT

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "meetings/london-2014/report/",
    "meetings/london-2014/messages/people-to-people-contact/",
    "glossary/sca/",
    "meetings/london-2014/print/",
]


def printed(context, url: str, tmp_path: Path, *, paper: str = "A4", prepare: str | None = None) -> Path:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if prepare:
        page.evaluate(prepare)
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format=paper, print_background=True)
    page.close()
    return target


def page_texts(pdf: Path) -> list[str]:
    count = len(pypdf.PdfReader(pdf).pages)
    return [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout.split())
            for n in range(1, count + 1)]


def chrome_lines(context, url: str) -> list[str]:
    """The text of the site's header, navigation, tabs and footer on screen,
    line by line, without lines the article itself also says."""
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    chrome = page.evaluate("""() => [...document.querySelectorAll(
        '.md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .md-skip')]
        .map(e => e.textContent).join('\\n')""")
    # textContent, not innerText: the article's print-only header (the meeting's
    # title, which a previous/next link may also show) is the article's own text.
    article = " ".join(page.evaluate("document.querySelector('article').textContent").split())
    page.close()
    lines = {" ".join(line.split()) for line in chrome.splitlines()}
    return sorted(line for line in lines if len(line) >= 4 and line not in article)


@pytest.mark.parametrize("path", PAGES)
def test_printed_page_has_no_site_chrome_and_no_empty_sheet(browser_context, site_server, tmp_path, path):
    url = site_server + path
    chrome = chrome_lines(browser_context, url)
    assert "Programmes" in chrome  # the navigation is really there on screen
    texts = page_texts(printed(browser_context, url, tmp_path))
    whole = " ".join(texts)
    leaked = [line for line in chrome if line in whole]
    assert not leaked
    assert "Download PDF" not in whole
    empty = [number for number, text in enumerate(texts, start=1) if not text]
    assert not empty, f"empty sheets: {empty} of {len(texts)}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_header_names_the_meeting_on_any_paper(browser_context, site_server, tmp_path, paper):
    texts = page_texts(printed(browser_context, site_server + "glossary/sca/", tmp_path, paper=paper))
    assert texts[0].startswith("London joint strategic meeting 21 October 2014, London")
    assert all(texts)


def test_print_header_is_hidden_on_screen(browser_context, site_server):
    page = browser_context.new_page()
    page.goto(site_server + "glossary/sca/")
    assert page.locator(".print-header").count() == 1
    assert not page.locator(".print-header").is_visible()
    page.close()


def squeezed(text: str) -> str:
    """Text without whitespace: an address broken over two lines reads whole again."""
    return "".join(text.split())


def printed_text(pdf: Path) -> str:
    """The PDF's text as laid out, without whitespace. (pdftotext's default
    mode joins a word hyphenated at a line end, and drops its hyphen: an
    address broken after "meeting-" would lose it.)"""
    return squeezed(subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout)


def links_leaving_the_page(context, url: str) -> list[str]:
    """The public address of every link printed on the page (in print media)
    that leads off it, worked out here from the page's canonical address."""
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(url, wait_until="networkidle")
    canonical = page.get_attribute("link[rel=canonical]", "href")
    hrefs = page.eval_on_selector_all("article a[href]", """links => links
        .filter(link => link.getClientRects().length > 0)
        .map(link => link.getAttribute('href'))""")
    page.close()
    addresses = []
    for href in hrefs:
        address = urljoin(canonical, href)
        if href.startswith("#") or address.split("#")[0] == canonical:
            continue  # a place on the printed page itself
        if address not in addresses:
            addresses.append(address)
    return addresses


@pytest.mark.parametrize("path", PAGES)
def test_every_link_off_the_page_prints_its_full_address_once(browser_context, site_server, tmp_path, path):
    failed: list[str] = []
    browser_context.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    addresses = links_leaving_the_page(browser_context, site_server + path)
    assert addresses, "no link on the page"
    whole = printed_text(printed(browser_context, site_server + path, tmp_path))
    missing = [address for address in addresses if address not in whole]
    assert missing == [], (failed, browser_context.watch.console_errors, browser_context.watch.page_errors)
    assert [address for address in addresses if whole.count(f"({address})") > 1] == []
    assert [address for address in addresses if f"{address}({address})" in whole] == []
    # Never the address the page happens to be served from, nor a relative one.
    assert "127.0.0.1" not in whole and "(../" not in whole


def test_links_print_the_public_address(browser_context, site_server, tmp_path):
    pdf = printed(browser_context, site_server + "meetings/london-2014/report/", tmp_path)
    whole = printed_text(pdf)
    assert "(https://caucasuspeacebuilding.org/initiatives/comparative-learning-unit)" in whole
    # "why 2014" leads to the meeting page: on paper, its public address.
    at = whole.find("why2014")
    assert "why2014(https://meeting-report.example.org/meetings/london-2014/#date)" in whole, whole[at - 40:at + 120]
    # The citation's link says its address: printed once, not again in brackets.
    assert "thisedition:https://meeting-report.example.org/meetings/london-2014/report/.BibTeX:" in whole


def test_the_offline_edition_prints_the_public_address(browser_context, offline_edition, tmp_path):
    url = (offline_edition / "meetings/london-2014/messages/people-to-people-contact.html").as_uri()
    whole = printed_text(printed(browser_context, url, tmp_path))
    assert "(https://meeting-report.example.org/glossary/people-to-people-contact/)" in whole
    assert "file:" not in whole and ".html" not in whole


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_label_stays_with_what_it_labels(browser_context, site_server, tmp_path, paper):
    texts = page_texts(printed(browser_context, site_server + "meetings/london-2014/report/", tmp_path, paper=paper))
    label = [number for number, text in enumerate(texts) if "BibTeX:" in text]
    code = [number for number, text in enumerate(texts) if re.search(r"@\w+\{london-2014-report,", text)]
    assert label and label == code[:1]


def test_quotations_print_in_full_contrast(browser_context, site_server):
    page = browser_context.new_page()
    page.emulate_media(media="print")
    page.goto(site_server + "meetings/london-2014/messages/people-to-people-contact/", wait_until="networkidle")
    colours = page.eval_on_selector_all("article blockquote, article blockquote *",
                                        "elements => elements.map(element => getComputedStyle(element).color)")
    page.close()
    assert colours and set(colours) == {"rgb(0, 0, 0)"}


def test_collapsed_blocks_are_printed_open(browser_context, site_server, tmp_path):
    add_closed_details = """() => {
        const details = document.createElement('details');
        details.innerHTML = '<summary>More</summary><p>Folded text that paper must show.</p>';
        document.querySelector('article').appendChild(details);
    }"""
    whole = " ".join(page_texts(printed(browser_context, site_server + "glossary/sca/", tmp_path, prepare=add_closed_details)))
    assert "Folded text that paper must show." in whole


def test_printing_the_whole_report_page_prints_every_sentence(browser_context, site_server, tmp_path):
    whole = " ".join(page_texts(printed(browser_context, site_server + "meetings/london-2014/print/", tmp_path)))
    source = " ".join(SOURCE_REPORT.read_text(encoding="utf-8").split())
    missing = [s for s in re.split(r"(?<=[.!?])\s+", source) if s and s not in whole]
    assert not missing
