"""What the site allows a browser to load, declared once: the
Content-Security-Policy every page carries in a <meta> tag, and the
`_headers` file that static hosts (Netlify, Cloudflare Pages) turn into
HTTP headers.

Readers have real reasons to fear being tracked, so the policy allows the
site's own origin and nothing else: no fonts, scripts, styles or images
from any other host, no inline scripts, nothing embedding the site.
"""

from __future__ import annotations

from pathlib import Path

from .site_model import SiteModel

# Directive -> allowed sources. `data:` images are the icons Material's own
# stylesheet carries inline; they are not requests. Frames are the site's
# own: the offline edition runs search in one (see offline_edition.py).
POLICY: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "frame-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

# Browsers ignore (and complain about) these in a <meta> tag: HTTP header only.
HEADER_ONLY_POLICY: dict[str, str] = {
    "frame-ancestors": "'none'",
}

# Headers for every path of the site, beside the policy.
STATIC_HEADERS: dict[str, str] = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

HEADERS_FILE = "_headers"


def _serialise(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


def meta_policy() -> str:
    """The policy for `<meta http-equiv="Content-Security-Policy">`."""
    return _serialise(POLICY)


def header_policy() -> str:
    """The policy for the HTTP header, which can also forbid framing."""
    return _serialise({**POLICY, **HEADER_ONLY_POLICY})


def static_host_headers() -> str:
    """The `_headers` file: one rule for every path of the site."""
    headers = {"Content-Security-Policy": header_policy(), **STATIC_HEADERS}
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def write_static_host_headers(model: SiteModel, site_dir: Path) -> None:
    """Post-build step: write `_headers` at the root of the site."""
    (site_dir / HEADERS_FILE).write_text(static_host_headers(), encoding="utf-8")


def template_globals() -> dict[str, str]:
    """What the page templates need to repeat the policy in every page."""
    return {"content_security_policy": meta_policy(), "referrer_policy": STATIC_HEADERS["Referrer-Policy"]}
