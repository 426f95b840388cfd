"""What a build for publishing needs from mkdocs.yml that a local build may
leave open: the site's public address (`site_url`), and who publishes this
edition with a public contact for corrections (`extra.edition`).

Every absolute address the site gives (canonical links, link previews,
structured data, the sitemap, the citation, metadata.json, the PDF's links)
is made from `site_url`, so a placeholder there turns each of them into an
address that will never work, and a citation or a printed PDF cannot be
called back. Who publishes the edition is never guessed: until it is set,
the pages say that it is not yet named. A local build may leave both open
and says so in one line; a build for publishing (`scripts/build.py
--publish`, `mkdocs gh-deploy`) refuses, naming the line of mkdocs.yml.

The contact is shown on every page, so it follows the site's rule on
personal data (safety.py): an e-mail address or web page that the author
confirms is public (`contact_is_public: true`), never a phone number.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node

from . import safety
from .problems import Problem

EDITION_FIELDS = ("publisher", "contact", "contact_is_public")
# RFC 2606 and RFC 6761: names reserved for examples and tests, which serve no public site.
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost", "local")

Position = tuple[int, int]


@dataclass(frozen=True)
class Edition:
    """Who publishes this edition and where readers send corrections; None
    while not yet named."""

    publisher: str | None = None
    contact: str | None = None

    @property
    def contact_href(self) -> str | None:
        if self.contact is None:
            return None
        return f"mailto:{self.contact}" if safety.is_email(self.contact) else self.contact


@dataclass(frozen=True)
class PublishingSettings:
    """The settings a publishing build needs, as read from one mkdocs.yml,
    with where each stands in it (for messages)."""

    config: str  # the file as messages name it
    site_url: str | None
    edition: Edition = field(default_factory=Edition)
    positions: Mapping[tuple[str, ...], Position] = field(default_factory=dict)

    def position(self, *path: str) -> Position:
        """Line and column of a setting, or of the closest setting that holds it."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

    def problem(self, path: tuple[str, ...], message: str) -> Problem:
        line, column = self.position(*path)
        return Problem(self.config, line, column, ".".join(path), message)


def read_settings(config_file: Path, site_url: str | None, extra: Mapping[str, Any],
                  site_author: str | None = None) -> tuple[PublishingSettings, list[Problem]]:
    """The address and the edition from a loaded configuration; problems
    for an `extra.edition` that is malformed, which every build refuses."""
    settings = PublishingSettings(config_display(config_file), site_url or None,
                                  positions=setting_positions(config_file))
    problems: list[Problem] = []
    if site_author:
        problems.append(settings.problem(("site_author",), (
            "set from extra.edition.publisher (expected no site_author of its own, "
            "so that the page metadata and the About page cannot name different publishers)")))
    raw = extra.get("edition")
    if raw is None:
        return settings, problems
    if not isinstance(raw, Mapping):
        problems.append(settings.problem(("extra", "edition"), (
            f"{type(raw).__name__} (expected a mapping with {', '.join(EDITION_FIELDS)})")))
        return settings, problems
    for key in raw:
        if key not in EDITION_FIELDS:
            close = difflib.get_close_matches(str(key), EDITION_FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(EDITION_FIELDS)}"
            problems.append(settings.problem(("extra", "edition", str(key)), f"unknown setting ({hint})"))
    publisher = _text(raw.get("publisher"), ("extra", "edition", "publisher"), settings, problems)
    contact = _text(raw.get("contact"), ("extra", "edition", "contact"), settings, problems)
    if publisher is not None:
        for _, what, found in safety.contacts(publisher):
            problems.append(settings.problem(("extra", "edition", "publisher"), (
                f"holds the {what} {found!r} (expected a name only; the public contact goes in contact)")))
    public = raw.get("contact_is_public", False)
    if not isinstance(public, bool):
        problems.append(settings.problem(("extra", "edition", "contact_is_public"), (
            f"{public!r} (expected true or false)")))
        public = False
    if contact is not None:
        if not (safety.is_email(contact) or _is_web_address(contact)):
            problems.append(settings.problem(("extra", "edition", "contact"), (
                f"{contact!r} is neither an e-mail address nor a web address (expected a public e-mail "
                "address or an https:// page where readers send corrections; no phone number)")))
        elif not public:
            problems.append(settings.problem(("extra", "edition", "contact"), (
                f"{contact!r} would be published on every page (expected contact_is_public: true beside it, "
                "confirming it is a public contact, an organisation's say, and no person's private address)")))
    return PublishingSettings(settings.config, settings.site_url, Edition(publisher, contact),
                              settings.positions), problems


@dataclass(frozen=True)
class _Unready:
    """A setting a publishing build refuses: where, in brief, and in full."""

    path: tuple[str, ...]
    brief: str
    message: str


def unpublishable(settings: PublishingSettings) -> list[Problem]:
    """What a build for publishing refuses: an address that is not the
    site's public one, and an edition without a named publisher or contact."""
    return [settings.problem(unready.path, unready.message) for unready in _unready(settings)]


def local_build_notice(settings: PublishingSettings) -> str | None:
    """One line for a local build that a publishing build would refuse."""
    briefs = [unready.brief for unready in _unready(settings)]
    if not briefs:
        return None
    listed = briefs[0] if len(briefs) == 1 else ", ".join(briefs[:-1]) + " and " + briefs[-1]
    return (f"Local build, not for publishing: {settings.config} has {listed}; "
            "`python scripts/build.py --publish` refuses it until they are set.")


def _unready(settings: PublishingSettings) -> list[_Unready]:
    found: list[_Unready] = []
    used_for = ("every canonical link, link preview, sitemap entry, citation and PDF link is made from it, "
                "and none would work")
    if settings.site_url is None:
        found.append(_Unready(("site_url",), "no site_url", (
            "not set (expected the address where readers will find this site, "
            f"e.g. https://reports.your-organisation.org/: {used_for})")))
    elif reason := placeholder_reason(settings.site_url):
        found.append(_Unready(("site_url",), f"a placeholder site_url ({settings.site_url})", (
            f"{settings.site_url} is a placeholder: {reason} (expected the address where readers will find "
            f"this site: {used_for})")))
    edition = settings.edition
    if edition.publisher is None:
        found.append(_Unready(("extra", "edition", "publisher"), "no publisher named for this edition", (
            "not set (expected the name of whoever publishes this edition, as the About page and "
            "every footer will show it; it is never guessed)")))
    if edition.contact is None:
        found.append(_Unready(("extra", "edition", "contact"), "no contact for corrections", (
            "not set (expected a public e-mail address or web page where readers send corrections)")))
    elif reason := placeholder_reason(edition.contact_href or ""):
        found.append(_Unready(("extra", "edition", "contact"), "a placeholder contact", (
            f"{edition.contact} is a placeholder: {reason} (expected a contact that reaches the publisher)")))
    return found


def placeholder_reason(address: str) -> str | None:
    """Why an address (a web address, or mailto:) cannot be a public one, or None."""
    parts = urlsplit(address)
    if parts.scheme == "mailto":
        host = parts.path.rpartition("@")[2]
    elif parts.scheme in ("http", "https"):
        host = parts.hostname or ""
    else:
        return f"{parts.scheme or 'no scheme'} is not a web address (expected https://…)"
    host = host.rstrip(".").lower()
    if not host:
        return "it names no host"
    for domain in EXAMPLE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return f"{domain} is reserved for examples and reaches no one"
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if "." not in host:
            return f"{host} names one machine or network, not a public site (expected a full domain name)"
        top = host.rpartition(".")[2]
        if top in RESERVED_TOP_LEVEL:
            return f".{top} names are reserved for examples, tests and local machines, not for a public site"
        return None
    return None if ip.is_global else f"{host} is a local or private address that readers cannot reach"


def config_display(config_file: Path) -> str:
    """The configuration file as messages name it: relative to the working
    directory when it lies inside it (`mkdocs.yml`), else in full."""
    path = config_file.resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.fspath(config_file)


def setting_positions(config_file: Path) -> dict[tuple[str, ...], Position]:
    """1-based (line, column) of each mapping value of the configuration,
    by key path. Only composed, never constructed, so MkDocs' own tags
    (`!ENV`, `!relative`) need no constructor; MkDocs has already loaded the
    file, so a file it accepted is expected to compose."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    positions: dict[tuple[str, ...], Position] = {}

    def walk(node: Node, path: tuple[str, ...]) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                here = (*path, str(key.value))
                mark = value.start_mark if value.start_mark.line == key.start_mark.line else key.start_mark
                positions[here] = (mark.line + 1, mark.column + 1)
                walk(value, here)

    if root is not None:
        walk(root, ())
    return positions


def _text(value: Any, path: tuple[str, ...], settings: PublishingSettings, problems: list[Problem]) -> str | None:
    """A setting's text, None when not set (absent, empty or blank)."""
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(settings.problem(path, f"{value!r} (expected text)"))
        return None
    return " ".join(value.split()) or None


def _is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in text)


# What of the theme folder (mkdocs.yml's custom_dir, overrides/) readers get: the
# files under these folders. Everything else there is the build's own material
# (templates, the scaffold's skeletons and placeholder list, the review package).
PUBLISHED_THEME_FOLDERS = ("assets/",)


def is_published_theme_file(src_uri: str) -> bool:
    """Whether a non-template file of the theme folder is published (path relative to it)."""
    return src_uri.startswith(PUBLISHED_THEME_FOLDERS)
