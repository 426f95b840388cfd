"""What must never reach the public site, checked on every published page:
personal contact data, and raw HTML that would run code or load other sites.

Peacebuilding work runs under "do no harm": an e-mail address or phone
number of a participant, once published, cannot be taken back, and a page
that runs a script or pulls an image from another server exposes its
readers. Both are refused with the line where they stand; a page may allow
an organisation's public contact explicitly (`allow_contacts`), and that
allowance is checked too.

Every check works on the page's source text, so it runs before MkDocs
renders anything and reports every problem of a run together.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from . import markdown_links
from .front_matter import FrontMatter, _field_name, string_values
from .problems import Problem

# --- personal data -------------------------------------------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,}}(?![\w-])")
# "name [at] example [dot] org", the usual disguise, is still an address.
DISGUISED_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s*[\[({]\s*at\s*[\])}]\s*[\w-]+(?:\s*(?:\.|[\[({]\s*dot\s*[\])}])\s*[\w-]+)+",
    re.IGNORECASE)
# The part every disguised address has, searched for first: it is much cheaper.
DISGUISED_AT = re.compile(r"[\[({]\s*at\s*[\])}]", re.IGNORECASE)
# A run of digits with the separators phone numbers use; dashes between
# years ("2011–2016") are not among them, and what precedes a digit inside
# a word, path or anchor ("london-2014", "#msg-2") stops a match.
PHONE_CANDIDATE = re.compile(r"(?<![\w/.%#=@&+:-])(?:\+|\(\+?)?\d(?:[\d \u00a0().\-/]*\d)?\)?(?![\w@%])")
TEL_LINK = re.compile(r"\btel:", re.IGNORECASE)
# Masked before looking for phone numbers: addresses and dates are full of digits.
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+(?:\([^\s<>()]*\)[^\s<>()\"']*)*", re.IGNORECASE)
DATE = re.compile(r"\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{4}\b")
THOUSANDS = re.compile(r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+")
YEAR = re.compile(r"1\d{3}|20\d{2}")
# Book and article identifiers are long digit runs too.
IDENTIFIER = re.compile(r"\b(?:ISBN|ISSN)(?:-1[03])?:?[ \u00a0]*[\dXx][\dXx \u00a0-]*|\b10\.\d{4,9}/\S+")

# --- active content ------------------------------------------------------

REFUSED_ELEMENTS = {
    "script": "it runs code in the reader's browser",
    "iframe": "it embeds another site, which then sees every reader",
    "frame": "it embeds another site, which then sees every reader",
    "frameset": "it embeds other sites, which then see every reader",
    "object": "it embeds a plug-in or another document that can run code",
    "embed": "it embeds a plug-in or another document that can run code",
    "applet": "it runs code in the reader's browser",
    "base": "it changes where every link of the page goes",
    "link": "it loads files into the page, possibly from another site",
    "meta": "it can redirect the reader or change how the page is handled",
    "form": "it sends what readers type to wherever it points",
    "style": "styles belong in overrides/assets/, and a style sheet can load files from other sites",
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
                  "xlink:href", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive"}
# Attributes whose value the browser fetches by itself as the page loads.
FETCHED_ATTRIBUTES = URL_ATTRIBUTES - {"href", "action", "formaction", "cite", "ping"}
CODE_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html", "data:application", "data:image/svg")
TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s<>\"'=/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>?")
ATTRIBUTE = re.compile(r"([^\s<>\"'=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
COMMENT = re.compile(r"<!--")
CSS_URL = re.compile(r"url\s*\(\s*[\"']?\s*(?:https?:)?//|@import|expression\s*\(", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    offset: int  # where in the text it starts
    message: str


# --- personal data -------------------------------------------------------

def normalise_contact(text: str) -> str:
    """One spelling per contact: addresses in lower case, phone numbers as
    their digits (an international prefix written + or 00 counts the same)."""
    text = text.strip()
    if "@" in text:
        return text.casefold()
    digits = re.sub(r"\D", "", text.replace("(0)", ""))  # "+44 (0)20": the 0 is dialled only at home
    return digits[2:] if text.startswith("00") else digits


DIGIT = re.compile(r"\d")
MIN_PHONE_DIGITS = 7  # the fewest `_looks_like_phone` accepts


def is_email(text: str) -> bool:
    return EMAIL.fullmatch(text.strip()) is not None


def is_phone_number(text: str) -> bool:
    candidate = text.strip()
    return PHONE_CANDIDATE.fullmatch(candidate) is not None and _looks_like_phone(candidate)


def _looks_like_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    international = candidate.lstrip("(").startswith(("+", "00"))
    if not (7 if international else 8) <= len(digits) <= 15:
        return False
    if international:
        return True
    groups = re.findall(r"\d+", candidate)
    if all(len(group) == 4 and YEAR.fullmatch(group) for group in groups):
        return False  # years: "2014 2015", "2011-2016"
    return not THOUSANDS.fullmatch(candidate)  # "12,500,000" is no phone number


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out every match, keeping offsets (and line breaks) where they were."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def contacts(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, 'e-mail address' or 'phone number', the contact) for each one in the text."""
    # Cheap tests first: this runs on every value and body of every page, and
    # most hold no "@" and too few digits to be a phone number.
    without_emails = text
    if "@" in text:
        for match in EMAIL.finditer(text):
            yield match.start(), "e-mail address", match.group(0)
        without_emails = _mask(text, EMAIL)
    if DISGUISED_AT.search(without_emails):
        for match in DISGUISED_EMAIL.finditer(without_emails):
            yield match.start(), "e-mail address", match.group(0)
    if len(DIGIT.findall(text)) >= MIN_PHONE_DIGITS:
        without_addresses = _mask(_mask(_mask(without_emails, URL), DATE), IDENTIFIER)
        for match in PHONE_CANDIDATE.finditer(without_addresses):
            candidate = match.group(0).strip()
            if _looks_like_phone(candidate):
                yield match.start(), "phone number", candidate
    for match in TEL_LINK.finditer(text):
        end = re.match(r"[^\s)\]\"'>]*", text[match.end():])
        yield match.start(), "phone number", text[match.start(): match.end() + (end.end() if end else 0)]


def _personal_data(text: str, allowed: set[str]) -> Iterator[Finding]:
    reported: set[int] = set()
    for offset, what, found in sorted(contacts(text)):
        if offset in reported:
            continue
        reported.add(offset)
        if normalise_contact(found.removeprefix("tel:")) in allowed or normalise_contact(found) in allowed:
            continue
        yield Finding(offset, f"{what} {found!r} would be published (expected no personal contact data; "
                              "an organisation's public contact may be listed in allow_contacts)")


# --- active content ------------------------------------------------------

def _url_value(raw: str) -> str:
    """An attribute or link target as the browser reads it: entities decoded,
    quotes, whitespace and control characters (which browsers skip inside a
    scheme) removed, lower case."""
    value = html.unescape(raw.strip().strip("\"'"))
    return re.sub(r"[\x00-\x20\x7f]+", "", value).casefold()


def _runs_code(url: str) -> bool:
    return _url_value(url).startswith(CODE_SCHEMES)


def _active_content(text: str) -> Iterator[Finding]:
    masked = markdown_links.without_code(text)  # code is shown as text: it cannot run
    for match in COMMENT.finditer(masked):
        yield Finding(match.start(), "an HTML comment would be published in the page's source, where anyone can read it "
                                     "(expected no hidden notes: keep internal notes out of docs/, or in a draft page)")
    for match in TAG.finditer(masked):
        name = match.group(1).casefold()
        if name in REFUSED_ELEMENTS:
            yield Finding(match.start(), f"<{name}> is refused: {REFUSED_ELEMENTS[name]} (expected Markdown or plain HTML without it)")
        yield from _attribute_findings(match.group(2), match.start(2), name)
    for match in ATTR_LIST.finditer(masked):
        yield from _attribute_findings(match.group(1), match.start(1), "")
    yield from _markdown_link_findings(masked)


def _attribute_findings(attributes: str, start: int, element: str) -> Iterator[Finding]:
    for attribute in ATTRIBUTE.finditer(attributes):
        name = attribute.group(1).casefold()
        value = attribute.group(2) or ""
        offset = start + attribute.start()
        if name.startswith("on"):
            yield Finding(offset, f"the event attribute {name}= is refused: it runs code in the reader's browser "
                                  "(expected no on…= attributes)")
        elif name in URL_ATTRIBUTES and _runs_code(value):
            yield Finding(offset, f"{name}={_url_value(value)[:30]!r}… is refused: a link that runs code "
                                  "(expected an http(s) address or a page of this site)")
        elif (name in FETCHED_ATTRIBUTES or (name == "href" and element not in ("a", "area", ""))) and \
                any(EXTERNAL.match(_url_value(part)) for part in re.split(r",\s*", value.strip("\"'"))):
            yield Finding(offset, f"{name}= loads a file from another site, which then sees every reader "
                                  "(expected a file of docs/, e.g. an image kept beside the page)")
        elif name == "style" and CSS_URL.search(html.unescape(value)):
            yield Finding(offset, "a style attribute that loads files or runs expressions is refused "
                                  "(expected styles in overrides/assets/)")


def _markdown_link_findings(masked: str) -> Iterator[Finding]:
    found = markdown_links.links(masked, code_blanked=True)
    definitions = {link.label.casefold(): link.target for link in found if link.label is not None}
    for link in found:
        if _runs_code(link.target):
            yield Finding(link.start, "a javascript: link is refused: it runs code in the reader's browser "
                                      "(expected an http(s) address or a page of this site)")
        elif link.is_image and EXTERNAL.match(_url_value(link.target)):
            yield Finding(link.start, f"the image {link.target[:60]!r} is on another site, which would see every reader "
                                      "(expected an image file of docs/, kept beside the page)")
    for offset, label in markdown_links.reference_images(masked, code_blanked=True):
        target = definitions.get(label.casefold())
        if target and EXTERNAL.match(_url_value(target)):
            yield Finding(offset, f"the image {target[:60]!r} is on another site, which would see every reader "
                                  "(expected an image file of docs/, kept beside the page)")


# --- the checks over a page ---------------------------------------------

def check_page(front: FrontMatter, display: str) -> list[Problem]:
    """Every personal contact and every piece of active content the page
    would publish, and every fault of its allow_contacts."""
    problems: list[Problem] = []
    raw_allowed = front.data.get("allow_contacts")
    raw_allowed = [a for a in raw_allowed if isinstance(a, str)] if isinstance(raw_allowed, list) else []
    allowed = {normalise_contact(a) for a in raw_allowed}
    shown: set[str] = set()  # normalised contacts the page shows, to find unused allowances

    for path, value in string_values(front.data):
        # The allowances themselves, and a translation's source_hash: a machine's
        # record, never shown, twelve hex digits that are now and then all figures.
        if path[:1] in (("allow_contacts",), ("source_hash",)):
            continue
        line, column = front.position(path)
        name = _field_name(path)
        for finding in list(_personal_data(value, allowed)) + list(_active_content(value)):
            problems.append(Problem(display, line, column, name, finding.message))
        if path[-1:] in (("title",), ("description",), ("nav_title",)) and re.search(r"[\"<>]", value):
            # The theme writes these into HTML attributes without escaping them.
            problems.append(Problem(display, line, column, name,
                                    "straight quotes and angle brackets are refused here, the theme writes this field "
                                    "into the page's HTML as it is (expected typographic quotes “ ” instead)"))
        shown.update(normalise_contact(found) for _, _, found in contacts(value))

    body = front.body
    findings = list(_personal_data(body, allowed)) + list(_active_content(body))
    if findings:
        lines = markdown_links.LineIndex(body)
        for finding in findings:
            line, column = lines.position(finding.offset)
            problems.append(Problem(display, front.body_line + line - 1, column, "body", finding.message))
    shown.update(normalise_contact(found.removeprefix("tel:")) for _, _, found in contacts(body))

    for index, contact in enumerate(raw_allowed):
        line, column = front.position(("allow_contacts", index))
        name = f"allow_contacts[{index}]"
        if not (is_email(contact) or is_phone_number(contact)):
            problems.append(Problem(display, line, column, name,
                                    f"{contact!r} is neither an e-mail address nor a phone number "
                                    "(expected one contact written as the page shows it, e.g. info@example.org or +44 20 7946 0000)"))
        elif normalise_contact(contact) not in shown:
            problems.append(Problem(display, line, column, name,
                                    f"{contact!r} is allowed but the page never shows it "
                                    "(expected only contacts the page publishes: remove it)"))
    return problems


# --- files beside the pages ----------------------------------------------

HTML_REFERENCE = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _referenced_files(src_path: str, body: str) -> set[str]:
    """docs/-relative paths of the files a page's body links to or shows."""
    targets = [link.target for link in markdown_links.links(body)]
    targets += HTML_REFERENCE.findall(body)
    folder = posixpath.dirname(src_path)
    found = set()
    for target in targets:
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if path and not EXTERNAL.match(path) and ":" not in path.split("/", 1)[0]:
            found.add(posixpath.normpath(posixpath.join(folder, path)))
    return found


def unused_files(docs_dir: Path, pages: list[tuple[str, FrontMatter]], display_root: Path) -> list[Problem]:
    """Files of docs/ other than pages that no page of this run uses.

    MkDocs publishes every file of docs/, so a photo or note that only a
    draft uses would reach the public site on its own."""
    used: set[str] = set()
    for src_path, front in pages:
        used |= _referenced_files(src_path, front.body)
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if (not path.is_file() or path.suffix == ".md" or relative.startswith("templates/")
                or any(part.startswith(".") for part in relative.split("/"))):
            continue  # MkDocs leaves hidden files and templates/ out of the site
        if relative not in used:
            try:
                display = path.resolve().relative_to(display_root.resolve()).as_posix()
            except ValueError:
                display = path.as_posix()
            problems.append(Problem(display, 1, 1, "file",
                                    "no published page uses this file, yet MkDocs would publish it "
                                    "(expected every file of docs/ to be shown or linked by a published page: "
                                    "keep a draft's files outside docs/ until the draft is published)"))
    return problems
